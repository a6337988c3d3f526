"""Fetch-and-authorise helpers for reservations: 404 alike for "missing" and "not yours"."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from orders.models import Reservation
from vendors.models import Vendor


def access_reservation(user, code: str, *, vendor: Vendor | None = None) -> Reservation:
    """Return the reservation with this pickup code, with its lines: the shopper's own, or (with `vendor`)
    one made at `vendor` when the user is an active member of it; else raise Http404."""
    if not user.is_authenticated:
        raise Http404
    rows = Reservation.objects.with_lines()
    if vendor is None:
        rows = rows.filter(shopper=user)
    else:
        rows = rows.filter(vendor=vendor, vendor__memberships__user=user, vendor__memberships__is_active=True)
    return get_object_or_404(rows, code=(code or "").strip().upper())
