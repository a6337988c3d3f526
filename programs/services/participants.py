"""Participant writes: an owner applies, staff enrol a vendor, select, wait-list or decline (the owner is emailed),
and record the outcome with the certificate it produced. The quota is counted with the programme row locked, so
two officers taking the last place at once cannot both succeed."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Certificate
from vendors.models import Vendor

from ..models import Participant, ParticipantEvent, Programme
from .errors import AlreadyParticipant, NotEligible, NotOpen, NotSelected, ProgrammeError, QuotaFull
from .notifications import notify_participant

CLOSED_VENDORS = {Vendor.Status.REJECTED, Vendor.Status.ARCHIVED}
OUTCOME_STATUSES = {Programme.Status.RUNNING, Programme.Status.FINISHED}


def _locked_programme(pk: int) -> Programme:
    return Programme.objects.select_for_update().get(pk=pk)


def _check_quota(programme: Programme) -> None:
    taken = Participant.objects.filter(programme=programme).selected().count()
    if taken >= programme.quota:
        raise QuotaFull(
            _("Kuota program %(name)s sudah penuh (%(quota)s peserta).")
            % {"name": programme.name, "quota": programme.quota}
        )


def _create(programme: Programme, vendor: Vendor, *, actor, status: str, source: str, **fields) -> Participant:
    if Participant.objects.filter(programme=programme, vendor=vendor).exists():
        raise AlreadyParticipant(_("%(name)s sudah terdaftar di program ini.") % {"name": vendor.name})
    participant = Participant(programme=programme, vendor=vendor, status=status, source=source, **fields)
    participant.applied_by = actor
    try:
        with transaction.atomic():
            participant.save()
    except IntegrityError as exc:  # participant_one_per_programme: a second click or a second officer won
        raise AlreadyParticipant(_("%(name)s sudah terdaftar di program ini.") % {"name": vendor.name}) from exc
    return participant


@transaction.atomic
def participant_apply(*, programme: Programme, vendor: Vendor, actor, motivation: str = "") -> Participant:
    """Apply for a place on behalf of the vendor; the programme must be open to it."""
    programme = Programme.objects.with_rules().get(pk=programme.pk)
    if not programme.is_open:
        raise NotOpen(_("Pendaftaran program %(name)s sudah ditutup.") % {"name": programme.name})
    if vendor.status != Vendor.Status.APPROVED:
        raise NotEligible(_("Hanya UMKM yang sudah disetujui Dinas yang dapat mendaftar program."))
    if not programme.admits(vendor):
        raise NotEligible(_("Program ini khusus untuk daerah, jenis usaha, atau sektor lain."))
    motivation = motivation.strip()
    if len(motivation) > Participant.MOTIVATION_MAX:
        raise ProgrammeError({"motivation": [_("Motivasi paling banyak 500 karakter.")]})
    participant = _create(
        programme,
        vendor,
        actor=actor,
        status=Participant.Status.APPLIED,
        source=Participant.Source.OWNER,
        motivation=motivation,
    )
    ParticipantEvent.objects.create(participant=participant, to_status=participant.status, actor=actor)
    return participant


@transaction.atomic
def participant_enrol(*, programme: Programme, vendor: Vendor, actor, reason: str = "") -> Participant:
    """Enrol a vendor directly as a selected participant (staff), within the quota; the owner is emailed."""
    programme = _locked_programme(programme.pk)
    if programme.status not in Programme.ENROLLING:
        raise ProgrammeError(_("Peserta tidak dapat ditambahkan ke program yang sudah selesai atau dibatalkan."))
    if vendor.status in CLOSED_VENDORS:
        raise NotEligible(_("%(name)s sudah ditolak atau diarsipkan.") % {"name": vendor.name})
    _check_quota(programme)
    participant = _create(
        programme,
        vendor,
        actor=actor,
        status=Participant.Status.SELECTED,
        source=Participant.Source.DINAS,
        status_note=reason.strip(),
        status_changed_at=timezone.now(),
    )
    event = ParticipantEvent.objects.create(
        participant=participant, to_status=participant.status, actor=actor, reason=reason.strip()
    )
    notify_participant(participant, event)
    return participant


def _decide(participant: Participant, to: str, *, actor, reason: str) -> Participant:
    locked = Participant.objects.select_for_update().select_related("programme", "vendor").get(pk=participant.pk)
    if locked.programme.status not in Programme.ENROLLING:
        raise ProgrammeError(_("Program ini sudah selesai atau dibatalkan; keputusan peserta tidak diubah."))
    event = locked.transition(to, actor=actor, reason=reason.strip())
    for field in ("status", "status_note", "status_changed_at"):
        setattr(participant, field, getattr(locked, field))
    notify_participant(locked, event)
    return participant


@transaction.atomic
def participant_select(*, participant: Participant, actor, reason: str = "") -> Participant:
    """Give the applicant a place, if one is left (the programme row is locked while counting)."""
    _check_quota(_locked_programme(participant.programme_id))  # programme first, then the participant: one order
    return _decide(participant, Participant.Status.SELECTED, actor=actor, reason=reason)


@transaction.atomic
def participant_waitlist(*, participant: Participant, actor, reason: str = "") -> Participant:
    """Put the applicant on the waiting list (selected later when a place frees up or the quota grows)."""
    _locked_programme(participant.programme_id)
    return _decide(participant, Participant.Status.WAITLISTED, actor=actor, reason=reason)


@transaction.atomic
def participant_decline(*, participant: Participant, actor, reason: str) -> Participant:
    """Decline the application, with the reason the owner reads."""
    _locked_programme(participant.programme_id)
    return _decide(participant, Participant.Status.DECLINED, actor=actor, reason=reason)


def _check_certificate(participant: Participant, outcome: str, certificate: Certificate | None) -> None:
    if certificate is None:
        return
    if outcome != Participant.Outcome.PASSED:
        raise ProgrammeError({"certificate": [_("Sertifikat hanya dicatat untuk peserta yang lulus.")]})
    if certificate.vendor_id != participant.vendor_id:
        raise ProgrammeError({"certificate": [_("Sertifikat ini bukan milik UMKM peserta.")]})
    kind = participant.programme.certificate_kind
    if kind and certificate.kind != kind:
        raise ProgrammeError({"certificate": [_("Program ini menghasilkan sertifikat jenis lain.")]})
    if Participant.objects.filter(certificate=certificate).exclude(pk=participant.pk).exists():
        raise ProgrammeError({"certificate": [_("Sertifikat ini sudah tercatat sebagai hasil program lain.")]})


@transaction.atomic
def participant_outcome(
    *, participant: Participant, outcome: str, actor, note: str = "", certificate: Certificate | None = None
) -> Participant:
    """Record (or correct) a selected participant's outcome, and the certificate it produced when they passed."""
    locked = Participant.objects.select_for_update().select_related("programme").get(pk=participant.pk)
    if locked.status != Participant.Status.SELECTED:
        raise NotSelected(_("Hasil hanya dicatat untuk peserta yang terpilih."))
    if locked.programme.status not in OUTCOME_STATUSES:
        raise ProgrammeError(_("Hasil dicatat setelah program berjalan."))
    if outcome not in Participant.Outcome.values:
        raise ProgrammeError({"outcome": [_("Pilih hasil: lulus, tidak lulus, atau mengundurkan diri.")]})
    _check_certificate(locked, outcome, certificate)
    locked.outcome, locked.outcome_note, locked.outcome_at = outcome, note.strip(), timezone.now()
    locked.certificate = certificate
    locked.save(update_fields=["outcome", "outcome_note", "outcome_at", "certificate"])
    ParticipantEvent.objects.create(
        participant=locked,
        from_status=locked.status,
        to_status=locked.status,
        outcome=outcome,
        actor=actor,
        reason=locked.outcome_note,
    )
    return locked
