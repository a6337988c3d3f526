"""Friendly Indonesian error pages that do not depend on the database."""

from django.http import HttpRequest, HttpResponse
from django.template import loader


def _render(request: HttpRequest, template: str, status: int) -> HttpResponse:
    try:
        body = loader.render_to_string(template, {"request": request}, request=None)
    except Exception:  # an error page must never fail
        body = f"<h1>{status}</h1>"
    return HttpResponse(body, status=status)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return _render(request, "400.html", 400)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return _render(request, "403.html", 403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return _render(request, "404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _render(request, "500.html", 500)
