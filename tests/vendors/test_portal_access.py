"""Role × URL access matrix of the owner portal: another vendor's objects are 404 (same as missing),
anonymous users are sent to log in, people without a vendor are sent to the application form."""

import io
from http import HTTPStatus

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from catalog.models import Certificate, Product, ProductImage
from catalog.services.products import product_image_add
from orders.models import Reservation
from tests import factories
from vendors.models import Vendor

# name -> (url name, kwargs builder given the objects, method)
OBJECT_URLS = {
    "product-edit": ("vendors:product-edit", lambda o: {"pk": o["product"].pk}, "get"),
    "product-stock": ("vendors:product-stock", lambda o: {"pk": o["product"].pk}, "get"),
    "product-stock-post": ("vendors:product-stock", lambda o: {"pk": o["product"].pk}, "post"),
    "product-status": ("vendors:product-status", lambda o: {"pk": o["product"].pk}, "post"),
    "product-photos": ("vendors:product-photos", lambda o: {"pk": o["product"].pk}, "get"),
    "product-archive": ("vendors:product-archive", lambda o: {"pk": o["product"].pk}, "get"),
    "product-archive-post": ("vendors:product-archive", lambda o: {"pk": o["product"].pk}, "post"),
    "product-restore": ("vendors:product-restore", lambda o: {"pk": o["product"].pk}, "post"),
    "certificate-edit": ("vendors:certificate-edit", lambda o: {"pk": o["certificate"].pk}, "get"),
    "certificate-scan": ("vendors:certificate-scan", lambda o: {"pk": o["certificate"].pk}, "get"),
    "reservation-detail": ("vendors:reservation-detail", lambda o: {"code": o["reservation"].code}, "get"),
    "reservation-ready": ("vendors:reservation-ready", lambda o: {"code": o["reservation"].code}, "post"),
    "reservation-cancel": ("vendors:reservation-cancel", lambda o: {"code": o["reservation"].code}, "get"),
    "reservation-cancel-post": ("vendors:reservation-cancel", lambda o: {"code": o["reservation"].code}, "post"),
}
POST_DATA = {"delta": "-5", "reason": "damaged", "status": "draft", "reason_text": "x"}
PORTAL_PAGES = [
    "vendors:dashboard",
    "vendors:profile",
    "vendors:product-list",
    "vendors:product-create",
    "vendors:certificate-list",
    "vendors:certificate-create",
    "vendors:reservation-list",
    "vendors:reservation-collect",
    "vendors:labels",
    "vendors:sales-report",
]


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def theirs(other_vendor, other_product, other_certificate, shopper):
    reservation = factories.ReservationFactory(vendor=other_vendor, shopper=shopper)
    factories.ReservationLineFactory(reservation=reservation, product=other_product)
    return {"product": other_product, "certificate": other_certificate, "reservation": reservation}


def _request(client, name, objects):
    url_name, kwargs, method = OBJECT_URLS[name]
    url = reverse(url_name, kwargs=kwargs(objects))
    return getattr(client, method)(url, POST_DATA if method == "post" else None)


@pytest.mark.parametrize("name", OBJECT_URLS)
def test_another_vendors_object_is_404_for_an_owner(client, owner, vendor, theirs, name):
    client.force_login(owner)
    assert _request(client, name, theirs).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("name", OBJECT_URLS)
def test_missing_object_is_404_like_a_foreign_one(client, owner, vendor, name):
    missing = {
        "product": Product(pk=999_999),
        "certificate": Certificate(pk=999_999),
        "reservation": Reservation(code="SOL-ZZZZZ"),
    }
    client.force_login(owner)
    assert _request(client, name, missing).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("name", [n for n in OBJECT_URLS if n != "certificate-scan"])
def test_anonymous_is_sent_to_log_in(client, theirs, name):
    response = _request(client, name, theirs)
    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse(settings.LOGIN_URL))


@pytest.mark.parametrize("page", PORTAL_PAGES)
def test_anonymous_is_sent_to_log_in_from_every_portal_page(client, db, page):
    response = client.get(reverse(page))
    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse(settings.LOGIN_URL))


@pytest.mark.parametrize("page", PORTAL_PAGES)
def test_user_without_a_vendor_is_sent_to_the_application(client, shopper, page):
    client.force_login(shopper)
    response = client.get(reverse(page))
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("vendors:apply")


@pytest.mark.parametrize("page", PORTAL_PAGES)
def test_member_sees_every_portal_page(client, owner, vendor, page):
    client.force_login(owner)
    assert client.get(reverse(page)).status_code == HTTPStatus.OK


@pytest.mark.parametrize("page", PORTAL_PAGES)
def test_inactive_membership_gives_no_access(client, owner, vendor, page):
    vendor.memberships.update(is_active=False)
    client.force_login(owner)
    assert client.get(reverse(page)).url == reverse("vendors:apply")


def test_foreign_product_state_is_unchanged_after_attempts(client, owner, vendor, theirs):
    client.force_login(owner)
    for name in ("product-stock-post", "product-status", "product-archive-post"):
        _request(client, name, theirs)
    theirs["product"].refresh_from_db()
    assert (theirs["product"].status, theirs["product"].stock_on_hand) == (Product.Status.PUBLISHED, 8)
    assert not theirs["product"].movements.exists()


def test_label_sheet_with_another_vendors_product_is_404(client, owner, vendor, theirs):
    mine = factories.ProductFactory(vendor=vendor)
    client.force_login(owner)
    url = reverse("vendors:labels")
    assert client.get(url, {"produk": [mine.pk, theirs["product"].pk]}).status_code == HTTPStatus.NOT_FOUND
    assert client.get(url, {"produk": "abc"}).status_code == HTTPStatus.NOT_FOUND
    assert client.get(url, {"produk": mine.pk}).status_code == HTTPStatus.OK


def test_collecting_another_vendors_pickup_code_changes_nothing(client, owner, vendor, theirs):
    client.force_login(owner)
    response = client.post(reverse("vendors:reservation-collect"), {"code": theirs["reservation"].code})
    assert response.status_code == HTTPStatus.OK
    assert "tidak ditemukan" in response.content.decode()
    theirs["reservation"].refresh_from_db()
    assert theirs["reservation"].status == "placed"


def test_photo_of_another_vendors_product_is_404(client, owner, vendor, theirs, product):
    upload = SimpleUploadedFile("a.png", _png(), content_type="image/png")
    image = product_image_add(product=theirs["product"], upload=upload, actor=None)
    client.force_login(owner)
    for name in ("vendors:product-photo-edit", "vendors:product-photo-delete"):
        url = reverse(name, kwargs={"pk": product.pk, "image_pk": image.pk})
        assert client.post(url, {"alt_text": "x", "position": 1}).status_code == HTTPStatus.NOT_FOUND
    assert ProductImage.objects.filter(pk=image.pk).exists()


def test_dinas_staff_read_scans_but_are_not_members(client, dinas_user, theirs):
    client.force_login(dinas_user)
    scan = reverse("vendors:certificate-scan", kwargs={"pk": theirs["certificate"].pk})
    assert client.get(scan).status_code == HTTPStatus.OK
    edit = reverse("vendors:product-edit", kwargs={"pk": theirs["product"].pk})
    assert client.get(edit).url == reverse("vendors:apply")


# --- vendor status rules ----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Vendor.Status.SUBMITTED, Vendor.Status.REVISION_REQUESTED])
def test_pending_vendor_drafts_products_but_cannot_publish(client, db, status):
    user = factories.UserFactory()
    vendor = factories.VendorFactory(owner=user, status=status)
    client.force_login(user)
    data = {"name": "Sambal Lampung", "category": factories.category().pk, "price": "15000", "sale_unit": "botol"}
    assert client.post(reverse("vendors:product-create"), {**data, "stock_on_hand": "3"}).status_code == 302
    product = vendor.products.get()
    response = client.post(reverse("vendors:product-status", kwargs={"pk": product.pk}), {"status": "published"})
    assert response.status_code == HTTPStatus.FOUND
    product.refresh_from_db()
    assert product.status == Product.Status.DRAFT
    page = client.get(reverse("vendors:product-list")).content.decode()
    assert "setelah UMKM disetujui" in page or "Tayangkan" not in page


def test_suspended_vendor_sees_a_notice_and_cannot_publish(client, db):
    user = factories.UserFactory()
    vendor = factories.VendorFactory(owner=user, status=Vendor.Status.SUSPENDED, status_note="Izin kedaluwarsa")
    product = factories.ProductFactory(vendor=vendor, status=Product.Status.DRAFT)
    client.force_login(user)
    page = client.get(reverse("vendors:dashboard")).content.decode()
    assert "dibekukan" in page
    assert "Izin kedaluwarsa" in page
    response = client.post(
        reverse("vendors:product-status", kwargs={"pk": product.pk}), {"status": "published"}, follow=True
    )
    assert "dibekukan" in response.content.decode()
    product.refresh_from_db()
    assert product.status == Product.Status.DRAFT
