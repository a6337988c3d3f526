"""The vendor's side and the end of a hold: mark ready, collect, cancel, expire."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from catalog.models import Product
from orders import services
from orders.models import Reservation, StockMovement
from orders.services import ReservationNotFound
from sentra.states import IllegalTransition, ReasonRequired
from tests import factories
from vendors.models import Vendor

pytestmark = pytest.mark.django_db

S = Reservation.Status


def stock(product) -> tuple[int, int]:
    product.refresh_from_db()
    return product.stock_on_hand, product.stock_reserved


@pytest.fixture
def reservation(place, stocked):
    (reservation,) = place({stocked: 2})
    return reservation


def test_marking_ready_emails_the_shopper(reservation, owner, shopper, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.reservation_mark_ready(reservation=reservation, actor=owner)

    reservation.refresh_from_db()
    assert reservation.status == S.READY
    assert reservation.ready_at is not None
    assert [m.to for m in mail.outbox] == [[shopper.email]]
    assert "siap diambil" in mail.outbox[0].subject


def test_collecting_takes_the_stock_off_the_shelf_for_good(reservation, stocked, vendor, owner):
    services.reservation_mark_ready(reservation=reservation, actor=owner)
    services.reservation_collect(vendor=vendor, code=reservation.code, actor=owner)

    reservation.refresh_from_db()
    assert reservation.status == S.COLLECTED
    assert stock(stocked) == (3, 0)
    movement = StockMovement.objects.get(reservation=reservation, reason=StockMovement.Reason.COLLECTED)
    assert (movement.on_hand_delta, movement.held_delta, movement.actor) == (-2, -2, owner)


def test_collecting_a_placed_reservation_records_the_ready_step_too(reservation, vendor, owner):
    services.reservation_collect(vendor=vendor, code=reservation.code, actor=owner)

    assert list(reservation.events.values_list("to_status", flat=True)) == [S.PLACED, S.READY, S.COLLECTED]


@pytest.mark.parametrize("typed", ["{code}", "{lower}", " {bare} ", "sol {bare}"])
def test_the_pickup_code_may_be_typed_loosely(reservation, vendor, owner, typed):
    code = typed.format(code=reservation.code, lower=reservation.code.lower(), bare=reservation.code[4:])
    assert services.reservation_collect(vendor=vendor, code=code, actor=owner).status == S.COLLECTED


def test_a_vendor_cannot_collect_another_vendors_reservation(reservation, other_vendor):
    with pytest.raises(ReservationNotFound):
        services.reservation_collect(vendor=other_vendor, code=reservation.code, actor=None)


def test_a_reservation_cannot_be_collected_twice(reservation, stocked, vendor, owner):
    services.reservation_collect(vendor=vendor, code=reservation.code, actor=owner)
    with pytest.raises(services.ReservationClosed, match="sudah diambil"):
        services.reservation_collect(vendor=vendor, code=reservation.code, actor=owner)
    assert stock(stocked) == (3, 0)


def test_cancelling_returns_the_held_stock(reservation, stocked, shopper):
    services.reservation_cancel(reservation=reservation, actor=shopper, reason="Tidak jadi")

    reservation.refresh_from_db()
    assert (reservation.status, reservation.cancel_reason, reservation.cancelled_by) == (
        S.CANCELLED,
        "Tidak jadi",
        shopper,
    )
    assert stock(stocked) == (5, 0)
    movement = StockMovement.objects.get(reservation=reservation, reason=StockMovement.Reason.RELEASED)
    assert movement.held_delta == -2


def test_cancelling_needs_a_reason(reservation, stocked, owner):
    with pytest.raises(ReasonRequired):
        services.reservation_cancel(reservation=reservation, actor=owner, reason=" ")
    assert stock(stocked) == (5, 2)


def test_a_collected_reservation_cannot_be_cancelled(reservation, stocked, vendor, owner):
    services.reservation_collect(vendor=vendor, code=reservation.code, actor=owner)
    with pytest.raises(IllegalTransition):
        services.reservation_cancel(reservation=reservation, actor=owner, reason="Salah")
    assert stock(stocked) == (3, 0)


def test_a_vendor_cancelling_emails_the_shopper_only(reservation, owner, shopper, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.reservation_cancel(reservation=reservation, actor=owner, reason="Stok rusak")
    assert [m.to for m in mail.outbox] == [[shopper.email]]
    assert "Stok rusak" in mail.outbox[0].body


def test_email_subjects_are_plain_text(place, stocked, vendor, django_capture_on_commit_callbacks):
    Vendor.objects.filter(pk=vendor.pk).update(name="Kopi & Keripik")
    with django_capture_on_commit_callbacks(execute=True):
        place({stocked: 1})
    assert any("Kopi & Keripik" in m.subject for m in mail.outbox)


def test_a_shopper_cancelling_tells_the_vendor(reservation, owner, shopper, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.reservation_cancel(reservation=reservation, actor=shopper, reason="Tidak jadi")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([shopper.email, owner.email])


@pytest.mark.parametrize("status", [Vendor.Status.SUSPENDED, Vendor.Status.ARCHIVED])
def test_open_reservations_of_a_suspended_vendor_stay_collectable_and_cancellable(
    place, stocked, vendor, owner, shopper, status
):
    (to_collect,) = place({stocked: 1})
    (to_cancel,) = place({stocked: 1})
    Vendor.objects.filter(pk=vendor.pk).update(status=status)

    services.reservation_collect(vendor=vendor, code=to_collect.code, actor=owner)
    services.reservation_cancel(reservation=to_cancel, actor=shopper, reason="Toko tutup")
    assert stock(stocked) == (4, 0)


def test_made_to_order_lines_touch_no_stock_when_collected(place, vendor, unit, centre, owner):
    tapis = factories.ProductFactory(vendor=vendor, made_to_order=True, lead_time_days=1, stock_on_hand=0)
    day = services.pickup_dates(centre, now=timezone.now(), lead_days=1)[0]
    (reservation,) = place({tapis: 2}, pickup_date=day)

    services.reservation_collect(vendor=vendor, code=reservation.code, actor=owner)
    assert stock(tapis) == (0, 0)


def overdue(reservation, hours=1):
    past = timezone.now() - datetime.timedelta(hours=hours)
    Reservation.objects.filter(pk=reservation.pk).update(placed_at=past - datetime.timedelta(days=1), hold_until=past)


def test_expiring_marks_overdue_reservations_and_returns_their_stock(
    place, stocked, shopper, django_capture_on_commit_callbacks
):
    (late,) = place({stocked: 2})
    (on_time,) = place({stocked: 1})
    overdue(late)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.reservation_expire_overdue() == 1

    late.refresh_from_db()
    on_time.refresh_from_db()
    assert (late.status, on_time.status) == (S.EXPIRED, S.PLACED)
    assert late.expired_at is not None
    assert stock(stocked) == (5, 1)
    assert [m.to for m in mail.outbox] == [[shopper.email]]
    assert late.get_absolute_url() in mail.outbox[0].body


def test_a_ready_reservation_expires_too(reservation, stocked, owner):
    services.reservation_mark_ready(reservation=reservation, actor=owner)
    overdue(reservation)
    assert services.reservation_expire_overdue() == 1
    assert stock(stocked) == (5, 0)


def test_expiring_twice_changes_nothing_more(reservation, stocked):
    overdue(reservation)
    assert services.reservation_expire_overdue() == 1
    assert services.reservation_expire_overdue() == 0
    assert stock(stocked) == (5, 0)


def test_the_expire_command_prints_counts_and_dry_run_writes_nothing(reservation, stocked, capsys):
    overdue(reservation)

    call_command("expire_reservations", "--dry-run")
    assert capsys.readouterr().out == "would_expire=1\n"
    assert stock(stocked) == (5, 2)

    call_command("expire_reservations")
    assert capsys.readouterr().out == "expired=1\n"
    assert stock(stocked) == (5, 0)

    call_command("expire_reservations", verbosity=0)
    assert capsys.readouterr().out == ""


def test_stock_never_goes_negative_even_if_the_vendor_lowers_it(reservation, stocked):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Product.objects.filter(pk=stocked.pk).update(stock_on_hand=1)


def test_an_expired_reservation_cannot_be_handed_over(reservation, stocked, vendor, owner):
    overdue(reservation)
    services.reservation_expire_overdue()

    with pytest.raises(services.ReservationClosed, match="kedaluwarsa"):
        services.reservation_collect(vendor=vendor, code=reservation.code, actor=owner)
    assert stock(stocked) == (5, 0)


def test_dinas_cancelling_tells_shopper_and_vendor_who_cancelled(
    reservation, owner, shopper, dinas_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.reservation_cancel(reservation=reservation, actor=dinas_user, reason="Produk ditarik")

    to = {m.to[0]: m for m in mail.outbox}
    assert set(to) == {shopper.email, owner.email}
    assert "pengelola sentra" in to[owner.email].body
    assert "Produk ditarik" in to[shopper.email].body


# --- undoing a hand-over ------------------------------------------------------------------------------


def collected(reservation, vendor, owner, minutes_ago=0):
    """Hand `reservation` over; pretend it happened `minutes_ago`."""
    services.reservation_collect(vendor=vendor, code=reservation.code, actor=owner)
    if minutes_ago:
        at = timezone.now() - datetime.timedelta(minutes=minutes_ago)
        Reservation.objects.filter(pk=reservation.pk).update(collected_at=at)
    reservation.refresh_from_db()
    return reservation


def ledger(product, opening=5) -> tuple[int, int]:
    """What the ledger says is on hand and held for `product` (factories write no opening row)."""
    rows = StockMovement.objects.of_product(product)
    return opening + sum(m.on_hand_delta for m in rows), sum(m.held_delta for m in rows)


def test_the_code_finds_a_reservation_only_at_its_own_vendor(reservation, vendor, other_vendor):
    assert services.reservation_for_code(vendor=vendor, code=reservation.code.lower()) == reservation
    with pytest.raises(ReservationNotFound):
        services.reservation_for_code(vendor=other_vendor, code=reservation.code)


@pytest.mark.parametrize(
    ("typed", "shaped"), [("sol 7k3qx", True), ("7K3QX", True), ("SOL-7K3Q", False), ("SOL-0O1IL", False)]
)
def test_only_codes_of_the_pickup_shape_are_codes(typed, shaped):
    assert services.is_pickup_code(typed) is shaped


def test_undoing_a_handover_puts_the_stock_back_on_hold(reservation, stocked, vendor, owner):
    hold = reservation.hold_until
    collected(reservation, vendor, owner, minutes_ago=10)

    services.reservation_uncollect(reservation=reservation, actor=owner, reason="Salah pesanan")

    reservation.refresh_from_db()
    assert (reservation.status, reservation.collected_at, reservation.hold_until) == (S.READY, None, hold)
    assert stock(stocked) == (5, 2) == ledger(stocked)
    movement = StockMovement.objects.get(reservation=reservation, reason=StockMovement.Reason.UNCOLLECTED)
    assert (movement.on_hand_delta, movement.held_delta, movement.actor) == (2, 2, owner)
    event = reservation.events.last()
    assert (event.from_status, event.to_status, event.actor, event.reason) == (
        S.COLLECTED,
        S.READY,
        owner,
        "Salah pesanan",
    )


def test_an_undo_without_a_reason_says_the_shop_undid_it(reservation, vendor, owner):
    collected(reservation, vendor, owner)
    services.reservation_uncollect(reservation=reservation, actor=owner)
    assert reservation.events.last().reason == "Penyerahan dibatalkan oleh toko."


def test_a_handover_cannot_be_undone_after_15_minutes(reservation, stocked, vendor, owner):
    collected(reservation, vendor, owner, minutes_ago=16)

    with pytest.raises(IllegalTransition, match="sudah lewat 15 menit"):
        services.reservation_uncollect(reservation=reservation, actor=owner)

    reservation.refresh_from_db()
    assert reservation.status == S.COLLECTED
    assert stock(stocked) == (3, 0) == ledger(stocked)


def test_a_handover_cannot_be_undone_twice(reservation, stocked, vendor, owner):
    collected(reservation, vendor, owner)
    services.reservation_uncollect(reservation=reservation, actor=owner)

    with pytest.raises(IllegalTransition, match="siap diambil"):
        services.reservation_uncollect(reservation=reservation, actor=owner)
    assert stock(stocked) == (5, 2) == ledger(stocked)


def test_an_open_reservation_has_no_handover_to_undo(reservation, stocked, owner):
    with pytest.raises(IllegalTransition):
        services.reservation_uncollect(reservation=reservation, actor=owner)
    assert stock(stocked) == (5, 2)


def test_only_an_active_member_of_the_vendor_may_undo(reservation, stocked, vendor, owner, shopper, other_vendor):
    collected(reservation, vendor, owner)
    former = factories.UserFactory()
    vendor.memberships.create(user=former, role="staff", is_active=False)
    for actor in (shopper, other_vendor.memberships.get().user, former, None):
        with pytest.raises(ReservationNotFound):
            services.reservation_uncollect(reservation=reservation, actor=actor)
    assert stock(stocked) == (3, 0)


def test_undoing_leaves_made_to_order_stock_alone(place, vendor, unit, centre, owner):
    tapis = factories.ProductFactory(vendor=vendor, made_to_order=True, lead_time_days=1, stock_on_hand=0)
    day = services.pickup_dates(centre, now=timezone.now(), lead_days=1)[0]
    (reservation,) = place({tapis: 2}, pickup_date=day)
    collected(reservation, vendor, owner)

    services.reservation_uncollect(reservation=reservation, actor=owner)
    assert stock(tapis) == (0, 0)
    assert not StockMovement.objects.filter(reservation=reservation, reason=StockMovement.Reason.UNCOLLECTED).exists()


def test_an_undone_late_handover_gets_a_hold_the_expiry_job_leaves_alone(reservation, stocked, vendor, owner):
    overdue(reservation)  # the hold passed, the expiry job has not come yet: still collectable
    collected(reservation, vendor, owner)

    services.reservation_uncollect(reservation=reservation, actor=owner)

    reservation.refresh_from_db()
    assert reservation.hold_until > timezone.now()
    assert services.reservation_expire_overdue() == 0
    assert stock(stocked) == (5, 2)


def test_an_undone_handover_can_be_handed_over_again(reservation, stocked, vendor, owner):
    collected(reservation, vendor, owner)
    services.reservation_uncollect(reservation=reservation, actor=owner)

    assert services.reservation_collect(vendor=vendor, code=reservation.code, actor=owner).status == S.COLLECTED
    assert stock(stocked) == (3, 0) == ledger(stocked)
