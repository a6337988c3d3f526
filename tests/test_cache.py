"""The page cache for crowds (sentra/cache.py): shared pages for anonymous visitors, nothing personal in them."""

import re
from http import HTTPStatus

import pytest
from django.http import HttpResponse
from django.template import engines
from django.test import Client
from django.urls import path

from sentra.cache import GENERATION_KEY, cache_public_page
from tests import factories

CALLS = {"count": 0}
PAGE = engines["django"].from_string(
    '<form method="post" action="/post/">{% csrf_token %}</form>'
    '<script nonce="{{ request.csp_nonce }}">1</script>'
    "<p>{% if user.is_authenticated %}hi {{ user.username }}{% else %}guest{% endif %} {{ LANGUAGE_CODE }}</p>"
    "<p>call {{ call }}</p>"
)


@cache_public_page
def public_page(request):
    CALLS["count"] += 1
    return HttpResponse(PAGE.render({"call": CALLS["count"]}, request))


@cache_public_page
def missing_page(request):
    CALLS["count"] += 1
    return HttpResponse("gone", status=HTTPStatus.NOT_FOUND)


@cache_public_page
def session_page(request):
    request.session["seen"] = True
    return HttpResponse(PAGE.render({"call": 0}, request))


def post_target(request):
    return HttpResponse("posted")


urlpatterns = [
    path("page/", public_page),
    path("missing/", missing_page),
    path("session/", session_page),
    path("post/", post_target),
]

pytestmark = [pytest.mark.urls("tests.test_cache"), pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _reset_calls(settings):
    settings.SENTRA_PAGE_CACHE_SECONDS = 60
    CALLS["count"] = 0


def _token(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


def _nonce(response) -> str:
    return re.search(r'<script nonce="([^"]+)"', response.content.decode()).group(1)


def test_anonymous_visitors_without_cookies_share_one_rendering():
    first, second = Client().get("/page/"), Client().get("/page/")
    assert first.status_code == second.status_code == HTTPStatus.OK
    assert CALLS["count"] == 1
    assert "call 1" in second.content.decode()
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"


def test_a_cached_page_carries_a_fresh_csrf_token_that_a_post_accepts():
    Client().get("/page/")
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/page/")
    assert page["X-Page-Cache"] == "hit"
    assert "csrftoken" in page.cookies
    assert "@@" not in page.content.decode()
    assert visitor.post("/post/", {"csrfmiddlewaretoken": _token(page)}).status_code == HTTPStatus.OK


def test_a_cached_page_gets_its_own_csp_nonce_matching_its_header():
    first, second = Client().get("/page/"), Client().get("/page/")
    assert _nonce(first) != _nonce(second)
    assert f"'nonce-{_nonce(second)}'" in second["Content-Security-Policy"]


def test_signed_in_users_never_get_or_fill_the_shared_page(shopper):
    Client().get("/page/")
    client = Client()
    client.force_login(shopper)
    response = client.get("/page/")
    assert f"hi {shopper.username}" in response.content.decode()
    assert "X-Page-Cache" not in response
    assert CALLS["count"] == 2


def test_a_visitor_with_a_session_cookie_or_messages_is_served_uncached():
    Client().get("/page/")
    for cookie in ("sessionid", "messages"):
        client = Client()
        client.cookies[cookie] = "something"
        assert "X-Page-Cache" not in client.get("/page/")
    assert CALLS["count"] == 3


def test_each_language_has_its_own_entry(settings):
    Client().get("/page/")
    visitor = Client()
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = visitor.get("/page/")
    assert english["X-Page-Cache"] == "miss"
    assert "guest en" in english.content.decode()


def test_query_strings_are_separate_pages():
    Client().get("/page/?halaman=2")
    assert Client().get("/page/?halaman=3")["X-Page-Cache"] == "miss"
    assert Client().get("/page/?halaman=2")["X-Page-Cache"] == "hit"


def test_error_pages_and_pages_that_start_a_session_are_not_stored():
    Client().get("/missing/")
    Client().get("/missing/")
    assert CALLS["count"] == 2
    assert "X-Page-Cache" not in Client().get("/session/")
    assert "X-Page-Cache" not in Client().get("/session/")


def test_saving_a_product_or_vendor_drops_every_cached_page(vendor):
    Client().get("/page/")
    product = factories.ProductFactory(vendor=vendor)
    assert Client().get("/page/")["X-Page-Cache"] == "miss"
    vendor.on_holiday = True
    vendor.save()
    assert Client().get("/page/")["X-Page-Cache"] == "miss"
    product.delete()
    assert Client().get("/page/")["X-Page-Cache"] == "miss"


def test_zero_seconds_switches_the_page_cache_off(settings):
    settings.SENTRA_PAGE_CACHE_SECONDS = 0
    Client().get("/page/")
    assert "X-Page-Cache" not in Client().get("/page/")
    assert CALLS["count"] == 2


def test_generation_counter_survives_a_cleared_cache():
    from django.core.cache import cache

    from sentra.cache import invalidate_pages

    cache.clear()
    invalidate_pages()
    invalidate_pages()
    assert cache.get(GENERATION_KEY) == 2
