"""Turnover by sales channel below the surfaces: collected reservations (`reservasi`), counter sales at the unit
(`counter`), counter sales at an event stall (`event`), and the old `sold_offline` stock movements, which have
units but no rupiah (shown as counter sales without value). B2B lives in the buyers app, beside this one; the
surfaces add it (`buyers.selectors.b2b_turnover`), since an app may not import its neighbour."""

import datetime
from collections.abc import Iterable

from django.db.models import Case, CharField, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from orders.models import Reservation, ReservationLine, StockMovement
from vendors.selectors import at_centres

from .models import CounterSale, CounterSaleLine

RESERVATION, COUNTER, EVENT, B2B = "reservasi", "counter", "event", "b2b"
CHANNELS = (RESERVATION, COUNTER, EVENT, B2B)
CHANNEL_LABELS = {
    RESERVATION: _("Reservasi"),
    COUNTER: _("Kasir (unit)"),
    EVENT: _("Acara"),
    B2B: _("Mitra institusi (B2B)"),
}
LEGACY_NOTE = _(
    "Penjualan langsung lama (“terjual langsung di toko”) tercatat sebagai jumlah barang tanpa harga: "
    "dihitung sebagai penjualan kasir tanpa nilai rupiah."
)


def _paths(prefix: str, moment: str, tz) -> dict:
    return {
        "day": TruncDate(moment, tzinfo=tz),
        "name": F("product_name"),
        "vendor_pk": F(f"{prefix}vendor_id"),
        "region_code": F(f"{prefix}vendor__regency_id"),
        "centre_pk": F(f"{prefix}vendor__centre_id"),
        "category": Coalesce("product__category__parent__name", "product__category__name"),
    }


def bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """Start of `start` and end of `end` (inclusive) as aware WIB datetimes."""
    since = timezone.make_aware(datetime.datetime.combine(start, datetime.time()))
    until = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time()))
    return since, until


def channel_rows(
    *, start: datetime.date, end: datetime.date, keys: Iterable[str] = (), vendor=None, centres=None
) -> list[dict]:
    """Rupiah and units per channel (reservasi, counter, event) grouped by `keys` (day, name, vendor_pk, region_code,
    centre_pk, category) between `start` and `end` inclusive; each row: channel, the keys, units, revenue.

    `centres` (pks; None: all) narrows to reservations picked up there and sales of vendors of those centres."""
    keys, tz = list(keys), timezone.get_current_timezone()
    since, until = bounds(start, end)
    reservations = ReservationLine.objects.filter(
        reservation__status=Reservation.Status.COLLECTED,
        reservation__collected_at__gte=since,
        reservation__collected_at__lt=until,
    )
    sales = CounterSaleLine.objects.filter(
        sale__status=CounterSale.Status.SOLD, sale__sold_at__gte=since, sale__sold_at__lt=until
    )
    if vendor is not None:
        reservations, sales = reservations.filter(reservation__vendor=vendor), sales.filter(sale__vendor=vendor)
    if centres is not None:
        reservations = reservations.filter(at_centres("reservation__pickup_centre", centres))
        sales = sales.filter(at_centres("sale__vendor__centre", centres))
    at_event = Case(
        When(sale__event__isnull=False, then=Value(EVENT)), default=Value(COUNTER), output_field=CharField()
    )
    sale_paths = _paths("sale__", "sale__sold_at", tz) | {"channel": at_event}  # counter and event in one query
    rows = _grouped(sales, sale_paths, keys, units=Sum("quantity"), revenue=Sum(F("quantity") * F("unit_price")))
    reserved = Value(RESERVATION, output_field=CharField())
    # Whole reservations: their stored total, as reports show.
    if set(keys) <= {"day", "vendor_pk", "region_code", "centre_pk"}:
        collected = Reservation.objects.filter(
            status=Reservation.Status.COLLECTED, collected_at__gte=since, collected_at__lt=until
        )
        if vendor is not None:
            collected = collected.filter(vendor=vendor)
        if centres is not None:
            collected = collected.filter(at_centres("pickup_centre", centres))
        paths = _paths("", "collected_at", tz) | {"channel": reserved, "centre_pk": F("pickup_centre_id")}
        return rows + _grouped(collected, paths, keys, units=Value(0), revenue=Sum("total"))
    paths = _paths("reservation__", "reservation__collected_at", tz) | {
        "channel": reserved,
        "centre_pk": F("reservation__pickup_centre_id"),
    }
    revenue = Sum(F("quantity") * F("unit_price"))
    return rows + _grouped(reservations, paths, keys, units=Sum("quantity"), revenue=revenue)


def _grouped(rows, paths: dict, keys: list[str], **figures) -> list[dict]:
    grouped = rows.annotate(**{k: paths[k] for k in (*keys, "channel")}).values(*keys, "channel")
    return list(grouped.annotate(**figures).order_by())


def legacy_units(
    *, start: datetime.date, end: datetime.date, keys: Iterable[str] = (), vendor=None, centres=None
) -> list[dict]:
    """Units of the old `sold_offline` movements (no price known) grouped by `keys` (day, name, vendor_pk,
    region_code, category)."""
    keys, tz = list(keys), timezone.get_current_timezone()
    since, until = bounds(start, end)
    moves = StockMovement.objects.filter(
        Q(reason=StockMovement.Reason.SOLD_OFFLINE), created_at__gte=since, created_at__lt=until
    )
    if vendor is not None:
        moves = moves.filter(product__vendor=vendor)
    if centres is not None:
        moves = moves.filter(at_centres("product__vendor__centre", centres))
    paths = {
        "day": TruncDate("created_at", tzinfo=tz),
        "name": F("product__name"),
        "vendor_pk": F("product__vendor_id"),
        "region_code": F("product__vendor__regency_id"),
        "centre_pk": F("product__vendor__centre_id"),
        "category": Coalesce("product__category__parent__name", "product__category__name"),
    }
    grouped = moves.annotate(**{k: paths[k] for k in keys}).values(*keys)
    return [dict(row, units=-row["units"]) for row in grouped.annotate(units=Sum("on_hand_delta")).order_by()]
