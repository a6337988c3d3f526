"""The aid register: each item handed over to a vendor (equipment, capital, credit restructuring…)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sentra.storage import private_storage
from vendors.models import Vendor

from .programmes import FundingSource, Programme


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day `years` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


class AidRecordQuerySet(models.QuerySet):
    def of_vendor(self, vendor) -> "AidRecordQuerySet":
        return self.filter(vendor=vendor)

    def repeats_of(self, vendor, kind: str, on: datetime.date) -> "AidRecordQuerySet":
        """Aid of `kind` the vendor received in the REPEAT_YEARS before `on` (or after it): double-dipping."""
        since = years_before(on, AidRecord.REPEAT_YEARS)
        return self.filter(vendor=vendor, kind=kind, handed_over_on__gt=since).order_by("-handed_over_on", "-pk")

    def for_register(self) -> "AidRecordQuerySet":
        """With vendor, region and programme, newest hand-over first (the console's register)."""
        return self.select_related("vendor__regency", "programme", "granted_by").order_by("-handed_over_on", "-pk")


class AidRecord(models.Model):
    """One aid item handed over to a vendor, with its value, funding and the private hand-over document."""

    class Kind(models.TextChoices):
        EQUIPMENT = "peralatan", _("Peralatan produksi")
        CAPITAL = "modal", _("Modal / stimulus")
        CREDIT = "kredit", _("Restrukturisasi kredit")
        MATERIALS = "bahan", _("Bahan baku")
        PACKAGING = "kemasan", _("Kemasan dan label")
        OTHER = "lainnya", _("Lainnya")

    VALUE_CEILING = 1_000_000_000  # Rp1 miliar: far above any item a micro business receives
    QUANTITY_CEILING = 10_000
    REPEAT_YEARS = 3

    vendor = models.ForeignKey(Vendor, verbose_name=_("UMKM"), on_delete=models.PROTECT, related_name="aid_records")
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("program"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aid_records",
    )
    kind = models.CharField(_("jenis bantuan"), max_length=10, choices=Kind.choices)
    item = models.CharField(_("barang/bantuan"), max_length=160, help_text=_("Contoh: mesin penggiling kopi."))
    quantity = models.PositiveIntegerField(_("jumlah"), default=1)
    unit = models.CharField(_("satuan"), max_length=30, default="unit")
    value = models.PositiveBigIntegerField(_("nilai (Rp)"))
    handed_over_on = models.DateField(_("tanggal serah terima"))
    funding = models.CharField(_("sumber dana"), max_length=10, choices=FundingSource.choices)
    document = models.FileField(
        _("berita acara serah terima"), upload_to="programs/aid/%Y/", storage=private_storage, blank=True
    )
    photo = models.ImageField(_("foto serah terima"), upload_to="programs/aid/%Y/", storage=private_storage, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    repeat_confirmed = models.BooleanField(
        _("bantuan ulang disetujui"), default=False, help_text=_("Petugas melihat bantuan sejenis sebelumnya.")
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dicatat pada"), default=timezone.now)

    objects = AidRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("bantuan")
        verbose_name_plural = _("bantuan")
        ordering = ["-handed_over_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0, value__lte=1_000_000_000), name="aidrecord_value_in_range"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=1, quantity__lte=10_000), name="aidrecord_quantity_in_range"
            ),
        ]
        indexes = [models.Index(fields=["vendor", "kind", "handed_over_on"], name="aidrecord_vendor_kind_idx")]
        permissions = [("grant_aid", _("Dapat mencatat penyerahan bantuan"))]

    def __str__(self) -> str:
        return f"{self.item} → {self.vendor}"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.value is not None and not 0 <= self.value <= self.VALUE_CEILING:
            errors["value"] = _("Nilai bantuan harus antara Rp0 dan Rp1.000.000.000.")
        if self.quantity is not None and not 1 <= self.quantity <= self.QUANTITY_CEILING:
            errors["quantity"] = _("Jumlah harus antara 1 dan 10.000.")
        if self.handed_over_on and self.handed_over_on > timezone.localdate():
            errors["handed_over_on"] = _("Tanggal serah terima tidak boleh di masa depan.")
        if errors:
            raise ValidationError(errors)
