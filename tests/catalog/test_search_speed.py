"""Search stays cheap on a large catalogue: a constant, small number of queries whatever the number of
matches, a ranked head paged by key (no count), and the rest of the matches after it, newest first."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog import search
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("catalog:product-list")
# PostgreSQL: vendors and vocabulary, ranked keys, page rows. SQLite: vendors, "any match?", ranked keys, page rows.
SEARCH_QUERIES = 3 if connection.vendor == "postgresql" else 4
# The same search again: its words and ranked keys are kept (PostgreSQL: the page rows only).
REPEATED_QUERIES = 1 if connection.vendor == "postgresql" else 3


@pytest.fixture
def crowd(centre):
    """40 products matching "keripik", of 4 vendors, created one by one (distinct created_at)."""
    vendors = factories.VendorFactory.create_batch(4)
    return [factories.ProductFactory(vendor=vendors[i % 4]) for i in range(40)]


def _warm(client, url):
    assert client.get(url).status_code == HTTPStatus.OK


@pytest.mark.parametrize("q", ["keripik", "kripik", "keripik pisang lampung", "kerip", "zzzz"])
def test_a_search_runs_a_constant_number_of_queries(client, crowd, django_assert_max_num_queries, q):
    _warm(client, URL + f"?q={q}")
    with django_assert_max_num_queries(SEARCH_QUERIES):
        response = client.get(URL, {"q": q})
    assert response.status_code == HTTPStatus.OK


def test_a_relevance_page_is_fetched_by_key_without_a_count(client, crowd):
    _warm(client, URL + "?q=keripik")
    with CaptureQueriesContext(connection) as captured:
        client.get(URL, {"q": "keripik"})
    assert not [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]


def _page(client, q: str, number: int):
    return client.get(URL, {"q": q, "halaman": number}).context["page"]


def test_pages_run_through_the_ranked_head_then_the_other_matches_newest_first(client, crowd, settings, monkeypatch):
    settings.SENTRA_PAGE_SIZE = 4
    monkeypatch.setattr(search, "RANKED", 6)  # page 2 holds the last 2 ranked products and the 2 newest others
    first = _page(client, "keripik", 1)
    assert (first.count, first.count_is_capped) == (6, True)  # "more than 6": only the head is counted
    seen = []
    for number in range(1, 12):
        page = _page(client, "keripik", number)
        seen += [p.pk for p in page.object_list]
        assert page.has_next == (number < 10)
    assert len(seen) == len(set(seen)) == len(crowd)
    others = sorted(crowd[:-6], key=lambda p: (p.created_at, p.pk), reverse=True)
    assert seen[6:] == [p.pk for p in others]
    assert set(seen[:6]) == {p.pk for p in crowd[-6:]}  # the newest six, ranked


def test_a_search_with_fewer_matches_than_the_head_counts_them_exactly(client, crowd, settings, monkeypatch):
    settings.SENTRA_PAGE_SIZE = 4
    page = _page(client, "keripik", 1)
    assert (page.count, page.count_is_capped, page.total_pages) == (40, False, 10)
    assert _page(client, "keripik", 11).is_past_the_end


def test_the_filtered_queryset_lists_the_same_order_as_the_pages(client, crowd, settings, monkeypatch):
    settings.SENTRA_PAGE_SIZE = 4
    monkeypatch.setattr(search, "RANKED", 6)
    response = client.get(URL, {"q": "keripik"})
    paged = []
    for number in range(1, 11):
        paged += [p.pk for p in _page(client, "keripik", number).object_list]
    assert [p.pk for p in response.context["filterset"].qs] == paged


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="several words take the window path on PostgreSQL")
@pytest.mark.parametrize(("in_window", "queries"), [(12, 3), (3, 4), (0, 4)])
def test_several_words_find_the_newest_matches_inside_or_outside_the_window(
    client, crowd, settings, monkeypatch, in_window, queries
):
    """The 10 newest products hold 12 (enough), 3 or none of the matches; the result is the same."""
    settings.SENTRA_PAGE_SIZE = 4
    monkeypatch.setattr(search, "RANKED", 6)
    monkeypatch.setattr(search, "WINDOW", 10)
    others = factories.ProductFactory.create_batch(15, name="Kain Tapis", description="Tenun.")
    others += [factories.ProductFactory(name=f"Keripik Coklat {i}") for i in range(in_window)]
    others += factories.ProductFactory.create_batch(max(10 - in_window, 0), name="Kain Tapis", description="Tenun.")
    _warm(client, URL + "?q=coklat+keripik")  # the window's start is cached (not this search's ranking)
    with CaptureQueriesContext(connection) as captured:
        _page(client, "keripik coklat", 1)
    assert len(captured) == queries  # too few in the window: one more query, over all products
    paged = []
    for number in range(1, 20):
        paged += [p.pk for p in _page(client, "keripik coklat", number).object_list]
    matching = [p for p in crowd + others if p.name.startswith("Keripik")]
    newest_first = [p.pk for p in sorted(matching, key=lambda p: (p.created_at, p.pk), reverse=True)]
    assert set(paged[:6]) == set(newest_first[:6])
    assert paged[6:] == newest_first[6:]


def test_a_repeated_search_reuses_its_words_and_ranking(client, crowd):
    """Only the page's rows are fetched again; the words looked up and the ranked keys are kept."""
    first = client.get(URL, {"q": "keripik"})
    with CaptureQueriesContext(connection) as captured:
        again = client.get(URL, {"q": "keripik"})
    ranked = [p.pk for p in first.context["page"].object_list]
    assert [p.pk for p in again.context["page"].object_list] == ranked
    assert len(captured) == REPEATED_QUERIES


def test_a_saved_product_is_found_at_once_by_a_search_already_made(client, crowd):
    client.get(URL, {"q": "tapis"})
    assert not client.get(URL, {"q": "tapis"}).context["page"].object_list
    tapis = factories.ProductFactory(name="Kain Tapis Siger")
    assert [p.pk for p in client.get(URL, {"q": "tapis"}).context["page"].object_list] == [tapis.pk]
    tapis.name = "Kain Tenun Siger"
    tapis.save()
    assert not client.get(URL, {"q": "tapis"}).context["page"].object_list
