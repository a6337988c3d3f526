"""Reverting to a past version in the admin (django-simple-history) writes the row without the transition
methods or the admin's change hooks: the catalogue's copies (Product.vendor_approved, Product.regency) and the
stored badge dates must still follow, or a suspended vendor's products stay listed (or a badge outlives the
certificate that earned it)."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from catalog.models import Certificate, Product
from catalog.services.badges import NO_EXPIRY
from tests import factories
from tests.catalog.admin_forms import certificate_form, product_form, vendor_form
from vendors.models import Regency, Vendor
from vendors.services.review import vendor_suspend

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(client):
    client.force_login(factories.UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def revert(client, obj, version, data: dict):
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, version.history_id])
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND, response.context["adminform"].form.errors


def test_reverting_a_suspended_vendor_to_its_approved_version_keeps_the_copy_in_step(root, product, dinas_user):
    vendor = product.vendor
    approved = vendor.history.latest()
    vendor_suspend(vendor=vendor, actor=dinas_user, reason="Izin diperiksa")

    revert(root, vendor, approved, vendor_form(vendor))

    vendor.refresh_from_db()
    product.refresh_from_db()
    assert product.vendor_approved is (vendor.status == Vendor.Status.APPROVED)
    assert Product.objects.published().filter(pk=product.pk).exists() is vendor.is_public


def test_reverting_a_vendors_region_moves_its_products_in_the_region_filter(root, product):
    vendor, metro = product.vendor, Regency.objects.get(code="18.72")
    before = vendor.history.latest()
    root.post(reverse("admin:vendors_vendor_change", args=[vendor.pk]), vendor_form(vendor, regency=metro.pk))
    product.refresh_from_db()
    assert product.regency == metro

    revert(root, vendor, before, vendor_form(vendor, regency=before.regency_id))

    product.refresh_from_db()
    assert product.regency_id == before.regency_id


def test_reverting_a_certificate_keeps_the_stored_badge_in_step(root, product):
    certificate = factories.CertificateFactory(vendor=product.vendor, products=[product], status="submitted")
    submitted = certificate.history.latest()
    certificate.transition(Certificate.Status.VERIFIED, actor=None)
    Product.objects.filter(pk=product.pk).update(halal_until=NO_EXPIRY)  # as certificate_verify stores it
    data = certificate_form(certificate, products=[product.pk])

    revert(root, certificate, submitted, data)

    certificate.refresh_from_db()
    product.refresh_from_db()
    assert certificate.status == Certificate.Status.SUBMITTED  # the version reverted to
    assert not product.has_halal


def test_reverting_a_product_to_its_version_of_another_vendor_drops_the_badges_it_had_here(root, centre):
    first, second = factories.VendorFactory(), factories.VendorFactory()
    product = factories.ProductFactory(vendor=first)
    of_first = product.history.latest()
    product.vendor = second
    product.save()
    factories.CertificateFactory(vendor=second, products=[product])
    product.refresh_from_db()
    assert product.has_halal
    data = product_form(product, vendor=first.pk)

    revert(root, product, of_first, data)

    product.refresh_from_db()
    assert product.vendor == first
    assert not product.has_halal
