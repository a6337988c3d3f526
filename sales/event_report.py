"""The figures of one event: turnover by day, vendor, region and category, transactions, products sold out,
and the headline ("Rp… dalam 3 hari oleh N UMKM"). Counted sales only (voided ones are left out)."""

from dataclasses import dataclass, field

from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sentra.charts import bar_chart, bars
from sentra.money import format_rupiah

from .models import CounterSale, CounterSaleLine, Event, EventStock


@dataclass
class EventReport:
    event: Event
    total: int = 0
    transactions: int = 0
    vendors: int = 0
    by_day: list[dict] = field(default_factory=list)  # day, total, count
    by_vendor: list[dict] = field(default_factory=list)  # name, region, stall, total, count
    by_region: list[dict] = field(default_factory=list)  # name, total, count
    by_category: list[dict] = field(default_factory=list)  # name, total, quantity
    sold_out: list[dict] = field(default_factory=list)  # vendor, product, sold

    def charts(self) -> dict[str, SafeString]:
        """Turnover per day and per region as SVG bar charts with the same figures as the tables."""
        days = bars([(f"{r['day']:%d/%m/%Y}", r["total"]) for r in self.by_day], fmt=format_rupiah)
        regions = bars([(r["name"], r["total"]) for r in self.by_region], fmt=format_rupiah)
        return {
            "days": bar_chart(days, title=_("Omzet per hari"), chart_id="event-by-day"),
            "regions": bar_chart(regions, title=_("Omzet per kabupaten/kota"), chart_id="event-by-region"),
        }

    @property
    def headline(self) -> str:
        days = self.event.n_days
        return ngettext(
            "%(total)s dalam %(days)d hari oleh %(n)d UMKM",
            "%(total)s dalam %(days)d hari oleh %(n)d UMKM",
            days,
        ) % {"total": format_rupiah(self.total), "days": days, "n": self.vendors}


def event_report(event: Event) -> EventReport:
    """Return the report of `event` (any status; figures grow while it runs)."""
    sales = CounterSale.objects.filter(event=event).counted()
    report = EventReport(event=event)
    totals = sales.aggregate(total=Sum("total", default=0), n=Count("pk"), vendors=Count("vendor", distinct=True))
    report.total, report.transactions, report.vendors = totals["total"], totals["n"], totals["vendors"]
    tz = timezone.get_current_timezone()
    rows = sales.annotate(day=TruncDate("sold_at", tzinfo=tz)).values("day")
    days = {row["day"]: row for row in rows.annotate(total=Sum("total"), count=Count("pk")).order_by("day")}
    report.by_day = [
        {"day": day, "total": days.get(day, {}).get("total") or 0, "count": days.get(day, {}).get("count") or 0}
        for day in sorted(set(event.days) | set(days))
    ]
    report.by_vendor = list(
        sales.values(name=F("vendor__name"), region=F("vendor__regency__name"), stall_code=F("stall__code"))
        .annotate(total=Sum("total"), count=Count("pk"))
        .order_by("-total", "name")
    )
    report.by_region = list(
        sales.values(name=F("vendor__regency__name"))
        .annotate(total=Sum("total"), count=Count("pk"), vendors=Count("vendor", distinct=True))
        .order_by("-total", "name")
    )
    lines = CounterSaleLine.objects.filter(sale__in=sales)
    report.by_category = list(
        lines.values(name=Coalesce("product__category__parent__name", "product__category__name"))
        .annotate(total=Sum(F("quantity") * F("unit_price")), quantity=Sum("quantity"))
        .order_by("-total", "name")
    )
    report.sold_out = list(
        EventStock.objects.filter(application__event=event, sold__gt=0, on_stall=0, returned=0)
        .values(vendor=F("application__vendor__name"), product_name=F("product__name"), units=F("sold"))
        .order_by("vendor", "product_name")
    )
    return report
