"""Real concurrent deliveries on PostgreSQL: each vendor's faktur numbers run 1, 2, 3… with no repeat and no gap."""

import pytest
from django.db import connection

from buyers.models import Invoice, InvoiceSeries
from buyers.services import occurrences as drops
from tests import factories
from tests.orders.test_concurrency import race

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def confirmed_drops(vendor, count: int) -> list:
    product = factories.ProductFactory(vendor=vendor, stock_on_hand=100)
    result = []
    for _n in range(count):
        order = factories.buyer_order(factories.OrganisationFactory(), product)
        drop = order.occurrences.get()
        drops.occurrence_confirm(occurrence=drop, actor=None)
        result.append(drop)
    return result


def test_deliveries_racing_at_two_vendors_number_each_vendors_faktur_without_repeat_or_gap():
    vendor_a, vendor_b = factories.VendorFactory(), factories.VendorFactory()
    pending = confirmed_drops(vendor_a, 6) + confirmed_drops(vendor_b, 4)

    results = race([lambda d=drop: drops.occurrence_deliver(occurrence=d, actor=None) for drop in pending])

    assert all(isinstance(r, Invoice) for r in results), results
    for vendor, count in ((vendor_a, 6), (vendor_b, 4)):
        numbers = sorted(Invoice.objects.filter(vendor=vendor).values_list("number", flat=True))
        assert numbers == list(range(1, count + 1))
        assert InvoiceSeries.objects.get(vendor=vendor).last_number == count
