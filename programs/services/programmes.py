"""Programme writes: create and edit (with who may join), and the status steps open → running → finished, or
cancelled with a reason. Each step goes through Programme.transition, which writes the audit row."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Category
from sentra.cache import invalidate_pages
from sentra.exceptions import clean_or_refuse
from vendors.models import Regency

from ..models import Programme, ProgrammeEvent
from .errors import ProgrammeError

EDITABLE = {Programme.Status.DRAFT, Programme.Status.OPEN, Programme.Status.RUNNING}


def _set_rules(programme: Programme, regions: Iterable[Regency], sectors: Iterable[Category]) -> None:
    programme.regions.set(regions)
    programme.sectors.set([c for c in sectors if c.parent_id is None])  # sectors are top categories


@transaction.atomic
def programme_create(
    *, actor, regions: Iterable[Regency] = (), sectors: Iterable[Category] = (), **fields
) -> Programme:
    """Create a draft programme with who may join (regions, kinds of business, sectors)."""
    programme = Programme(created_by=actor, status=Programme.Status.DRAFT, **fields)
    clean_or_refuse(programme, validate_constraints=False)  # clean() says it per field
    programme.save()
    _set_rules(programme, regions, sectors)
    ProgrammeEvent.objects.create(programme=programme, to_status=programme.status, actor=actor)
    return programme


@transaction.atomic
def programme_update(
    *, programme: Programme, actor, regions: Iterable[Regency] = (), sectors: Iterable[Category] = (), **fields
) -> Programme:
    """Change a programme that is not finished or cancelled; the quota never drops below the places taken."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if programme.status not in EDITABLE:
        raise ProgrammeError(_("Program yang sudah selesai atau dibatalkan tidak dapat diubah."))
    for name, value in fields.items():
        setattr(programme, name, value)
    clean_or_refuse(programme, validate_constraints=False)  # clean() says it per field
    taken = programme.participants.selected().count()
    if programme.quota < taken:
        raise ProgrammeError(
            {"quota": [_("Kuota tidak boleh kurang dari %(n)s peserta yang sudah terpilih.") % {"n": taken}]}
        )
    programme.save()
    _set_rules(programme, regions, sectors)
    transaction.on_commit(invalidate_pages)
    return programme


def _step(programme: Programme, to: str, *, actor, reason: str = "") -> Programme:
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    locked.transition(to, actor=actor, reason=reason.strip())
    for field in ("status", "status_note", "status_changed_at"):
        setattr(programme, field, getattr(locked, field))
    transaction.on_commit(invalidate_pages)  # the public page lists open programmes
    return programme


@transaction.atomic
def programme_open(*, programme: Programme, actor, reason: str = "") -> Programme:
    """Open the call: eligible owners see the programme in their portal and may apply."""
    if programme.apply_until and programme.apply_until < timezone.localdate():
        raise ProgrammeError(_("Tanggal tutup pendaftaran sudah lewat; ubah tanggalnya dulu."))
    return _step(programme, Programme.Status.OPEN, actor=actor, reason=reason)


@transaction.atomic
def programme_start(*, programme: Programme, actor, reason: str = "") -> Programme:
    """Close the call and start the programme; applications not decided stay on the list to decide."""
    return _step(programme, Programme.Status.RUNNING, actor=actor, reason=reason)


@transaction.atomic
def programme_finish(*, programme: Programme, actor, reason: str = "") -> Programme:
    """Finish the programme; outcomes may still be recorded for its selected participants."""
    return _step(programme, Programme.Status.FINISHED, actor=actor, reason=reason)


@transaction.atomic
def programme_cancel(*, programme: Programme, actor, reason: str) -> Programme:
    """Cancel the programme for good, with the reason; places taken are kept as they were."""
    return _step(programme, Programme.Status.CANCELLED, actor=actor, reason=reason)
