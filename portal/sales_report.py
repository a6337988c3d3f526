"""A vendor's sales report: collected reservations by week and product, with a small SVG chart and
.xlsx / CSV exports (sentra.spreadsheets)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from orders.models import Reservation, ReservationLine
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

    def chart(self) -> SafeString:
        """Revenue per week as an SVG bar chart with the same figures as the table."""
        data = bars([(w["week"].strftime("%d/%m/%Y"), w["revenue"]) for w in self.weeks], fmt=format_rupiah)
        return responsive_bar_chart(data, title=_("Pendapatan per minggu"), chart_id="sales-by-week")


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


def _columns() -> list[str]:
    return [_("Minggu mulai"), _("Produk"), _("Jumlah"), _("Pendapatan (Rp)")]


def _rows(report: SalesReport) -> list[list]:
    rows = [[r["week"], r["name"], r["quantity"], r["revenue"]] for r in report.rows]
    return [*rows, [None, _("Total"), report.total_quantity, report.total_revenue]]


def sales_report_csv(report: SalesReport) -> bytes:
    """Return the report as CSV (by week and product, then the total)."""
    return csv_bytes(_columns(), _rows(report))


def sales_report_xlsx(report: SalesReport, vendor: Vendor) -> bytes:
    """Return the report as an .xlsx workbook: one sheet by week and product, one by product."""
    by_product = [[p["name"], p["quantity"], p["revenue"]] for p in report.products]
    sheets = [
        Sheet(_("Per minggu"), _columns(), _rows(report)),
        Sheet(_("Per produk"), [_("Produk"), _("Jumlah"), _("Pendapatan (Rp)")], by_product),
    ]
    return xlsx_bytes(sheets, title=f"{vendor.name} — {format_rupiah(report.total_revenue)}")
