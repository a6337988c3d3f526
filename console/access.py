"""Who may use the Dinas console: Dinas staff (sentra.staff.is_dinas) holding each view's permission, on the
centres of their scope (vendors.StaffScope). `scoped()` is the one centre rule every console list, queue,
dashboard, report and export reads through; object URLs go through the access helpers of the domain apps, which
apply the same rule (vendors.access.in_scope), so an object of another centre is a 404 like a missing one."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sentra.staff import is_dinas
from vendors.access import in_scope
from vendors.models import Centre
from vendors.selectors import centres_for, has_staff_scope, scoped_centres


def scoped(request, rows, path: str = "centre"):
    """`rows` narrowed to the centres the signed-in staff member works on (`path` leads from a row to its
    centre: "centre", "vendor__centre", "unit__centre"...)."""
    return in_scope(request.user, rows, path)


def centre_ids(request) -> frozenset[int] | None:
    """The pks of the staff member's centres; None for every centre (province staff, superusers)."""
    return centres_for(request.user)


def centre_choices(request) -> list[Centre]:
    """The centres the staff member may pick in a filter or form."""
    return scoped_centres(request.user)


def chosen_centres(request) -> tuple[frozenset[int] | None, Centre | None]:
    """The centres a list, dashboard or report shows, and the one picked: `?sentra=<pk>` when it is one of the
    staff member's centres, else all of theirs. A forged or foreign pk is refused with a message."""
    raw = (request.GET.get("sentra") or "").strip()
    if raw:
        picked = next((c for c in centre_choices(request) if str(c.pk) == raw), None)
        if picked is not None:
            return frozenset({picked.pk}), picked
        messages.error(
            request,
            _("Sentra yang dipilih tidak dikenal atau di luar wilayah kerja Anda; semua sentra Anda ditampilkan."),
        )
    return centre_ids(request), None


def centre_context(request) -> dict:
    """What the centre picker of a console page needs, and the centres chosen."""
    ids, picked = chosen_centres(request)
    return {"centres": ids, "centre": picked, "centre_choices": centre_choices(request)}


def console_view(perm: str | tuple[str, ...]) -> Callable:
    """Guard a console view, never cached: anonymous users go to login, others need the Dinas group and `perm`;
    Dinas staff without a centre see why instead of an empty console."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not is_dinas(request.user):
                raise PermissionDenied
            if not has_staff_scope(request.user):
                return render(request, "console/no_scope.html", status=403)
            return view(request, *args, **kwargs)

        # never_cache: pages and reports hold owners' contact details; keep them out of shared office PCs' caches.
        return never_cache(login_required(permission_required(perm, raise_exception=True)(guarded)))

    return decorator
