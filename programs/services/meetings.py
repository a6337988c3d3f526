"""Training days with their attendance, and monitoring visits (dated notes with a photo) to participants."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sentra.images import clean_photo

from ..models import Attendance, Meeting, MonitoringVisit, Participant, Programme
from .errors import NotSelected, ProgrammeError

ATTENDANCE_STATUSES = {Programme.Status.RUNNING, Programme.Status.FINISHED}
NOTE_MAX = 2000


@transaction.atomic
def meeting_add(*, programme: Programme, held_on: datetime.date, topic: str, actor) -> Meeting:
    """Add a training day to a programme, on a date within the programme's dates."""
    if programme.status == Programme.Status.CANCELLED:
        raise ProgrammeError(_("Program ini dibatalkan."))
    if not programme.starts_on <= held_on <= programme.ends_on:
        raise ProgrammeError(
            {
                "held_on": [
                    _("Tanggal pertemuan harus di antara %(start)s dan %(end)s.")
                    % {"start": f"{programme.starts_on:%d-%m-%Y}", "end": f"{programme.ends_on:%d-%m-%Y}"}
                ]
            }
        )
    if not topic.strip():
        raise ProgrammeError({"topic": [_("Tuliskan materi pertemuan.")]})
    return Meeting.objects.create(programme=programme, held_on=held_on, topic=topic.strip(), created_by=actor)


@transaction.atomic
def meeting_record_attendance(*, meeting: Meeting, present: Iterable[int], actor) -> list[Attendance]:
    """Record who came to a held meeting: every selected participant, present or absent (a new record replaces
    the old one)."""
    programme = Programme.objects.select_for_update().get(pk=meeting.programme_id)
    if programme.status not in ATTENDANCE_STATUSES:
        raise ProgrammeError(_("Kehadiran dicatat setelah program berjalan."))
    if meeting.held_on > timezone.localdate():
        raise ProgrammeError(_("Pertemuan ini belum berlangsung."))
    selected = {p.pk: p for p in Participant.objects.filter(programme=programme).selected()}
    present = {int(pk) for pk in present}
    if present - selected.keys():
        raise NotSelected(_("Kehadiran hanya dicatat untuk peserta yang terpilih."))
    now = timezone.now()
    rows = [
        Attendance(meeting=meeting, participant=p, present=pk in present, recorded_by=actor, recorded_at=now)
        for pk, p in selected.items()
    ]
    return Attendance.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["meeting", "participant"],
        update_fields=["present", "recorded_by", "recorded_at"],
    )


@transaction.atomic
def visit_add(*, participant: Participant, visited_on: datetime.date, note: str, actor, photo=None) -> MonitoringVisit:
    """Record a monitoring visit to a selected participant, with a dated note and an optional photo (re-encoded,
    stored privately)."""
    participant = Participant.objects.select_related("programme").get(pk=participant.pk)
    if participant.status != Participant.Status.SELECTED:
        raise NotSelected(_("Kunjungan pemantauan hanya untuk peserta yang terpilih."))
    if visited_on > timezone.localdate():
        raise ProgrammeError({"visited_on": [_("Tanggal kunjungan tidak boleh di masa depan.")]})
    if visited_on < participant.programme.starts_on:
        raise ProgrammeError({"visited_on": [_("Tanggal kunjungan tidak boleh sebelum program dimulai.")]})
    note = note.strip()
    if not note or len(note) > NOTE_MAX:
        raise ProgrammeError({"note": [_("Tuliskan catatan kunjungan (paling banyak 2000 karakter).")]})
    visit = MonitoringVisit(participant=participant, visited_on=visited_on, note=note, visited_by=actor)
    if photo:
        cleaned = clean_photo(photo)
        visit.photo.save(cleaned.name, cleaned, save=False)
    visit.save()
    return visit
