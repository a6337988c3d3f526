"""NUL bytes in URLs or parameters get a 400 (PostgreSQL text cannot store them; never a 500)."""

from http import HTTPStatus

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/reservasi/%00/", "/produk/a%00b/", "/katalog/?q=kopi%00", "/katalog/?kategori%00=x", "/umkm/x%00/"],
)
def test_nul_byte_in_the_url_is_a_bad_request(client, url):
    assert client.get(url).status_code == HTTPStatus.BAD_REQUEST


def test_nul_byte_in_a_posted_field_is_a_bad_request(client, product):
    response = client.post("/keranjang/tambah/", {"product": product.pk, "quantity": "1\x00"})
    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_ordinary_requests_pass(client):
    assert client.get("/katalog/?q=kopi").status_code == HTTPStatus.OK
