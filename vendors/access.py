"""Fetch-and-authorise helpers for vendors, their memberships, units and assignments: each is given the user
and raises Http404 alike for "missing" and "not yours" (STYLE: access)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from sentra.staff import is_dinas

from .models import ShopUnit, UnitAssignment, Vendor, VendorMembership
from .selectors import at_centres, centres_for


def in_scope(user, rows, path: str = "centre"):
    """Narrow `rows` to the centres the staff user works on (`path` leads from a row to its centre); every
    row for superusers and province staff, none for staff without a scope. The one centre rule of the console."""
    ids = centres_for(user)
    return rows if ids is None else rows.filter(at_centres(path, ids))


def memberships_of(user) -> list[VendorMembership]:
    """Return the user's active memberships, oldest first, with their vendors."""
    if not user.is_authenticated:
        return []
    return list(
        VendorMembership.objects.filter(user=user, is_active=True)
        .select_related("vendor", "vendor__regency")
        .order_by("created_at", "pk")
    )


def access_vendor_membership(user, vendor_pk) -> VendorMembership:
    """Return the user's active membership of vendor `vendor_pk`, or 404."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(
        VendorMembership.objects.select_related("vendor", "vendor__regency"),
        user=user,
        vendor_id=vendor_pk,
        is_active=True,
    )


def access_vendor(user, pk) -> Vendor:
    """Return vendor `pk` with its region and centre to Dinas staff of its centre, or 404."""
    if not is_dinas(user):
        raise Http404
    return get_object_or_404(in_scope(user, Vendor.objects.select_related("regency", "centre")), pk=pk)


def access_unit(user, pk) -> ShopUnit:
    """Return shop unit `pk` with its centre to Dinas staff of that centre, or 404."""
    if not is_dinas(user):
        raise Http404
    return get_object_or_404(in_scope(user, ShopUnit.objects.select_related("centre")), pk=pk)


def access_assignment(user, pk) -> UnitAssignment:
    """Return unit assignment `pk` with its unit and vendor to Dinas staff of the unit's centre, or 404."""
    if not is_dinas(user):
        raise Http404
    rows = UnitAssignment.objects.select_related("unit", "unit__centre", "vendor")
    return get_object_or_404(in_scope(user, rows, "unit__centre"), pk=pk)
