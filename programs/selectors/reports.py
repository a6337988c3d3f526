"""Report rows of the console: programmes, participants, certificates gained, aid, aid proposal candidates."""

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.models import Category, Certificate
from vendors.models import Regency, Vendor
from vendors.selectors import at_centres

from ..models import AidRecord, DataAnswer, FundingSource, Participant, Programme
from ..models.aid import years_before
from ..models.programmes import add_months
from . import NO_SECTOR, Period, vendor_sectors

CERTIFICATE_MONTHS = 12  # a certificate issued this long after the programme ends still counts as its result


def _overlapping(programmes, period: Period):
    start, end = period
    return programmes.filter(starts_on__lte=end, ends_on__gte=start)


def gained_certificates(participants: list[Participant]) -> set[int]:
    """Pks of participants who gained a certificate: the one linked to their outcome, or a verified certificate of
    the programme's kind (any kind for other programmes) issued from the start to 12 months after the end."""
    issued = defaultdict(list)
    certificates = Certificate.objects.filter(
        vendor_id__in={p.vendor_id for p in participants}, status=Certificate.Status.VERIFIED, issued_on__isnull=False
    )
    for vendor_id, kind, day in certificates.values_list("vendor_id", "kind", "issued_on"):
        issued[vendor_id].append((kind, day))
    gained = set()
    for p in participants:
        kind, start = p.programme.certificate_kind, p.programme.starts_on
        until = add_months(p.programme.ends_on, CERTIFICATE_MONTHS)
        if p.certificate_id or any(
            (kind is None or k == kind) and start <= day <= until for k, day in issued[p.vendor_id]
        ):
            gained.add(p.pk)
    return gained


def _of_centres(rows, centres, path: str = "vendor__centre"):
    """`rows` of the vendors of `centres` (pks; None: every centre) — programmes are province-wide, their
    participants and aid belong to the vendor's centre (issue 17)."""
    return rows if centres is None else rows.filter(at_centres(path, centres))


def _selected_in(period: Period, centres=None) -> list[Participant]:
    programmes = _overlapping(Programme.objects.exclude(status=Programme.Status.CANCELLED), period)
    rows = _of_centres(Participant.objects.selected().filter(programme__in=programmes), centres)
    return list(rows.select_related("programme", "vendor__regency"))


@dataclass(frozen=True)
class Group:
    """One row of a breakdown: a label and its figures."""

    label: str
    participants: int = 0
    passed: int = 0
    certified: int = 0
    count: int = 0
    value: int = 0

    @property
    def certified_share(self) -> float:
        return round(100 * self.certified / self.participants, 1) if self.participants else 0.0


def participant_breakdown(period: Period, centres=None) -> dict[str, list[Group]]:
    """Selected participants, passes and certificates gained, by region, sector, kind of business and programme."""
    selected = _selected_in(period, centres)
    gained = gained_certificates(selected)
    sectors = vendor_sectors({p.vendor_id for p in selected})
    keys: dict[str, Callable[[Participant], str]] = {
        "region": lambda p: p.vendor.regency.display_name,
        "sector": lambda p: sectors.get(p.vendor_id, str(NO_SECTOR)),
        "vendor_kind": lambda p: p.vendor.get_kind_display(),
        "programme_kind": lambda p: p.programme.get_kind_display(),
    }
    return {name: _groups(selected, key, gained) for name, key in keys.items()}


def _groups(selected: list[Participant], key: Callable, gained: set[int]) -> list[Group]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for p in selected:
        figures = counts[str(key(p))]
        figures["participants"] += 1
        figures["passed"] += p.outcome == Participant.Outcome.PASSED
        figures["certified"] += p.pk in gained
    ordered = sorted(counts.items(), key=lambda item: (-item[1]["participants"], item[0]))
    return [Group(label, **figures) for label, figures in ordered]


def certificate_share(period: Period, centres=None) -> tuple[int, int]:
    """(participants of finished programmes, of whom gained a certificate within 12 months)."""
    finished = [p for p in _selected_in(period, centres) if p.programme.status == Programme.Status.FINISHED]
    return len(finished), len(gained_certificates(finished))


def aid_breakdown(period: Period, centres=None) -> dict[str, list[Group]]:
    """Aid items and their value (Rp) by kind, region and funding source, handed over in the period."""
    start, end = period
    records = _of_centres(AidRecord.objects.filter(handed_over_on__range=(start, end)), centres)
    kinds, funding = dict(AidRecord.Kind.choices), dict(FundingSource.choices)
    regions = {r.code: r.display_name for r in Regency.objects.all()}
    paths = {"kind": ("kind", kinds), "region": ("vendor__regency", regions), "funding": ("funding", funding)}
    result = {}
    for name, (path, labels) in paths.items():
        rows = records.values_list(path).annotate(n=Count("pk"), v=Sum("value")).order_by("-v", path)
        result[name] = [Group(str(labels.get(key, key)), count=n, value=v or 0) for key, n, v in rows]
    return result


# --- the downloadable tables ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    slug: str
    title: str
    description: str
    columns: Callable[[], list[str]]
    rows: Callable[..., Iterable[list]]  # (period, centres=None)


def programme_columns() -> list[str]:
    return [
        _("Program"),
        _("Jenis"),
        _("Skema BNSP"),
        _("Penyelenggara"),
        _("Mitra"),
        _("Sumber dana"),
        _("Mulai"),
        _("Selesai"),
        _("Status"),
        _("Kuota"),
        _("Pendaftar"),
        _("Terpilih"),
        _("Lulus"),
        _("Tidak lulus"),
        _("Mengundurkan diri"),
        _("Bersertifikat ≤ 12 bulan"),
    ]


def programme_rows(period: Period, centres=None) -> Iterator[list]:
    o = Participant.Outcome
    # Every programme (they are province-wide); its counts are of the participants of `centres`.
    scope = Q() if centres is None else at_centres("participants__vendor__centre", centres)
    programmes = _overlapping(Programme.objects.all(), period).annotate(
        n_all=Count("participants", filter=scope & Q(participants__isnull=False)),
        n_selected=Count("participants", filter=scope & Q(participants__status=Participant.Status.SELECTED)),
        n_passed=Count("participants", filter=scope & Q(participants__outcome=o.PASSED)),
        n_failed=Count("participants", filter=scope & Q(participants__outcome=o.FAILED)),
        n_withdrew=Count("participants", filter=scope & Q(participants__outcome=o.WITHDREW)),
    )
    selected = _selected_in(period, centres)
    certified = gained_certificates(selected)
    gained = Counter(p.programme_id for p in selected if p.pk in certified)
    for p in programmes.order_by("starts_on", "pk"):
        yield [
            p.name,
            p.get_kind_display(),
            p.scheme,
            p.organiser,
            p.partner,
            p.get_funding_display(),
            p.starts_on,
            p.ends_on,
            p.get_status_display(),
            p.quota,
            p.n_all,
            p.n_selected,
            p.n_passed,
            p.n_failed,
            p.n_withdrew,
            gained.get(p.pk, 0),
        ]


def participant_columns() -> list[str]:
    return [
        _("Program"),
        _("UMKM"),
        _("Jenis usaha"),
        _("Kabupaten/kota"),
        _("Sektor"),
        _("Cara mendaftar"),
        _("Status"),
        _("Hasil"),
        _("Sertifikat"),
        _("Hadir"),
        _("Pertemuan dicatat"),
        _("Kunjungan pemantauan"),
    ]


def participant_rows(period: Period, centres=None) -> Iterator[list]:
    programmes = _overlapping(Programme.objects.all(), period)
    rows = (
        _of_centres(Participant.objects.filter(programme__in=programmes), centres)
        .select_related("programme", "vendor__regency", "certificate")
        .annotate(
            n_present=Count("attendance", filter=Q(attendance__present=True), distinct=True),
            n_recorded=Count("attendance", distinct=True),
            n_visits=Count("visits", distinct=True),
        )
        .order_by("programme__starts_on", "programme_id", "vendor__name")
    )
    rows = list(rows)
    sectors = vendor_sectors({p.vendor_id for p in rows})
    for p in rows:
        yield [
            p.programme.name,
            p.vendor.name,
            p.vendor.get_kind_display(),
            p.vendor.regency.display_name,
            sectors.get(p.vendor_id, str(NO_SECTOR)),
            p.get_source_display(),
            p.get_status_display(),
            p.get_outcome_display(),
            str(p.certificate) if p.certificate else "",
            p.n_present,
            p.n_recorded,
            p.n_visits,
        ]


DIMENSIONS = {
    "region": gettext_lazy("Kabupaten/kota"),
    "sector": gettext_lazy("Sektor"),
    "vendor_kind": gettext_lazy("Jenis usaha"),
    "programme_kind": gettext_lazy("Jenis program"),
    "kind": gettext_lazy("Jenis bantuan"),
    "funding": gettext_lazy("Sumber dana"),
}


def breakdown_columns() -> list[str]:
    return [_("Menurut"), _("Kelompok"), _("Peserta terpilih"), _("Lulus"), _("Bersertifikat ≤ 12 bulan"), _("%")]


def breakdown_rows(period: Period, centres=None) -> Iterator[list]:
    for name, groups in participant_breakdown(period, centres).items():
        for g in groups:
            yield [str(DIMENSIONS[name]), g.label, g.participants, g.passed, g.certified, g.certified_share]


def aid_columns() -> list[str]:
    return [
        _("Tanggal serah terima"),
        _("UMKM"),
        _("Kabupaten/kota"),
        _("Jenis bantuan"),
        _("Barang/bantuan"),
        _("Jumlah"),
        _("Satuan"),
        _("Nilai (Rp)"),
        _("Sumber dana"),
        _("Program"),
        _("Bantuan ulang"),
        _("Dicatat oleh"),
    ]


def aid_rows(period: Period, centres=None) -> Iterator[list]:
    records = _of_centres(AidRecord.objects.filter(handed_over_on__range=period).for_register(), centres)
    for a in records.order_by("handed_over_on", "pk"):
        yield [
            a.handed_over_on,
            a.vendor.name,
            a.vendor.regency.display_name,
            a.get_kind_display(),
            a.item,
            a.quantity,
            a.unit,
            a.value,
            a.get_funding_display(),
            a.programme.name if a.programme else "",
            _("Ya") if a.repeat_confirmed else _("Tidak"),
            a.granted_by.get_username() if a.granted_by else "",
        ]


def aid_summary_columns() -> list[str]:
    return [_("Menurut"), _("Kelompok"), _("Jumlah penyerahan"), _("Nilai (Rp)")]


def aid_summary_rows(period: Period, centres=None) -> Iterator[list]:
    for name, groups in aid_breakdown(period, centres).items():
        for g in groups:
            yield [str(DIMENSIONS[name]), g.label, g.count, g.value]


TABLES = {
    t.slug: t
    for t in [
        Table(
            "program",
            gettext_lazy("Program"),
            gettext_lazy("Setiap program pada periode: kuota, pendaftar, terpilih, hasil, dan sertifikat."),
            programme_columns,
            programme_rows,
        ),
        Table(
            "peserta",
            gettext_lazy("Peserta"),
            gettext_lazy("Setiap peserta: daerah, sektor, status, hasil, sertifikat, kehadiran, kunjungan."),
            participant_columns,
            participant_rows,
        ),
        Table(
            "peserta-ringkasan",
            gettext_lazy("Peserta per kelompok"),
            gettext_lazy("Peserta, kelulusan, dan sertifikat per daerah, sektor, jenis usaha, dan jenis program."),
            breakdown_columns,
            breakdown_rows,
        ),
        Table(
            "bantuan",
            gettext_lazy("Bantuan"),
            gettext_lazy("Setiap bantuan yang diserahkan pada periode, dengan nilai dan sumber dana."),
            aid_columns,
            aid_rows,
        ),
        Table(
            "bantuan-ringkasan",
            gettext_lazy("Bantuan per kelompok"),
            gettext_lazy("Jumlah dan nilai bantuan per jenis, daerah, dan sumber dana."),
            aid_summary_columns,
            aid_summary_rows,
        ),
    ]
}


# --- candidates for an aid proposal ----------------------------------------------------------------------


def aid_candidates(
    *,
    regency: Regency | None = None,
    sector: Category | None = None,
    certificate: str = "",
    earlier_aid: str = "",
    aid_kind: str = "",
    today: datetime.date | None = None,
):
    """Approved vendors for an aid proposal: in a region and sector, with (or without) a valid certificate of a
    kind, and without (or with) aid in the last three years (of `aid_kind`, when given)."""
    today = today or timezone.localdate()
    vendors = Vendor.objects.approved().select_related("regency")
    if regency is not None:
        vendors = vendors.filter(regency=regency)
    if sector is not None:
        vendors = vendors.filter(Q(categories=sector) | Q(categories__parent=sector)).distinct()
    if certificate == "none":
        vendors = vendors.exclude(Exists(Certificate.objects.valid(today).filter(vendor=OuterRef("pk"))))
    elif certificate:
        valid = Certificate.objects.valid(today).filter(vendor=OuterRef("pk"), kind=certificate)
        vendors = vendors.filter(Exists(valid))
    recent = AidRecord.objects.filter(vendor=OuterRef("pk"), handed_over_on__gt=years_before(today, 3))
    recent = recent.filter(kind=aid_kind) if aid_kind else recent
    if earlier_aid == "none":
        vendors = vendors.exclude(Exists(recent))
    elif earlier_aid == "some":
        vendors = vendors.filter(Exists(recent))
    return vendors.order_by("regency_id", "name")


def candidate_columns() -> list[str]:
    return [
        _("Nama usaha"),
        _("Jenis"),
        _("NIB"),
        _("Kode daerah"),
        _("Kabupaten/kota"),
        _("Alamat produksi"),
        _("WhatsApp"),
        _("Sektor"),
        _("Sertifikat berlaku"),
        _("Program diikuti (lulus)"),
        _("Bantuan 3 tahun terakhir"),
        _("Nilai bantuan 3 tahun (Rp)"),
        _("Omzet per bulan terakhir (Rp)"),
        _("Jumlah pekerja terakhir"),
    ]


def candidate_rows(vendors, today: datetime.date | None = None) -> Iterator[list]:
    """The rows of the proposal's candidate list, for the vendors `aid_candidates` chose."""
    today = today or timezone.localdate()
    since = years_before(today, 3)
    vendors = list(
        vendors.prefetch_related(
            Prefetch("certificates", Certificate.objects.valid(today).order_by("kind"), to_attr="valid_certificates"),
            Prefetch("aid_records", AidRecord.objects.filter(handed_over_on__gt=since), to_attr="recent_aid"),
            Prefetch(
                "programme_participations",
                Participant.objects.filter(outcome=Participant.Outcome.PASSED).select_related("programme"),
                to_attr="passed",
            ),
            Prefetch("data_answers", DataAnswer.objects.order_by("-answered_at"), to_attr="answers"),
        )
    )
    sectors = vendor_sectors(v.pk for v in vendors)
    for v in vendors:
        latest = next((a for a in v.answers if a.turnover is not None or a.workers is not None), None)
        yield [
            v.name,
            v.get_kind_display(),
            v.nib,
            v.regency_id,
            v.regency.display_name,
            v.address,
            v.whatsapp,
            sectors.get(v.pk, str(NO_SECTOR)),
            "; ".join(f"{c.get_kind_display()} {c.number or c.holder_name}".strip() for c in v.valid_certificates),
            "; ".join(p.programme.name for p in v.passed),
            "; ".join(f"{a.get_kind_display()}: {a.item} ({a.handed_over_on:%d-%m-%Y})" for a in v.recent_aid),
            sum(a.value for a in v.recent_aid),
            latest.turnover if latest else "",
            latest.workers if latest else "",
        ]
