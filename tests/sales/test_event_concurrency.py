"""Real concurrency on PostgreSQL: stock going to an event stall races a reservation, a counter sale, and two
stall sales race for the last unit on the stall. Exactly one wins; the ledger matches the shelf."""

import pytest
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from orders.models import Reservation, StockMovement
from orders.services import OutOfStock, pickup_dates, reservation_place
from orders.services.stock import stock_open
from sales.models import CounterSale, Event, EventStock
from sales.services import sale_record
from sales.services.events import event_stock_send
from tests import factories
from tests.orders.test_concurrency import race
from tests.sales.event_factories import EventFactory, accepted

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def on_hand_in_ledger(product):
    return StockMovement.objects.filter(product=product).aggregate(n=Sum("on_hand_delta", default=0))["n"]


def test_a_transfer_to_the_stall_and_a_reservation_or_counter_sale_of_the_last_units_leave_one_winner():
    centre = factories.CentreFactory()
    day = pickup_dates(centre, now=timezone.now())[1]
    owner = factories.UserFactory()
    vendor = factories.VendorFactory(owner=owner)
    event = EventFactory(status=Event.Status.RUNNING)
    application = accepted(event, vendor)
    for round_ in range(6):
        product = factories.ProductFactory(vendor=vendor, price=25000, stock_on_hand=0)
        application.products.add(product)
        stock_open(product=product, quantity=2, actor=owner)
        shopper = factories.UserFactory()

        def transfer(product=product):
            return event_stock_send(application=application, actor=owner, items={product.pk: 2})

        def reserve(shopper=shopper, product=product, round_=round_):
            return reservation_place(
                shopper=shopper, items={product.pk: 2}, pickup_date=day, contact_name="P", checkout_token=f"r{round_}"
            )

        def sell(product=product, round_=round_):
            return sale_record(vendor=vendor, actor=owner, items={product.pk: 2}, payment="cash", token=f"s{round_}")

        rival = reserve if round_ % 2 else sell
        moved, other = race([transfer, rival])
        winners = [isinstance(moved, list), not isinstance(other, Exception)]
        assert winners.count(True) == 1, (moved, other)
        assert isinstance(other if winners[0] else moved, OutOfStock), (moved, other)

        product.refresh_from_db()
        stall = EventStock.objects.filter(application=application, product=product).first()
        assert product.stock_on_hand >= 0
        if winners[0]:
            assert product.stock_on_hand == 0 and stall.on_stall == 2
            assert not Reservation.objects.filter(lines__product=product).exists()
            assert not CounterSale.objects.filter(lines__product=product).exists()
        else:
            assert stall is None or stall.on_stall == 0
        assert on_hand_in_ledger(product) == product.stock_on_hand


def test_two_sales_at_the_stall_of_its_last_unit_leave_one_winner():
    owner = factories.UserFactory()
    vendor = factories.VendorFactory(owner=owner)
    event = EventFactory(status=Event.Status.RUNNING)
    for _round in range(6):
        product = factories.ProductFactory(vendor=vendor, price=10000, stock_on_hand=5)
        application = vendor.event_applications.filter(event=event).first() or accepted(event, vendor)
        application.products.add(product)
        event_stock_send(application=application, actor=owner, items={product.pk: 1})

        def sell(product=product):
            return sale_record(vendor=vendor, actor=owner, items={product.pk: 1}, payment="cash", event=event)

        results = race([sell, sell])
        assert sum(isinstance(r, CounterSale) for r in results) == 1, results
        assert sum(isinstance(r, OutOfStock) for r in results) == 1, results
        row = EventStock.objects.get(application=application, product=product)
        assert (row.on_stall, row.sold) == (0, 1)
