"""Every public page runs a constant number of queries (≤ 8), whatever the number of cards, and the
catalogue never counts the whole filtered result set."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import Product
from sentra.cache import invalidate_pages
from tests import factories

pytestmark = pytest.mark.django_db

MAX_QUERIES = 8


def _warm(client, url):
    """First request fills the minute-long caches (centre, categories, regions) like a running site."""
    assert client.get(url).status_code == HTTPStatus.OK


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?q=keripik",
        "?kategori=makanan&daerah=lampung-utara&sertifikat=halal&sertifikat=pirt&tersedia=1&urut=termurah",
        "?harga_min=1000&harga_maks=90000&urut=nama&halaman=2",
    ],
)
def test_catalogue_page_of_24_cards_runs_at_most_8_queries(client, many_products, django_assert_max_num_queries, query):
    url = reverse("catalog:product-list") + query
    _warm(client, url)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK


def test_catalogue_query_count_does_not_grow_with_cards(client, many_products, django_assert_max_num_queries):
    url = reverse("catalog:product-list")
    _warm(client, url)
    with CaptureQueriesContext(connection) as full_page:
        client.get(url)
    with CaptureQueriesContext(connection) as last_page:
        client.get(url + "?halaman=2")
    assert len(full_page) <= MAX_QUERIES
    assert len(last_page) <= len(full_page)


def test_catalogue_counts_at_most_a_capped_number_of_rows(client, many_products):
    url = reverse("catalog:product-list")
    _warm(client, url)
    invalidate_pages()  # a new generation: the count is taken again
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    counts = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]
    assert counts, "a page with a next page needs the capped count"
    assert all("LIMIT" in sql.upper() for sql in counts)


def test_the_capped_count_is_reused_until_a_product_changes(client, many_products, settings):
    settings.SENTRA_PAGE_SIZE = 2
    url = reverse("catalog:product-list")
    _warm(client, url)

    with CaptureQueriesContext(connection) as captured:
        before = client.get(url).context["page"].count
    assert not [q for q in captured if "COUNT(" in q["sql"].upper()]

    factories.ProductFactory(vendor=Product.objects.first().vendor)  # a save drops cached pages and counts
    assert client.get(url).context["page"].count == before + 1


def test_catalogue_cold_cache_stays_within_budget(client, many_products, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES + 3):  # + centre, categories and regions, once a minute
        client.get(reverse("catalog:product-list"))


def test_catalogue_for_a_logged_in_shopper_stays_within_budget(
    client, shopper, many_products, django_assert_max_num_queries
):
    client.force_login(shopper)
    url = reverse("catalog:product-list")
    _warm(client, url)
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(url)


@pytest.mark.parametrize("page", ["home", "vendor-list", "floor-plan"])
def test_other_list_pages_run_at_most_8_queries(client, many_products, django_assert_max_num_queries, page):
    url = reverse(f"catalog:{page}")
    _warm(client, url)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url).status_code == HTTPStatus.OK


@pytest.mark.parametrize("signed_in", [False, True])
def test_store_page_runs_at_most_8_queries(client, shopper, centre, django_assert_max_num_queries, photos, signed_in):
    if signed_in:
        client.force_login(shopper)
    vendor = factories.VendorFactory()
    photos(factories.ProductFactory.create_batch(30, vendor=vendor))
    url = vendor.get_absolute_url()
    _warm(client, url)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 24


@pytest.mark.parametrize("signed_in", [False, True])
def test_product_page_runs_at_most_8_queries(client, shopper, many_products, django_assert_max_num_queries, signed_in):
    if signed_in:
        client.force_login(shopper)
    url = many_products[0].get_absolute_url()
    _warm(client, url)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url).status_code == HTTPStatus.OK


@pytest.mark.parametrize("page", ["home", "product-list", "vendor-list", "floor-plan"])
def test_anonymous_crowds_get_public_pages_from_the_page_cache(client, many_products, settings, page):
    settings.SENTRA_PAGE_CACHE_SECONDS = 60
    url = reverse(f"catalog:{page}")
    assert client.get(url)["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    assert len(captured) == 0
