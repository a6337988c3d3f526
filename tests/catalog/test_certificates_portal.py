"""Certificates in the owner portal: submit, correct, private scans, P-IRT region warning, expiry reminders."""

import datetime
import io
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from catalog.models import Certificate, CertificateReminder
from catalog.services.certificates import certificate_send_reminders, certificate_submit, certificate_update
from tests import factories

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "white").save(buffer, "PNG")
    return buffer.getvalue()


def _scan(data: bytes = PDF, name: str = "sertifikat.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def _halal(vendor, owner, **overrides) -> Certificate:
    fields = {"kind": "halal", "halal_stage": "granted", "number": "ID18110000123450822", "scan": _scan()}
    return certificate_submit(vendor=vendor, actor=owner, **{**fields, **overrides})


def test_submitted_certificate_waits_for_dinas_and_scan_is_private(vendor, owner, product):
    certificate = _halal(vendor, owner, products=[product])
    assert certificate.status == Certificate.Status.SUBMITTED
    assert list(certificate.products.all()) == [product]
    assert certificate.scan.name.endswith(".pdf")
    assert "sertifikat" not in certificate.scan.name  # stored under a random name
    stored = Path(certificate.scan.path).resolve()
    assert Path(settings.PRIVATE_MEDIA_ROOT).resolve() in stored.parents
    assert Path(settings.MEDIA_ROOT).resolve() not in stored.parents  # nothing under the public /media/ tree


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"<html><script>alert(1)</script></html>", "scan.pdf"),
        (b"<?php echo 1; ?>", "scan.png"),
        (b"GIF89a\x01\x00\x01\x00", "scan.jpg"),
        (b"PK\x03\x04 zip", "scan.pdf"),
    ],
)
def test_scan_type_is_decided_by_content_not_name(vendor, owner, data, name):
    with pytest.raises(ValidationError, match="PDF, JPG, atau PNG"):
        _halal(vendor, owner, scan=_scan(data, name))
    assert not Certificate.objects.exists()


def test_png_and_jpeg_scans_are_accepted(vendor, owner):
    certificate = _halal(vendor, owner, scan=_scan(_png(), "foto.pdf"))
    assert certificate.scan.name.endswith(".png")


def test_oversize_scan_is_refused(vendor, owner):
    with pytest.raises(ValidationError, match="maksimal"):
        _halal(vendor, owner, scan=_scan(PDF + b"0" * (8 * 1024 * 1024)))


def test_number_format_errors_are_clear(vendor, owner):
    with pytest.raises(ValidationError) as error:
        certificate_submit(vendor=vendor, actor=owner, kind="pirt", number="12345", scan=_scan())
    assert "15 angka" in str(error.value)


def test_halal_in_process_needs_no_number(vendor, owner):
    certificate = _halal(vendor, owner, halal_stage="in_process", number="")
    assert certificate.status == Certificate.Status.SUBMITTED


def test_pirt_from_another_region_is_accepted_with_a_mismatch_flag(vendor, owner):
    certificate = certificate_submit(vendor=vendor, actor=owner, kind="pirt", number="2180101012345-29", scan=_scan())
    assert certificate.pirt_region_mismatch  # 1801 (Lampung Selatan) vs the vendor's 1803


def test_correcting_a_reviewed_certificate_sends_it_back_to_dinas(vendor, owner, dinas_user):
    certificate = _halal(vendor, owner)
    certificate.transition(Certificate.Status.REJECTED, actor=dinas_user, reason="Pindaian buram")
    old_scan = certificate.scan.name
    certificate_update(certificate=certificate, actor=owner, scan=_scan(_png(), "baru.png"))
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.SUBMITTED
    assert certificate.reviewed_by is None
    assert certificate.scan.name != old_scan


def test_update_refuses_status_and_vendor(vendor, owner):
    certificate = _halal(vendor, owner)
    with pytest.raises(TypeError):
        certificate_update(certificate=certificate, actor=owner, status="verified")


# --- scan privacy ----------------------------------------------------------------------------------------


@pytest.fixture
def scanned(vendor, owner):
    return _halal(vendor, owner)


@pytest.mark.parametrize("who", ["anonymous", "shopper", "other_vendor_owner"])
def test_scan_is_404_for_everyone_but_members_and_dinas(client, scanned, shopper, who):
    if who == "shopper":
        client.force_login(shopper)
    elif who == "other_vendor_owner":
        stranger = factories.UserFactory()
        factories.VendorFactory(owner=stranger)
        client.force_login(stranger)
    response = client.get(reverse("vendors:certificate-scan", kwargs={"pk": scanned.pk}))
    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("who", ["owner", "dinas_user"])
def test_scan_is_streamed_inline_to_members_and_dinas(client, scanned, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("vendors:certificate-scan", kwargs={"pk": scanned.pk}))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF


def test_missing_certificate_scan_is_404_even_for_dinas(client, dinas_user):
    client.force_login(dinas_user)
    assert client.get(reverse("vendors:certificate-scan", kwargs={"pk": 999})).status_code == HTTPStatus.NOT_FOUND


# --- portal pages -----------------------------------------------------------------------------------------


def test_certificate_form_submits_and_warns_about_pirt_region(client, vendor, owner, product):
    client.force_login(owner)
    data = {"kind": "pirt", "number": "218 0101 012345 29", "products": [product.pk], "scan": _scan()}
    response = client.post(reverse("vendors:certificate-create"), data, follow=True)
    assert response.status_code == HTTPStatus.OK
    certificate = Certificate.objects.get()
    assert (certificate.number, certificate.status) == ("2180101012345-29", "submitted")
    assert "Kode daerah pada nomor P-IRT" in response.content.decode()


def test_certificate_form_cannot_verify_itself_or_cover_other_vendors_products(client, vendor, owner):
    foreign = factories.ProductFactory()
    client.force_login(owner)
    data = {
        "kind": "halal",
        "halal_stage": "granted",
        "number": "ID18110000999990822",
        "scan": _scan(),
        "status": "verified",
        "products": [foreign.pk],
    }
    response = client.post(reverse("vendors:certificate-create"), data)
    assert response.status_code == HTTPStatus.OK  # the foreign product is not a valid choice
    assert not Certificate.objects.exists()
    data["products"] = []
    client.post(reverse("vendors:certificate-create"), {**data, "scan": _scan()})
    assert Certificate.objects.get().status == Certificate.Status.SUBMITTED


def test_certificate_list_shows_status_and_reviewer_note(client, vendor, owner, dinas_user):
    certificate = _halal(vendor, owner)
    certificate.transition(Certificate.Status.REJECTED, actor=dinas_user, reason="Nomor tidak terbaca")
    client.force_login(owner)
    page = client.get(reverse("vendors:certificate-list")).content.decode()
    assert "Nomor tidak terbaca" in page
    assert reverse("vendors:certificate-scan", kwargs={"pk": certificate.pk}) in page


# --- expiry reminders -----------------------------------------------------------------------------------


def _expiring(vendor, days: int) -> Certificate:
    today = timezone.localdate()
    return factories.CertificateFactory(
        vendor=vendor,
        kind="bnsp",
        number="",
        holder_name="Sari",
        halal_stage="",
        valid_until=today + datetime.timedelta(days=days),
    )


def test_reminders_go_out_at_60_and_14_days_once_each(vendor, owner, django_capture_on_commit_callbacks):
    _expiring(vendor, 50)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        assert certificate_send_reminders(today=today) == 1
        assert certificate_send_reminders(today=today) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [owner.email]
    assert "50 hari lagi" in mail.outbox[0].body
    later = today + datetime.timedelta(days=40)
    with django_capture_on_commit_callbacks(execute=True):
        assert certificate_send_reminders(today=later) == 1
        assert certificate_send_reminders(today=later) == 0
    assert list(CertificateReminder.objects.order_by("days_before").values_list("days_before", flat=True)) == [14, 60]


def test_renewed_certificate_is_reminded_again(vendor, owner):
    certificate = _expiring(vendor, 10)
    assert certificate_send_reminders() == 1
    certificate.valid_until += datetime.timedelta(days=365 * 3)
    certificate.save()
    assert certificate_send_reminders() == 0
    certificate.valid_until = timezone.localdate() + datetime.timedelta(days=13)
    certificate.save()
    assert certificate_send_reminders() == 1


def test_far_expired_unverified_and_open_ended_certificates_get_no_reminder(vendor):
    _expiring(vendor, 90)
    _expiring(vendor, -1)
    factories.CertificateFactory(vendor=vendor, valid_until=None)
    unverified = _expiring(vendor, 5)
    unverified.status = Certificate.Status.SUBMITTED
    unverified.save()
    assert certificate_send_reminders() == 0


def test_remind_command_dry_run_sends_and_records_nothing(vendor, capsys):
    _expiring(vendor, 14)
    call_command("remind_certificates", "--dry-run")
    assert "would send 1" in capsys.readouterr().out
    assert not CertificateReminder.objects.exists()
    call_command("remind_certificates")
    assert "sent 1" in capsys.readouterr().out
    assert CertificateReminder.objects.count() == 1


def test_duplicate_certificate_number_is_a_friendly_form_error(client, vendor, owner):
    other = factories.VendorFactory()
    factories.CertificateFactory(vendor=other, kind="pirt", halal_stage="", number="2180301012345-29")
    client.force_login(owner)
    data = {"kind": "pirt", "number": "218030101234529", "scan": _scan()}
    response = client.post(reverse("vendors:certificate-create"), data)
    assert response.status_code == HTTPStatus.OK
    assert "sudah terdaftar" in response.content.decode()
    assert "Constraint" not in response.content.decode()
    assert response.context["form"].errors["number"] == [
        "Nomor sertifikat ini sudah terdaftar. Hubungi Dinas bila ini keliru."
    ]  # and not also "Nomor P-IRT harus 15 angka" about a number that is fine
