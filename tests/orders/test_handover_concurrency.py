"""Undoing a hand-over while something else settles the same reservation, on PostgreSQL with real threads:
the row lock (reservation, then products) must never let stock go negative or be counted twice."""

import datetime

import pytest
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from catalog.models import Product
from orders.models import Reservation, StockMovement
from orders.services import (
    reservation_cancel,
    reservation_collect,
    reservation_expire_overdue,
    reservation_uncollect,
)
from sentra.exceptions import DomainError
from tests import factories
from tests.orders.test_concurrency import race

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]

OPENING = 50  # on hand when the test starts (factories write no opening ledger row)
ROUNDS = 4

S = Reservation.Status


@pytest.fixture
def stocked(vendor, unit):
    return factories.ProductFactory(vendor=vendor, stock_on_hand=OPENING)


@pytest.fixture
def handed_over(place, stocked, vendor, owner):
    """A fresh reservation of 2 `stocked` (a new shopper each time), collected a moment ago."""

    def _handed_over():
        (reservation,) = place({stocked: 2}, shopper=factories.UserFactory())
        return reservation_collect(vendor=vendor, code=reservation.code, actor=owner)

    return _handed_over


def assert_stock_adds_up(product: Product) -> tuple[int, int]:
    """Stock agrees with the ledger and with the open reservations; return (on hand, held)."""
    product.refresh_from_db()
    ledger = StockMovement.objects.filter(product=product).aggregate(on=Sum("on_hand_delta"), held=Sum("held_delta"))
    open_held = (
        Reservation.objects.open().filter(lines__product=product).aggregate(total=Sum("lines__quantity"))["total"] or 0
    )
    assert 0 <= product.stock_reserved <= product.stock_on_hand
    assert (product.stock_on_hand, product.stock_reserved) == (OPENING + ledger["on"], ledger["held"])
    assert product.stock_reserved == open_held
    return product.stock_on_hand, product.stock_reserved


def undo(reservation, owner):
    return lambda: reservation_uncollect(reservation=reservation, actor=owner)


def test_two_undos_at_once_put_the_stock_back_once(handed_over, stocked, owner):
    for _round in range(ROUNDS):
        reservation = handed_over()

        results = race([undo(reservation, owner), undo(reservation, owner)])

        assert sorted(type(r).__name__ for r in results) == ["IllegalTransition", "Reservation"], results
        reservation.refresh_from_db()
        assert reservation.status == S.READY
        assert reservation.movements.filter(reason=StockMovement.Reason.UNCOLLECTED).count() == 1
    assert assert_stock_adds_up(stocked) == (OPENING, 2 * ROUNDS)


def test_an_undo_racing_a_cancel_leaves_stock_that_adds_up(handed_over, stocked, owner):
    for _round in range(ROUNDS):
        reservation = handed_over()
        cancel = lambda r=reservation: reservation_cancel(reservation=r, actor=owner, reason="Salah")  # noqa: E731

        results = race([undo(reservation, owner), cancel])

        assert isinstance(results[0], Reservation), results  # a cancel never blocks the undo
        assert isinstance(results[1], Reservation | DomainError), results
        reservation.refresh_from_db()
        assert reservation.status == (S.CANCELLED if isinstance(results[1], Reservation) else S.READY)
        assert_stock_adds_up(stocked)


def test_an_undo_racing_the_expiry_job_leaves_stock_that_adds_up(handed_over, stocked, owner):
    later = timezone.now() + datetime.timedelta(days=30)  # every hold has passed by then
    for _round in range(ROUNDS):
        reservation = handed_over()

        results = race([undo(reservation, owner), lambda: reservation_expire_overdue(now=later)])

        assert isinstance(results[0], Reservation) and isinstance(results[1], int), results
        reservation.refresh_from_db()
        assert reservation.status in (S.READY, S.EXPIRED)  # the job came before the undo committed, or after
        assert_stock_adds_up(stocked)
    reservation_expire_overdue(now=later)  # whatever the job missed meanwhile, it takes now: nothing is held
    assert assert_stock_adds_up(stocked) == (OPENING, 0)


def test_an_undo_racing_a_second_hand_over_leaves_stock_that_adds_up(handed_over, stocked, vendor, owner):
    for _round in range(ROUNDS):
        reservation = handed_over()
        collect = lambda r=reservation: reservation_collect(vendor=vendor, code=r.code, actor=owner)  # noqa: E731

        results = race([undo(reservation, owner), collect])

        assert isinstance(results[0], Reservation), results
        reservation.refresh_from_db()
        assert reservation.status == (S.COLLECTED if isinstance(results[1], Reservation) else S.READY)
        assert_stock_adds_up(stocked)
