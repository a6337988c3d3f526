"""Site-wide endpoints: health check, robots.txt and the admin login hand-off."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Answer 200 `ok` when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /akun/",
        "Disallow: /toko/",
        "Disallow: /dinas/",
        "Disallow: /admin/",
        "Disallow: /keranjang/",
        "Disallow: /reservasi/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def admin_login(request: HttpRequest, extra_context=None) -> HttpResponse:
    """Send admin sign-ins through allauth, so its rate limits also guard the admin.

    Signed-in users without staff rights get 403 rather than a second login form.
    """
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        target = reverse("admin:index")
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect(target)
        raise PermissionDenied
    return redirect_to_login(target)


# --- installable and kind to weak signal (issue 16) -------------------------------------------------------


@require_GET
@cache_control(max_age=0, no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, from the site root so its scope is the whole site; a template, so the static URLs it
    caches are the (hashed) ones the pages use."""
    response = render(request, "pwa/sw.js", content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
@cache_control(max_age=86400, public=True)
def web_manifest(request: HttpRequest) -> HttpResponse:
    return render(request, "pwa/manifest.webmanifest", content_type="application/manifest+json; charset=utf-8")


@require_GET
@cache_control(max_age=3600, public=True)
def offline(request: HttpRequest) -> HttpResponse:
    """What the service worker shows when a page is neither online nor saved."""
    return render(request, "pwa/offline.html")
