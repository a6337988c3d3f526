"""Site-wide endpoints and the security headers every page carries."""

from http import HTTPStatus

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == HTTPStatus.OK
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")


def test_healthz_refuses_post(client):
    assert client.post(reverse("healthz")).status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_robots_txt_lists_the_sitemap_and_keeps_private_areas_out(client):
    response = client.get(reverse("robots-txt"))

    assert response.status_code == HTTPStatus.OK
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text.splitlines()
    for private in ("/akun/", "/toko/", "/dinas/", "/admin/", "/reservasi/"):
        assert f"Disallow: {private}" in text


def page(client):
    return client.get(reverse("account_login"))


def test_pages_carry_a_content_security_policy_without_unsafe_inline(client):
    response = page(client)

    assert response.status_code == HTTPStatus.OK
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert directives["script-src"].split()[0] == "'self'"


def test_pages_refuse_framing_and_sniffing(client):
    response = page(client)

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_https_responses_carry_hsts_in_production_settings(client, settings):
    assert settings.SECURE_HSTS_SECONDS >= 31536000

    response = client.get(reverse("account_login"), secure=True)

    assert "max-age=31536000" in response["Strict-Transport-Security"]
    assert "includeSubDomains" in response["Strict-Transport-Security"]


def test_session_and_csrf_cookies_are_httponly_and_samesite(client):
    response = page(client)

    csrf = response.cookies.get("csrftoken")
    assert csrf is not None
    assert csrf["samesite"] == "Lax"


def test_an_unknown_url_gives_a_friendly_404_page(client):
    response = client.get("/tidak-ada-halaman-ini/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert b"<html" in response.content
