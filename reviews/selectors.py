"""Which collected lines a user may review."""

import datetime

from django.utils import timezone

from orders.models import Reservation, ReservationLine

from .models import EDIT_WINDOW, Review

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


def line_review_states(user, reservation) -> dict[int, dict]:
    """For each line of `user`'s reservation: its review (to edit or read) or whether it may be reviewed now."""
    if reservation.status != Reservation.Status.COLLECTED or reservation.shopper_id != user.pk:
        return {}
    reviews = {r.line_id: r for r in Review.objects.filter(line__reservation=reservation, shopper=user)}
    open_ids = set(reviewable_lines(user).filter(reservation=reservation).values_list("pk", flat=True))
    now = timezone.now()
    states = {}
    for line in reservation.lines.all():
        review = reviews.get(line.pk)
        editable = review is not None and now <= review.created_at + EDIT_WINDOW
        states[line.pk] = {"review": review, "reviewable": line.pk in open_ids, "editable": editable}
    return states
