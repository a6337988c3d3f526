"""Real concurrency on PostgreSQL: a shopper's reservation and a counter sale racing for the last unit."""

import pytest
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from catalog.models import Product
from orders.models import Reservation, StockMovement
from orders.services import OutOfStock, pickup_dates, reservation_place
from orders.services.stock import stock_open
from sales.models import CounterSale
from sales.services import sale_record
from tests import factories
from tests.orders.test_concurrency import race

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def ledger_of(product):
    return StockMovement.objects.filter(product=product).aggregate(
        on_hand=Sum("on_hand_delta", default=0), held=Sum("held_delta", default=0)
    )


def test_a_reservation_and_a_counter_sale_of_the_last_unit_leave_exactly_one_winner():
    centre = factories.CentreFactory()
    day = pickup_dates(centre, now=timezone.now())[1]
    owner = factories.UserFactory()
    vendor = factories.VendorFactory(owner=owner)
    outcomes = set()
    for round_ in range(6):
        product = factories.ProductFactory(vendor=vendor, price=25000, stock_on_hand=0)
        stock_open(product=product, quantity=1, actor=owner)
        shopper = factories.UserFactory()

        def reserve(shopper=shopper, product=product, round_=round_):
            return reservation_place(
                shopper=shopper,
                items={product.pk: 1},
                pickup_date=day,
                contact_name="Pembeli",
                checkout_token=f"race-{round_}",
            )

        def sell(product=product, round_=round_):
            return sale_record(
                vendor=vendor, actor=owner, items={product.pk: 1}, payment="cash", token=f"race-{round_}"
            )

        reserved, sold = race([reserve, sell])

        winners = [isinstance(reserved, list), isinstance(sold, CounterSale)]
        assert winners.count(True) == 1, (reserved, sold)
        assert isinstance(sold if winners[0] else reserved, OutOfStock), (reserved, sold)
        outcomes.add("reservation" if winners[0] else "sale")

        product.refresh_from_db()
        assert product.stock_on_hand >= 0 and product.stock_reserved >= 0
        assert product.stock_available == 0
        if winners[0]:
            assert (product.stock_on_hand, product.stock_reserved) == (1, 1)
            assert Reservation.objects.filter(lines__product=product).count() == 1
            assert not CounterSale.objects.filter(lines__product=product).exists()
        else:
            assert (product.stock_on_hand, product.stock_reserved) == (0, 0)
            assert not Reservation.objects.filter(lines__product=product).exists()
            assert CounterSale.objects.filter(lines__product=product).count() == 1
        assert ledger_of(product) == {"on_hand": product.stock_on_hand, "held": product.stock_reserved}
    assert Product.objects.filter(vendor=vendor, stock_on_hand__lt=0).count() == 0
    assert outcomes  # which side wins is up to the scheduler; each round has exactly one
