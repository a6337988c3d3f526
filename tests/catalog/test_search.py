"""Search over product name, description, category, vendor and region, with typos forgiven."""

import pytest
from django.db import connection
from django.urls import reverse

from catalog.search import forgiving_pattern, normalize, terms_of
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("catalog:product-list")


def found(client, q: str) -> set[str]:
    response = client.get(URL, {"q": q})
    return {p.name for p in response.context["page"].object_list}


@pytest.fixture
def shelf(centre):
    kopi_vendor = factories.VendorFactory(name="Kopi Lanang Kedaton", regency=factories.regency("18.71"))
    tapis_vendor = factories.VendorFactory(name="Tenun Ratu Melinting", regency=factories.regency("18.07"))
    return [
        factories.ProductFactory(name="Keripik Pisang Coklat", description="Renyah dan manis."),
        factories.ProductFactory(
            name="Lempok Durian",
            category=factories.category("kue-dodol"),
            description="Dodol durian legit khas Lampung.",
        ),
        factories.ProductFactory(
            vendor=kopi_vendor, name="Robusta Bubuk 250 g", category=factories.category("kopi"), description="Sangrai."
        ),
        factories.ProductFactory(
            vendor=tapis_vendor,
            name="Kain Tapis Pucuk Rebung",
            category=factories.category("tapis"),
            description="Tenun.",
        ),
    ]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("keripik", {"Keripik Pisang Coklat"}),
        ("KERIPIK pisang", {"Keripik Pisang Coklat"}),
        ("legit", {"Lempok Durian"}),  # description
        ("kopi", {"Robusta Bubuk 250 g"}),  # category
        ("kedaton", {"Robusta Bubuk 250 g"}),  # vendor
        ("bandar lampung", {"Robusta Bubuk 250 g"}),  # region
        ("lampung timur tapis", {"Kain Tapis Pucuk Rebung"}),  # every word must match somewhere
        ("tapis durian", set()),
    ],
)
def test_search_covers_name_description_category_vendor_and_region(client, shelf, q, expected):
    assert found(client, q) == expected


@pytest.mark.parametrize(
    ("q", "expected"), [("kripik pisang", "Keripik Pisang Coklat"), ("tappis", "Kain Tapis Pucuk Rebung")]
)
def test_search_forgives_typos(client, shelf, q, expected):
    assert expected in found(client, q)


def test_search_ranks_and_defaults_to_relevance(client, shelf):
    response = client.get(URL, {"q": "keripik"})
    assert response.context["filterset"].sort == "relevan"


def test_search_text_is_escaped_never_executed(client, shelf):
    response = client.get(URL, {"q": "<script>alert(1)</script>' OR 1=1 --"})
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_search_of_only_punctuation_finds_nothing_without_error(client, shelf):
    assert found(client, "!!! ... %%% ___") == set()


def test_query_words_are_normalised():
    assert normalize("  Kopí\x00  LAMPUNG ") == "kopi lampung"
    assert terms_of("a kopi, lampung! x" + " kata" * 20) == ["kopi", "lampung", "kata", "kata", "kata", "kata"]
    assert forgiving_pattern("tappis") == "t.*a.*p.*i.*s"


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text and trigram search need PostgreSQL")
def test_postgresql_search_uses_prefixes_and_trigrams(client, shelf):
    assert "Keripik Pisang Coklat" in found(client, "kerip")
    assert "Lempok Durian" in found(client, "lempok duren")


def test_a_very_long_query_is_cut_not_refused(client, shelf):
    response = client.get(URL, {"q": "keripik " + "x" * 5000})
    assert response.context["filterset"].form.cleaned_data["q"] == ("keripik " + "x" * 5000)[:100]
    assert len(response.content) < 80_000


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("kripik coklat", {"Keripik Pisang Coklat"}),  # the typo is corrected, the other word still has to match
        ("kripik durian", set()),
        ("robsta kedaton", {"Robusta Bubuk 250 g"}),
    ],
)
@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the vocabulary needs PostgreSQL")
def test_a_typo_is_corrected_word_by_word_and_every_word_still_counts(client, shelf, q, expected):
    assert found(client, q) == expected


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the vocabulary needs PostgreSQL")
def test_the_vocabulary_learns_the_words_of_new_and_renamed_products(client, shelf):
    tempoyak = factories.ProductFactory(name="Tempoyak Durian Asli", description="Fermentasi.")
    assert "Tempoyak Durian Asli" in found(client, "tempoyk")
    tempoyak.name = "Seruit Tempoyak Sambal"
    tempoyak.save()
    assert found(client, "seruiit") == {"Seruit Tempoyak Sambal"}


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="ts_rank needs PostgreSQL")
def test_relevance_puts_a_name_match_before_a_newer_description_match(client, shelf):
    factories.ProductFactory(name="Dodol Nanas", description="Teman makan keripik.")
    response = client.get(URL, {"q": "keripik"})
    assert [p.name for p in response.context["page"].object_list] == ["Keripik Pisang Coklat", "Dodol Nanas"]


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the vocabulary needs PostgreSQL")
def test_a_word_start_shared_by_many_words_is_searched_as_a_prefix(client, shelf, monkeypatch):
    from catalog import search

    factories.ProductFactory(name="Kerupuk Kemplang", description="Keripiknya renyah.")
    monkeypatch.setattr(search, "PREFIX_WORDS", 1)  # "kerip" starts "keripik" and "keripiknya"
    assert found(client, "kerip") == {"Keripik Pisang Coklat", "Kerupuk Kemplang"}
