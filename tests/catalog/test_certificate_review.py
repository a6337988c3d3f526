"""Dinas review of certificates: verify, reject with a note, format checks, emails, badges."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from catalog.models import Certificate
from catalog.services.review import certificate_problems, certificate_reject, certificate_verify
from sentra.states import IllegalTransition, ReasonRequired
from tests import factories

pytestmark = pytest.mark.django_db

C = Certificate.Status


@pytest.fixture
def pending(product):
    return factories.CertificateFactory(vendor=product.vendor, status=C.SUBMITTED, products=[product])


def test_verifying_records_the_reviewer_and_time_and_emails_the_owner(
    pending, owner, dinas_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate_verify(certificate=pending, actor=dinas_user, note="Cocok dengan SIHALAL")

    pending.refresh_from_db()
    assert pending.status == C.VERIFIED
    assert pending.reviewed_by == dinas_user
    assert pending.reviewed_at is not None
    assert pending.review_note == "Cocok dengan SIHALAL"
    assert mail.outbox[0].to == [owner.email]
    assert "diverifikasi" in mail.outbox[0].subject
    assert pending.history.first().history_user == dinas_user


def test_a_verified_certificate_earns_the_badge_on_covered_products_at_once(pending, product, dinas_user):
    assert not Certificate.objects.valid().filter(products=product).exists()

    certificate_verify(certificate=pending, actor=dinas_user)

    assert Certificate.objects.valid().filter(products=product, kind="halal").exists()


def test_a_verified_certificate_loses_its_badge_on_its_expiry_date_without_anyone_acting(pending, dinas_user):
    pending.valid_until = timezone.localdate() + datetime.timedelta(days=3)
    pending.save()
    certificate_verify(certificate=pending, actor=dinas_user)

    later = timezone.localdate() + datetime.timedelta(days=4)

    assert Certificate.objects.valid().filter(pk=pending.pk).exists()
    assert not Certificate.objects.valid(on=later).filter(pk=pending.pk).exists()


def test_rejecting_needs_a_note_and_emails_it_to_the_owner(pending, dinas_user, django_capture_on_commit_callbacks):
    with pytest.raises(ReasonRequired):
        certificate_reject(certificate=pending, actor=dinas_user, note=" ")
    pending.refresh_from_db()
    assert pending.status == C.SUBMITTED

    with django_capture_on_commit_callbacks(execute=True):
        certificate_reject(certificate=pending, actor=dinas_user, note="Pindaian tidak terbaca")

    pending.refresh_from_db()
    assert (pending.status, pending.reviewed_by) == (C.REJECTED, dinas_user)
    assert pending.review_note == "Pindaian tidak terbaca"
    assert "Pindaian tidak terbaca" in mail.outbox[0].body


@pytest.mark.parametrize("status", [C.VERIFIED, C.REJECTED])
def test_a_reviewed_certificate_cannot_be_reviewed_again(vendor, dinas_user, status):
    certificate = factories.CertificateFactory(vendor=vendor, status=status)

    with pytest.raises(IllegalTransition):
        certificate_verify(certificate=certificate, actor=dinas_user)
    with pytest.raises(IllegalTransition):
        certificate_reject(certificate=certificate, actor=dinas_user, note="x")


def test_a_number_in_the_wrong_format_cannot_be_verified(vendor, dinas_user):
    certificate = factories.CertificateFactory(
        vendor=vendor, status=C.SUBMITTED, kind="pirt", halal_stage="", number="123"
    )

    with pytest.raises(ValidationError, match="P-IRT harus 15 angka"):
        certificate_verify(certificate=certificate, actor=dinas_user)
    certificate.refresh_from_db()
    assert certificate.status == C.SUBMITTED


def test_an_expired_certificate_cannot_be_verified(vendor, dinas_user):
    certificate = factories.CertificateFactory(
        vendor=vendor, status=C.SUBMITTED, valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )

    assert certificate_problems(certificate)
    with pytest.raises(ValidationError, match="kedaluwarsa"):
        certificate_verify(certificate=certificate, actor=dinas_user)


def test_a_pirt_number_from_another_region_is_flagged_but_can_be_verified(vendor, dinas_user):
    certificate = factories.CertificateFactory(
        vendor=vendor, status=C.SUBMITTED, kind="pirt", halal_stage="", number="2061871010123-29"
    )

    assert certificate.pirt_region_mismatch
    assert certificate_problems(certificate) == []
    certificate_verify(certificate=certificate, actor=dinas_user)
    assert certificate.status == C.VERIFIED


@pytest.mark.parametrize(
    ("number", "valid_until", "flagged"),
    [
        ("2061803010123-27", datetime.date(2026, 12, 31), True),
        ("2061803010123-27", datetime.date(2027, 12, 31), False),
        ("206180301012327", datetime.date(2027, 1, 1), False),  # written without the dash
        ("2061803010123-27", None, False),  # nothing to compare with
    ],
)
def test_a_pirt_number_whose_expiry_year_differs_from_valid_until_is_a_problem(vendor, number, valid_until, flagged):
    certificate = factories.CertificateFactory.build(
        vendor=vendor, status=C.SUBMITTED, kind="pirt", halal_stage="", number=number, valid_until=valid_until
    )

    message = "Tahun kedaluwarsa pada nomor P-IRT (2027) berbeda dengan tanggal berlaku (2026)."
    assert (message in certificate_problems(certificate)) is flagged
    assert certificate.pirt_year_mismatch is flagged


def test_a_pirt_certificate_with_a_mismatched_year_cannot_be_verified(vendor, dinas_user):
    next_year = timezone.localdate().year + 1
    certificate = factories.CertificateFactory(
        vendor=vendor,
        status=C.SUBMITTED,
        kind="pirt",
        halal_stage="",
        number=f"2061803010123-{(next_year + 1) % 100:02d}",
        valid_until=datetime.date(next_year, 6, 30),
    )

    with pytest.raises(ValidationError, match="Tahun kedaluwarsa pada nomor P-IRT"):
        certificate_verify(certificate=certificate, actor=dinas_user)
    certificate.refresh_from_db()
    assert certificate.status == C.SUBMITTED


def test_dinas_hides_a_product_with_a_reason_and_the_owner_cannot_publish_it_again(
    product, owner, dinas_user, django_capture_on_commit_callbacks
):
    from catalog.models import Product
    from catalog.services.products import product_set_status
    from catalog.services.review import product_hide

    with pytest.raises(ReasonRequired):
        product_hide(product=product, actor=dinas_user, reason="")
    with django_capture_on_commit_callbacks(execute=True):
        product_hide(product=product, actor=dinas_user, reason="Klaim kesehatan berlebihan")

    product.refresh_from_db()
    assert (product.status, product.status_note) == (Product.Status.HIDDEN, "Klaim kesehatan berlebihan")
    assert not Product.objects.published().filter(pk=product.pk).exists()
    assert product.history.first().history_user == dinas_user
    assert "Klaim kesehatan berlebihan" in mail.outbox[0].body
    with pytest.raises(ValidationError):
        product_set_status(product=product, actor=owner, status=Product.Status.PUBLISHED)


def test_unhiding_returns_the_product_to_draft_and_refuses_products_that_are_not_hidden(product, dinas_user):
    from catalog.models import Product
    from catalog.services.review import product_hide, product_unhide

    with pytest.raises(IllegalTransition):
        product_unhide(product=product, actor=dinas_user)
    product_hide(product=product, actor=dinas_user, reason="Foto tidak sesuai")

    product_unhide(product=product, actor=dinas_user)

    product.refresh_from_db()
    assert product.status == Product.Status.DRAFT
