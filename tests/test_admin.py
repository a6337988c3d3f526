"""The Django admin renders for Dinas staff (limited permissions) and superusers."""

import io
from http import HTTPStatus

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from orders.models import StockMovement
from tests import factories
from vendors.models import VendorMove

pytestmark = pytest.mark.django_db

MODELS = [model for model in admin.site._registry if model._meta.app_label in {"vendors", "catalog", "orders"}]
SUPERUSER_ONLY = {"vendors.staffscope"}  # who works on which centre: set by superusers (issue 17)


def tiny_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "orange").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def sample_data(product, dinas_user):
    factories.UnitAssignmentFactory(vendor=product.vendor)
    factories.CertificateFactory(vendor=product.vendor, products=[product])
    factories.ReservationLineFactory(product=product)
    StockMovement.objects.create(product=product, on_hand_delta=10, reason="initial")
    product.images.create(image=ContentFile(tiny_png(), name="foto.png"), alt_text="Foto")
    product.vendor.transition("suspended", actor=dinas_user, reason="Uji")
    VendorMove.objects.create(
        vendor=product.vendor, from_centre=product.vendor.centre, to_centre=product.vendor.centre, reason="Uji"
    )


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_admin_changelist_renders_for_dinas_staff(client, dinas_user, sample_data, model):
    client.force_login(dinas_user)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = client.get(url)
    wanted = HTTPStatus.FORBIDDEN if model._meta.label_lower in SUPERUSER_ONLY else HTTPStatus.OK
    assert response.status_code == wanted


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_admin_changelist_and_change_page_renders_for_superuser(client, sample_data, model):
    client.force_login(factories.UserFactory(username="root", is_staff=True, is_superuser=True))
    opts = model._meta
    assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")).status_code == HTTPStatus.OK
    obj = model.objects.first()
    change = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
    assert change.status_code == HTTPStatus.OK


def test_dinas_staff_cannot_delete_vendors_or_edit_the_stock_ledger(client, dinas_user, sample_data):
    client.force_login(dinas_user)
    vendor = factories.VendorFactory()
    assert client.get(reverse("admin:vendors_vendor_delete", args=[vendor.pk])).status_code == HTTPStatus.FORBIDDEN
    assert client.get(reverse("admin:orders_stockmovement_add")).status_code == HTTPStatus.FORBIDDEN


def test_shopper_cannot_enter_the_admin(client, shopper):
    client.force_login(shopper)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code == HTTPStatus.FORBIDDEN


def test_admin_login_goes_through_rate_limited_allauth_login(client):
    response = client.get(reverse("admin:login") + "?next=/admin/vendors/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=/admin/vendors/" in response["Location"]


def test_staff_signed_in_through_allauth_reaches_the_admin(client, dinas_user):
    client.force_login(dinas_user)
    response = client.get(reverse("admin:login") + "?next=/admin/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/admin/"


def test_admin_speaks_indonesian(client, dinas_user):
    client.force_login(dinas_user)
    response = client.get(reverse("admin:vendors_vendor_changelist"))
    assert "Cari" in response.content.decode() or "cari" in response.content.decode()


def test_admin_login_never_redirects_off_site(client, dinas_user):
    client.force_login(dinas_user)
    response = client.get(reverse("admin:login") + "?next=https://evil.example/")
    assert response["Location"] == reverse("admin:index")
