"""Reads other apps and the surfaces need: B2B turnover (for the sales reports' channel split), statements,
the wholesale prices a buyer may see, and the counts of the Dinas reports."""

import datetime

from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from vendors.selectors import at_centres

from .models import Invoice, Occurrence, OccurrenceLine, Organisation, PriceTier


def b2b_turnover(
    *, start: datetime.date, end: datetime.date, vendor=None, group_by: str = "month", centres=None
) -> list[dict]:
    """Delivered B2B rupiah between `start` and `end` (inclusive), grouped by month, buyer, vendor or region.

    Each row has `key` (the group's label or date), `amount`, `drops`. The sales reports join this as the
    B2B channel.
    """
    fields = {
        "month": TruncMonth("occurrence__date"),
        "buyer": F("occurrence__order__organisation__name"),
        "vendor": F("occurrence__order__vendor__name"),
        "region": F("occurrence__order__organisation__regency__name"),
        # for the channel split of the sales reports (issue 19): by day, product, vendor pk, vendor's region code
        "day": F("occurrence__date"),
        "vendor_id": F("occurrence__order__vendor_id"),
        "vendor_region": F("occurrence__order__vendor__regency_id"),
        "vendor_centre": F("occurrence__order__vendor__centre_id"),  # the province view (issue 17)
    }
    lines = OccurrenceLine.objects.filter(
        occurrence__status=Occurrence.Status.DELIVERED, occurrence__date__range=(start, end)
    )
    if vendor is not None:
        lines = lines.filter(occurrence__order__vendor=vendor)
    if centres is not None:  # pks of the vendors' centres; None: every centre
        lines = lines.filter(at_centres("occurrence__order__vendor__centre", centres))
    rows = (
        lines.annotate(key=fields[group_by])
        .values("key")
        .annotate(amount=Sum(F("quantity") * F("unit_price")), drops=Count("occurrence", distinct=True))
        .order_by("key")
    )
    return list(rows)


def vendors_with_institutional_buyers(centres=None) -> int:
    """How many UMKM (of `centres`; None: every centre) have at least one verified institutional buyer with an order."""
    rows = Organisation.objects.verified().filter(orders__isnull=False)
    if centres is not None:
        rows = rows.filter(at_centres("orders__vendor__centre", centres))
    return rows.values("orders__vendor").distinct().count()


def wholesale_prices(organisation, products) -> dict[int, list[PriceTier]]:
    """The wholesale tiers of `products` by product pk: only a verified organisation sees them."""
    if organisation is None or not organisation.is_verified:
        return {}
    tiers: dict[int, list[PriceTier]] = {}
    for tier in PriceTier.objects.filter(product__in=products).order_by("min_quantity"):
        tiers.setdefault(tier.product_id, []).append(tier)
    return tiers


def month_range(month: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = month.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following - datetime.timedelta(days=1)


def statement(*, month: datetime.date, organisation=None, vendor=None) -> dict:
    """A monthly statement: the month's faktur of one buyer or one vendor, with totals paid and unpaid."""
    first, last = month_range(month)
    invoices = Invoice.objects.with_parties().filter(issued_on__range=(first, last)).order_by("issued_on", "number")
    if organisation is not None:
        invoices = invoices.filter(organisation=organisation)
    if vendor is not None:
        invoices = invoices.filter(vendor=vendor)
    rows = list(invoices)
    return {
        "first": first,
        "last": last,
        "invoices": rows,
        "total": sum(invoice.amount for invoice in rows),
        "unpaid": sum(invoice.amount for invoice in rows if not invoice.is_paid),
    }


def tomorrow_drops(vendor) -> int:
    """How many drops the vendor has tomorrow (waiting or confirmed), for its dashboard."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    active = [Occurrence.Status.PENDING, Occurrence.Status.PROPOSED, Occurrence.Status.CONFIRMED]
    return Occurrence.objects.of_vendor(vendor).on(tomorrow).filter(status__in=active).count()
