"""PostgreSQL's planner sees the catalogue's filters as they are: its plans follow its row estimates."""

import json

import pytest
from django.db import connection

from catalog.models import Product
from tests import factories

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="planner statistics are PostgreSQL's"),
]


def _estimated_rows(queryset) -> float:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    return (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"]


def test_the_planner_knows_that_most_products_are_in_stock():
    """Without the statistics of migration 0012, "in stock" (two columns compared) was guessed at a third of
    the rows: a "tersedia" list then looked 2.5 times rarer than it is, and search + filters read every match
    instead of walking the sort index for a page (9 ms of SQL against 0.2 ms on the bench data set)."""
    vendor = factories.VendorFactory()
    products = factories.ProductFactory.build_batch(300, vendor=vendor, stock_on_hand=10)
    for product in products[:30]:
        product.stock_reserved = 10  # sold out: everything on hand is held
    Product.objects.bulk_create(products)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalog_product")

    available = Product.objects.available()
    assert available.count() == 270
    assert 240 <= _estimated_rows(available) <= 300
