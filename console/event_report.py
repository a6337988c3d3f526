"""The event report's workbook (figures and charts from sales.event_report)."""

from django.utils.translation import gettext as _

from sales.event_report import EventReport
from sales.models import Event
from sentra.spreadsheets import Sheet, xlsx_bytes


def event_report_xlsx(event: Event, report: EventReport) -> bytes:
    """The report as a workbook: one sheet per breakdown, each ending with its total."""
    money, count = _("Omzet (Rp)"), _("Transaksi")
    sheets = [
        Sheet(
            _("Per hari"),
            [_("Tanggal"), count, money],
            [
                *([r["day"], r["count"], r["total"]] for r in report.by_day),
                [_("Total"), report.transactions, report.total],
            ],
        ),
        Sheet(
            _("Per UMKM"),
            [_("UMKM"), _("Kabupaten/kota"), _("Lapak"), count, money],
            [
                *([r["name"], r["region"], r["stall_code"] or "", r["count"], r["total"]] for r in report.by_vendor),
                [_("Total"), "", "", report.transactions, report.total],
            ],
        ),
        Sheet(
            _("Per daerah"),
            [_("Kabupaten/kota"), _("UMKM"), count, money],
            [[r["name"], r["vendors"], r["count"], r["total"]] for r in report.by_region],
        ),
        Sheet(
            _("Per kategori"),
            [_("Kategori"), _("Jumlah"), money],
            [[r["name"], r["quantity"], r["total"]] for r in report.by_category],
        ),
        Sheet(
            _("Habis terjual"),
            [_("UMKM"), _("Produk"), _("Terjual")],
            [[r["vendor"], r["product_name"], r["units"]] for r in report.sold_out],
        ),
    ]
    return xlsx_bytes(sheets, title=f"{event.name} — {report.headline}")
