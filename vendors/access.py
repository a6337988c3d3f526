"""Fetch-and-authorise helpers of the owner portal: each returns the object or raises Http404 alike
for "missing" and "not yours" (STYLE: access)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404, redirect

from orders.models import Reservation

from .models import Vendor, VendorMembership

SESSION_KEY = "sentra_vendor_pk"


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


def current_vendor_for(request: HttpRequest) -> Vendor | None:
    """Return the vendor the user works on now: the one chosen in the session, else their first one."""
    memberships = memberships_of(request.user)
    chosen = request.session.get(SESSION_KEY)
    for membership in memberships:
        if membership.vendor_id == chosen:
            return membership.vendor
    return memberships[0].vendor if memberships else None


def vendor_switch(request: HttpRequest, vendor_pk) -> Vendor:
    """Make vendor `vendor_pk` (which the user must be a member of) the current one."""
    membership = access_vendor_membership(request.user, vendor_pk)
    request.session[SESSION_KEY] = membership.vendor_id
    return membership.vendor


def member_required(view):
    """Login required; sets `request.vendor` or sends users without a vendor to the application form."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.vendor = current_vendor_for(request)
        if request.vendor is None:
            return redirect("vendors:apply")
        return view(request, *args, **kwargs)

    return wrapper


def access_vendor_reservation(vendor: Vendor, code: str) -> Reservation:
    """Return the reservation with pickup `code` made at `vendor`, or 404."""
    return get_object_or_404(Reservation.objects.with_lines(), vendor=vendor, code=(code or "").strip().upper())
