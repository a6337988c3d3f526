"""Console certificate queue: format checks, P-IRT region highlight, verify/reject, expiring list."""

import csv
import datetime
import io
from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from catalog.models import Certificate
from tests import factories

pytestmark = pytest.mark.django_db

C = Certificate.Status


def test_the_queue_lists_certificates_waiting_for_verification_oldest_first(dinas_client, vendor):
    first = factories.CertificateFactory(vendor=vendor, status=C.SUBMITTED)
    second = factories.CertificateFactory(vendor=vendor, status=C.SUBMITTED)
    factories.CertificateFactory(vendor=vendor, status=C.VERIFIED)

    response = dinas_client.get(reverse("console:certificate-list"))

    assert list(response.context["page_obj"]) == [first, second]


def test_certificates_of_a_rejected_vendor_come_after_the_others(dinas_client, vendor):
    from vendors.models import Vendor

    rejected = factories.VendorFactory(status=Vendor.Status.REJECTED)
    old = factories.CertificateFactory(vendor=rejected, status=C.SUBMITTED)
    new = factories.CertificateFactory(vendor=vendor, status=C.SUBMITTED)

    response = dinas_client.get(reverse("console:certificate-list"))

    assert list(response.context["page_obj"]) == [new, old]


def test_the_queue_flags_bad_formats_and_pirt_numbers_from_another_region(dinas_client, vendor):
    factories.CertificateFactory(vendor=vendor, status=C.SUBMITTED, kind="pirt", halal_stage="", number="12345")
    factories.CertificateFactory(
        vendor=vendor, status=C.SUBMITTED, kind="pirt", halal_stage="", number="2061871010123-29"
    )

    html = dinas_client.get(reverse("console:certificate-list")).content.decode()

    assert "Nomor P-IRT harus 15 angka" in html
    assert "Kode daerah P-IRT berbeda dari asal UMKM (1803)" in html


def test_the_queue_runs_a_constant_number_of_queries(dinas_client, django_assert_max_num_queries):
    for _ in range(25):
        factories.CertificateFactory(vendor=factories.VendorFactory(), status=C.SUBMITTED)

    with django_assert_max_num_queries(12):  # + the staff member's centres (issue 17) and, cold, the centre list
        response = dinas_client.get(reverse("console:certificate-list"))
    assert len(response.context["page_obj"]) == 25


def test_the_expiring_list_shows_verified_certificates_ending_within_60_days(dinas_client, vendor):
    today = timezone.localdate()
    soon = factories.CertificateFactory(vendor=vendor, valid_until=today + datetime.timedelta(days=20))
    factories.CertificateFactory(vendor=vendor, valid_until=today + datetime.timedelta(days=200))

    response = dinas_client.get(reverse("console:certificate-list"))

    assert list(response.context["expiring"]) == [soon]


def test_the_detail_embeds_the_private_scan_through_the_permission_checked_view(dinas_client, vendor):
    from django.core.files.base import ContentFile

    certificate = factories.CertificateFactory(vendor=vendor, status=C.SUBMITTED)
    certificate.scan.save("halal.png", ContentFile(b"\x89PNG fake"), save=True)

    response = dinas_client.get(reverse("console:certificate-detail", args=[certificate.pk]))

    scan_url = reverse("vendors:certificate-scan", kwargs={"pk": certificate.pk})
    assert f'src="{scan_url}"' in response.content.decode()
    assert dinas_client.get(scan_url).status_code == HTTPStatus.OK


def test_verifying_from_the_console_records_the_reviewer_and_emails_the_owner(
    dinas_client, dinas_user, vendor, owner, django_capture_on_commit_callbacks
):
    certificate = factories.CertificateFactory(vendor=vendor, status=C.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        response = dinas_client.post(
            reverse("console:certificate-verify", args=[certificate.pk]), {"verify-reason": ""}
        )

    assert response.status_code == HTTPStatus.FOUND
    certificate.refresh_from_db()
    assert (certificate.status, certificate.reviewed_by) == (C.VERIFIED, dinas_user)
    assert mail.outbox[0].to == [owner.email]


def test_rejecting_without_a_note_is_refused_with_a_message(dinas_client, vendor):
    certificate = factories.CertificateFactory(vendor=vendor, status=C.SUBMITTED)

    response = dinas_client.post(reverse("console:certificate-reject", args=[certificate.pk]), {"reject-reason": ""})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Alasan wajib diisi" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == C.SUBMITTED


def test_rejecting_with_a_note_stores_it(dinas_client, vendor):
    certificate = factories.CertificateFactory(vendor=vendor, status=C.SUBMITTED)

    dinas_client.post(reverse("console:certificate-reject", args=[certificate.pk]), {"reject-reason": "Buram"})

    certificate.refresh_from_db()
    assert (certificate.status, certificate.review_note) == (C.REJECTED, "Buram")


def test_verifying_a_number_in_the_wrong_format_shows_why_and_changes_nothing(dinas_client, vendor):
    certificate = factories.CertificateFactory(vendor=vendor, status=C.SUBMITTED, number="HALAL-123")

    response = dinas_client.post(reverse("console:certificate-verify", args=[certificate.pk]), {"verify-reason": ""})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "diawali" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == C.SUBMITTED


def test_reviewing_by_get_is_not_allowed(dinas_client, vendor):
    certificate = factories.CertificateFactory(vendor=vendor, status=C.SUBMITTED)

    response = dinas_client.get(reverse("console:certificate-verify", args=[certificate.pk]))

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_deciding_a_certificate_another_officer_already_verified_says_so_and_changes_nothing(dinas_client, vendor):
    certificate = factories.CertificateFactory(vendor=vendor, status=C.VERIFIED)

    response = dinas_client.post(
        reverse("console:certificate-reject", args=[certificate.pk]), {"reject-reason": "Buram"}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Sertifikat ini sudah berstatus Terverifikasi; keputusan tidak diubah." in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == C.VERIFIED


def test_the_email_for_a_halal_application_without_a_number_names_no_number(
    dinas_client, vendor, owner, django_capture_on_commit_callbacks
):
    certificate = factories.CertificateFactory(vendor=vendor, status=C.SUBMITTED, number="", halal_stage="applied")

    with django_capture_on_commit_callbacks(execute=True):
        dinas_client.post(reverse("console:certificate-reject", args=[certificate.pk]), {"reject-reason": "Buram"})

    assert "Sertifikat Halal:\nditolak oleh Dinas" in mail.outbox[0].body
    assert "nomor" not in mail.outbox[0].body


def test_the_queue_flags_a_pirt_number_whose_expiry_year_differs_from_valid_until(dinas_client, vendor):
    year = timezone.localdate().year + 1
    factories.CertificateFactory(
        vendor=vendor,
        status=C.SUBMITTED,
        kind="pirt",
        halal_stage="",
        number=f"2061803010123-{(year + 1) % 100:02d}",
        valid_until=datetime.date(year, 3, 31),
    )

    html = dinas_client.get(reverse("console:certificate-list")).content.decode()

    assert f"Tahun kedaluwarsa pada nomor P-IRT ({year + 1}) berbeda dengan tanggal berlaku ({year})." in html
    assert 'class="row-warning"' in html


def test_the_certificate_report_has_a_pirt_year_column(dinas_client, vendor):
    year = timezone.localdate().year + 1
    for number in (f"2061803010123-{(year + 1) % 100:02d}", f"2061803010124-{year % 100:02d}"):  # differs, agrees
        factories.CertificateFactory(
            vendor=vendor, kind="pirt", halal_stage="", number=number, valid_until=datetime.date(year, 3, 31)
        )

    response = dinas_client.get(reverse("console:report-csv", kwargs={"slug": "sertifikat"}))

    header, *rows = csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig")), delimiter=";")
    column = header.index("Tahun P-IRT berbeda")
    assert header[column - 1] == "Kode daerah P-IRT berbeda"
    assert sorted(row[column] for row in rows) == ["Tidak", "Ya"]
