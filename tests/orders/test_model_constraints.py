import pytest
from django.db import IntegrityError, transaction

from orders.models import CODE_ALPHABET, Reservation, StockMovement, new_reservation_code
from sentra.states import IllegalTransition, ReasonRequired
from tests import factories

pytestmark = pytest.mark.django_db


def assert_integrity_error(action):
    with pytest.raises(IntegrityError), transaction.atomic():
        action()


def test_reservation_codes_are_short_and_unambiguous():
    for _ in range(200):
        code = new_reservation_code()
        assert code.startswith("SOL-") and len(code) == 9
        assert set(code[4:]) <= set(CODE_ALPHABET)
        assert not set(code[4:]) & set("0O1IL")


def test_reservation_code_is_unique():
    factories.ReservationFactory(code="SOL-AAAAA")
    assert_integrity_error(lambda: factories.ReservationFactory(code="SOL-AAAAA"))


def test_line_quantity_must_be_positive():
    assert_integrity_error(lambda: factories.ReservationLineFactory(quantity=0))


def test_a_product_appears_once_per_reservation(product):
    line = factories.ReservationLineFactory(product=product)
    assert_integrity_error(lambda: factories.ReservationLineFactory(reservation=line.reservation, product=product))


def test_stock_movement_must_change_something(product):
    assert_integrity_error(lambda: StockMovement.objects.create(product=product, reason="correction"))


@pytest.mark.parametrize(
    ("path", "final"),
    [
        (["ready", "collected"], "collected"),
        (["cancelled"], "cancelled"),
        (["ready", "cancelled"], "cancelled"),
        (["expired"], "expired"),
        (["ready", "expired"], "expired"),
    ],
)
def test_reservation_moves_along_the_spec_transitions(path, final, shopper):
    reservation = factories.ReservationFactory()
    for status in path:
        reservation.transition(status, actor=shopper, reason="Tidak jadi")
    reservation.refresh_from_db()
    assert reservation.status == final
    assert [e.to_status for e in reservation.events.all()] == path
    stamp = Reservation.TIMESTAMP_FIELDS[final]
    assert getattr(reservation, stamp) is not None


@pytest.mark.parametrize(
    ("path", "illegal"),
    [
        ([], "collected"),
        (["ready", "collected"], "cancelled"),
        (["cancelled"], "ready"),
        (["expired"], "collected"),
        (["ready"], "placed"),
    ],
)
def test_reservation_refuses_illegal_moves(path, illegal, shopper):
    reservation = factories.ReservationFactory()
    for status in path:
        reservation.transition(status, actor=shopper, reason="x")
    with pytest.raises(IllegalTransition):
        reservation.transition(illegal, actor=shopper, reason="x")


def test_cancellation_needs_a_reason(shopper):
    reservation = factories.ReservationFactory()
    with pytest.raises(ReasonRequired):
        reservation.transition("cancelled", actor=shopper, reason="")
    reservation.refresh_from_db()
    assert reservation.status == "placed"
