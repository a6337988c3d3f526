"""Programmes of the Dinas (training, BNSP certification, halal and P-IRT facilitation, permits, aid, mentoring),
their participants, training days with attendance, and monitoring visits."""

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Category, Certificate
from sentra.states import check_transition
from sentra.storage import private_storage
from vendors.models import Regency, Vendor


class FundingSource(models.TextChoices):
    """Where the money of a programme or an aid item comes from."""

    APBD_KABUPATEN = "apbd_kab", _("APBD kabupaten/kota")
    APBD_PROVINSI = "apbd_prov", _("APBD provinsi")
    APBN = "apbn", _("APBN")
    CSR = "csr", _("CSR")
    OTHER = "lainnya", _("Lainnya")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved by whole months, clamped to the last day of a shorter month (31 Jan + 1 -> 28/29 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


class ProgrammeQuerySet(models.QuerySet):
    def open_for_applications(self, on: datetime.date | None = None) -> "ProgrammeQuerySet":
        """Taking applications on `on` (today in WIB): status open and the closing date not passed."""
        on = on or timezone.localdate()
        return self.filter(status=Programme.Status.OPEN).filter(Q(apply_until__isnull=True) | Q(apply_until__gte=on))

    def finished(self) -> "ProgrammeQuerySet":
        return self.filter(status=Programme.Status.FINISHED)

    def with_rules(self) -> "ProgrammeQuerySet":
        """With who may join (regions, sectors) prefetched, as `Programme.admits` reads them."""
        return self.prefetch_related("regions", "sectors")

    def with_counts(self) -> "ProgrammeQuerySet":
        """Annotate applied/selected/waitlisted participants and passed outcomes."""
        p = Participant.Status
        return self.annotate(
            n_participants=Count("participants"),
            n_selected=Count("participants", filter=Q(participants__status=p.SELECTED)),
            n_waiting=Count("participants", filter=Q(participants__status__in=[p.APPLIED, p.WAITLISTED])),
            n_passed=Count("participants", filter=Q(participants__outcome=Participant.Outcome.PASSED)),
        )

    def for_console_list(self) -> "ProgrammeQuerySet":
        return self.with_counts().order_by("-starts_on", "-pk")


class Programme(models.Model):
    """A programme of pembinaan with its call, quota and rules of who may join; moves through TRANSITIONS."""

    class Kind(models.TextChoices):
        TRAINING = "pelatihan", _("Pelatihan")
        BNSP = "bnsp", _("Sertifikasi BNSP")
        HALAL = "halal", _("Fasilitasi sertifikat halal")
        PIRT = "pirt", _("Fasilitasi P-IRT")
        PERMIT = "izin", _("Izin usaha / PBG")
        EQUIPMENT = "alat", _("Bantuan peralatan")
        CAPITAL = "modal", _("Bantuan modal / stimulus")
        MENTORING = "pendampingan", _("Pendampingan")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        OPEN = "open", _("Menerima pendaftaran")
        RUNNING = "running", _("Berjalan")
        FINISHED = "finished", _("Selesai")
        CANCELLED = "cancelled", _("Dibatalkan")

    TRANSITIONS = {
        Status.DRAFT: {Status.OPEN, Status.CANCELLED},
        Status.OPEN: {Status.RUNNING, Status.CANCELLED},
        Status.RUNNING: {Status.FINISHED, Status.CANCELLED},
    }
    NEEDS_REASON = {Status.CANCELLED}
    # The certificate a programme of this kind leads to (coverage reports: which programme produced it).
    CERTIFICATE_KINDS = {
        Kind.BNSP: Certificate.Kind.BNSP,
        Kind.HALAL: Certificate.Kind.HALAL,
        Kind.PIRT: Certificate.Kind.PIRT,
    }
    ENROLLING = {Status.DRAFT, Status.OPEN, Status.RUNNING}  # staff may add or select participants
    MAX_QUOTA = 5000
    MAX_MONITORING_MONTHS = 12

    name = models.CharField(_("nama program"), max_length=160)
    kind = models.CharField(_("jenis program"), max_length=15, choices=Kind.choices)
    scheme = models.CharField(
        _("skema kompetensi (BNSP)"), max_length=160, blank=True, help_text=_("Wajib untuk sertifikasi BNSP.")
    )
    description = models.TextField(_("uraian"), blank=True)
    organiser = models.CharField(
        _("penyelenggara"), max_length=160, default="Dinas Koperasi UMKM dan Perindustrian Lampung Utara"
    )
    partner = models.CharField(
        _("instansi mitra"), max_length=160, blank=True, help_text=_("Contoh: LSP, Kemenag, Dinas Kesehatan.")
    )
    funding = models.CharField(_("sumber dana"), max_length=10, choices=FundingSource.choices)
    location = models.CharField(_("tempat"), max_length=160, blank=True)
    apply_until = models.DateField(_("pendaftaran ditutup"), null=True, blank=True)
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"))
    quota = models.PositiveIntegerField(_("kuota peserta"))
    monitoring_months = models.PositiveSmallIntegerField(
        _("pemantauan (bulan)"),
        default=0,
        help_text=_("Kunjungan pemantauan bulanan setelah program selesai; BNSP biasanya 6 bulan."),
    )
    regions = models.ManyToManyField(
        Regency,
        verbose_name=_("khusus daerah"),
        blank=True,
        related_name="+",
        help_text=_("Kosongkan bila terbuka untuk semua kabupaten/kota."),
    )
    vendor_kinds = models.JSONField(
        _("khusus jenis usaha"), default=list, blank=True, help_text=_("Kosongkan bila terbuka untuk semua jenis.")
    )
    sectors = models.ManyToManyField(
        Category,
        verbose_name=_("khusus sektor"),
        blank=True,
        related_name="+",
        limit_choices_to={"parent__isnull": True},
        help_text=_("Kosongkan bila terbuka untuk semua sektor."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    status_note = models.TextField(_("catatan status"), blank=True)
    status_changed_at = models.DateTimeField(_("status diubah"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("program pembinaan")
        verbose_name_plural = _("program pembinaan")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="programme_ends_after_start"),
            models.CheckConstraint(
                condition=Q(apply_until__isnull=True) | Q(apply_until__lte=models.F("ends_on")),
                name="programme_applications_close_by_end",
            ),
            models.CheckConstraint(condition=Q(quota__gte=1, quota__lte=5000), name="programme_quota_in_range"),
            models.CheckConstraint(condition=Q(monitoring_months__lte=12), name="programme_monitoring_in_range"),
            models.CheckConstraint(condition=~Q(kind="bnsp") | ~Q(scheme=""), name="programme_bnsp_has_scheme"),
        ]
        indexes = [models.Index(fields=["status", "-starts_on"], name="programme_status_start_idx")]
        permissions = [
            ("manage_programme", _("Dapat membuat program pembinaan dan mengubah statusnya")),
            ("decide_participant", _("Dapat memilih, menolak, dan menilai peserta program")),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programs:programme-list") + f"#program-{self.pk}"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
        if self.apply_until and self.ends_on and self.apply_until > self.ends_on:
            errors["apply_until"] = _("Pendaftaran harus ditutup paling lambat pada tanggal selesai program.")
        if self.kind == self.Kind.BNSP and not self.scheme.strip():
            errors["scheme"] = _("Tuliskan skema kompetensi BNSP, misalnya Pengolahan Kopi.")
        if self.quota is not None and not 1 <= self.quota <= self.MAX_QUOTA:
            errors["quota"] = _("Kuota peserta antara 1 dan 5.000.")
        if self.monitoring_months is not None and self.monitoring_months > self.MAX_MONITORING_MONTHS:
            errors["monitoring_months"] = _("Pemantauan paling lama 12 bulan.")
        if set(self.vendor_kinds or []) - set(Vendor.Kind.values):
            errors["vendor_kinds"] = _("Jenis usaha tidak dikenal.")
        if errors:
            raise ValidationError(errors)

    @property
    def certificate_kind(self) -> str | None:
        return self.CERTIFICATE_KINDS.get(self.kind)

    @property
    def is_open(self) -> bool:
        today = timezone.localdate()
        return self.status == self.Status.OPEN and (self.apply_until is None or self.apply_until >= today)

    def places_left(self) -> int:
        """Places not yet taken by selected participants (from `with_counts` when annotated)."""
        taken = getattr(self, "n_selected", None)
        if taken is None:
            taken = self.participants.filter(status=Participant.Status.SELECTED).count()
        return max(self.quota - taken, 0)

    def vendor_kind_labels(self) -> list[str]:
        labels = dict(Vendor.Kind.choices)
        return [str(labels[k]) for k in self.vendor_kinds if k in labels]

    def admits(self, vendor: Vendor) -> bool:
        """Whether `vendor` is among who may join: its region, kind and a sector it sells in (rules prefetched)."""
        regions = {r.pk for r in self.regions.all()}
        sectors = {c.pk for c in self.sectors.all()}
        if regions and vendor.regency_id not in regions:
            return False
        if self.vendor_kinds and vendor.kind not in self.vendor_kinds:
            return False
        return not sectors or bool(sectors & {c.parent_id or c.pk for c in vendor.categories.all()})

    def monitoring_due_dates(self) -> list[datetime.date]:
        """One visit a month after the programme ends, `monitoring_months` times."""
        return [add_months(self.ends_on, month) for month in range(1, self.monitoring_months + 1)]

    def transition(self, to: str, *, actor, reason: str = "") -> "ProgrammeEvent":
        """Move to status `to`, recording who, when and why; refuse moves the table does not list."""
        check_transition(self.TRANSITIONS, self.status, to, reason=reason, needs_reason=self.NEEDS_REASON)
        source, now = self.status, timezone.now()
        self.status, self.status_changed_at, self.status_note = to, now, reason
        with transaction.atomic():
            self.save(update_fields=["status", "status_changed_at", "status_note", "updated_at"])
            return ProgrammeEvent.objects.create(
                programme=self, from_status=source, to_status=to, actor=actor, reason=reason, created_at=now
            )


class ProgrammeEvent(models.Model):
    """An audit row for each status change of a programme: who, when, from what to what, and why."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("dari"), max_length=10, choices=Programme.Status.choices, blank=True)
    to_status = models.CharField(_("menjadi"), max_length=10, choices=Programme.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("alasan"), blank=True)
    created_at = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        verbose_name = _("riwayat status program")
        verbose_name_plural = _("riwayat status program")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.programme}: {self.from_status} → {self.to_status}"


class ParticipantQuerySet(models.QuerySet):
    def of_vendor(self, vendor) -> "ParticipantQuerySet":
        return self.filter(vendor=vendor)

    def selected(self) -> "ParticipantQuerySet":
        return self.filter(status=Participant.Status.SELECTED)

    def for_programme_page(self) -> "ParticipantQuerySet":
        """With vendor, region and linked certificate, in the order staff work through them."""
        order = models.Case(
            *(models.When(status=s, then=i) for i, s in enumerate(Participant.STATUS_ORDER)),
            output_field=models.IntegerField(),
        )
        return (
            self.select_related("vendor__regency", "certificate")
            .annotate(status_order=order)
            .order_by("status_order", "created_at", "pk")
        )

    def for_vendor_history(self) -> "ParticipantQuerySet":
        """With programme and certificate, newest programme first (the owner's and the console's history)."""
        return self.select_related("programme", "certificate").order_by("-programme__starts_on", "-pk")


class Participant(models.Model):
    """A vendor's place in a programme: an application or a staff enrolment, the decision, and the outcome."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Mendaftar")
        SELECTED = "selected", _("Terpilih")
        WAITLISTED = "waitlisted", _("Daftar tunggu")
        DECLINED = "declined", _("Tidak terpilih")

    class Outcome(models.TextChoices):
        PASSED = "lulus", _("Lulus")
        FAILED = "tidak_lulus", _("Tidak lulus")
        WITHDREW = "mundur", _("Mengundurkan diri")

    class Source(models.TextChoices):
        OWNER = "owner", _("Mendaftar sendiri")
        DINAS = "dinas", _("Didaftarkan Dinas")

    TRANSITIONS = {
        Status.APPLIED: {Status.SELECTED, Status.WAITLISTED, Status.DECLINED},
        Status.WAITLISTED: {Status.SELECTED, Status.DECLINED},
    }
    NEEDS_REASON = {Status.DECLINED}
    STATUS_ORDER = (Status.APPLIED, Status.WAITLISTED, Status.SELECTED, Status.DECLINED)
    MOTIVATION_MAX = 500

    programme = models.ForeignKey(
        Programme, verbose_name=_("program"), on_delete=models.PROTECT, related_name="participants"
    )
    vendor = models.ForeignKey(
        Vendor, verbose_name=_("UMKM"), on_delete=models.PROTECT, related_name="programme_participations"
    )
    source = models.CharField(_("cara mendaftar"), max_length=5, choices=Source.choices, default=Source.OWNER)
    motivation = models.TextField(_("motivasi"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.APPLIED)
    status_note = models.TextField(_("catatan keputusan"), blank=True)
    status_changed_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    outcome = models.CharField(_("hasil"), max_length=12, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("catatan hasil"), blank=True)
    outcome_at = models.DateTimeField(_("hasil dicatat"), null=True, blank=True)
    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("sertifikat yang diperoleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_participants",
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("didaftarkan oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("mendaftar pada"), default=timezone.now)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("peserta program")
        verbose_name_plural = _("peserta program")
        ordering = ["programme", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "vendor"], name="participant_one_per_programme"),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(status="selected"), name="participant_outcome_only_when_selected"
            ),
            models.CheckConstraint(
                condition=Q(certificate__isnull=True) | Q(outcome="lulus"),
                name="participant_certificate_only_when_passed",
            ),
        ]
        indexes = [models.Index(fields=["programme", "status"], name="participant_status_idx")]

    def __str__(self) -> str:
        return f"{self.vendor} @ {self.programme}"

    def transition(self, to: str, *, actor, reason: str = "") -> "ParticipantEvent":
        """Move to status `to` (select, wait-list, decline), recording who, when and why."""
        check_transition(self.TRANSITIONS, self.status, to, reason=reason, needs_reason=self.NEEDS_REASON)
        source, now = self.status, timezone.now()
        self.status, self.status_changed_at, self.status_note = to, now, reason
        with transaction.atomic():
            self.save(update_fields=["status", "status_changed_at", "status_note"])
            return ParticipantEvent.objects.create(
                participant=self, from_status=source, to_status=to, actor=actor, reason=reason, created_at=now
            )


class ParticipantEvent(models.Model):
    """An audit row for each step of a participant: application, enrolment, decision, outcome."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("dari"), max_length=10, choices=Participant.Status.choices, blank=True)
    to_status = models.CharField(_("menjadi"), max_length=10, choices=Participant.Status.choices)
    outcome = models.CharField(_("hasil"), max_length=12, choices=Participant.Outcome.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("alasan"), blank=True)
    created_at = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        verbose_name = _("riwayat peserta program")
        verbose_name_plural = _("riwayat peserta program")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.participant}: {self.to_status} {self.outcome}".strip()


class Meeting(models.Model):
    """A training day (or session) of a programme; attendance is taken per selected participant."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("program"), on_delete=models.CASCADE, related_name="meetings"
    )
    held_on = models.DateField(_("tanggal"))
    topic = models.CharField(_("materi"), max_length=160)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("pertemuan")
        verbose_name_plural = _("pertemuan")
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.held_on:%d-%m-%Y} {self.topic}"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("hadir"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("dicatat pada"), default=timezone.now)

    class Meta:
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "participant"], name="attendance_one_per_meeting"),
        ]

    def __str__(self) -> str:
        return f"{self.participant} @ {self.meeting}: {self.present}"


class MonitoringVisit(models.Model):
    """A dated monitoring visit to a participant after (or during) the programme, with a note and a photo."""

    participant = models.ForeignKey(
        Participant, verbose_name=_("peserta"), on_delete=models.CASCADE, related_name="visits"
    )
    visited_on = models.DateField(_("tanggal kunjungan"))
    note = models.TextField(_("catatan"))
    photo = models.ImageField(_("foto"), upload_to="programs/visits/%Y/", storage=private_storage, blank=True)
    visited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("petugas"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("kunjungan pemantauan")
        verbose_name_plural = _("kunjungan pemantauan")
        ordering = ["visited_on", "pk"]

    def __str__(self) -> str:
        return f"{self.participant} {self.visited_on:%d-%m-%Y}"
