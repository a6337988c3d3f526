"""Pendataan: staff open a round with questions from the fixed set and close it; owners answer (and may correct
their answer) while it is open."""

import datetime
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sentra.exceptions import clean_or_refuse
from vendors.models import Regency, Vendor

from ..models import DataAnswer, DataRound
from .errors import RoundError

Q = DataRound.Question
# Question -> the answer's field it fills.
ANSWER_FIELDS = {
    Q.TURNOVER: "turnover",
    Q.WORKERS: "workers",
    Q.STATUS: "business_status",
    Q.PROBLEM: "main_problem",
    Q.NEEDS: "needs",
}


@transaction.atomic
def round_open(
    *,
    actor,
    title: str,
    questions: Iterable[str],
    opens_on: datetime.date,
    closes_on: datetime.date,
    description: str = "",
    regions: Iterable[Regency] = (),
) -> DataRound:
    """Open a pendataan round that asks approved vendors (in `regions`, when given) the chosen questions."""
    chosen = [q for q in Q.values if q in set(questions)]  # the fixed order, whatever the form's
    data_round = DataRound(
        title=title.strip(),
        description=description.strip(),
        questions=chosen,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=actor,
    )
    clean_or_refuse(data_round, validate_constraints=False)
    if closes_on < timezone.localdate():
        raise RoundError({"closes_on": [_("Tanggal tutup sudah lewat.")]})
    data_round.save()
    data_round.regions.set(regions)
    return data_round


@transaction.atomic
def round_close(*, data_round: DataRound, actor) -> DataRound:
    """Close the round: no more answers; the results stay."""
    locked = DataRound.objects.select_for_update().get(pk=data_round.pk)
    locked.transition(DataRound.Status.CLOSED, actor=actor)
    data_round.status, data_round.closed_by, data_round.closed_at = locked.status, actor, locked.closed_at
    return data_round


def _answers(data_round: DataRound, given: dict) -> dict:
    """The answer's fields for the round's questions, every one of them required; others left empty."""
    values, missing = {}, {}
    for question, field in ANSWER_FIELDS.items():
        value = given.get(field)
        if not data_round.asks(question):
            values[field] = [] if field == "needs" else (None if field in ("turnover", "workers") else "")
        elif value in (None, "", []):
            missing[field] = [_("Pertanyaan ini wajib dijawab.")]
        else:
            values[field] = sorted(set(value)) if field == "needs" else value
    if missing:
        raise RoundError(missing)
    return values


@transaction.atomic
def round_answer(*, data_round: DataRound, vendor: Vendor, actor, **given) -> DataAnswer:
    """Save (or replace) the vendor's answers to an open round it is asked in."""
    data_round = DataRound.objects.get(pk=data_round.pk)
    if not data_round.is_answerable():
        raise RoundError(_("Pendataan ini sudah ditutup atau belum dibuka."))
    if not data_round.targets().filter(pk=vendor.pk).exists():
        raise RoundError(_("Pendataan ini tidak ditujukan untuk usaha Anda."))
    values = _answers(data_round, given) | {"answered_by": actor, "answered_at": timezone.now()}
    answer = DataAnswer(round=data_round, vendor=vendor, **values)
    clean_or_refuse(answer, exclude=["round", "vendor"], validate_constraints=False)
    try:
        with transaction.atomic():
            return DataAnswer.objects.update_or_create(round=data_round, vendor=vendor, defaults=values)[0]
    except IntegrityError:  # two members answering at the same moment: the second one replaces the first
        return DataAnswer.objects.update_or_create(round=data_round, vendor=vendor, defaults=values)[0]
