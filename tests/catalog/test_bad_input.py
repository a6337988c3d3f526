"""Any combination of query parameters gives a page (200), never a server error (hypothesis)."""

from http import HTTPStatus
from urllib.parse import quote, urlencode

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories

pytestmark = pytest.mark.django_db

PARAMS = ["q", "kategori", "daerah", "sertifikat", "harga_min", "harga_maks", "tersedia", "urut", "halaman", "jenis"]
NASTY = [
    "",
    "0",
    "-1",
    "1e309",
    "NaN",
    "Infinity",
    "99999999999999999999999999",
    "-99999999999999999999",
    "12.5",
    " 3 ",
    "１２",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "%",
    "_",
    "\\",
    "a" * 5000,
    "keripik:* & !",
    "makanan",
    "keripik",
    "lampung-utara",
    "halal",
    "pirt",
    "bnsp",
    "termurah",
    "relevan",
    "lapas",
    "on",
    "true",
]
values = st.one_of(st.sampled_from(NASTY), st.text(max_size=40), st.integers().map(str))
pairs = st.lists(st.tuples(st.one_of(st.sampled_from(PARAMS), st.text(max_size=10)), values), max_size=8)


def expected_status(query) -> HTTPStatus:
    """200 for any parameters, except 400 for a NUL byte (sentra.middleware.RejectNulBytesMiddleware)."""
    has_nul = any("\x00" in key or "\x00" in value for key, value in query)
    return HTTPStatus.BAD_REQUEST if has_nul else HTTPStatus.OK


@pytest.fixture
def stocked(centre):
    vendor = factories.VendorFactory(kind="lapas", nib="")
    factories.ProductFactory.create_batch(3, vendor=vendor)
    factories.CertificateFactory(vendor=vendor, products=list(vendor.products.all()))
    return vendor


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=pairs,
    page=st.sampled_from(["catalog:product-list", "catalog:vendor-list", "catalog:home"]),
    htmx=st.booleans(),
)
def test_any_query_parameters_give_a_page_never_a_server_error(client, stocked, query, page, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get(reverse(page) + "?" + urlencode(query), headers=headers)
    assert response.status_code == expected_status(query)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=pairs)
def test_store_pages_accept_any_query_parameters(client, stocked, query):
    response = client.get(stocked.get_absolute_url() + "?" + urlencode(query))
    assert response.status_code == expected_status(query)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(slug=st.text(max_size=60))
def test_unknown_product_and_store_addresses_give_404(client, centre, slug):
    for prefix in ("/produk/", "/umkm/"):
        response = client.get(prefix + quote(slug, safe="") + "/")
        if "\x00" in slug:
            assert response.status_code == HTTPStatus.BAD_REQUEST  # sentra.middleware.RejectNulBytesMiddleware
        else:
            assert response.status_code in (HTTPStatus.NOT_FOUND, HTTPStatus.MOVED_PERMANENTLY)


@pytest.mark.parametrize(
    "query", ["halaman=0", "halaman=-3", "halaman=abc", "halaman=99999", "harga_min=abc&harga_maks=-5"]
)
def test_known_bad_values_are_handled_gracefully(client, stocked, query):
    response = client.get(reverse("catalog:product-list") + "?" + query)
    assert response.status_code == HTTPStatus.OK
