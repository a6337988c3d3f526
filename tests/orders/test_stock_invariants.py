"""Random sequences of place / ready / collect / cancel / expire never lose or invent stock."""

import datetime
import random

import pytest
from django.db.models import Sum
from django.test import override_settings
from django.utils import timezone

from orders import services
from orders.models import Reservation, ReservationEvent, ReservationLine, StockMovement
from sentra.states import IllegalTransition
from tests import factories

pytestmark = pytest.mark.django_db

INITIAL = {"keripik": 6, "kopi": 4, "lempok": 2}


def assert_invariants(products, collected):
    for name, product in products.items():
        product.refresh_from_db()
        open_held = ReservationLine.objects.filter(
            product=product, made_to_order=False, reservation__status__in=Reservation.OPEN_STATUSES
        ).aggregate(total=Sum("quantity"))["total"]
        ledger = StockMovement.objects.filter(product=product).aggregate(
            on=Sum("on_hand_delta"), held=Sum("held_delta")
        )
        if product.made_to_order:
            assert product.stock_reserved == 0
            continue
        assert product.stock_on_hand == INITIAL[name] - collected[name]
        assert product.stock_reserved == (open_held or 0)
        assert product.stock_on_hand - product.stock_reserved >= 0
        assert (ledger["on"] or 0, ledger["held"] or 0) == (-collected[name], product.stock_reserved)


@override_settings(SENTRA_MAX_OPEN_RESERVATIONS=50)
@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_stock_adds_up_after_a_random_sequence_of_steps(seed, centre, vendor, unit, other_vendor, owner):
    rng = random.Random(seed)
    products = {
        "keripik": factories.ProductFactory(vendor=vendor, stock_on_hand=INITIAL["keripik"]),
        "kopi": factories.ProductFactory(vendor=other_vendor, stock_on_hand=INITIAL["kopi"]),
        "lempok": factories.ProductFactory(vendor=vendor, stock_on_hand=INITIAL["lempok"]),
        "tapis": factories.ProductFactory(vendor=other_vendor, made_to_order=True, lead_time_days=1, stock_on_hand=0),
    }
    names_by_pk = {p.pk: name for name, p in products.items()}
    shoppers = [factories.UserFactory() for _ in range(3)]
    day = services.pickup_dates(centre, now=timezone.now(), lead_days=1)[1]
    collected = dict.fromkeys(products, 0)

    for step in range(120):
        action = rng.choice(["place", "place", "ready", "collect", "cancel", "expire"])
        open_ones = list(Reservation.objects.open().order_by("pk"))
        target = rng.choice(open_ones) if open_ones else None
        try:
            if action == "place":
                chosen = rng.sample(list(products.values()), rng.randint(1, 3))
                services.reservation_place(
                    shopper=rng.choice(shoppers),
                    items={p.pk: rng.randint(1, 3) for p in chosen},
                    pickup_date=day,
                    contact_name="Acak",
                    checkout_token=f"{seed}-{step}",
                )
            elif action == "ready" and target:
                services.reservation_mark_ready(reservation=target, actor=owner)
            elif action == "collect" and target:
                services.reservation_collect(vendor=target.vendor, code=target.code, actor=owner)
                for line in target.lines.filter(made_to_order=False):
                    collected[names_by_pk[line.product_id]] += line.quantity
            elif action == "cancel" and target:
                services.reservation_cancel(reservation=target, actor=target.shopper, reason="Acak")
            elif action == "expire" and target:
                past = timezone.now() - datetime.timedelta(minutes=rng.randint(1, 90))
                Reservation.objects.filter(pk=target.pk).update(
                    placed_at=past - datetime.timedelta(days=1), hold_until=past
                )
                services.reservation_expire_overdue()
        except (services.OutOfStock, IllegalTransition):
            pass
        assert_invariants(products, collected)

    steps = set(ReservationEvent.objects.values_list("to_status", flat=True))
    assert steps == set(Reservation.Status.values), steps  # the sequence really exercised the whole lifecycle
