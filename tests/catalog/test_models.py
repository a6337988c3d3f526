import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F

from catalog.models import Certificate, Product
from catalog.validators import pirt_expiry_year, pirt_region_code, validate_halal, validate_pirt
from sentra.states import IllegalTransition
from tests import factories

pytestmark = pytest.mark.django_db


def assert_integrity_error(action):
    with pytest.raises(IntegrityError), transaction.atomic():
        action()


def test_product_slug_is_unique(vendor):
    factories.ProductFactory(vendor=vendor, slug="kopi-robusta")
    assert_integrity_error(lambda: factories.ProductFactory(vendor=vendor, slug="kopi-robusta"))


def test_stock_on_hand_cannot_go_negative(product):
    assert_integrity_error(lambda: Product.objects.filter(pk=product.pk).update(stock_on_hand=F("stock_on_hand") - 11))


def test_price_cannot_be_negative(product):
    assert_integrity_error(lambda: Product.objects.filter(pk=product.pk).update(price=-1))


def test_database_refuses_to_hold_more_than_on_hand(product):
    Product.objects.filter(pk=product.pk).update(stock_reserved=10)
    assert_integrity_error(lambda: Product.objects.filter(pk=product.pk).update(stock_reserved=11))


def test_made_to_order_products_may_be_reserved_beyond_stock(vendor):
    product = factories.ProductFactory(vendor=vendor, made_to_order=True, lead_time_days=14, stock_on_hand=0)
    Product.objects.filter(pk=product.pk).update(stock_reserved=3)
    product.refresh_from_db()
    assert product.stock_reserved == 3


def test_made_to_order_needs_a_lead_time(vendor):
    assert_integrity_error(lambda: factories.ProductFactory(vendor=vendor, made_to_order=True, lead_time_days=0))


def test_published_excludes_unpublished_products_and_unapproved_vendors(vendor):
    visible = factories.ProductFactory(vendor=vendor)
    for status in ["draft", "hidden", "archived"]:
        factories.ProductFactory(vendor=vendor, status=status)
    for vendor_status in ["draft", "submitted", "suspended", "archived", "rejected"]:
        factories.ProductFactory(vendor=factories.VendorFactory(status=vendor_status))
    assert list(Product.objects.published()) == [visible]


def test_parent_category_includes_its_children(vendor):
    keripik = factories.ProductFactory(vendor=vendor, category=factories.category("keripik"))
    factories.ProductFactory(vendor=vendor, category=factories.category("kopi"))
    assert list(Product.objects.in_category(factories.category("makanan"))) == [keripik]


def test_only_approved_vendors_can_publish(owner):
    vendor = factories.VendorFactory(status="submitted", owner=owner)
    product = factories.ProductFactory(vendor=vendor, status="draft")
    with pytest.raises(ValidationError):
        product.transition("published", actor=owner)
    product.refresh_from_db()
    assert product.status == "draft"


def test_archived_product_cannot_be_published_directly(product, owner):
    product.transition("archived", actor=owner)
    with pytest.raises(IllegalTransition):
        product.transition("published", actor=owner)


@pytest.mark.parametrize("number", ["1231803010123-29", "123180301012329"])
def test_valid_pirt_numbers_pass(number, vendor):
    cert = factories.CertificateFactory.build(vendor=vendor, kind="pirt", halal_stage="", number=number)
    cert.clean()
    assert cert.number == "1231803010123-29"


@pytest.mark.parametrize("number", ["123456", "1231803010123-2", "12318030101234-29", "abcdefghijklm-no", ""])
def test_invalid_pirt_numbers_are_refused(number, vendor):
    with pytest.raises(ValidationError, match="15 angka"):
        validate_pirt(number)
    cert = factories.CertificateFactory.build(vendor=vendor, kind="pirt", halal_stage="", number=number)
    with pytest.raises(ValidationError):
        cert.clean()


def test_pirt_region_and_year_digits_are_read():
    assert pirt_region_code("2061803010123-29") == "1803"
    assert pirt_expiry_year("2061803010123-29") == 2029


def test_pirt_from_another_regency_is_flagged_not_refused(vendor):
    # vendor is in Lampung Utara (18.03); this P-IRT carries 1871 (Bandar Lampung)
    cert = factories.CertificateFactory.build(vendor=vendor, kind="pirt", halal_stage="", number="2061871010123-29")
    cert.clean()
    assert cert.pirt_region_mismatch
    same = factories.CertificateFactory.build(vendor=vendor, kind="pirt", halal_stage="", number="2061803010123-29")
    assert not same.pirt_region_mismatch


@pytest.mark.parametrize("number", ["ID18110000123450822", "ID123456"])
def test_valid_halal_numbers_pass(number):
    validate_halal(number)


@pytest.mark.parametrize("number", ["18110000123", "id18110000123", "IDX123456", "ID", "ID 123456"])
def test_invalid_halal_numbers_are_refused(number):
    with pytest.raises(ValidationError, match="ID"):
        validate_halal(number)


@pytest.mark.parametrize("stage", ["applied", "in_process"])
def test_halal_in_progress_needs_no_number(stage, vendor):
    cert = factories.CertificateFactory.build(vendor=vendor, kind="halal", halal_stage=stage, number="")
    cert.clean()


def test_granted_halal_needs_a_number(vendor):
    cert = factories.CertificateFactory.build(vendor=vendor, kind="halal", halal_stage="granted", number="")
    with pytest.raises(ValidationError) as exc:
        cert.clean()
    assert "number" in exc.value.message_dict


def test_bnsp_needs_holder_and_validity(vendor):
    cert = factories.CertificateFactory.build(vendor=vendor, kind="bnsp", halal_stage="", number="")
    with pytest.raises(ValidationError) as exc:
        cert.clean()
    assert {"holder_name", "valid_until"} <= set(exc.value.message_dict)


def test_certificate_number_is_unique_per_kind(vendor):
    factories.CertificateFactory(vendor=vendor, number="ID1234567")
    assert_integrity_error(lambda: factories.CertificateFactory(vendor=vendor, number="ID1234567"))


def test_halal_stage_is_only_for_halal_certificates(vendor):
    assert_integrity_error(
        lambda: factories.CertificateFactory(
            vendor=vendor, kind="pirt", number="2061803010123-29", halal_stage="applied"
        )
    )


def test_only_verified_unexpired_granted_certificates_are_valid(vendor):
    today = datetime.date(2026, 11, 23)
    good = factories.CertificateFactory(vendor=vendor)
    factories.CertificateFactory(vendor=vendor, status="submitted")
    factories.CertificateFactory(vendor=vendor, status="rejected")
    factories.CertificateFactory(vendor=vendor, valid_until=today - datetime.timedelta(days=1))
    factories.CertificateFactory(vendor=vendor, halal_stage="in_process", number="")
    last_day = factories.CertificateFactory(vendor=vendor, valid_until=today)
    assert set(Certificate.objects.valid(today)) == {good, last_day}
    assert not last_day.is_valid_on(today + datetime.timedelta(days=1))


def test_certificate_review_records_reviewer_and_refuses_illegal_moves(vendor, dinas_user):
    cert = factories.CertificateFactory(vendor=vendor, status="submitted")
    cert.transition("verified", actor=dinas_user, reason="Sesuai")
    cert.refresh_from_db()
    assert (cert.status, cert.reviewed_by, cert.review_note) == ("verified", dinas_user, "Sesuai")
    assert cert.reviewed_at is not None
    with pytest.raises(IllegalTransition):
        cert.transition("rejected", actor=dinas_user, reason="x")
