"""Results of a pendataan round: who has not answered, the answers rolled up by region and sector."""

from collections import Counter, defaultdict
from collections.abc import Iterator

from django.db.models import Count, Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from vendors.models import Regency

from ..models import DataAnswer, DataRound
from . import NO_SECTOR, vendor_sectors


def round_missing(data_round: DataRound):
    """The vendors the round asks that have not answered yet, by region and name."""
    answered = DataAnswer.objects.filter(round=data_round, vendor=OuterRef("pk"))
    return data_round.targets().exclude(Exists(answered)).select_related("regency").order_by("regency_id", "name")


def round_result_columns(data_round: DataRound) -> list[str]:
    columns = [_("Kabupaten/kota"), _("Sektor"), _("Ditanya"), _("Menjawab")]
    q = DataRound.Question
    if data_round.asks(q.TURNOVER):
        columns += [_("Rata-rata omzet per bulan (Rp)")]
    if data_round.asks(q.WORKERS):
        columns += [_("Jumlah pekerja")]
    if data_round.asks(q.STATUS):
        columns += [str(label) for _v, label in DataAnswer.BusinessStatus.choices]
    if data_round.asks(q.PROBLEM):
        columns += [_("Masalah utama terbanyak")]
    if data_round.asks(q.NEEDS):
        columns += [_("Butuh: %(need)s") % {"need": label} for _v, label in DataAnswer.Need.choices]
    return columns


def round_results(data_round: DataRound) -> list[list]:
    """One row per region and sector: vendors asked, answers, and the answers rolled up."""
    targets = list(data_round.targets().select_related("regency").values_list("pk", "regency__name", "regency__kind"))
    sectors = vendor_sectors(pk for pk, _n, _k in targets)
    answers = {a.vendor_id: a for a in DataAnswer.objects.filter(round=data_round)}
    cells: dict[tuple[str, str], list] = defaultdict(list)
    for pk, name, kind in targets:
        cells[Regency.display_name_of(name, kind), sectors.get(pk, str(NO_SECTOR))].append(answers.get(pk))
    return [_result_row(data_round, region, sector, found) for (region, sector), found in sorted(cells.items())]


def _result_row(data_round: DataRound, region: str, sector: str, found: list) -> list:
    given = [a for a in found if a is not None]
    row, q = [region, sector, len(found), len(given)], DataRound.Question
    if data_round.asks(q.TURNOVER):
        turnovers = [a.turnover for a in given if a.turnover is not None]
        row.append(round(sum(turnovers) / len(turnovers)) if turnovers else "")
    if data_round.asks(q.WORKERS):
        row.append(sum(a.workers or 0 for a in given))
    if data_round.asks(q.STATUS):
        statuses = Counter(a.business_status for a in given)
        row += [statuses.get(value, 0) for value in DataAnswer.BusinessStatus.values]
    if data_round.asks(q.PROBLEM):
        problems = Counter(a.get_main_problem_display() for a in given if a.main_problem)
        row.append(problems.most_common(1)[0][0] if problems else "")
    if data_round.asks(q.NEEDS):
        needs = Counter(n for a in given for n in a.needs)
        row += [needs.get(value, 0) for value in DataAnswer.Need.values]
    return row


def round_answer_columns(data_round: DataRound) -> list[str]:
    return [
        _("UMKM"),
        _("Kabupaten/kota"),
        _("Omzet per bulan (Rp)"),
        _("Jumlah pekerja"),
        _("Keadaan usaha"),
        _("Masalah utama"),
        _("Kebutuhan"),
        _("Diisi pada"),
    ]


def round_answer_rows(data_round: DataRound) -> Iterator[list]:
    answers = DataAnswer.objects.filter(round=data_round).select_related("vendor__regency").order_by("vendor__name")
    for a in answers:
        yield [
            a.vendor.name,
            a.vendor.regency.display_name,
            a.turnover,
            a.workers,
            a.get_business_status_display(),
            a.get_main_problem_display(),
            ", ".join(a.need_labels()),
            timezone.localtime(a.answered_at).replace(tzinfo=None, microsecond=0),
        ]


def round_status_counts(data_round: DataRound) -> list[tuple[str, int]]:
    """How many answers gave each business status (the round page's chart)."""
    counts = dict(
        DataAnswer.objects.filter(round=data_round).values_list("business_status").annotate(n=Count("pk")).order_by()
    )
    return [(str(label), counts.get(value, 0)) for value, label in DataAnswer.BusinessStatus.choices]
