"""Fetch-and-authorise helpers for reservations: 404 alike for "missing" and "not yours"."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from orders.models import Reservation
from vendors.models import Vendor, VendorMembership


def access_reservation_for_shopper(user, code: str) -> Reservation:
    """Return the shopper's own reservation with this pickup code, or raise Http404."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(Reservation.objects.with_lines(), code=code, shopper=user)


def access_reservation_for_vendor(user, vendor: Vendor, code: str) -> Reservation:
    """Return `vendor`'s reservation with this code when `user` is an active member of it, or raise Http404."""
    if not user.is_authenticated:
        raise Http404
    if not VendorMembership.objects.filter(user=user, vendor=vendor, is_active=True).exists():
        raise Http404
    return get_object_or_404(Reservation.objects.with_lines(), code=code, vendor=vendor)
