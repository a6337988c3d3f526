"""Page cache for crowds: public pages of anonymous visitors served from the cache (SPEC §10).

Use `@cache_public_page` on a public GET view (catalogue, product, vendor). A page comes from the cache only
for a visitor without a session or messages cookie: nothing personal (cart count, messages, account menu) can
be on it. The key is scheme + host + full URL + language + htmx flag + a generation number. The CSRF token and
the CSP nonce are cut out before storing and filled in fresh for each visitor, so forms keep working and the
nonce is never shared.

Freshness: an entry lives SENTRA_PAGE_CACHE_SECONDS (0 switches the cache off); saving a product, photo,
certificate, category, vendor, unit or the centre bumps the generation, so every cached page is dropped at
once (across processes with a shared cache such as Redis). Stock held by reservations changes with a
conditional UPDATE that sends no signal: the "available" state may lag by the cache lifetime, which is fine
because `reservation_place` re-checks stock under a row lock.
"""

import hashlib
import re
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from sentra.internals import unmask_csrf_token

T = TypeVar("T")

GENERATION_KEY = "sentra:page:generation"
KEY_PREFIX = "sentra:page"
DEFAULT_SECONDS = 60
COUNT_SECONDS = 60
MAX_QUERY_LENGTH = 512  # longer query strings are rendered, never stored (keeps the cache from being flooded)
CSRF_SLOT = "@@sentra-csrf-token@@"
NONCE_SLOT = "@@sentra-csp-nonce@@"
MASKED_TOKEN = re.compile(r"\b[a-zA-Z0-9]{64}\b")
STORED_HEADERS = ("Content-Type", "Content-Language")
WATCHED_MODELS = (
    "catalog.Product",
    "catalog.ProductImage",
    "catalog.Certificate",
    "catalog.Category",
    "vendors.Vendor",
    "vendors.ShopUnit",
    "vendors.UnitAssignment",
    "vendors.Centre",
    "vendors.OpeningHours",
    "vendors.ClosedDate",
)


def cache_public_page(view: Callable | None = None, *, seconds: int | None = None) -> Callable:
    """Serve the view's page from the cache to anonymous visitors without cookies that carry state."""

    def decorator(view_func: Callable) -> Callable:
        @wraps(view_func)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            lifetime = page_cache_seconds() if seconds is None else seconds
            if lifetime <= 0 or not is_shareable_request(request):
                return view_func(request, *args, **kwargs)
            key = page_key(request)
            stored = cache.get(key)
            if stored is not None:
                return restore(request, stored)
            response = view_func(request, *args, **kwargs)
            if is_shareable_response(request, response):
                cache.set(key, freeze(request, response), lifetime)
                response["X-Page-Cache"] = "miss"
            return response

        return wrapper

    return decorator(view) if view is not None else decorator


def page_cache_seconds() -> int:
    return getattr(settings, "SENTRA_PAGE_CACHE_SECONDS", DEFAULT_SECONDS)


def is_shareable_request(request: HttpRequest) -> bool:
    """A GET/HEAD from a visitor with no session and no pending messages: the page holds nothing personal."""
    if request.method not in ("GET", "HEAD") or len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return False
    personal_cookies = {settings.SESSION_COOKIE_NAME, "messages"}
    if personal_cookies & request.COOKIES.keys():
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def is_shareable_response(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if "private" in response.get("Cache-Control", "") or "no-store" in response.get("Cache-Control", ""):
        return False
    session = getattr(request, "session", None)
    return not (session is not None and session.modified)


def page_key(request: HttpRequest) -> str:
    hx = "hx" if request.headers.get("HX-Request") else "page"
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"{KEY_PREFIX}:{generation()}:{get_language()}:{hx}:{digest}"


def freeze(request: HttpRequest, response: HttpResponse) -> dict:
    """Return what is stored: the body with the CSRF tokens and CSP nonce cut out, and a few headers."""
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    content = response.content.decode(response.charset)
    secret = request.META.get("CSRF_COOKIE")
    if secret and request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        tokens = {t for t in MASKED_TOKEN.findall(content) if unmask_csrf_token(t) == secret}
        for token in tokens:
            content = content.replace(token, CSRF_SLOT)
    nonce = getattr(request, "csp_nonce", None)
    if nonce:  # django-csp's lazy nonce is false until a page used it; reading it earlier would make one
        content = content.replace(str(nonce), NONCE_SLOT)
    headers = {name: response[name] for name in STORED_HEADERS if name in response}
    return {"content": content, "headers": headers}


def restore(request: HttpRequest, stored: dict) -> HttpResponse:
    """Build a response from a stored page with this visitor's own CSRF token and CSP nonce."""
    content = stored["content"]
    if CSRF_SLOT in content:
        content = content.replace(CSRF_SLOT, get_token(request))
    if NONCE_SLOT in content:
        content = content.replace(NONCE_SLOT, str(request.csp_nonce))
    response = HttpResponse(content)
    for name, value in stored["headers"].items():
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


def cached_count(queryset: QuerySet, seconds: int = COUNT_SECONDS) -> int:
    """`queryset.count()`, cached by its SQL for the page cache's generation (dropped when pages are).

    A list's capped count walks up to 241 matching rows: with narrow filters on 200,000 products that costs
    more than the rest of the page's SQL (see bench/README.md, 'Measured design decisions'). Stock held by
    reservations sends no signal, so an "available only" count may lag by `seconds`; the rows on the page
    never do.
    """
    return cached_for_generation("count", queryset_identity(queryset), queryset.count, seconds)


def cached_for_generation(kind: str, identity: str, compute: Callable[[], T], seconds: int) -> T:
    """`compute()`, cached under `kind` and `identity` until the page cache's generation moves on (any save
    of a watched model) or `seconds` pass. `compute` must not return None (it would be computed each time)."""
    digest = hashlib.sha256(identity.encode()).hexdigest()[:32]
    key = f"sentra:{kind}:{generation()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def queryset_identity(queryset: QuerySet) -> str:
    """What makes two querysets return the same rows: their database, SQL and parameters."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # .none(), or a filter on an empty list: no SQL to run
        return f"{queryset.db}|nothing"
    return f"{queryset.db}|{sql}|{params!r}"


def generation() -> int:
    """The page cache's generation: it moves on whenever a watched model is saved or deleted."""
    return cache.get(GENERATION_KEY, 0)


def invalidate_pages(**kwargs) -> None:
    """Drop every cached page by moving to a new generation (old entries expire on their own)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


def _connect_signals() -> None:
    for model in WATCHED_MODELS:
        post_save.connect(invalidate_pages, sender=model, dispatch_uid=f"sentra-page-cache-save-{model}")
        post_delete.connect(invalidate_pages, sender=model, dispatch_uid=f"sentra-page-cache-delete-{model}")
    m2m_changed.connect(invalidate_pages, sender="catalog.Certificate_products", dispatch_uid="sentra-page-cache-m2m")


_connect_signals()
