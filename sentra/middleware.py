"""Language choice: Indonesian unless the visitor picked another language with the switcher (cookie)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponseBadRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class CookieLocaleMiddleware(LocaleMiddleware):
    """LocaleMiddleware without Accept-Language negotiation (SPEC §6: Indonesian by default).

    Many Indonesian phones run in English; the site still opens in Indonesian and the switcher's
    cookie is the only way to change it, so URLs and cached pages never depend on browser headers.
    """

    def process_request(self, request: HttpRequest) -> None:
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or settings.LANGUAGE_CODE
        try:
            language = translation.get_supported_language_variant(code)
        except LookupError:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class PermissionsPolicyMiddleware:
    """Add the Permissions-Policy header (settings.PERMISSIONS_POLICY) to every response that lacks one."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "PERMISSIONS_POLICY", "")

    def __call__(self, request: HttpRequest):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Permissions-Policy", self.policy)
        return response


class RejectNulBytesMiddleware:
    """Answer 400 to a request whose path or parameters carry a NUL byte.

    PostgreSQL text cannot hold NUL, so such input would otherwise end in a 500 at the first query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if _has_nul(request):
            return HttpResponseBadRequest("Permintaan tidak valid.", content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    params = [request.GET]
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        params.append(request.POST)
    return any("\x00" in key or any("\x00" in value for value in values) for qd in params for key, values in qd.lists())
