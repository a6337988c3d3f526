"""Language switching: Indonesian by default, English by set_language (cookie), URLs unchanged."""

from http import HTTPStatus

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

SKIP_LINK_ID = "Langsung ke isi utama"
SKIP_LINK_EN = "Skip to main content"


def test_pages_are_indonesian_by_default(client):
    response = client.get(reverse("account_login"))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Language"] == "id"
    assert '<html lang="id"' in response.content.decode()
    assert SKIP_LINK_ID in response.content.decode()


def test_set_language_to_english_keeps_the_url_and_shows_english(client):
    url = reverse("account_login")

    response = client.post(reverse("set_language"), {"language": "en", "next": url})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == url
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(url)
    assert page["Content-Language"] == "en"
    assert '<html lang="en"' in page.content.decode()
    assert SKIP_LINK_EN in page.content.decode()
    assert SKIP_LINK_ID not in page.content.decode()


def test_switching_back_to_indonesian_restores_indonesian(client):
    url = reverse("account_login")
    client.post(reverse("set_language"), {"language": "en", "next": url})

    client.post(reverse("set_language"), {"language": "id", "next": url})

    assert SKIP_LINK_ID in client.get(url).content.decode()


def test_urls_do_not_carry_a_language_prefix(client):
    with translation.override("en"):
        assert reverse("account_login") == "/akun/login/"
    assert client.get("/en/akun/login/").status_code == HTTPStatus.NOT_FOUND


def test_an_unknown_language_is_ignored(client):
    url = reverse("account_login")

    client.post(reverse("set_language"), {"language": "xx", "next": url})

    assert client.get(url)["Content-Language"] == "id"


def test_set_language_refuses_to_redirect_to_another_site(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "https://evil.example/"})

    assert response["Location"] == "/"


def test_english_catalogue_translates_model_labels():
    from vendors.models import Vendor

    with translation.override("en"):
        assert str(Vendor._meta.get_field("name").verbose_name) == "business name"


def test_the_browser_language_does_not_switch_the_site_to_english(client):
    response = client.get(reverse("account_login"), headers={"accept-language": "en-US,en;q=0.9"})

    assert response["Content-Language"] == "id"
    assert SKIP_LINK_ID in response.content.decode()
    assert "Accept-Language" not in response.get("Vary", "")


def test_the_language_cookie_alone_chooses_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get(reverse("account_login"))

    assert response["Content-Language"] == "en"
    assert SKIP_LINK_EN in response.content.decode()
