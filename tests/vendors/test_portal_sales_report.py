"""Sales report: collected reservations by week and product, chart + table, .xlsx and CSV exports."""

import datetime
import io
from http import HTTPStatus

import openpyxl
from django.urls import reverse
from django.utils import timezone

from orders.models import Reservation
from portal.sales_report import sales_report
from tests import factories


def _sold(vendor, product, quantity, days_ago, status=Reservation.Status.COLLECTED):
    when = timezone.now() - datetime.timedelta(days=days_ago)
    reservation = factories.ReservationFactory(
        vendor=vendor, status=status, placed_at=when - datetime.timedelta(hours=1), hold_until=when, collected_at=when
    )
    factories.ReservationLineFactory(reservation=reservation, product=product, quantity=quantity)
    return reservation


def test_report_sums_collected_sales_by_week_and_product(vendor, product):
    kopi = factories.ProductFactory(vendor=vendor, name="Kopi Robusta", price=40000)
    _sold(vendor, product, 2, days_ago=0)
    _sold(vendor, kopi, 1, days_ago=0)
    _sold(vendor, product, 3, days_ago=14)
    _sold(vendor, product, 5, days_ago=1, status=Reservation.Status.CANCELLED)
    _sold(factories.VendorFactory(), factories.ProductFactory(), 9, days_ago=0)
    report = sales_report(vendor, weeks=4)
    assert report.total_quantity == 6
    assert report.total_revenue == 5 * 25000 + 40000
    assert len(report.weeks) >= 4
    assert [p["name"] for p in report.products] == [product.name, "Kopi Robusta"]
    assert sum(w["revenue"] for w in report.weeks) == report.total_revenue


def test_report_page_shows_chart_and_table_with_the_same_numbers(client, owner, vendor, product):
    _sold(vendor, product, 2, days_ago=0)
    client.force_login(owner)
    page = client.get(reverse("vendors:sales-report"), {"minggu": 4}).content.decode()
    assert '<svg class="chart"' in page
    assert page.count("Rp50.000") >= 3  # chart label, week table, product table


def test_report_empty_state_and_bad_period(client, owner, vendor):
    client.force_login(owner)
    response = client.get(reverse("vendors:sales-report"), {"minggu": "banyak"})
    assert response.status_code == HTTPStatus.OK
    assert "Belum ada penjualan" in response.content.decode()


def test_csv_export_is_utf8_with_bom_and_semicolons(client, owner, vendor, product):
    _sold(vendor, product, 2, days_ago=0)
    client.force_login(owner)
    response = client.get(reverse("vendors:sales-report-export", kwargs={"fmt": "csv"}))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Minggu mulai;Produk;Jumlah;Pendapatan (Rp)"
    assert lines[1].endswith(f";{product.name};2;50000")


def test_xlsx_export_opens_with_the_same_numbers(client, owner, vendor, product):
    _sold(vendor, product, 3, days_ago=0)
    client.force_login(owner)
    response = client.get(reverse("vendors:sales-report-export", kwargs={"fmt": "xlsx"}))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert rows[1][1:] == (product.name, 3, 75000)
    assert rows[-1][1:] == ("Total", 3, 75000)


def test_other_export_formats_are_404(client, owner, vendor):
    client.force_login(owner)
    assert client.get("/toko/laporan/penjualan.pdf").status_code == HTTPStatus.NOT_FOUND


def test_period_select_shows_the_period_the_figures_cover(client, owner, vendor):
    client.force_login(owner)
    for query, weeks in (({}, 8), ({"minggu": 13}, 13), ({"minggu": "999"}, 8)):
        page = client.get(reverse("vendors:sales-report"), query).content.decode()
        assert f'<option value="{weeks}" selected>' in page
        assert page.count(" selected>") == 1
