"""Fetch-and-authorise helpers for counter sales: 404 alike for "missing" and "not yours"."""

from django.shortcuts import get_object_or_404

from vendors.models import Vendor

from .models import CounterSale


def access_sale(user, code: str, *, vendor: Vendor) -> CounterSale:
    """Return counter sale `code` of `vendor` with its lines, to an active member of the vendor; else 404."""
    rows = CounterSale.objects.with_lines().filter(
        vendor=vendor, vendor__memberships__user_id=user.pk, vendor__memberships__is_active=True
    )
    return get_object_or_404(rows, code=(code or "").strip().upper())


def access_receipt(token: str) -> CounterSale:
    """Return the sale behind a buyer's receipt link (the token is the secret), else 404."""
    return get_object_or_404(CounterSale.objects.with_lines(), receipt_token=token)
