"""Dashboard and profile of the owner portal."""

import datetime
import io
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import ExifTags, Image

from catalog.models import Product
from tests import factories
from vendors.models import Vendor


def _jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "S", ExifTags.GPS.GPSLatitude: (4.0, 49.0, 0.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "green").save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_dashboard_counts_what_needs_attention(client, owner, vendor, stocked, unit, place):
    factories.ProductFactory(vendor=vendor, stock_on_hand=2)  # low stock
    factories.ProductFactory(vendor=vendor, status=Product.Status.DRAFT)
    factories.CertificateFactory(vendor=vendor, valid_until=timezone.localdate() + datetime.timedelta(days=30))
    place({stocked: 1})
    client.force_login(owner)
    response = client.get(reverse("vendors:dashboard"))
    counts = response.context["counts"]
    assert (counts["published"], counts["low"]) == (2, 1)
    assert (response.context["open_reservations"], response.context["expiring"]) == (1, 1)
    page = response.content.decode()
    assert "Unit A-01" in page
    assert "Siapkan 1 reservasi pembeli" in page


def test_dashboard_queries_are_bounded(client, owner, vendor, django_assert_max_num_queries):
    factories.ProductFactory.create_batch(10, vendor=vendor)
    client.force_login(owner)
    with django_assert_max_num_queries(12):
        client.get(reverse("vendors:dashboard"))


def test_new_vendor_dashboard_tells_what_to_do_next(client, db):
    user = factories.UserFactory()
    factories.VendorFactory(owner=user, status=Vendor.Status.DRAFT)
    client.force_login(user)
    page = client.get(reverse("vendors:dashboard")).content.decode()
    assert "Pengajuan belum dikirim" in page
    assert reverse("vendors:apply") in page


def test_approved_vendor_edits_the_profile_and_logo_is_re_encoded(client, owner, vendor):
    client.force_login(owner)
    data = {
        "story": "Cerita baru",
        "address": "Kotabumi",
        "whatsapp": "0813 1111 2222",
        "accepts_qris": "on",
        "opening_note": "Tutup Jumat siang",
        "logo": SimpleUploadedFile("logo.jpg", _jpeg_with_gps(), content_type="image/jpeg"),
        "name": "Nama Lain",
        "status": "suspended",
    }
    response = client.post(reverse("vendors:profile"), data)
    assert response.status_code == HTTPStatus.FOUND
    vendor.refresh_from_db()
    assert (vendor.whatsapp, vendor.accepts_qris, vendor.story) == ("+6281311112222", True, "Cerita baru")
    assert vendor.name.startswith("UMKM Sejahtera")
    assert vendor.status == Vendor.Status.APPROVED
    with Image.open(vendor.logo.path) as logo:
        assert not logo.getexif().get_ifd(ExifTags.IFD.GPSInfo)


def test_bad_logo_is_a_form_error_and_nothing_changes(client, owner, vendor):
    client.force_login(owner)
    data = {"story": "x", "whatsapp": "", "logo": SimpleUploadedFile("logo.jpg", b"<svg onload=alert(1)>")}
    response = client.post(reverse("vendors:profile"), data)
    assert response.status_code == HTTPStatus.OK
    assert "bukan foto" in response.content.decode()
    vendor.refresh_from_db()
    assert not vendor.logo


def test_pending_vendor_profile_goes_to_the_application(client, db):
    user = factories.UserFactory()
    factories.VendorFactory(owner=user, status=Vendor.Status.SUBMITTED)
    client.force_login(user)
    assert client.get(reverse("vendors:profile")).url == reverse("vendors:apply")


@pytest.mark.parametrize(
    "status", [Vendor.Status.SUBMITTED, Vendor.Status.SUSPENDED, Vendor.Status.REJECTED, Vendor.Status.ARCHIVED]
)
def test_dashboard_to_do_list_is_never_empty(client, db, status):
    user = factories.UserFactory()
    factories.VendorFactory(owner=user, status=status)
    client.force_login(user)
    page = client.get(reverse("vendors:dashboard")).content.decode()
    todo = page.split('class="portal-todo">', 1)[1].split("</ul>", 1)[0]
    assert "<li>" in todo


def test_pending_vendor_dashboard_offers_no_hand_over_labels_or_report(client, db):
    user = factories.UserFactory()
    factories.VendorFactory(owner=user, status=Vendor.Status.SUBMITTED)
    client.force_login(user)
    page = client.get(reverse("vendors:dashboard")).content.decode()
    assert reverse("vendors:reservation-collect") not in page
    assert reverse("vendors:labels") not in page, page[page.find(reverse("vendors:labels")) - 300 :][:400]
    assert reverse("vendors:product-create") in page


def test_overlong_story_is_a_form_error_and_nothing_changes(client, owner, vendor):
    client.force_login(owner)
    response = client.post(reverse("vendors:profile"), {"story": "x" * 3001, "whatsapp": "0812 3456 7890"})
    assert "story" in response.context["form"].errors
    vendor.refresh_from_db()
    assert len(vendor.story) < 3001
