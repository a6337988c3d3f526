"""Who may use the Dinas console: Dinas staff (sentra.staff.is_dinas) holding each view's permission."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.views.decorators.cache import never_cache

from sentra.staff import is_dinas


def console_view(perm: str | tuple[str, ...]) -> Callable:
    """Guard a console view, never cached: anonymous users go to login, others need the Dinas group and `perm`."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not is_dinas(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        # never_cache: pages and reports hold owners' contact details; keep them out of shared office PCs' caches.
        return never_cache(login_required(permission_required(perm, raise_exception=True)(guarded)))

    return decorator
