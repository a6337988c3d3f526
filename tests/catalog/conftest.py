"""Fixtures for the public catalogue tests."""

import factory
import pytest
from factory.django import DjangoModelFactory

from catalog.models import ProductImage
from tests import factories


class ProductImageFactory(DjangoModelFactory):
    class Meta:
        model = ProductImage

    product = factory.SubFactory(factories.ProductFactory)
    image = factory.django.ImageField(width=40, height=30, format="JPEG", color="orange")
    alt_text = factory.LazyAttribute(lambda o: o.product.name)


@pytest.fixture(autouse=True)
def _render_every_request(settings):
    """Catalogue tests look at the rendering; the page cache in front of it has its own tests."""
    settings.SENTRA_PAGE_CACHE_SECONDS = 0


def add_photos(products, per_product: int = 1) -> list[ProductImage]:
    """Photos without renditions (bulk_create sends no post_save, so imagekit makes none): fast tests."""
    images = [ProductImageFactory.build(product=p, position=i) for p in products for i in range(per_product)]
    return ProductImage.objects.bulk_create(images)


@pytest.fixture
def photos():
    return add_photos


@pytest.fixture
def many_products(centre):
    """30 public products of 6 vendors, each with two photos and a verified halal certificate on some."""
    vendors = factories.VendorFactory.create_batch(6)
    products = []
    for index in range(30):
        products.append(factories.ProductFactory(vendor=vendors[index % 6]))
    add_photos(products, per_product=2)
    for vendor in vendors[:3]:
        factories.CertificateFactory(vendor=vendor, products=[p for p in products if p.vendor_id == vendor.pk])
    for vendor in vendors:
        factories.UnitAssignmentFactory(vendor=vendor, unit=factories.ShopUnitFactory(centre=centre))
    return products
