"""Friendly Indonesian error pages. The 500 page needs neither the database nor context processors."""

import logging

from django.http import HttpRequest, HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

FALLBACK = "<!DOCTYPE html><html lang=id><title>Sentra</title><h1>{status}</h1><p><a href=/>Beranda</a></p></html>"


def _render(request: HttpRequest, template: str, status: int, *, full_context: bool = True) -> HttpResponse:
    """Render an error page with the site's context when possible, else plainly; never raise."""
    attempts = [request, None] if full_context else [None]
    for context_request in attempts:
        try:
            body = loader.render_to_string(template, {"request": request}, request=context_request)
            return HttpResponse(body, status=status)
        except Exception:  # noqa: BLE001 - an error page must never fail
            logger.exception("Rendering %s failed", template)
    return HttpResponse(FALLBACK.format(status=status), status=status)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return _render(request, "400.html", 400)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return _render(request, "403.html", 403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return _render(request, "404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _render(request, "500.html", 500, full_context=False)
