"""Mass assignment (SPEC §7): posting status, vendor, owner, verification, unit or another vendor's object and
price to every owner form changes nothing it should not — forms list their fields explicitly."""

from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.urls import reverse

from catalog.models import Certificate, Product
from catalog.services.certificates import certificate_submit
from tests import factories
from vendors.models import UnitAssignment, Vendor, VendorMembership

pytestmark = pytest.mark.django_db

STATUSES = ["approved", "hidden", "verified", "published", "collected"]


@pytest.fixture
def scene(centre, owner, vendor, product, dinas_user):
    stranger = factories.UserFactory(username="orang-lain")
    other_vendor = factories.VendorFactory(owner=stranger, name="Kopi Way Kanan")
    other_unit = factories.UnitAssignmentFactory(
        vendor=other_vendor, unit=factories.ShopUnitFactory(centre=centre, code="B-01")
    ).unit
    factories.UnitAssignmentFactory(vendor=vendor, unit=factories.ShopUnitFactory(centre=centre, code="A-01"))
    other_product = factories.ProductFactory(vendor=other_vendor, price=40000)
    scan = SimpleUploadedFile("s.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    own_certificate = certificate_submit(
        vendor=vendor, actor=owner, kind="halal", halal_stage="granted", number="ID18110000000000011", scan=scan
    )
    other_certificate = factories.CertificateFactory(vendor=other_vendor, status="submitted")
    return {
        "owner": owner,
        "stranger": stranger,
        "dinas": dinas_user,
        "vendor": vendor,
        "product": product,
        "own_certificate": own_certificate,
        "other_vendor": other_vendor,
        "other_unit": other_unit,
        "other_product": other_product,
        "other_certificate": other_certificate,
    }


def hostile_fields(scene: dict, status: str) -> dict:
    """Fields no owner form offers (or values it must refuse), pointing at other people's rows."""
    return {
        "status": status,
        "vendor": scene["other_vendor"].pk,
        "vendor_id": scene["other_vendor"].pk,
        "owner": scene["stranger"].pk,
        "user": scene["stranger"].pk,
        "members": scene["stranger"].pk,
        "verified": "on",
        "reviewed_by": scene["dinas"].pk,
        "unit": scene["other_unit"].pk,
        "product": scene["other_product"].pk,
        "products": scene["other_product"].pk,
        "pk": scene["other_product"].pk,
        "id": scene["other_product"].pk,
        "stock_reserved": 0,
        "is_staff": "on",
        "is_superuser": "on",
        "slug": scene["other_product"].slug,
    }


def form_data(client, url: str) -> dict:
    """The form's own fields with their current values, as the browser would send them back."""
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None or hasattr(field, "upload_to") or name in {"logo", "scan", "image"}:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list | tuple) else value
    return data


def snapshot(scene: dict) -> dict:
    """Everything an owner must never change through a form."""
    return {
        "other_vendor": model_to_dict(Vendor.objects.get(pk=scene["other_vendor"].pk)),
        "other_product": model_to_dict(Product.objects.get(pk=scene["other_product"].pk)),
        "other_certificate": model_to_dict(Certificate.objects.get(pk=scene["other_certificate"].pk), exclude=["scan"]),
        "own_vendor_status": Vendor.objects.get(pk=scene["vendor"].pk).status,
        "own_product_vendor": Product.objects.get(pk=scene["product"].pk).vendor_id,
        "assignments": list(UnitAssignment.objects.order_by("pk").values_list("unit", "vendor", "end_on")),
        "memberships": list(VendorMembership.objects.order_by("pk").values_list("vendor", "user", "role")),
        "owner_flags": (
            scene["owner"].__class__.objects.filter(pk=scene["owner"].pk).values_list("is_staff", "is_superuser").get()
        ),
        "verified_certificates": list(Certificate.objects.filter(vendor=scene["vendor"], status="verified")),
        "own_products_hidden": Product.objects.filter(vendor=scene["vendor"], status="hidden").count(),
        "own_vendor_products": sorted(Product.objects.filter(vendor=scene["vendor"]).values_list("vendor", flat=True)),
    }


FORM_PAGES = [
    ("vendors:profile", None),
    ("vendors:product-create", None),
    ("vendors:product-edit", "product"),
    ("vendors:product-stock", "product"),
    ("vendors:certificate-create", None),
    ("vendors:certificate-edit", "own_certificate"),
    ("vendors:reservation-collect", None),
]


# Valid input for forms that start empty, so the hostile extras ride along with a save that succeeds.
VALID = {
    "vendors:product-create": {"name": "Kemplang Panggang", "price": 15000, "sale_unit": "pak"},
    "vendors:product-stock": {"delta": 3, "reason": "restock"},
}
# Forms that save (and redirect) with the extras; the others refuse them (e.g. another vendor's product).
ACCEPTED = {"vendors:profile", "vendors:product-create", "vendors:product-edit", "vendors:product-stock"}


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize(("page", "key"), FORM_PAGES)
def test_owner_forms_ignore_fields_they_do_not_offer(client, scene, page, key, status):
    client.force_login(scene["owner"])
    url = reverse(page, args=[scene[key].pk] if key else None)
    before = snapshot(scene)

    data = form_data(client, url) | VALID.get(page, {}) | hostile_fields(scene, status)
    data.setdefault("category", factories.category().pk)
    response = client.post(url, data)

    assert response.status_code in {HTTPStatus.OK, HTTPStatus.FOUND}
    if page in ACCEPTED:
        assert response.status_code == HTTPStatus.FOUND, response.context["form"].errors
    after = snapshot(scene)
    if page == "vendors:product-create":  # a new own product may appear; it is still the owner's
        after["own_vendor_products"] = after["own_vendor_products"][: len(before["own_vendor_products"])]
    assert after == before


@pytest.mark.parametrize("status", ["hidden", "archived", "approved"])
def test_the_status_switch_never_gives_an_owner_dinas_powers(client, scene, status):
    client.force_login(scene["owner"])
    url = reverse("vendors:product-status", args=[scene["product"].pk])

    client.post(url, {"status": status} | {k: v for k, v in hostile_fields(scene, status).items() if k != "status"})

    product = Product.objects.get(pk=scene["product"].pk)
    assert product.status != "hidden"
    assert product.vendor_id == scene["vendor"].pk
    assert Product.objects.get(pk=scene["other_product"].pk).status == "published"


def test_an_application_cannot_approve_itself_or_take_a_unit(client, centre):
    applicant = factories.UserFactory(username="calon")
    client.force_login(applicant)
    url = reverse("vendors:apply")
    data = form_data(client, url) | {
        "name": "Lempok Durian Bu Sri",
        "kind": "umkm",
        "status": "approved",
        "unit": factories.ShopUnitFactory(centre=centre).pk,
        "owner": factories.UserFactory(username="lain").pk,
    }

    client.post(url, data)

    vendor = Vendor.objects.filter(memberships__user=applicant).first()
    if vendor is not None:
        assert vendor.status == Vendor.Status.DRAFT
        assert not UnitAssignment.objects.filter(vendor=vendor).exists()
        assert list(vendor.memberships.values_list("user", flat=True)) == [applicant.pk]
