"""A vendor's sales report: collected reservations by week and product, with a small SVG chart and
.xlsx / CSV exports (CSV: UTF-8 with BOM and `;`, as Indonesian Excel expects)."""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.db.models import F, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from orders.models import Reservation, ReservationLine
from sentra.charts import bar_chart, bars
from sentra.money import format_rupiah

from .models import Vendor


@dataclass
class SalesReport:
    start: datetime.date
    end: datetime.date
    weeks: list[dict] = field(default_factory=list)  # week start, quantity, revenue
    products: list[dict] = field(default_factory=list)  # name, quantity, revenue
    rows: list[dict] = field(default_factory=list)  # week, name, quantity, revenue
    total_quantity: int = 0
    total_revenue: int = 0

    def chart(self) -> SafeString:
        """Revenue per week as an SVG bar chart with the same figures as the table."""
        data = bars([(w["week"].strftime("%d/%m/%Y"), w["revenue"]) for w in self.weeks], fmt=format_rupiah)
        return bar_chart(data, title=_("Pendapatan per minggu"), chart_id="sales-by-week")


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def sales_report(vendor: Vendor, *, weeks: int = 8, today: datetime.date | None = None) -> SalesReport:
    """Return collected sales of `vendor` over the last `weeks` weeks (Monday-based, WIB)."""
    today = today or timezone.localdate()
    start = week_start(today) - datetime.timedelta(weeks=weeks - 1)
    tz = timezone.get_current_timezone()
    since = timezone.make_aware(datetime.datetime.combine(start, datetime.time()))
    lines = (
        ReservationLine.objects.filter(
            reservation__vendor=vendor,
            reservation__status=Reservation.Status.COLLECTED,
            reservation__collected_at__gte=since,
        )
        .annotate(day=TruncDate("reservation__collected_at", tzinfo=tz))
        .values("day", "product_name")
        .annotate(units=Sum("quantity"), revenue=Sum(F("quantity") * F("unit_price")))
        .order_by("day", "product_name")
    )
    report = SalesReport(start=start, end=today)
    by_week: dict[datetime.date, dict] = {
        start + datetime.timedelta(weeks=i): {"quantity": 0, "revenue": 0} for i in range(weeks)
    }
    cells: dict[tuple[datetime.date, str], dict] = {}
    by_product: dict[str, dict] = {}
    for line in lines:
        week = week_start(line["day"])
        for bucket in (
            by_week.setdefault(week, {"quantity": 0, "revenue": 0}),
            cells.setdefault((week, line["product_name"]), {"quantity": 0, "revenue": 0}),
            by_product.setdefault(line["product_name"], {"quantity": 0, "revenue": 0}),
        ):
            bucket["quantity"] += line["units"]
            bucket["revenue"] += line["revenue"]
    report.weeks = [{"week": w, **v} for w, v in sorted(by_week.items())]
    report.rows = [{"week": w, "name": n, **v} for (w, n), v in sorted(cells.items())]
    report.products = sorted(
        ({"name": n, **v} for n, v in by_product.items()), key=lambda p: (-p["revenue"], p["name"])
    )
    report.total_quantity = sum(p["quantity"] for p in report.products)
    report.total_revenue = sum(p["revenue"] for p in report.products)
    return report


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    """Keep a product name text in a spreadsheet: one starting like a formula (`=HYPERLINK(…)`) gets a quote."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def _table(report: SalesReport) -> list[list]:
    header = [_("Minggu mulai"), _("Produk"), _("Jumlah"), _("Pendapatan (Rp)")]
    return [header] + [[r["week"], _text(r["name"]), r["quantity"], r["revenue"]] for r in report.rows]


def sales_report_csv(report: SalesReport) -> bytes:
    """Return the report as CSV for spreadsheet programs set to Indonesian: BOM, `;` separated."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in _table(report):
        writer.writerow([cell.isoformat() if isinstance(cell, datetime.date) else cell for cell in row])
    writer.writerow(["", _("Total"), report.total_quantity, report.total_revenue])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def sales_report_xlsx(report: SalesReport, vendor: Vendor) -> bytes:
    """Return the report as an .xlsx workbook (one sheet per view: by week and product, by product)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Per minggu")
    for row in _table(report):
        sheet.append(row)
    sheet.append([None, _("Total"), report.total_quantity, report.total_revenue])
    products = workbook.create_sheet(_("Per produk"))
    products.append([_("Produk"), _("Jumlah"), _("Pendapatan (Rp)")])
    for product in report.products:
        products.append([_text(product["name"]), product["quantity"], product["revenue"]])
    for ws in (sheet, products):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.column_dimensions["A"].width = 16
        ws.column_dimensions["B"].width = 40
    sheet.column_dimensions["D"].width = 18
    for cell in sheet["A"][1:]:
        cell.number_format = "DD/MM/YYYY"
    workbook.properties.title = f"{vendor.name} — {format_rupiah(report.total_revenue)}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
