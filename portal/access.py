"""Who works in the owner portal: the vendor a member works on now (chosen in the session) and the guard of
every portal view. Objects are fetched with the domain apps' access helpers, given the user and the vendor."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.shortcuts import redirect

from vendors.access import access_vendor_membership, memberships_of
from vendors.models import Vendor

SESSION_KEY = "sentra_vendor_pk"


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
