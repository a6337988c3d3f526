"""Dinas reports: each one a header and rows for a period, written out by sentra.spreadsheets."""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.models import Certificate, Product
from console.channels import turnover_by
from console.selectors import Centres, valid_certificate_of, within
from orders.models import Reservation
from sales.channels import CHANNELS
from sentra.spreadsheets import Sheet, csv_lines, xlsx_bytes
from vendors.models import Regency, UnitAssignment, Vendor

CHUNK = 2000
Period = tuple[datetime.date, datetime.date]


@dataclass(frozen=True)
class Report:
    slug: str
    title: str
    description: str
    columns: Callable[[], list[str]]
    rows: Callable[[Period, Centres], Iterable[list]]  # a period and the centres (None: every centre)
    sheet: str = ""  # a worksheet title when `title` is longer than Excel's 31 characters


def _yes(flag: bool) -> str:
    return _("Ya") if flag else _("Tidak")


def _bounds(period: Period) -> tuple[datetime.datetime, datetime.datetime]:
    start, end = period
    since = timezone.make_aware(datetime.datetime.combine(start, datetime.time()))
    until = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time()))
    return since, until


def vendor_columns() -> list[str]:
    return [
        _("Nama usaha"),
        _("Jenis"),
        _("Kode daerah"),
        _("Kabupaten/kota"),
        _("NIB"),
        _("Status"),
        _("Unit ruko"),
        _("Sertifikat berlaku"),
        _("WhatsApp"),
        _("Diajukan pada"),
        _("Status diubah"),
        _("Sentra"),
    ]


def vendor_rows(period: Period, centres: Centres = None) -> Iterator[list]:
    today = timezone.localdate()
    vendors = (
        within(Vendor.objects.select_related("regency", "centre"), centres, "centre")
        .order_by("regency_id", "name")
        .prefetch_related(
            Prefetch(
                "unit_assignments", UnitAssignment.objects.active(today).select_related("unit"), to_attr="units_now"
            ),
            Prefetch("certificates", Certificate.objects.valid(today).order_by("kind"), to_attr="valid_certificates"),
        )
    )
    for v in vendors.iterator(chunk_size=CHUNK):
        yield [
            v.name,
            v.get_kind_display(),
            v.regency_id,
            v.regency.display_name,
            v.nib,
            v.get_status_display(),
            ", ".join(a.unit.code for a in v.units_now),
            "; ".join(f"{c.get_kind_display()} {c.number or c.holder_name}".strip() for c in v.valid_certificates),
            v.whatsapp,
            _local(v.submitted_at),
            _local(v.status_changed_at),
            v.centre.name,
        ]


def product_columns() -> list[str]:
    return [
        _("Produk"),
        _("UMKM"),
        _("Kabupaten/kota"),
        _("Kategori"),
        _("Harga (Rp)"),
        _("Satuan"),
        _("Stok"),
        _("Status"),
        _("Halal berlaku"),
        _("P-IRT berlaku"),
        _("Dibuat"),
    ]


def product_rows(period: Period, centres: Centres = None) -> Iterator[list]:
    products = (
        within(Product.objects.all(), centres)
        .select_related("vendor__regency", "category__parent")
        .annotate(halal=valid_certificate_of(Certificate.Kind.HALAL), pirt=valid_certificate_of(Certificate.Kind.PIRT))
        .order_by("vendor__name", "name")
    )
    for p in products.iterator(chunk_size=CHUNK):
        yield [
            p.name,
            p.vendor.name,
            p.vendor.regency.display_name,
            str(p.category),
            p.price,
            p.sale_unit,
            p.stock_on_hand,
            p.get_status_display(),
            _yes(p.halal),
            _yes(p.pirt),
            _local(p.created_at),
        ]


def certificate_columns() -> list[str]:
    return [
        _("UMKM"),
        _("Kabupaten/kota"),
        _("Jenis"),
        _("Nomor"),
        _("Pemegang (BNSP)"),
        _("Tahap halal"),
        _("Terbit"),
        _("Berlaku sampai"),
        _("Sisa hari"),
        _("Status"),
        _("Berlaku hari ini"),
        _("Kode daerah P-IRT berbeda"),
        _("Tahun P-IRT berbeda"),
        _("Diperiksa oleh"),
        _("Diperiksa pada"),
        _("Produk dicakup"),
    ]


def certificate_rows(period: Period, centres: Centres = None) -> Iterator[list]:
    today = timezone.localdate()
    certificates = (
        within(Certificate.objects.all(), centres)
        .select_related("vendor__regency", "reviewed_by")
        .annotate(n_products=Count("products"))
        .order_by("valid_until", "vendor__name")
    )
    for c in certificates.iterator(chunk_size=CHUNK):
        left = (c.valid_until - today).days if c.valid_until else ""
        yield [
            c.vendor.name,
            c.vendor.regency.display_name,
            c.get_kind_display(),
            c.number,
            c.holder_name,
            c.get_halal_stage_display(),
            c.issued_on,
            c.valid_until,
            left,
            c.get_status_display(),
            _yes(c.is_valid_on(today)),
            _yes(c.pirt_region_mismatch) if c.kind == c.Kind.PIRT else "",
            _yes(c.pirt_year_mismatch) if c.kind == c.Kind.PIRT else "",
            c.reviewed_by.get_username() if c.reviewed_by else "",
            _local(c.reviewed_at),
            c.n_products,
        ]


def turnover_columns() -> list[str]:
    return [
        _("UMKM"),
        _("Kabupaten/kota"),
        _("Bulan pesan"),
        _("Reservasi masuk"),
        _("Diambil"),
        _("Batal/kedaluwarsa"),
        _("Nilai diambil (Rp)"),
    ]


def turnover_rows(period: Period, centres: Centres = None) -> Iterator[list]:
    since, until = _bounds(period)
    closed = [Reservation.Status.CANCELLED, Reservation.Status.EXPIRED]
    collected = Q(status=Reservation.Status.COLLECTED)
    rows = (
        within(Reservation.objects.all(), centres, "pickup_centre")
        .filter(placed_at__gte=since, placed_at__lt=until)
        .annotate(month=TruncMonth("placed_at"))
        .values_list("vendor__name", "vendor__regency__name", "month")
        .annotate(
            placed=Count("pk"),
            collected=Count("pk", filter=collected),
            closed=Count("pk", filter=Q(status__in=closed)),
            value=Coalesce(Sum("total", filter=collected), 0),
        )
        .order_by("vendor__name", "month")
    )
    for name, region, month, *figures in rows:
        yield [name, region, _month(month), *figures]


def summary_columns() -> list[str]:
    kinds = [str(label) for _value, label in Vendor.Kind.choices]
    return [
        _("Kode"),
        _("Kabupaten/kota"),
        _("UMKM disetujui"),
        *kinds,
        _("Produk tayang"),
        _("Produk pangan"),
        _("Pangan berhalal"),
        _("Pangan ber-P-IRT"),
        _("UMKM ber-BNSP"),
        *channel_columns(),
    ]


def channel_columns() -> list[str]:
    """The turnover columns every Dinas report shares: one per channel, their total, and the old units."""
    return [
        _("Reservasi (Rp)"),
        _("Kasir (Rp)"),
        _("Acara (Rp)"),
        _("B2B (Rp)"),
        _("Total omzet (Rp)"),
        _("Penjualan langsung lama tanpa nilai (barang)"),
    ]


def _channel_cells(figures: dict | None) -> list[int]:
    figures = figures or {}
    return [figures.get(k, 0) for k in (*CHANNELS, "total", "legacy_units")]


def summary_rows(period: Period, centres: Centres = None) -> Iterator[list]:
    """UMKM, products, certification coverage and turnover by channel per kabupaten/kota (of origin), at `centres`."""
    kinds = defaultdict(int)
    approved = within(Vendor.objects.approved(), centres, "centre")
    for code, kind, n in approved.values_list("regency", "kind").annotate(n=Count("pk")).order_by():
        kinds[code, kind] = n
    published_products = within(Product.objects.published(), centres)
    food = published_products.filter(category__is_food=True)
    published = _by_region(published_products, "vendor__regency")
    food_total = _by_region(food, "vendor__regency")
    halal = _by_region(food.filter(valid_certificate_of(Certificate.Kind.HALAL)), "vendor__regency")
    pirt = _by_region(food.filter(valid_certificate_of(Certificate.Kind.PIRT)), "vendor__regency")
    bnsp = dict(
        approved.filter(certificates__in=Certificate.objects.valid().filter(kind="bnsp"))
        .values_list("regency")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    turnover = turnover_by(*period, key="region", centres=centres)
    for r in Regency.objects.order_by("code"):
        by_kind = [kinds[r.code, k] for k in Vendor.Kind.values]
        yield [
            r.code,
            r.display_name,
            sum(by_kind),
            *by_kind,
            published.get(r.code, 0),
            food_total.get(r.code, 0),
            halal.get(r.code, 0),
            pirt.get(r.code, 0),
            bnsp.get(r.code, 0),
            *_channel_cells(turnover.get(r.code)),
        ]


def channel_turnover_columns() -> list[str]:
    return [_("UMKM"), _("Kode daerah"), _("Kabupaten/kota"), *channel_columns()]


def channel_turnover_rows(period: Period, centres: Centres = None) -> Iterator[list]:
    """Turnover of each vendor with sales in the period at `centres`, by channel; the last row is their total."""
    turnover = turnover_by(*period, key="vendor", centres=centres)
    vendors = Vendor.objects.filter(pk__in=[k for k in turnover if k]).select_related("regency").order_by("name")
    for v in vendors:
        yield [v.name, v.regency_id, v.regency.display_name, *_channel_cells(turnover[v.pk])]
    yield [_("Total"), "", "", *_channel_cells(turnover_by(*period, centres=centres).get(None))]


def sector_columns() -> list[str]:
    return [_("Kode"), _("Kabupaten/kota"), _("Sektor (kategori)"), _("UMKM disetujui"), _("Produk tayang")]


def sector_rows(period: Period, centres: Centres = None) -> Iterator[list]:
    """Approved UMKM by kabupaten/kota and sector (the top category of the products they publish)."""
    rows = (
        within(Product.objects.published(), centres)
        .values_list("vendor__regency", "vendor__regency__name", Coalesce("category__parent__name", "category__name"))
        .annotate(vendors=Count("vendor", distinct=True), products=Count("pk"))
        .order_by("vendor__regency", "-vendors")
    )
    for code, name, sector, vendors, products in rows:
        yield [code, name, sector, vendors, products]


def _by_region(queryset, path: str) -> dict[str, int]:
    return dict(queryset.values_list(path).annotate(n=Count("pk")).order_by())


def _local(moment: datetime.datetime | None):
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0) if moment else ""


def _month(moment) -> str:
    if isinstance(moment, datetime.datetime) and timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{moment:%Y-%m}"


REPORTS = {
    r.slug: r
    for r in [
        Report(
            "umkm",
            gettext_lazy("UMKM"),
            gettext_lazy("Semua UMKM: daerah, jenis, NIB, status, unit ruko, sertifikat berlaku."),
            vendor_columns,
            vendor_rows,
        ),
        Report(
            "produk",
            gettext_lazy("Produk"),
            gettext_lazy("Semua produk dengan harga, stok, status, dan sertifikat halal/P-IRT."),
            product_columns,
            product_rows,
        ),
        Report(
            "sertifikat",
            gettext_lazy("Sertifikat"),
            gettext_lazy("Semua sertifikat dengan masa berlaku dan hasil pemeriksaan."),
            certificate_columns,
            certificate_rows,
        ),
        Report(
            "transaksi",
            gettext_lazy("Reservasi per UMKM per bulan"),
            gettext_lazy("Reservasi masuk, diambil, batal, dan nilai diambil pada periode terpilih."),
            turnover_columns,
            turnover_rows,
            sheet=gettext_lazy("Reservasi per bulan"),
        ),
        Report(
            "omzet",
            gettext_lazy("Omzet per UMKM per kanal"),
            gettext_lazy(
                "Omzet reservasi, kasir, acara, dan B2B tiap UMKM pada periode terpilih; total = jumlah kanal. "
                "Penjualan langsung lama dihitung sebagai barang tanpa nilai."
            ),
            channel_turnover_columns,
            channel_turnover_rows,
            sheet=gettext_lazy("Omzet per kanal"),
        ),
        Report(
            "ringkasan",
            gettext_lazy("Ringkasan per kabupaten/kota"),
            gettext_lazy("UMKM per jenis, produk, cakupan sertifikasi, dan nilai transaksi pada periode terpilih."),
            summary_columns,
            summary_rows,
        ),
        Report(
            "sektor",
            gettext_lazy("UMKM per kabupaten/kota dan sektor"),
            gettext_lazy("UMKM disetujui dan produk tayang per daerah dan kategori utama."),
            sector_columns,
            sector_rows,
            sheet=gettext_lazy("Daerah dan sektor"),
        ),
    ]
}


def report_csv(report: Report, period: Period, centres: Centres = None) -> Iterator[str]:
    """Yield the report of `centres` as CSV text."""
    return csv_lines(report.columns(), report.rows(period, centres))


def reports_xlsx(reports: Iterable[Report], period: Period, centres: Centres = None) -> bytes:
    """Return an .xlsx workbook with one sheet per report, of `centres`."""
    return xlsx_bytes(Sheet(str(r.sheet or r.title), r.columns(), r.rows(period, centres)) for r in reports)


# --- the province view: centres side by side -----------------------------------------------------------------

CENTRE_FIGURES = ("approved", "published", "food", "halal", "pirt", "bnsp", "placed", "collected", "value")


def centre_figure_columns() -> list[str]:
    return [
        _("Sentra"),
        _("Kota"),
        _("UMKM disetujui"),
        _("Produk tayang"),
        _("Produk pangan"),
        _("Pangan berhalal"),
        _("Pangan ber-P-IRT"),
        _("UMKM ber-BNSP"),
        _("Reservasi masuk"),
        _("Reservasi diambil"),
        _("Omzet semua kanal (Rp)"),
    ]


def _grouped(rows, path: str, *, distinct: bool = False) -> dict:
    return dict(rows.values_list(path).annotate(n=Count("pk", distinct=distinct)).order_by())


def centre_figures(period: Period, centres: Centres = None) -> tuple[dict[int, dict[str, int]], dict[str, int]]:
    """UMKM, products, certification and reservations per centre (keyed by centre pk) for `centres` (None:
    every centre), and the same figures counted once over all of them: the province figure when None.

    Vendors count at their centre, products and certificates follow their vendor, reservations count at the
    pickup centre fixed when they were placed; turnover sums every channel (console.channels)."""
    since, until = _bounds(period)
    approved = within(Vendor.objects.approved(), centres, "centre")
    published = within(Product.objects.published(), centres)
    food = published.filter(category__is_food=True)
    bnsp = approved.filter(certificates__in=Certificate.objects.valid().filter(kind=Certificate.Kind.BNSP))
    reservations = within(Reservation.objects.all(), centres, "pickup_centre")
    placed = reservations.filter(placed_at__gte=since, placed_at__lt=until)
    collected = reservations.filter(
        status=Reservation.Status.COLLECTED, collected_at__gte=since, collected_at__lt=until
    )
    sets = {
        "approved": (approved, "centre", False),
        "published": (published, "vendor__centre", False),
        "food": (food, "vendor__centre", False),
        "halal": (food.filter(valid_certificate_of(Certificate.Kind.HALAL)), "vendor__centre", False),
        "pirt": (food.filter(valid_certificate_of(Certificate.Kind.PIRT)), "vendor__centre", False),
        "bnsp": (bnsp, "centre", True),
        "placed": (placed, "pickup_centre", False),
        "collected": (collected, "pickup_centre", False),
    }
    per_centre: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(CENTRE_FIGURES, 0))
    total = dict.fromkeys(CENTRE_FIGURES, 0)
    for key, (rows, path, distinct) in sets.items():
        for centre_id, n in _grouped(rows, path, distinct=distinct).items():
            per_centre[centre_id][key] = n
        total[key] = rows.aggregate(n=Count("pk", distinct=distinct))["n"]
    # Turnover of every channel (reservasi at the pickup centre, counter and event sales and B2B at the vendor's).
    for centre_id, figures in turnover_by(*period, key="centre", centres=centres).items():
        per_centre[centre_id]["value"] = figures["total"]
    total["value"] = turnover_by(*period, centres=centres).get(None, {}).get("total", 0)
    return dict(per_centre), total


def centre_figure_rows(period: Period, choices: list) -> Iterator[list]:
    """One row per centre of `choices`, then the total of them (the province when they are every centre)."""
    per_centre, total = centre_figures(period, frozenset(c.pk for c in choices))
    empty = dict.fromkeys(CENTRE_FIGURES, 0)
    for centre in choices:
        figures = per_centre.get(centre.pk, empty)
        yield [centre.name, centre.town, *(figures[k] for k in CENTRE_FIGURES if k != "value"), figures["value"]]
    yield [_("Jumlah"), "", *(total[k] for k in CENTRE_FIGURES if k != "value"), total["value"]]


def origin_by_centre(choices: list) -> tuple[list[str], list[list]]:
    """Approved UMKM by kabupaten/kota of origin (rows) and centre (columns), with a total column and row."""
    counts: dict[tuple[str, int], int] = defaultdict(int)
    approved = within(Vendor.objects.approved(), frozenset(c.pk for c in choices), "centre")
    for code, centre_id, n in approved.values_list("regency", "centre").annotate(n=Count("pk")).order_by():
        counts[code, centre_id] = n
    columns = [_("Kode"), _("Kabupaten/kota asal"), *(c.name for c in choices), _("Jumlah")]
    rows = []
    for region in Regency.objects.order_by("code"):
        figures = [counts[region.code, c.pk] for c in choices]
        rows.append([region.code, region.display_name, *figures, sum(figures)])
    sums = [sum(row[2 + i] for row in rows) for i in range(len(choices) + 1)]
    return columns, [*rows, ["", _("Jumlah"), *sums]]


def province_xlsx(period: Period, choices: list) -> bytes:
    """The province comparison as a workbook: figures per centre, and UMKM by origin and centre."""
    origin_columns, origin_rows = origin_by_centre(choices)
    return xlsx_bytes(
        [
            Sheet(str(_("Per sentra")), centre_figure_columns(), centre_figure_rows(period, choices)),
            Sheet(str(_("Asal UMKM per sentra")), origin_columns, origin_rows),
        ]
    )
