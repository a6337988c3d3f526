"""Site-wide pages: the friendly error pages, the layouts and the restyled allauth pages."""

import datetime
from http import HTTPStatus
from unittest import mock

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from sentra import errors

pytestmark = pytest.mark.django_db


def test_a_missing_page_gives_the_friendly_indonesian_404(client, centre):
    response = client.get("/halaman-yang-tidak-ada/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    html = response.content.decode()
    assert "Maaf, halaman ini tidak ditemukan" in html
    assert '<html lang="id"' in html
    assert 'name="q"' in html  # a search box to recover
    assert centre.name in html  # the footer with the centre's address


def test_the_500_page_needs_no_database_nor_context(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = errors.server_error(request)
    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert "Maaf, terjadi gangguan" in response.content.decode()


@pytest.mark.parametrize(
    ("handler", "status", "text"),
    [
        (errors.bad_request, HTTPStatus.BAD_REQUEST, "tidak bisa kami proses"),
        (errors.permission_denied, HTTPStatus.FORBIDDEN, "tidak punya akses"),
        (errors.page_not_found, HTTPStatus.NOT_FOUND, "tidak ditemukan"),
    ],
)
def test_client_error_pages_are_friendly(rf, handler, status, text):
    request = rf.get("/x/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = handler(request, Exception())
    assert response.status_code == status
    assert text in response.content.decode()


def test_the_public_layout_has_landmarks_skip_link_and_language_switcher(client):
    html = client.get("/halaman-yang-tidak-ada/").content.decode()
    assert 'href="#main"' in html
    assert '<main id="main"' in html
    assert 'role="search"' in html
    assert 'name="viewport"' in html
    assert f'action="{reverse("set_language")}"' in html
    assert 'value="en"' in html
    assert "style=" not in html
    assert " onclick=" not in html


def test_anonymous_header_offers_login_and_signup(client):
    html = client.get("/halaman-yang-tidak-ada/").content.decode()
    assert reverse("account_login") in html
    assert reverse("account_signup") in html


def test_logged_in_header_offers_a_logout_form(client, shopper):
    client.force_login(shopper)
    html = client.get("/halaman-yang-tidak-ada/").content.decode()
    assert f'action="{reverse("account_logout")}"' in html
    assert reverse("account_login") not in html


def test_switching_language_sets_the_cookie_and_keeps_the_url(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/katalog/"})
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/katalog/"
    assert response.cookies["django_language"].value == "en"


@pytest.mark.parametrize("url_name", ["account_login", "account_signup", "account_reset_password"])
def test_allauth_pages_use_our_layout_in_indonesian(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert 'class="site-header"' in html
    assert 'class="auth-card"' in html
    assert "Sentra Oleh-oleh" in html
    assert "Sign In" not in html and "Sign Up" not in html


def test_login_form_fields_have_labels(client):
    html = client.get(reverse("account_login")).content.decode()
    assert 'for="id_login"' in html
    assert 'for="id_password"' in html
    assert "Masuk" in html


def test_login_errors_are_announced_on_the_fields(client, shopper):
    response = client.post(reverse("account_login"), {"login": shopper.email, "password": "salah-sekali"})
    assert response.status_code == HTTPStatus.OK
    assert 'class="errorlist nonfield"' in response.content.decode()


def test_footer_shows_opening_hours_and_open_status(client, centre):
    html = client.get("/halaman-yang-tidak-ada/").content.decode()
    assert "Senin–Minggu" in html
    assert "08.00–17.00" in html
    assert ("Buka sekarang" in html) or ("Tutup" in html)


def test_footer_shows_changed_opening_hours_on_the_next_page(client, centre):
    client.get("/halaman-yang-tidak-ada/")  # footer (and centre) now cached
    saturday = centre.opening_hours.get(weekday=5)
    saturday.closes = datetime.time(21)
    saturday.save()

    html = client.get("/halaman-yang-tidak-ada/").content.decode()
    assert "08.00–21.00" in html
    assert "Senin–Jumat" in html


def test_footer_fragment_is_cached_per_language(client, centre, settings):
    assert "Jam buka (WIB)" in client.get("/halaman-yang-tidak-ada/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/halaman-yang-tidak-ada/").content.decode()
    assert "Opening hours (WIB)" in html
    assert "Jam buka (WIB)" not in html


def test_footer_open_status_follows_the_clock_while_cached(client, centre):
    wib = timezone.get_current_timezone()
    with mock.patch(
        "vendors.context_processors.timezone.now", return_value=datetime.datetime(2026, 12, 2, 10, tzinfo=wib)
    ):
        assert "Buka sekarang" in client.get("/halaman-yang-tidak-ada/").content.decode()
    with mock.patch(
        "vendors.context_processors.timezone.now", return_value=datetime.datetime(2026, 12, 2, 20, tzinfo=wib)
    ):
        html = client.get("/halaman-yang-tidak-ada/").content.decode()
    assert "Buka sekarang" not in html
    assert "pill-closed" in html
