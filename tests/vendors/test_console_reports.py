"""Console reports: .xlsx files open with openpyxl and hold the right rows; CSV starts with the BOM and uses `;`."""

import csv
import io
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from console.reports import REPORTS
from orders.models import Reservation
from tests import factories
from vendors.models import Vendor

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(centre):
    vendor = factories.VendorFactory(name="Tapis Jaya", nib="9100000000123")
    unit = factories.ShopUnitFactory(centre=centre, code="B-07")
    factories.UnitAssignmentFactory(unit=unit, vendor=vendor)
    product = factories.ProductFactory(vendor=vendor, name="Keripik Pisang Coklat", price=25000)
    factories.CertificateFactory(vendor=vendor, number="ID18030000999999", products=[product])
    factories.VendorFactory(name='=HYPERLINK("http://evil")', status=Vendor.Status.SUBMITTED)
    reservation = factories.ReservationFactory(vendor=vendor, status=Reservation.Status.COLLECTED, total=75000)
    reservation.collected_at = timezone.now()
    reservation.save()
    return vendor


def download(client, slug, fmt, **query):
    name = "console:report-xlsx" if fmt == "xlsx" else "console:report-csv"
    response = client.get(reverse(name, kwargs={"slug": slug}), query)
    assert response.status_code == HTTPStatus.OK
    assert f'.{fmt}"' in response["Content-Disposition"]
    return response


@pytest.mark.parametrize("slug", list(REPORTS))
def test_every_report_opens_with_openpyxl_with_its_header(dinas_client, data, slug):
    response = download(dinas_client, slug, "xlsx")

    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    header = next(sheet.iter_rows(values_only=True))
    assert list(header) == REPORTS[slug].columns()


def test_the_vendor_report_lists_region_kind_nib_status_unit_and_certificates(dinas_client, data):
    response = download(dinas_client, "umkm", "xlsx")

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    row = next(r for r in rows if r[0] == "Tapis Jaya")
    assert row[1:8] == (
        "UMKM (perorangan/CV)",
        "18.03",
        "Lampung Utara",
        "9100000000123",
        "Disetujui",
        "B-07",
        "Halal ID18030000999999",
    )


def test_text_that_looks_like_a_formula_stays_text(dinas_client, data):
    xlsx = load_workbook(io.BytesIO(download(dinas_client, "umkm", "xlsx").content)).active
    names = [row[0] for row in xlsx.iter_rows(min_row=2, values_only=True)]
    text = download(dinas_client, "umkm", "csv").getvalue().decode("utf-8-sig")

    assert '\'=HYPERLINK("http://evil")' in names
    assert not any(str(name).startswith("=") for name in names)
    assert "\n=HYPERLINK" not in text


def test_the_csv_starts_with_the_bom_and_uses_semicolons(dinas_client, data):
    response = download(dinas_client, "produk", "csv")

    body = response.getvalue()
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == REPORTS["produk"].columns()
    assert rows[1][:5] == ["Keripik Pisang Coklat", "Tapis Jaya", "Lampung Utara", "Makanan › Keripik", "25000"]
    assert rows[1][8:10] == ["Ya", "Tidak"]


def test_the_turnover_report_counts_reservations_and_collected_value_per_vendor_per_month(dinas_client, data):
    response = download(dinas_client, "transaksi", "csv")

    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig")), delimiter=";"))
    month = f"{timezone.localdate():%Y-%m}"
    assert rows[1] == ["Tapis Jaya", "Lampung Utara", month, "1", "1", "0", "75000"]


def test_the_summary_report_gives_umkm_certification_and_turnover_per_region(dinas_client, data):
    response = download(dinas_client, "ringkasan", "csv")

    header, *rows = csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig")), delimiter=";")
    assert len(rows) == 15  # the 15 regions of Lampung
    utara = dict(zip(header, next(r for r in rows if r[0] == "18.03"), strict=True))
    assert utara == {
        "Kode": "18.03",
        "Kabupaten/kota": "Lampung Utara",
        "UMKM disetujui": "1",
        "UMKM (perorangan/CV)": "1",
        "Koperasi": "0",
        "Kelompok usaha": "0",
        "Karya warga binaan Lapas": "0",
        "Produk tayang": "1",
        "Produk pangan": "1",
        "Pangan berhalal": "1",
        "Pangan ber-P-IRT": "0",
        "UMKM ber-BNSP": "0",
        "Reservasi (Rp)": "75000",
        "Kasir (Rp)": "0",
        "Acara (Rp)": "0",
        "B2B (Rp)": "0",
        "Total omzet (Rp)": "75000",
        "Penjualan langsung lama tanpa nilai (barang)": "0",
    }


def test_the_sector_report_counts_vendors_per_region_and_top_category(dinas_client, data):
    response = download(dinas_client, "sektor", "csv")

    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == ["18.03", "Lampung Utara", "Makanan", "1", "1"]


def test_the_whole_workbook_has_one_sheet_per_report(dinas_client, data):
    response = download(dinas_client, "semua", "xlsx", dari="2020-01-01", sampai="2030-12-31")

    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert len(workbook.sheetnames) == len(REPORTS)


@pytest.mark.parametrize("query", [{"dari": "kemarin"}, {"dari": "2030-01-01", "sampai": "2020-01-01"}])
def test_a_bad_period_never_breaks_a_download(dinas_client, data, query):
    download(dinas_client, "transaksi", "xlsx", **query)


def test_the_reports_page_links_every_download(dinas_client):
    html = dinas_client.get(reverse("console:reports")).content.decode()

    for slug in REPORTS:
        assert reverse("console:report-xlsx", kwargs={"slug": slug}) in html
        assert reverse("console:report-csv", kwargs={"slug": slug}) in html


def test_every_sheet_has_a_whole_title_and_a_bold_frozen_header(dinas_client, data):
    response = download(dinas_client, "semua", "xlsx")

    workbook = load_workbook(io.BytesIO(response.content))
    assert [s.title for s in workbook.worksheets][-1] == "Daerah dan sektor"
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_sheet_title_fits_excels_31_characters_in_each_language(language):
    with translation.override(language):
        titles = [str(report.sheet or report.title) for report in REPORTS.values()]

    assert all(len(title) <= 31 for title in titles), titles
