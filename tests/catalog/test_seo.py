"""Sitemaps, canonical URLs, Open Graph and schema.org JSON-LD, titles in the active language."""

import json
import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from catalog.models import Product
from tests import factories

pytestmark = pytest.mark.django_db


def _json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_sitemap_index_lists_every_section(client, settings):
    settings.SITE_URL = "https://sentra.example"
    response = client.get(reverse("sitemap"))
    assert response.status_code == HTTPStatus.OK
    xml = response.content.decode()
    for section in ("halaman", "produk", "umkm", "kategori"):
        assert f"https://sentra.example/sitemap-{section}.xml" in xml


def test_product_sitemap_lists_only_public_products_on_the_site_url(client, centre, settings):
    settings.SITE_URL = "https://sentra.example"
    shown = factories.ProductFactory(slug="tampil")
    hidden = factories.ProductFactory(slug="sembunyi", status=Product.Status.HIDDEN)
    suspended = factories.ProductFactory(slug="beku", vendor=factories.VendorFactory(status="suspended"))
    xml = client.get(reverse("sitemap-section", kwargs={"section": "produk"})).content.decode()
    assert f"https://sentra.example{shown.get_absolute_url()}" in xml
    assert hidden.slug not in xml and suspended.slug not in xml


def test_vendor_and_category_sitemaps(client, centre):
    approved = factories.VendorFactory(slug="disetujui")
    pending = factories.VendorFactory(slug="menunggu", status="submitted")
    xml = client.get(reverse("sitemap-section", kwargs={"section": "umkm"})).content.decode()
    assert approved.slug in xml and pending.slug not in xml
    categories = client.get(reverse("sitemap-section", kwargs={"section": "kategori"})).content.decode()
    assert "kategori=keripik" in categories


def test_product_page_has_canonical_open_graph_and_json_ld(client, centre, product):
    html = client.get(product.get_absolute_url()).content.decode()
    canonical = f"http://testserver{product.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert '<meta property="og:type" content="product">' in html
    assert f'<meta property="og:title" content="{product.name}">' in html
    data = _json_ld(html)
    assert data["@type"] == "Product"
    assert data["category"] == str(product.category) == "Makanan › Keripik"
    assert data["offers"]["price"] == product.price
    assert data["offers"]["priceCurrency"] == "IDR"
    assert data["offers"]["availability"] == "https://schema.org/InStock"


def test_product_photo_is_the_open_graph_image_and_in_json_ld(client, centre, product, photos):
    (image,) = photos([product])
    html = client.get(product.get_absolute_url()).content.decode()
    thumbnail = f"http://testserver{image.thumb_640.url}"
    assert f'<meta property="og:image" content="{thumbnail}">' in html
    assert _json_ld(html)["image"] == [thumbnail]


def test_json_ld_survives_hostile_product_names(client, centre):
    product = factories.ProductFactory(name='Keripik </script><script>alert("x")</script>')
    html = client.get(product.get_absolute_url()).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert _json_ld(html)["name"] == product.name


def test_store_page_has_local_business_json_ld(client, centre, vendor):
    data = _json_ld(client.get(vendor.get_absolute_url()).content.decode())
    assert data["@type"] == "LocalBusiness"
    assert data["name"] == vendor.name


def test_filtered_catalogue_canonical_keeps_only_landing_filters(client, centre):
    html = client.get(reverse("catalog:product-list") + "?kategori=keripik&q=pisang&urut=termurah").content.decode()
    assert '<link rel="canonical" href="http://testserver/katalog/?kategori=keripik">' in html
    assert '<meta name="robots" content="noindex, follow">' in html


def test_titles_follow_the_active_language(client, centre):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("catalog:home")).content.decode()
    assert '<html lang="en"' in html
