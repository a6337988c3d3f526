"""The Dinas day from the issue's "done when": approve an application, verify a certificate, assign a unit,
download a report — all through the console pages."""

import io
from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from catalog.models import Certificate
from tests import factories
from vendors.models import UnitAssignment, Vendor

pytestmark = pytest.mark.django_db


def test_dinas_approves_verifies_assigns_and_reports(client, dinas_user, centre, django_capture_on_commit_callbacks):
    calon = factories.UserFactory(username="calon")
    vendor = factories.VendorFactory(owner=calon, status=Vendor.Status.SUBMITTED, name="Kopi Bubuk Cap Siger")
    product = factories.ProductFactory(vendor=vendor, status="draft")
    certificate = factories.CertificateFactory(vendor=vendor, status=Certificate.Status.SUBMITTED, products=[product])
    unit = factories.ShopUnitFactory(centre=centre, code="A-03")
    client.force_login(dinas_user)

    queue = client.get(reverse("console:vendor-list"))
    assert vendor in queue.context["page_obj"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("console:vendor-action", args=[vendor.pk, "setujui"]), {"reason": "Lengkap"})
        client.post(reverse("console:certificate-verify", args=[certificate.pk]), {"verify-reason": ""})
    assigned = client.post(
        reverse("console:vendor-assign", args=[vendor.pk]),
        {"unit": unit.pk, "start_on": timezone.localdate().isoformat()},
    )
    report = client.get(reverse("console:report-xlsx", kwargs={"slug": "umkm"}))

    vendor.refresh_from_db()
    certificate.refresh_from_db()
    assert vendor.status == Vendor.Status.APPROVED
    assert certificate.status == Certificate.Status.VERIFIED
    assert assigned.status_code == HTTPStatus.FOUND
    assert UnitAssignment.objects.active().get(vendor=vendor).unit == unit
    assert [m.to for m in mail.outbox] == [[calon.email], [calon.email]]
    rows = load_workbook(io.BytesIO(report.content)).active.iter_rows(values_only=True)
    row = next(r for r in rows if r[0] == "Kopi Bubuk Cap Siger")
    assert (row[5], row[6]) == ("Disetujui", "A-03")
    assert certificate.number in row[7]
