from http import HTTPStatus

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_site_opens_in_indonesian_even_for_an_english_browser(client):
    response = client.get(reverse("catalog:product-list"), headers={"accept-language": "en-US,en;q=0.9"})
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Language"] == "id"
    assert '<html lang="id"' in response.content.decode()


def test_language_cookie_switches_to_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("catalog:product-list"))
    assert response["Content-Language"] == "en"
    assert '<html lang="en"' in response.content.decode()


def test_unknown_language_cookie_falls_back_to_indonesian(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    response = client.get(reverse("catalog:product-list"))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Language"] == "id"
