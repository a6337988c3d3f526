"""Reads of the counter-sale screens that reach into the catalogue."""

import re

from django.db.models import QuerySet

from catalog.models import Product
from vendors.models import Vendor

from .services import SELLABLE

PRODUCT_URL = re.compile(r"/produk/(?P<slug>[-\w]+)/?")
LIST_LIMIT = 60


def counter_products(vendor: Vendor, query: str = "") -> QuerySet:
    """The vendor's products that can be sold over the counter, matching a name or a scanned/pasted label URL."""
    rows = Product.objects.filter(vendor=vendor, status__in=SELLABLE).only(
        "pk", "name", "price", "sale_unit", "stock_on_hand", "stock_reserved", "made_to_order", "slug", "vendor_id"
    )
    query = (query or "").strip()[:200]
    if match := PRODUCT_URL.search(query):
        rows = rows.filter(slug=match["slug"])
    elif query:
        rows = rows.filter(name__icontains=query)
    return rows.order_by("name")
