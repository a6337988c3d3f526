"""Who may use the Dinas console, and fetching its objects (404 for anything missing)."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache

from catalog.models import Certificate, Product
from vendors.models import ShopUnit, UnitAssignment, Vendor

DINAS_GROUP = "Dinas"


def is_console_user(user) -> bool:
    """True for active superusers and members of the Dinas group."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=DINAS_GROUP).exists()


def console_view(perm: str | tuple[str, ...]) -> Callable:
    """Guard a console view, never cached: anonymous users go to login, others need the Dinas group and `perm`."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not is_console_user(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        # never_cache: pages and reports hold owners' contact details; keep them out of shared office PCs' caches.
        return never_cache(login_required(permission_required(perm, raise_exception=True)(guarded)))

    return decorator


def console_vendor(pk: int) -> Vendor:
    """Return the vendor with its region, or raise Http404."""
    return get_object_or_404(Vendor.objects.select_related("regency"), pk=pk)


def console_certificate(pk: int) -> Certificate:
    """Return the certificate with its vendor and reviewer, or raise Http404."""
    return get_object_or_404(Certificate.objects.select_related("vendor__regency", "reviewed_by"), pk=pk)


def console_unit(pk: int) -> ShopUnit:
    """Return the unit with its centre, or raise Http404."""
    return get_object_or_404(ShopUnit.objects.select_related("centre"), pk=pk)


def console_assignment(pk: int) -> UnitAssignment:
    """Return the unit assignment with its unit and vendor, or raise Http404."""
    return get_object_or_404(UnitAssignment.objects.select_related("unit", "vendor"), pk=pk)


def console_product(pk: int) -> Product:
    """Return the product with its vendor, or raise Http404."""
    return get_object_or_404(Product.objects.select_related("vendor", "category"), pk=pk)
