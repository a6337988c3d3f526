"""A vendor's sales report: every channel (collected reservations, counter sales at the unit and at event
stalls, delivered B2B drops) by week and product, the channel totals (their sum is the total), the old
`sold_offline` units without value, a small SVG chart and .xlsx / CSV exports (sentra.spreadsheets)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Sum
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from buyers.models import Occurrence, OccurrenceLine
from sales.channels import B2B, CHANNEL_LABELS, CHANNELS, LEGACY_NOTE, channel_rows, legacy_units
from sentra.charts import bars, responsive_bar_chart
from sentra.money import format_rupiah
from sentra.spreadsheets import Sheet, csv_bytes, xlsx_bytes
from vendors.models import Vendor


@dataclass
class SalesReport:
    start: datetime.date
    end: datetime.date
    weeks: list[dict] = field(default_factory=list)  # week start, quantity, revenue
    products: list[dict] = field(default_factory=list)  # name, quantity, revenue
    rows: list[dict] = field(default_factory=list)  # week, name, quantity, revenue
    total_quantity: int = 0
    total_revenue: int = 0
    channels: list[dict] = field(default_factory=list)  # key, label, quantity, revenue (sum = total)
    legacy_units: int = 0  # old sold_offline movements: counter sales without value
    legacy_note: str = LEGACY_NOTE

    def chart(self) -> SafeString:
        """Revenue per week as an SVG bar chart with the same figures as the table."""
        data = bars([(w["week"].strftime("%d/%m/%Y"), w["revenue"]) for w in self.weeks], fmt=format_rupiah)
        return responsive_bar_chart(data, title=_("Pendapatan per minggu"), chart_id="sales-by-week")


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def sales_report(vendor: Vendor, *, weeks: int = 8, today: datetime.date | None = None) -> SalesReport:
    """Return the sales of `vendor` in every channel over the last `weeks` weeks (Monday-based, WIB)."""
    today = today or timezone.localdate()
    start = week_start(today) - datetime.timedelta(weeks=weeks - 1)
    lines = channel_rows(start=start, end=today, keys=["day", "name"], vendor=vendor) + _b2b(vendor, start, today)
    report = SalesReport(start=start, end=today)
    empty = dict.fromkeys(("quantity", "revenue", *CHANNELS), 0)
    by_week: dict[datetime.date, dict] = {start + datetime.timedelta(weeks=i): dict(empty) for i in range(weeks)}
    cells: dict[tuple[datetime.date, str], dict] = {}
    by_product: dict[str, dict] = {}
    by_channel = {c: {"quantity": 0, "revenue": 0} for c in CHANNELS}
    for line in lines:
        week = week_start(line["day"])
        for bucket in (
            by_week.setdefault(week, dict(empty)),
            cells.setdefault((week, line["name"]), {"quantity": 0, "revenue": 0}),
            by_product.setdefault(line["name"], {"quantity": 0, "revenue": 0}),
            by_channel[line["channel"]],
        ):
            bucket["quantity"] += line["units"]
            bucket["revenue"] += line["revenue"]
        by_week[week][line["channel"]] += line["revenue"]
    report.weeks = [{"week": w, **v} for w, v in sorted(by_week.items())]
    report.rows = [{"week": w, "name": n, **v} for (w, n), v in sorted(cells.items())]
    report.products = sorted(
        ({"name": n, **v} for n, v in by_product.items()), key=lambda p: (-p["revenue"], p["name"])
    )
    report.channels = [{"key": c, "label": CHANNEL_LABELS[c], **by_channel[c]} for c in CHANNELS]
    report.total_quantity = sum(c["quantity"] for c in report.channels)
    report.total_revenue = sum(c["revenue"] for c in report.channels)
    report.legacy_units = sum(row["units"] for row in legacy_units(start=start, end=today, vendor=vendor))
    return report


def _b2b(vendor: Vendor, start: datetime.date, end: datetime.date) -> list[dict]:
    """Delivered B2B drops of `vendor` by day and product, as channel rows."""
    rows = (
        OccurrenceLine.objects.filter(
            occurrence__status=Occurrence.Status.DELIVERED,
            occurrence__date__range=(start, end),
            occurrence__order__vendor=vendor,
        )
        .values(day=F("occurrence__date"), name=F("product_name"))
        .annotate(units=Sum("quantity"), revenue=Sum(F("quantity") * F("unit_price")))
        .order_by()
    )
    return [{"channel": B2B, **row} for row in rows]


def _columns() -> list[str]:
    return [_("Minggu mulai"), _("Produk"), _("Jumlah"), _("Pendapatan (Rp)")]


def _rows(report: SalesReport) -> list[list]:
    rows = [[r["week"], r["name"], r["quantity"], r["revenue"]] for r in report.rows]
    return [*rows, [None, _("Total"), report.total_quantity, report.total_revenue]]


def sales_report_csv(report: SalesReport) -> bytes:
    """Return the report as CSV (by week and product, then the total)."""
    return csv_bytes(_columns(), _rows(report))


def sales_report_xlsx(report: SalesReport, vendor: Vendor) -> bytes:
    """Return the report as an .xlsx workbook: by week and product, by product, and by channel."""
    by_product = [[p["name"], p["quantity"], p["revenue"]] for p in report.products]
    by_channel = [[str(c["label"]), c["quantity"], c["revenue"]] for c in report.channels]
    by_channel += [[_("Total"), report.total_quantity, report.total_revenue]]
    by_channel += [[_("Penjualan langsung lama (tanpa nilai)"), report.legacy_units, None], [str(report.legacy_note)]]
    sheets = [
        Sheet(_("Per minggu"), _columns(), _rows(report)),
        Sheet(_("Per produk"), [_("Produk"), _("Jumlah"), _("Pendapatan (Rp)")], by_product),
        Sheet(_("Per kanal"), [_("Kanal"), _("Jumlah"), _("Pendapatan (Rp)")], by_channel),
    ]
    return xlsx_bytes(sheets, title=f"{vendor.name} — {format_rupiah(report.total_revenue)}")
