"""Which collected lines a user may review."""

import datetime

from django.utils import timezone

from orders.models import Reservation, ReservationLine

REVIEW_WINDOW = datetime.timedelta(days=60)


def reviewable_lines(user, *, now=None):
    """Lines of `user`'s collected reservations within the window, not yet reviewed, not of their own vendor."""
    if not user.is_authenticated:
        return ReservationLine.objects.none()
    now = now or timezone.now()
    return (
        ReservationLine.objects.filter(
            reservation__shopper=user,
            reservation__status=Reservation.Status.COLLECTED,
            reservation__collected_at__gte=now - REVIEW_WINDOW,
            review__isnull=True,
        )
        .exclude(reservation__vendor__memberships__user=user, reservation__vendor__memberships__is_active=True)
        .select_related("reservation", "product")
    )
