"""Holds that passed the centre's closing time on the pickup date: mark them expired, return the stock."""

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orders.models import Reservation

from . import notifications
from .stock import lock_products, lock_reservations, stock_release

logger = logging.getLogger(__name__)


def expire_locked(reservation: Reservation, *, now: datetime.datetime) -> None:
    """Expire a reservation whose row and products the caller has locked; notify the shopper on commit."""
    reservation.transition(Reservation.Status.EXPIRED, actor=None, reason=_("Batas waktu pengambilan terlewati."))
    stock_release(reservation=reservation, actor=None)
    notifications.notify(reservation, "expired")


def reservation_expire_overdue(*, now: datetime.datetime | None = None) -> int:
    """Expire every open reservation whose hold has passed, one transaction each; return how many."""
    now = now or timezone.now()
    expired = 0
    for pk in Reservation.objects.overdue(now).order_by("pk").values_list("pk", flat=True).iterator():
        with transaction.atomic():
            locked = [r for r in lock_reservations([pk]) if r.hold_until < now]
            if not locked:
                continue  # collected, cancelled or expired meanwhile
            lock_products(locked[0].lines.values_list("product_id", flat=True))
            expire_locked(locked[0], now=now)
            expired += 1
    logger.info("expired=%d", expired)
    return expired
