"""Reads of the Dinas console that cross apps: work waiting and the dashboard figures."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import Coalesce, TruncWeek
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from catalog.models import Certificate, Product
from console.channels import turnover_by
from orders.models import Reservation
from programs.models import AidRecord, ParticipantEvent
from sales.channels import CHANNEL_LABELS, CHANNELS
from sentra.charts import Bar, bars, responsive_bar_chart
from sentra.money import format_rupiah
from vendors.models import Regency, ShopUnit, UnitAssignment, Vendor
from vendors.selectors import FloorUnit, at_centres

EXPIRY_WINDOW_DAYS = 60
Centres = frozenset[int] | None  # the centres a figure counts; None: every centre (the province)


def within(rows, centres: Centres, path: str = "vendor__centre"):
    """`rows` of the centres `centres` (every row when None); `path` leads from a row to its centre."""
    return rows if centres is None else rows.filter(at_centres(path, centres))


@dataclass
class Figure:
    """One dashboard figure: drawn as a chart and written out as a table with the same bars."""

    key: str
    title: str
    label_header: str
    value_header: str
    data: list[Bar] = field(default_factory=list)
    note: str = ""

    @property
    def svg(self) -> SafeString:
        return responsive_bar_chart(self.data, title=self.title, chart_id=f"chart-{self.key}")


def work_waiting(today: datetime.date | None = None, centres: Centres = None) -> dict[str, int]:
    """Count what waits for Dinas at `centres`: applications, certificates to check or expiring, units with room."""
    today = today or timezone.localdate()
    return {
        "applications": within(Vendor.objects.filter(status=Vendor.Status.SUBMITTED), centres, "centre").count(),
        "certificates": within(Certificate.objects.pending(), centres).count(),
        "expiring": within(Certificate.objects.expiring(EXPIRY_WINDOW_DAYS, on=today), centres).count(),
        "free_units": units_with_room(today, centres),
    }


def with_places_taken(units, today: datetime.date | None = None):
    """Annotate `taken`: how many vendors occupy each unit on `today`; ordered by code."""
    today = today or timezone.localdate()
    current = Q(assignments__start_on__lte=today) & (
        Q(assignments__end_on__isnull=True) | Q(assignments__end_on__gte=today)
    )
    return units.annotate(taken=Count("assignments", filter=current)).order_by("code")


def free_grid_cell(centre) -> dict[str, int]:
    """The first empty cell of the centre's floor plan, row by row, for a new unit (a new row when all are full)."""
    taken = set(ShopUnit.objects.filter(centre=centre).values_list("grid_row", "grid_col"))
    rows = max((row for row, _ in taken), default=0)
    cols = max((col for _, col in taken), default=1)
    cells = ((row, col) for row in range(1, rows + 2) for col in range(1, cols + 1))
    row, col = next(cell for cell in cells if cell not in taken)
    return {"grid_row": row, "grid_col": col}


def units_with_room(today: datetime.date, centres: Centres = None) -> int:
    units = with_places_taken(within(ShopUnit.objects.all(), centres, "centre"), today)
    return sum(1 for capacity, taken in units.values_list("capacity", "taken") if taken < capacity)


def approved_by_region(centres: Centres = None) -> list[Bar]:
    counts = dict(
        within(Vendor.objects.approved(), centres, "centre").values_list("regency").annotate(n=Count("pk")).order_by()
    )
    return bars([(r.display_name, counts.get(r.code, 0)) for r in Regency.objects.order_by("code")])


def approved_by_kind(centres: Centres = None) -> list[Bar]:
    approved = within(Vendor.objects.approved(), centres, "centre")
    counts = dict(approved.values_list("kind").annotate(n=Count("pk")).order_by())
    return bars([(label, counts.get(value, 0)) for value, label in Vendor.Kind.choices])


def products_by_category(centres: Centres = None) -> list[Bar]:
    rows = (
        within(Product.objects.published(), centres)
        .values_list(Coalesce("category__parent__name", "category__name"))
        .annotate(n=Count("pk"))
        .order_by("-n", "category__parent__name")
    )
    return bars(list(rows))


def valid_certificate_of(kind: str) -> Exists:
    """Exists() for a verified, unexpired certificate of `kind` covering the outer product."""
    return Exists(Certificate.objects.valid().filter(kind=kind, products=OuterRef("pk")))


def food_certification(centres: Centres = None) -> tuple[list[Bar], int]:
    """Share (%) of published food products with a valid halal and a valid P-IRT certificate."""
    food = within(Product.objects.published().filter(category__is_food=True), centres)
    totals = food.aggregate(
        total=Count("pk"),
        halal=Count("pk", filter=Q(valid_certificate_of(Certificate.Kind.HALAL))),
        pirt=Count("pk", filter=Q(valid_certificate_of(Certificate.Kind.PIRT))),
    )
    total = totals["total"]
    rows = [(_("Halal terverifikasi"), totals["halal"]), (_("P-IRT terverifikasi"), totals["pirt"])]
    return [_share_bar(label, n, total) for label, n in rows], total


def _share_bar(label: str, n: int, total: int) -> Bar:
    share = round(100 * n / total, 1) if total else 0.0
    shown = number_format(share, decimal_pos=1)
    return Bar(
        label=label,
        value=share,
        display=_("%(share)s%% (%(n)s dari %(total)s)") % {"share": shown, "n": n, "total": total},
    )


def week_starts(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """Mondays of every week that touches [start, end]."""
    monday = start - datetime.timedelta(days=start.weekday())
    return [monday + datetime.timedelta(weeks=i) for i in range((end - monday).days // 7 + 1)]


def _local_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def weekly_reservations(
    start: datetime.date, end: datetime.date, centres: Centres = None
) -> tuple[list[Bar], list[Bar]]:
    """Reservations placed and value collected (Rp) per week between `start` and `end`."""
    since = timezone.make_aware(
        datetime.datetime.combine(start - datetime.timedelta(days=start.weekday()), datetime.time())
    )
    until = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time()))
    reservations = within(Reservation.objects.all(), centres, "pickup_centre")
    placed = (
        reservations.filter(placed_at__gte=since, placed_at__lt=until)
        .annotate(week=TruncWeek("placed_at"))
        .values_list("week")
        .annotate(n=Count("pk"))
        .order_by()
    )
    collected = (
        reservations.filter(status=Reservation.Status.COLLECTED, collected_at__gte=since, collected_at__lt=until)
        .annotate(week=TruncWeek("collected_at"))
        .values_list("week")
        .annotate(value=Sum("total"))
        .order_by()
    )
    placed_by_week = {_local_date(week): n for week, n in placed}
    value_by_week = {_local_date(week): value or 0 for week, value in collected}
    weeks = week_starts(start, end)
    labels = [date_format(week, "j M") for week in weeks]
    return (
        bars([(label, placed_by_week.get(week, 0)) for label, week in zip(labels, weeks, strict=True)]),
        bars(
            [(label, value_by_week.get(week, 0)) for label, week in zip(labels, weeks, strict=True)], fmt=format_rupiah
        ),
    )


def dashboard_figures(start: datetime.date, end: datetime.date, centres: Centres = None) -> list[Figure]:
    """Every dashboard figure of `centres`, each with its bars (the chart and the table show the same ones)."""
    food, food_total = food_certification(centres)
    placed, collected = weekly_reservations(start, end, centres)
    region, count = _("Kabupaten/kota"), _("Jumlah UMKM")
    return [
        Figure("region", _("UMKM disetujui per kabupaten/kota"), region, count, approved_by_region(centres)),
        Figure("kind", _("UMKM disetujui per jenis usaha"), _("Jenis usaha"), count, approved_by_kind(centres)),
        Figure(
            "category",
            _("Produk tayang per kategori"),
            _("Kategori"),
            _("Jumlah produk"),
            products_by_category(centres),
        ),
        Figure(
            "food",
            _("Produk pangan dengan sertifikat terverifikasi"),
            _("Sertifikat"),
            _("Persentase"),
            food,
            note=_("Dari %(n)s produk pangan yang tayang.") % {"n": food_total},
        ),
        Figure("placed", _("Reservasi masuk per minggu"), _("Minggu mulai"), _("Reservasi"), placed),
        Figure("collected", _("Nilai transaksi diambil per minggu"), _("Minggu mulai"), _("Nilai (Rp)"), collected),
        Figure(
            "channels",
            _("Omzet per kanal"),
            _("Kanal"),
            _("Nilai (Rp)"),
            channel_bars(start, end, centres),
            note=_("Reservasi, kasir, acara, dan B2B; total = jumlah kanal. Penjualan langsung lama tanpa nilai."),
        ),
    ]


def channel_bars(start: datetime.date, end: datetime.date, centres: Centres = None) -> list[Bar]:
    """Turnover of the period at `centres` per channel and in total, as bars."""
    figures = turnover_by(start, end, centres=centres).get(None) or dict.fromkeys((*CHANNELS, "total"), 0)
    rows = [(str(CHANNEL_LABELS[c]), figures[c]) for c in CHANNELS] + [(_("Total"), figures["total"])]
    return bars(rows, fmt=format_rupiah)


def vendor_queue():
    """Vendors for the console list: applications oldest first, with region, centre and a count of pending
    certificates (the view narrows it to the staff member's centres)."""
    return (
        Vendor.objects.select_related("regency", "centre")
        .annotate(
            pending_certificates=Count("certificates", filter=Q(certificates__status=Certificate.Status.SUBMITTED))
        )
        .order_by(F("submitted_at").asc(nulls_last=True), "created_at", "pk")
    )


STATUS_FIELDS = {"status", "status_note", "status_changed_at", "submitted_at", "centre"}  # centre: see moves


def vendor_timeline(vendor: Vendor, limit: int = 40) -> list[dict]:
    """Status decisions and data changes of a vendor, newest first, each with who, when and why."""
    entries = [
        {
            "when": e.created_at,
            "who": e.actor,
            "what": _("Status: %(from)s → %(to)s")
            % {"from": e.get_from_status_display(), "to": e.get_to_status_display()},
            "reason": e.reason,
            "kind": "status",
        }
        for e in vendor.events.select_related("actor")[:limit]
    ]
    entries += [
        {
            "when": m.created_at,
            "who": m.actor,
            "what": _("Sentra: %(from)s → %(to)s") % {"from": m.from_centre.name, "to": m.to_centre.name},
            "reason": m.reason,
            "kind": "centre",
        }
        for m in vendor.moves.select_related("actor", "from_centre", "to_centre")[:limit]
    ]
    entries += pembinaan_timeline(vendor, limit)
    records = list(vendor.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    for record, previous in zip(records, [*records[1:], None], strict=False):
        if previous is None:
            if record.history_type == "+":
                entries.append(
                    {
                        "when": record.history_date,
                        "who": record.history_user,
                        "what": _("Data UMKM dibuat"),
                        "reason": "",
                        "kind": "data",
                    }
                )
            continue
        changed = set(record.diff_against(previous).changed_fields) - STATUS_FIELDS
        if changed:
            names = ", ".join(str(Vendor._meta.get_field(f).verbose_name) for f in sorted(changed))
            entries.append(
                {
                    "when": record.history_date,
                    "who": record.history_user,
                    "what": _("Data diubah: %(fields)s") % {"fields": names},
                    "reason": "",
                    "kind": "data",
                }
            )
    return sorted(entries, key=lambda e: e["when"], reverse=True)[:limit]


def pembinaan_timeline(vendor: Vendor, limit: int) -> list[dict]:
    """Aid handed over to the vendor and the steps of its places in programmes, for the vendor's timeline."""
    aid = AidRecord.objects.of_vendor(vendor).select_related("granted_by").order_by("-created_at")[:limit]
    steps = ParticipantEvent.objects.filter(participant__vendor=vendor)
    steps = steps.select_related("actor", "participant__programme")
    entries = [
        {
            "when": a.created_at,
            "who": a.granted_by,
            "what": _("Bantuan diserahkan: %(item)s (%(value)s)") % {"item": a.item, "value": format_rupiah(a.value)},
            "reason": a.note,
            "kind": "aid",
        }
        for a in aid
    ]
    return entries + [
        {
            "when": e.created_at,
            "who": e.actor,
            "what": _("Program %(name)s: %(step)s")
            % {"name": e.participant.programme.name, "step": e.get_outcome_display() or e.get_to_status_display()},
            "reason": e.reason,
            "kind": "programme",
        }
        for e in steps.order_by("-created_at")[:limit]
    ]


def vendor_dossier(vendor: Vendor) -> dict:
    """Everything the console shows about one vendor."""
    products = vendor.products.select_related("category__parent").order_by("-created_at")
    return {
        "vendor": vendor,
        "members": vendor.memberships.filter(is_active=True).select_related("user"),
        "certificates": vendor.certificates.select_related("reviewed_by").annotate(n_products=Count("products")),
        "products": products[:30],
        "product_count": products.count(),
        "assignments": with_tenancy_details(vendor.unit_assignments.select_related("unit", "assigned_by")),
        "open_reservations": Reservation.objects.for_vendor(vendor).open().count(),
        "timeline": vendor_timeline(vendor),
    }


def with_tenancy_details(assignments) -> list:
    """Mark each assignment `is_current` and attach `ended_by`: who set its end date (one query for all)."""
    today = timezone.localdate()
    assignments = list(assignments)
    ended = [a.pk for a in assignments if a.end_on]
    records = UnitAssignment.history.filter(id__in=ended, end_on__isnull=False).select_related("history_user")
    enders: dict = {}
    for record in records.order_by("history_date", "history_id"):
        enders.setdefault(record.id, record.history_user)
    for a in assignments:
        a.is_current = a.start_on <= today and (a.end_on is None or a.end_on >= today)
        a.ended_by = enders.get(a.pk)
    return assignments


def floor_grids(units: list[FloorUnit]) -> list[dict]:
    """Lay units (`vendors.selectors.floor_plan_units`) out per centre as rows × columns of the floor plan grid
    (None for an empty cell)."""
    by_centre: dict[tuple[int, str], list[FloorUnit]] = {}
    for unit in units:
        by_centre.setdefault((unit.centre_id, unit.centre_name), []).append(unit)
    grids = []
    for (centre_pk, centre_name), members in by_centre.items():
        cells = {(u.grid_row, u.grid_col): u for u in members}
        rows = max(u.grid_row for u in members)
        cols = max(u.grid_col for u in members)
        grid = [[cells.get((r, c)) for c in range(1, cols + 1)] for r in range(1, rows + 1)]
        grids.append({"centre_pk": centre_pk, "centre_name": centre_name, "rows": grid, "units": members})
    return grids


def certificate_timeline(certificate: Certificate, limit: int = 20) -> list:
    """History records of a certificate where its review status or note changed, newest first."""
    records = list(certificate.history.select_related("history_user").order_by("history_date", "history_id"))
    changes, last = [], None
    for record in records:
        if (record.status, record.review_note) != last:
            changes.append(record)
            last = (record.status, record.review_note)
    return changes[::-1][:limit]
