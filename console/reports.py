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
from console.selectors import valid_certificate_of
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
    rows: Callable[[Period], Iterable[list]]
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
    ]


def vendor_rows(period: Period) -> Iterator[list]:
    today = timezone.localdate()
    vendors = (
        Vendor.objects.select_related("regency")
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


def product_rows(period: Period) -> Iterator[list]:
    products = (
        Product.objects.select_related("vendor__regency", "category__parent")
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


def certificate_rows(period: Period) -> Iterator[list]:
    today = timezone.localdate()
    certificates = (
        Certificate.objects.select_related("vendor__regency", "reviewed_by")
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


def turnover_rows(period: Period) -> Iterator[list]:
    since, until = _bounds(period)
    closed = [Reservation.Status.CANCELLED, Reservation.Status.EXPIRED]
    collected = Q(status=Reservation.Status.COLLECTED)
    rows = (
        Reservation.objects.filter(placed_at__gte=since, placed_at__lt=until)
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


def summary_rows(period: Period) -> Iterator[list]:
    """UMKM, products, certification coverage and turnover by channel per kabupaten/kota."""
    kinds = defaultdict(int)
    for code, kind, n in Vendor.objects.approved().values_list("regency", "kind").annotate(n=Count("pk")).order_by():
        kinds[code, kind] = n
    food = Product.objects.published().filter(category__is_food=True)
    published = _by_region(Product.objects.published(), "vendor__regency")
    food_total = _by_region(food, "vendor__regency")
    halal = _by_region(food.filter(valid_certificate_of(Certificate.Kind.HALAL)), "vendor__regency")
    pirt = _by_region(food.filter(valid_certificate_of(Certificate.Kind.PIRT)), "vendor__regency")
    bnsp = dict(
        Vendor.objects.approved()
        .filter(certificates__in=Certificate.objects.valid().filter(kind="bnsp"))
        .values_list("regency")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    turnover = turnover_by(*period, key="region")
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


def channel_turnover_rows(period: Period) -> Iterator[list]:
    """Turnover of each vendor with sales in the period, by channel; the last row is the total of all."""
    turnover = turnover_by(*period, key="vendor")
    vendors = Vendor.objects.filter(pk__in=[k for k in turnover if k]).select_related("regency").order_by("name")
    for v in vendors:
        yield [v.name, v.regency_id, v.regency.display_name, *_channel_cells(turnover[v.pk])]
    yield [_("Total"), "", "", *_channel_cells(turnover_by(*period).get(None))]


def sector_columns() -> list[str]:
    return [_("Kode"), _("Kabupaten/kota"), _("Sektor (kategori)"), _("UMKM disetujui"), _("Produk tayang")]


def sector_rows(period: Period) -> Iterator[list]:
    """Approved UMKM by kabupaten/kota and sector (the top category of the products they publish)."""
    rows = (
        Product.objects.published()
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


def report_csv(report: Report, period: Period) -> Iterator[str]:
    """Yield the report as CSV text."""
    return csv_lines(report.columns(), report.rows(period))


def reports_xlsx(reports: Iterable[Report], period: Period) -> bytes:
    """Return an .xlsx workbook with one sheet per report."""
    return xlsx_bytes(Sheet(str(r.sheet or r.title), r.columns(), r.rows(period)) for r in reports)
