"""The vendor's side of a reservation: mark ready, hand over at the counter, cancel."""

from django.db import transaction

from orders.models import CODE_PREFIX, Reservation
from vendors.models import Vendor, VendorMembership

from . import notifications
from .errors import ReservationClosed, ReservationNotFound
from .stock import lock_products, lock_reservations, stock_hand_over, stock_release


def reservation_mark_ready(*, reservation: Reservation, actor) -> Reservation:
    """Tell the shopper the order is packed and waiting at the unit."""
    with transaction.atomic():
        locked = _lock(reservation)
        locked.transition(Reservation.Status.READY, actor=actor)
        notifications.notify(locked, "ready")
    return locked


def reservation_collect(*, vendor: Vendor, code: str, actor) -> Reservation:
    """Hand a reservation over at the counter by its pickup code; its stock leaves the shelf for good."""
    with transaction.atomic():
        found = Reservation.objects.filter(vendor=vendor, code=normalize_code(code)).first()
        if found is None:
            raise ReservationNotFound()
        locked = _lock(found)
        if locked.status == Reservation.Status.PLACED:
            locked.transition(Reservation.Status.READY, actor=actor)  # handed over without the ready step
        locked.transition(Reservation.Status.COLLECTED, actor=actor)
        stock_hand_over(reservation=locked, actor=actor)
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
