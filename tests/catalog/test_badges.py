"""A badge shows only while a verified, unexpired certificate covers the product (BNSP: its vendor)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.models import Certificate
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def badges_on_card(client, product) -> set[str]:
    response = client.get(reverse("catalog:product-list"))
    card = next(p for p in response.context["page"].object_list if p.pk == product.pk)
    return {kind for kind in ("halal", "pirt", "bnsp") if getattr(card, f"has_{kind}")}


@pytest.mark.parametrize(
    ("changes", "shown"),
    [
        ({}, True),
        ({"valid_until": datetime.timedelta(days=0)}, True),  # valid through today (WIB)
        ({"valid_until": datetime.timedelta(days=-1)}, False),  # expired yesterday
        ({"status": Certificate.Status.SUBMITTED}, False),
        ({"status": Certificate.Status.REJECTED}, False),
        ({"halal_stage": Certificate.HalalStage.IN_PROCESS, "number": ""}, False),
        ({"halal_stage": Certificate.HalalStage.APPLIED, "number": ""}, False),
    ],
)
def test_halal_badge_only_for_verified_unexpired_granted_certificates(client, centre, product, changes, shown):
    if "valid_until" in changes:
        changes = {**changes, "valid_until": TODAY() + changes["valid_until"]}
    factories.CertificateFactory(vendor=product.vendor, products=[product], **changes)
    assert ("halal" in badges_on_card(client, product)) is shown


def test_a_certificate_covers_only_its_products(client, centre, product):
    other = factories.ProductFactory(vendor=product.vendor)
    factories.CertificateFactory(vendor=product.vendor, products=[other])
    assert badges_on_card(client, product) == set()
    assert badges_on_card(client, other) == {"halal"}


def test_bnsp_of_the_vendor_shows_on_all_its_products_and_its_store(client, centre, product):
    factories.CertificateFactory(
        vendor=product.vendor,
        kind=Certificate.Kind.BNSP,
        halal_stage="",
        number="",
        holder_name="Ibu Sum",
        valid_until=TODAY() + datetime.timedelta(days=365),
    )
    assert badges_on_card(client, product) == {"bnsp"}
    store = client.get(product.vendor.get_absolute_url()).content.decode()
    assert "Pelaku usaha bersertifikat BNSP" in store
    assert "Ibu Sum" in store


def test_product_page_shows_certificate_details(client, centre, product):
    until = TODAY() + datetime.timedelta(days=400)
    factories.CertificateFactory(
        vendor=product.vendor,
        products=[product],
        kind=Certificate.Kind.PIRT,
        halal_stage="",
        number="2051803010123-29",
        valid_until=until,
    )
    factories.CertificateFactory(vendor=product.vendor, products=[product], number="ID18110000099999")
    html = client.get(product.get_absolute_url()).content.decode()
    assert "2051803010123-29" in html
    assert "ID18110000099999" in html
    assert "diverifikasi Dinas" in html
    assert "berlaku sampai" in html


def test_product_page_hides_expired_and_unverified_certificates(client, centre, product):
    factories.CertificateFactory(
        vendor=product.vendor, products=[product], number="ID11", valid_until=TODAY() - datetime.timedelta(days=1)
    )
    factories.CertificateFactory(
        vendor=product.vendor, products=[product], number="ID22", status=Certificate.Status.SUBMITTED
    )
    html = client.get(product.get_absolute_url()).content.decode()
    assert "ID11" not in html and "ID22" not in html


def test_certificate_scans_are_never_linked_publicly(client, centre, product):
    cert = factories.CertificateFactory(vendor=product.vendor, products=[product])
    cert.scan.name = "certificates/2026/rahasia.pdf"
    cert.save()
    html = client.get(product.get_absolute_url()).content.decode()
    assert "rahasia.pdf" not in html
