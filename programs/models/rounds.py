"""Data-collection rounds (pendataan): a fixed set of questions owners answer from the portal, once per round."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sentra.states import check_transition
from vendors.models import Regency, Vendor


class DataRoundQuerySet(models.QuerySet):
    def answerable(self, on: datetime.date | None = None) -> "DataRoundQuerySet":
        """Open rounds whose dates include `on` (today in WIB)."""
        on = on or timezone.localdate()
        return self.filter(status=DataRound.Status.OPEN, opens_on__lte=on, closes_on__gte=on)

    def for_vendor(self, vendor) -> "DataRoundQuerySet":
        """Rounds that ask `vendor`: no region named, or the vendor's region among them."""
        return self.filter(Q(regions__isnull=True) | Q(regions=vendor.regency_id)).distinct()


class DataRound(models.Model):
    """A pendataan round, e.g. "Pendataan UMKM terdampak 2026"; asks approved vendors (in its regions)."""

    class Question(models.TextChoices):
        TURNOVER = "omzet", _("Omzet per bulan")
        WORKERS = "pekerja", _("Jumlah pekerja")
        STATUS = "status_usaha", _("Keadaan usaha")
        PROBLEM = "masalah", _("Masalah utama")
        NEEDS = "kebutuhan", _("Kebutuhan")

    class Status(models.TextChoices):
        OPEN = "open", _("Dibuka")
        CLOSED = "closed", _("Ditutup")

    TRANSITIONS = {Status.OPEN: {Status.CLOSED}}

    title = models.CharField(_("judul"), max_length=160)
    description = models.TextField(_("keterangan"), blank=True)
    questions = models.JSONField(_("pertanyaan"), default=list)
    opens_on = models.DateField(_("dibuka"))
    closes_on = models.DateField(_("ditutup"))
    regions = models.ManyToManyField(
        Regency,
        verbose_name=_("khusus daerah"),
        blank=True,
        related_name="+",
        help_text=_("Kosongkan bila semua kabupaten/kota."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuka oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditutup oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)

    objects = DataRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("pendataan")
        verbose_name_plural = _("pendataan")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="dataround_closes_after_opens"
            ),
        ]
        permissions = [("manage_dataround", _("Dapat membuka dan menutup pendataan UMKM"))]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("Tanggal tutup tidak boleh sebelum tanggal buka.")
        if not self.questions or set(self.questions) - set(self.Question.values):
            errors["questions"] = _("Pilih minimal satu pertanyaan dari daftar.")
        if errors:
            raise ValidationError(errors)

    def asks(self, question: str) -> bool:
        return question in self.questions

    def is_answerable(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.status == self.Status.OPEN and self.opens_on <= on <= self.closes_on

    def targets(self):
        """The vendors this round asks: approved ones, in its regions when it names any."""
        vendors = Vendor.objects.approved()
        regions = list(self.regions.values_list("pk", flat=True))
        return vendors.filter(regency__in=regions) if regions else vendors

    def transition(self, to: str, *, actor, reason: str = "") -> None:
        """Close the round (the only move): answers are no longer taken; who and when are kept."""
        check_transition(self.TRANSITIONS, self.status, to, reason=reason)
        self.status, self.closed_by, self.closed_at = to, actor, timezone.now()
        with transaction.atomic():
            self.save(update_fields=["status", "closed_by", "closed_at"])


class DataAnswer(models.Model):
    """A vendor's answers in one round; only the round's questions are filled."""

    class BusinessStatus(models.TextChoices):
        NORMAL = "normal", _("Berjalan normal")
        DOWN = "menurun", _("Berjalan, omzet menurun")
        PAUSED = "tutup_sementara", _("Tutup sementara")
        CLOSED = "tutup", _("Berhenti usaha")

    class Problem(models.TextChoices):
        CAPITAL = "modal", _("Modal")
        MARKET = "pemasaran", _("Pemasaran / pembeli sepi")
        MATERIALS = "bahan_baku", _("Bahan baku")
        PERMITS = "perizinan", _("Izin dan sertifikasi")
        PEOPLE = "sdm", _("Tenaga kerja")
        EQUIPMENT = "peralatan", _("Peralatan")
        OTHER = "lainnya", _("Lainnya")

    class Need(models.TextChoices):
        TRAINING = "pelatihan", _("Pelatihan")
        CERTIFICATION = "sertifikasi", _("Sertifikasi (halal, P-IRT, BNSP)")
        CAPITAL = "modal", _("Modal / stimulus")
        EQUIPMENT = "peralatan", _("Peralatan")
        MARKETING = "pemasaran", _("Pemasaran")
        CREDIT = "kredit", _("Restrukturisasi kredit")

    TURNOVER_CEILING = 10_000_000_000  # Rp10 miliar a month is far beyond any UMKM
    WORKERS_CEILING = 1000

    round = models.ForeignKey(DataRound, verbose_name=_("pendataan"), on_delete=models.CASCADE, related_name="answers")
    vendor = models.ForeignKey(Vendor, verbose_name=_("UMKM"), on_delete=models.PROTECT, related_name="data_answers")
    turnover = models.PositiveBigIntegerField(_("omzet per bulan (Rp)"), null=True, blank=True)
    workers = models.PositiveIntegerField(_("jumlah pekerja"), null=True, blank=True)
    business_status = models.CharField(_("keadaan usaha"), max_length=15, choices=BusinessStatus.choices, blank=True)
    main_problem = models.CharField(_("masalah utama"), max_length=12, choices=Problem.choices, blank=True)
    needs = models.JSONField(_("kebutuhan"), default=list, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diisi oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("diisi pada"), default=timezone.now)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("jawaban pendataan")
        verbose_name_plural = _("jawaban pendataan")
        ordering = ["round", "vendor"]
        constraints = [
            models.UniqueConstraint(fields=["round", "vendor"], name="dataanswer_one_per_vendor"),
            models.CheckConstraint(
                condition=Q(turnover__isnull=True) | Q(turnover__lte=10_000_000_000),
                name="dataanswer_turnover_in_range",
            ),
            models.CheckConstraint(
                condition=Q(workers__isnull=True) | Q(workers__lte=1000), name="dataanswer_workers_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vendor} @ {self.round}"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.turnover is not None and self.turnover > self.TURNOVER_CEILING:
            errors["turnover"] = _("Omzet per bulan paling banyak Rp10.000.000.000.")
        if self.workers is not None and self.workers > self.WORKERS_CEILING:
            errors["workers"] = _("Jumlah pekerja paling banyak 1.000 orang.")
        if set(self.needs or []) - set(self.Need.values):
            errors["needs"] = _("Pilih kebutuhan dari daftar.")
        if errors:
            raise ValidationError(errors)

    def need_labels(self) -> list[str]:
        labels = dict(self.Need.choices)
        return [str(labels[n]) for n in self.needs if n in labels]
