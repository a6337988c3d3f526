"""The vendor's side of a reservation: mark ready, hand over at the counter (and undo a hand-over made by
mistake), cancel."""

import datetime
import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from orders.models import CODE_ALPHABET, CODE_PREFIX, Reservation
from orders.selectors import reservation_pickup_points
from vendors.models import Vendor, VendorMembership

from . import notifications
from .errors import ReservationClosed, ReservationNotFound
from .schedule import hold_deadline
from .stock import lock_products, lock_reservations, stock_hand_back, stock_hand_over, stock_release

CODE_PATTERN = re.compile(rf"{re.escape(CODE_PREFIX)}[{CODE_ALPHABET}]{{5}}")
UNDO_REASON = gettext_noop("Penyerahan dibatalkan oleh toko.")  # stored in the source language, as all reasons


def reservation_mark_ready(*, reservation: Reservation, actor) -> Reservation:
    """Tell the shopper the order is packed and waiting at the unit."""
    with transaction.atomic():
        locked = _lock(reservation)
        locked.transition(Reservation.Status.READY, actor=actor)
        notifications.notify(locked, "ready")
    return locked


def reservation_for_code(*, vendor: Vendor, code: str) -> Reservation:
    """Return `vendor`'s reservation with the pickup code as typed at the counter, or raise ReservationNotFound."""
    found = Reservation.objects.filter(vendor=vendor, code=normalize_code(code)).first()
    if found is None:
        raise ReservationNotFound()
    return found


def reservation_collect(*, vendor: Vendor, code: str, actor) -> Reservation:
    """Hand a reservation over at the counter by its pickup code; its stock leaves the shelf for good."""
    with transaction.atomic():
        locked = _lock(reservation_for_code(vendor=vendor, code=code))
        if locked.status == Reservation.Status.PLACED:
            locked.transition(Reservation.Status.READY, actor=actor)  # handed over without the ready step
        locked.transition(Reservation.Status.COLLECTED, actor=actor)
        stock_hand_over(reservation=locked, actor=actor)
    return locked


def reservation_uncollect(*, reservation: Reservation, actor, reason: str = "") -> Reservation:
    """Undo a hand-over made by mistake, within Reservation.HANDOVER_UNDO_WINDOW: back to ready, stock on hold again.

    Only an active member of the vendor may (others get ReservationNotFound, as for a code not theirs). The
    hold keeps its original end (closing time on the pickup date) when that is still ahead; a reservation
    handed over after its hold had passed (before the expiry job came) is held to the end of today's opening
    hours, or for HANDOVER_UNDO_WINDOW from now when the centre has closed, so it is not expired under the
    vendor's hands; the expiry job releases it after that. The row is locked before its products (the global
    order), so a second undo, a cancel or the expiry job waits and then sees the new status.
    """
    if not _is_vendor_member(actor, reservation.vendor_id):
        raise ReservationNotFound()
    with transaction.atomic():
        locked = Reservation.objects.select_for_update(of=("self",)).get(pk=reservation.pk)
        lock_products(locked.lines.values_list("product_id", flat=True))
        now = timezone.now()
        hold = _hold_after_undo(locked, now)
        locked.undo_handover(actor=actor, hold_until=hold, reason=reason.strip() or UNDO_REASON, now=now)
        stock_hand_back(reservation=locked, actor=actor)
    return locked


def reservation_cancel(*, reservation: Reservation, actor, reason: str) -> Reservation:
    """Cancel an open reservation (shopper, vendor or Dinas) with a reason; the held stock returns."""
    with transaction.atomic():
        locked = _lock(reservation)
        locked.transition(Reservation.Status.CANCELLED, actor=actor, reason=reason)
        stock_release(reservation=locked, actor=actor)
        notifications.notify(locked, "cancelled", to_vendor=not _is_vendor_member(actor, locked.vendor_id))
    return locked


def normalize_code(raw: str) -> str:
    """Accept `sol-7k3qx`, ` SOL 7K3QX ` or `7K3QX` as typed at the counter."""
    code = "".join((raw or "").upper().split()).replace("SOL", "").lstrip("-")
    return CODE_PREFIX + code


def is_pickup_code(raw: str) -> bool:
    """Whether `raw`, typed loosely, has the shape of a pickup code (`SOL-` and five letters or digits)."""
    return CODE_PATTERN.fullmatch(normalize_code(raw)) is not None


def _hold_after_undo(reservation: Reservation, now: datetime.datetime) -> datetime.datetime:
    """The original hold when still ahead; else today's closing time; else the undo window from now."""
    if reservation.hold_until > now:
        return reservation.hold_until
    centre = reservation_pickup_points([reservation])[reservation.pk].centre
    closing = hold_deadline(centre, timezone.localdate(now)) if centre else None
    if closing and closing > now:
        return closing
    return now + Reservation.HANDOVER_UNDO_WINDOW


def _lock(reservation: Reservation) -> Reservation:
    """Lock the reservation, then its products, in the global order; return the fresh row."""
    locked = lock_reservations([reservation.pk])
    if not locked:
        settled = Reservation.objects.get(pk=reservation.pk)
        raise ReservationClosed(settled.code, settled.get_status_display().lower())
    lock_products(locked[0].lines.values_list("product_id", flat=True))
    return locked[0]


def _is_vendor_member(user, vendor_id: int) -> bool:
    if user is None:
        return False
    return VendorMembership.objects.filter(user=user, vendor_id=vendor_id, is_active=True).exists()
