"""Security headers, the Content Security Policy and production settings (SPEC §11).

Every page carries the protective headers; no page (public, portal, console or admin) has an inline script
without the request's nonce, an inline `style=` attribute or an `on…=` event handler, which CSP would block.
"""

import re
from html.parser import HTMLParser
from http import HTTPStatus

import pytest
from django.contrib import admin
from django.urls import reverse

from tests import factories
from tests.test_settings import PRODUCTION, read_settings

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "catalog:home",
    "catalog:product-list",
    "catalog:vendor-list",
    "catalog:floor-plan",
    "orders:cart",
    "account_login",
    "account_signup",
    "account_reset_password",
    "healthz",
    "robots-txt",
]


@pytest.fixture
def shop(centre, product):
    factories.UnitAssignmentFactory(vendor=product.vendor, unit=factories.ShopUnitFactory(centre=centre))
    factories.CertificateFactory(vendor=product.vendor, products=[product])
    return product


def csp_directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    parts = [part.split() for part in header.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_every_page_sends_the_protective_headers(client, shop, name):
    response = client.get(reverse(name))

    assert response.status_code == HTTPStatus.OK
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "camera=(self)" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]
    assert "Content-Security-Policy" in response.headers


def test_error_pages_send_the_protective_headers_too(client, db):
    response = client.get("/tidak-ada-halaman-ini/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "Permissions-Policy" in response.headers
    assert "Content-Security-Policy" in response.headers


def test_content_security_policy_has_no_unsafe_inline_and_uses_a_nonce_for_scripts(client, shop):
    response = client.get(reverse("catalog:home"))
    directives = csp_directives(response)

    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    # django-csp adds the per-request nonce only on pages that use it; nothing else may run scripts.
    assert [source for source in directives["script-src"] if not source.startswith("'nonce-")] == ["'self'"]


class _InlineFinder(HTMLParser):
    """Collect what a strict CSP would block: inline scripts without the nonce, style and on… attributes."""

    def __init__(self, nonce: str):
        super().__init__()
        self.nonce = nonce
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in {"href", "src", "action", "formaction"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "script" and "src" not in attributes:
            kind = attributes.get("type", "")
            if kind not in {"application/json", "application/ld+json"} and attributes.get("nonce") != self.nonce:
                self.problems.append(f"<script> without the nonce: {attrs!r}")
        if tag == "style":
            self.problems.append("<style> element")


def assert_csp_clean(response) -> None:
    assert response.status_code == HTTPStatus.OK, response
    match = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])
    finder = _InlineFinder(match.group(1) if match else "")
    finder.feed(response.content.decode())
    assert finder.problems == [], response.request["PATH_INFO"]


def test_public_pages_have_nothing_a_strict_csp_would_block(client, shop):
    urls = [reverse(name) for name in PUBLIC_PAGES if name not in {"healthz", "robots-txt"}]
    urls += [shop.get_absolute_url(), shop.vendor.get_absolute_url(), reverse("catalog:product-list") + "?q=kopi"]
    client.post(reverse("orders:cart-add"), {"product": shop.pk, "quantity": 1})
    urls.append(reverse("orders:cart"))
    for url in urls:
        assert_csp_clean(client.get(url))


def test_portal_and_console_pages_have_nothing_a_strict_csp_would_block(client, shop, owner, dinas_user):
    client.force_login(owner)
    for name in ["dashboard", "profile", "product-list", "product-create", "certificate-list", "certificate-create"]:
        assert_csp_clean(client.get(reverse(f"vendors:{name}")))
    for name in ["reservation-list", "reservation-collect", "labels", "sales-report"]:
        assert_csp_clean(client.get(reverse(f"vendors:{name}")))
    assert_csp_clean(client.get(reverse("vendors:product-edit", args=[shop.pk])))
    client.force_login(dinas_user)
    for name in ["dashboard", "vendor-list", "certificate-list", "unit-list", "unit-create", "reports"]:
        assert_csp_clean(client.get(reverse(f"console:{name}")))
    assert_csp_clean(client.get(reverse("console:vendor-detail", args=[shop.vendor.pk])))


ADMIN_MODELS = [model for model in admin.site._registry if model._meta.app_label in {"vendors", "catalog", "orders"}]


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda m: m._meta.label)
def test_admin_pages_work_under_the_csp(client, shop, model):
    factories.ReservationLineFactory(product=shop)
    client.force_login(factories.UserFactory(username="root", is_staff=True, is_superuser=True))
    opts = model._meta
    assert_csp_clean(client.get(reverse("admin:index")))
    assert_csp_clean(client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")))
    obj = model.objects.first()
    if obj is not None:
        assert_csp_clean(client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])))


def test_admin_login_goes_through_the_rate_limited_allauth_login(client, db):
    response = client.get(reverse("admin:login"))

    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("account_login"))


def test_production_settings_read_the_proxy_ssl_header_from_the_environment():
    default = read_settings(PRODUCTION, "SECURE_PROXY_SSL_HEADER")["SECURE_PROXY_SSL_HEADER"]
    custom = {**PRODUCTION, "DJANGO_SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_SCHEME,https"}
    off = {**PRODUCTION, "DJANGO_SECURE_PROXY_SSL_HEADER": ""}

    assert default == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert read_settings(custom, "SECURE_PROXY_SSL_HEADER") == {
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_SCHEME", "https"]
    }
    assert read_settings(off, "SECURE_PROXY_SSL_HEADER") == {"SECURE_PROXY_SSL_HEADER": None}


def test_hsts_is_configurable_and_cookies_are_secure_and_http_only():
    names = ("SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_SECURE")

    values = read_settings({**PRODUCTION, "DJANGO_HSTS_SECONDS": "3600"}, *names)

    assert values == dict.fromkeys(names, True) | {"SECURE_HSTS_SECONDS": 3600}


def test_password_validators_are_on():
    validators = read_settings(PRODUCTION, "AUTH_PASSWORD_VALIDATORS")["AUTH_PASSWORD_VALIDATORS"]
    names = {validator["NAME"].rsplit(".", 1)[-1] for validator in validators}

    assert names >= {"MinimumLengthValidator", "CommonPasswordValidator", "UserAttributeSimilarityValidator"}
