"""Real concurrent shoppers on PostgreSQL: row locks in pk order must never oversell or deadlock."""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from catalog.models import Product
from orders.models import Reservation
from orders.services import OutOfStock, pickup_dates, reservation_place
from tests import factories

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def race(jobs):
    """Run every job at once behind a barrier; return each job's result or exception."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait(timeout=30)
            results[index] = job()
        except Exception as exc:  # noqa: BLE001 - collected and asserted on below
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a shopper is stuck (deadlock?)"
    return results


def checkout(shopper, items, day):
    return lambda: reservation_place(
        shopper=shopper, items=items, pickup_date=day, contact_name="Pembeli", checkout_token=f"t-{shopper.pk}"
    )


@pytest.fixture
def day():
    centre = factories.CentreFactory()
    return pickup_dates(centre, now=timezone.now())[1]


def test_twenty_shoppers_racing_for_the_last_five_units_get_exactly_five(day):
    product = factories.ProductFactory(stock_on_hand=5)
    shoppers = [factories.UserFactory() for _ in range(20)]

    results = race([checkout(s, {product.pk: 1}, day) for s in shoppers])

    winners = [r for r in results if isinstance(r, list)]
    losers = [r for r in results if isinstance(r, OutOfStock)]
    assert (len(winners), len(losers)) == (5, 15), results
    product.refresh_from_db()
    assert (product.stock_on_hand, product.stock_reserved) == (5, 5)
    assert Reservation.objects.count() == 5
    assert all("Stok habis" in str(r) for r in losers)


def test_shoppers_asking_for_more_than_one_unit_never_oversell(day):
    product = factories.ProductFactory(stock_on_hand=7)
    shoppers = [factories.UserFactory() for _ in range(12)]

    results = race([checkout(s, {product.pk: 2}, day) for s in shoppers])

    assert sum(isinstance(r, list) for r in results) == 3
    assert all(isinstance(r, list | OutOfStock) for r in results), results
    product.refresh_from_db()
    assert product.stock_reserved == 6 <= product.stock_on_hand


def test_overlapping_carts_in_opposite_order_neither_deadlock_nor_oversell(day):
    vendor_a, vendor_b = factories.VendorFactory(), factories.VendorFactory()
    for _round in range(5):
        a = factories.ProductFactory(vendor=vendor_a, stock_on_hand=3)
        b = factories.ProductFactory(vendor=vendor_b, stock_on_hand=3)
        one, two = factories.UserFactory(), factories.UserFactory()

        results = race([checkout(one, {a.pk: 2, b.pk: 2}, day), checkout(two, {b.pk: 2, a.pk: 2}, day)])

        assert sorted(type(r).__name__ for r in results) == ["OutOfStock", "list"], results
        for product in Product.objects.filter(pk__in=[a.pk, b.pk]):
            assert (product.stock_on_hand, product.stock_reserved) == (3, 2)


def test_a_double_submit_racing_itself_makes_one_set_of_reservations(day):
    product = factories.ProductFactory(stock_on_hand=10)
    shopper = factories.UserFactory()

    results = race([checkout(shopper, {product.pk: 2}, day) for _ in range(4)])

    assert all(isinstance(r, list) for r in results), results
    assert len({r[0].pk for r in results}) == 1
    product.refresh_from_db()
    assert product.stock_reserved == 2


def test_carts_of_three_products_of_one_vendor_are_held_all_or_none(day):
    vendor = factories.VendorFactory()
    a, b, c = (factories.ProductFactory(vendor=vendor, stock_on_hand=stock) for stock in (4, 5, 9))
    shoppers = [factories.UserFactory() for _ in range(10)]

    results = race([checkout(s, {a.pk: 2, b.pk: 2, c.pk: 1}, day) for s in shoppers])

    winners = sum(isinstance(r, list) for r in results)
    assert winners == 2 and all(isinstance(r, list | OutOfStock) for r in results), results
    held = {p.pk: p.stock_reserved for p in Product.objects.filter(pk__in=[a.pk, b.pk, c.pk])}
    assert held == {a.pk: 4, b.pk: 4, c.pk: 2}
