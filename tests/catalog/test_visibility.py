"""Draft, hidden and archived products and non-approved vendors never appear anywhere public."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from catalog.models import Product
from tests import factories
from vendors.models import Vendor

pytestmark = pytest.mark.django_db

PRIVATE_PRODUCT_STATUSES = [Product.Status.DRAFT, Product.Status.HIDDEN, Product.Status.ARCHIVED]
PRIVATE_VENDOR_STATUSES = [s for s in Vendor.Status.values if s != Vendor.Status.APPROVED]


@pytest.fixture
def public_product(centre):
    return factories.ProductFactory(name="Keripik Tampil Publik", slug="keripik-tampil-publik")


def _secret_products():
    """One product per private status, and a published product for each non-approved vendor status."""
    secrets = [
        factories.ProductFactory(name=f"Keripik Rahasia {status}", slug=f"rahasia-{status}", status=status)
        for status in PRIVATE_PRODUCT_STATUSES
    ]
    for status in PRIVATE_VENDOR_STATUSES:
        vendor = factories.VendorFactory(status=status, name=f"UMKM Tersembunyi {status}", slug=f"tersembunyi-{status}")
        secrets.append(
            factories.ProductFactory(vendor=vendor, name=f"Keripik Rahasia {status}", slug=f"vrahasia-{status}")
        )
    return secrets


@pytest.mark.parametrize(
    "url",
    [
        reverse("catalog:home"),
        reverse("catalog:product-list"),
        reverse("catalog:product-list") + "?q=keripik",
        reverse("catalog:product-list") + "?q=rahasia",
        reverse("catalog:product-list") + "?kategori=makanan&daerah=lampung-utara",
        reverse("catalog:product-list") + "?urut=nama",
        reverse("catalog:vendor-list"),
        reverse("catalog:floor-plan"),
        reverse("catalog:product-list") + "?tersedia=1&urut=termurah&daerah=lampung-utara",
        reverse("sitemap"),
        reverse("sitemap-section", kwargs={"section": "produk"}),
        reverse("sitemap-section", kwargs={"section": "umkm"}),
    ],
)
def test_private_products_and_vendors_never_appear_on_public_pages(client, public_product, url):
    secrets = _secret_products()
    html = client.get(url).content.decode()
    for secret in secrets:
        assert secret.name not in html
        assert secret.slug not in html
    for status in PRIVATE_VENDOR_STATUSES:
        assert f"UMKM Tersembunyi {status}" not in html


def test_the_public_product_is_listed(client, public_product):
    html = client.get(reverse("catalog:product-list")).content.decode()
    assert public_product.name in html


@pytest.mark.parametrize("status", PRIVATE_PRODUCT_STATUSES)
def test_a_private_product_page_is_404(client, centre, status):
    product = factories.ProductFactory(status=status)
    assert client.get(product.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("status", PRIVATE_VENDOR_STATUSES)
def test_a_product_of_a_non_approved_vendor_is_404(client, centre, status):
    product = factories.ProductFactory(vendor=factories.VendorFactory(status=status))
    assert client.get(product.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("status", PRIVATE_VENDOR_STATUSES)
def test_a_non_approved_vendor_store_page_is_404(client, centre, status):
    vendor = factories.VendorFactory(status=status)
    assert client.get(vendor.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_suspending_a_vendor_hides_its_products_at_once(client, public_product, dinas_user):
    url = public_product.get_absolute_url()
    assert client.get(url).status_code == HTTPStatus.OK
    public_product.vendor.transition(Vendor.Status.SUSPENDED, actor=dinas_user, reason="Pelanggaran")
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND
    assert public_product.name not in client.get(reverse("catalog:product-list")).content.decode()


def test_related_products_never_include_private_ones(client, public_product):
    vendor = public_product.vendor
    hidden = factories.ProductFactory(vendor=vendor, name="Keripik Disembunyikan", status=Product.Status.HIDDEN)
    draft = factories.ProductFactory(vendor=vendor, name="Keripik Masih Draf", status=Product.Status.DRAFT)
    shown = factories.ProductFactory(vendor=vendor, name="Keripik Saudara")
    response = client.get(public_product.get_absolute_url())
    related = {card.pk for card in response.context["related"]}
    assert shown.pk in related
    assert hidden.pk not in related and draft.pk not in related


def test_region_counts_on_home_count_only_public_products(client, public_product):
    _secret_products()
    regions = {row.slug: row for row in client.get(reverse("catalog:home")).context["regions"]}
    assert regions["lampung-utara"].product_count == 1


def test_floor_plan_shows_a_unit_of_a_suspended_vendor_as_available(client, centre):
    unit = factories.ShopUnitFactory(centre=centre, code="B-07")
    vendor = factories.VendorFactory(status=Vendor.Status.SUSPENDED, name="UMKM Dibekukan")
    factories.UnitAssignmentFactory(unit=unit, vendor=vendor)
    html = client.get(reverse("catalog:floor-plan")).content.decode()
    assert "B-07" in html
    assert "UMKM Dibekukan" not in html


def test_a_store_page_and_its_products_related_lists_show_only_published_products(client, public_product):
    vendor = public_product.vendor
    secrets = [
        factories.ProductFactory(vendor=vendor, name=f"Rahasia {status}", slug=f"rahasia-{status}", status=status)
        for status in PRIVATE_PRODUCT_STATUSES
    ]
    for url in (vendor.get_absolute_url(), public_product.get_absolute_url()):
        html = client.get(url).content.decode()
        for secret in secrets:
            assert secret.slug not in html, url
