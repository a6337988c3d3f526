"""Channels in every report: reservasi, counter, event and B2B, each counted once, the total equal to the sum of
the parts; old `sold_offline` movements counted as units without value."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from buyers.services import occurrences as drops
from console.channels import turnover_by
from console.reports import REPORTS
from orders.models import Reservation, StockMovement
from portal.sales_report import sales_report
from sales.channels import CHANNELS
from sales.services import events as svc
from sales.services import sale_record, sale_void
from tests import factories
from tests.sales.event_factories import EventFactory, accepted

pytestmark = pytest.mark.django_db


@pytest.fixture
def sold(vendor, owner):
    """One sale in every channel for `vendor` (and a reservation of another vendor elsewhere)."""
    product = factories.ProductFactory(vendor=vendor, price=10000, stock_on_hand=50)
    now = timezone.now()
    reservation = factories.ReservationFactory(
        vendor=vendor, status=Reservation.Status.COLLECTED, total=30000, collected_at=now, placed_at=now
    )
    factories.ReservationLineFactory(reservation=reservation, product=product, quantity=3, unit_price=10000)
    sale_record(vendor=vendor, actor=owner, items={product.pk: 2}, payment="cash")  # counter: 20.000
    event = EventFactory(status="running")
    application = accepted(event, vendor, [product])
    svc.event_stock_send(application=application, actor=owner, items={product.pk: 5})
    sale_record(vendor=vendor, actor=owner, items={product.pk: 4}, payment="qris", event=event)  # event: 40.000
    voided = sale_record(vendor=vendor, actor=owner, items={product.pk: 1}, payment="cash")
    sale_void(sale=voided, actor=owner, reason="Salah")  # voided: counts nowhere
    order = factories.buyer_order(factories.OrganisationFactory(), product, quantity=5)
    drop = order.occurrences.get()
    drops.occurrence_confirm(occurrence=drop, actor=None)
    drops.occurrence_deliver(occurrence=drop, actor=None)  # B2B: 5 × the wholesale/unit price
    type(drop).objects.filter(pk=drop.pk).update(date=timezone.localdate())  # delivered today, in the period
    StockMovement.objects.create(product=product, on_hand_delta=-7, reason=StockMovement.Reason.SOLD_OFFLINE)
    b2b = sum(line.quantity * line.unit_price for line in drop.lines.all())
    return {"reservasi": 30000, "counter": 20000, "event": 40000, "b2b": b2b, "legacy": 7, "event_obj": event}


def test_the_vendors_report_splits_every_channel_and_the_total_is_their_sum(vendor, sold):
    report = sales_report(vendor, weeks=4)
    by_channel = {c["key"]: c["revenue"] for c in report.channels}
    assert by_channel == {k: sold[k] for k in CHANNELS}
    assert report.total_revenue == sum(by_channel.values())
    assert report.total_revenue == sum(p["revenue"] for p in report.products)
    assert report.total_revenue == sum(w["revenue"] for w in report.weeks)
    assert all(w["revenue"] == sum(w[c] for c in CHANNELS) for w in report.weeks)
    assert report.legacy_units == 7


def test_the_vendors_report_page_says_old_sales_have_no_value(client, owner, vendor, sold):
    client.force_login(owner)
    page = client.get(reverse("vendors:sales-report")).content.decode()
    assert "Per kanal" in page and "Acara" in page and "Mitra institusi (B2B)" in page
    assert "7 barang penjualan langsung lama tanpa nilai rupiah" in page


def test_dinas_turnover_by_region_and_vendor_adds_up(vendor, sold):
    today = timezone.localdate()
    start, end = today - datetime.timedelta(days=7), today
    whole = turnover_by(start, end)[None]
    assert {k: whole[k] for k in CHANNELS} == {k: sold[k] for k in CHANNELS}
    assert whole["total"] == sum(whole[k] for k in CHANNELS) and whole["legacy_units"] == 7
    by_region = turnover_by(start, end, key="region")
    assert by_region[vendor.regency_id]["total"] == whole["total"]
    assert turnover_by(start, end, key="vendor")[vendor.pk] == whole


def test_the_summary_and_channel_reports_show_every_channel(vendor, sold):
    today = timezone.localdate()
    period = (today - datetime.timedelta(days=7), today)
    header = REPORTS["omzet"].columns()
    rows = [dict(zip(header, row, strict=True)) for row in REPORTS["omzet"].rows(period)]
    mine, total = rows[0], rows[-1]
    assert mine["UMKM"] == vendor.name and mine["Acara (Rp)"] == sold["event"]
    parts = ["Reservasi (Rp)", "Kasir (Rp)", "Acara (Rp)", "B2B (Rp)"]
    assert total["Total omzet (Rp)"] == sum(total[p] for p in parts) == sum(r["Total omzet (Rp)"] for r in rows[:-1])
    summary_header = REPORTS["ringkasan"].columns()
    summary = [dict(zip(summary_header, r, strict=True)) for r in REPORTS["ringkasan"].rows(period)]
    region = next(r for r in summary if r["Kode"] == vendor.regency_id)
    assert region["Total omzet (Rp)"] == sum(region[p] for p in parts) == total["Total omzet (Rp)"]


def test_the_channel_report_downloads_as_csv(client, dinas_user, sold):
    client.force_login(dinas_user)
    response = client.get(reverse("console:report-csv", args=["omzet"]))
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-3] == "B2B (Rp)" and rows[-1][0] == "Total"


def test_the_dashboard_shows_turnover_per_channel(client, dinas_user, sold):
    client.force_login(dinas_user)
    page = client.get(reverse("console:dashboard")).content.decode()
    assert "Omzet per kanal" in page and "Rp40.000" in page
