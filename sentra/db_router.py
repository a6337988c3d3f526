"""Optional read replica (DATABASE_REPLICA_URL): catalogue reads go to the replica, everything else to the primary.

The router alone cannot see the request, so `ReplicaMiddleware` decides per request and leaves the choice in a
context variable:
- only GET/HEAD requests outside the owner portal, the Dinas console, the admin and the accounts pages may read
  from the replica, and only the catalogue's tables (catalog, vendors, regions) are read there;
- every write goes to the primary, and so does every read outside a request (commands, cron, services);
- after a visitor's write (any POST) a cookie pins that visitor to the primary for SENTRA_REPLICA_PIN_SECONDS,
  so they see their own change even while the replica lags.
"""

import contextvars
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

PRIMARY = "default"
REPLICA = "replica"
PIN_COOKIE = "sentra_primary"
PRIMARY_PATHS = ("/toko/", "/dinas/", "/admin/", "/akun/", "/keranjang/", "/reservasi/", "/i18n/")
REPLICA_APPS = {"catalog", "vendors"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

_read_alias: contextvars.ContextVar[str] = contextvars.ContextVar("sentra_read_alias", default=PRIMARY)


def pin_seconds() -> int:
    return getattr(settings, "SENTRA_REPLICA_PIN_SECONDS", 5)


def may_read_replica(request: HttpRequest, now: float | None = None) -> bool:
    """True when this request only reads public data and its visitor has not written in the last seconds."""
    if request.method not in SAFE_METHODS or request.path.startswith(PRIMARY_PATHS):
        return False
    pinned_until = request.COOKIES.get(PIN_COOKIE, "")
    try:
        return float(pinned_until) <= (now or time.time())
    except ValueError:
        return True


class ReplicaMiddleware:
    """Choose the read database for this request; pin a visitor to the primary for a while after a write."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _read_alias.set(REPLICA if may_read_replica(request) else PRIMARY)
        try:
            response = self.get_response(request)
        finally:
            _read_alias.reset(token)
        if request.method not in SAFE_METHODS:
            seconds = pin_seconds()
            response.set_cookie(
                PIN_COOKIE,
                f"{time.time() + seconds:.0f}",
                max_age=seconds,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response


class PrimaryReplicaRouter:
    """Send catalogue reads of replica-safe requests to the replica; all else, and all writes, to the primary."""

    def db_for_read(self, model, **hints) -> str:
        if _read_alias.get() == REPLICA and model._meta.app_label in REPLICA_APPS:
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints) -> str:
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the replica is a copy of the primary: same rows, same keys

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == PRIMARY  # the replica gets its schema by replication
