"""The centre, its ruko units, the regions of Lampung, and the UMKM that sell there."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sentra.states import check_transition

from .signals import vendor_changed
from .validators import validate_nib


class CentreQuerySet(models.QuerySet):
    def with_hours(self) -> "CentreQuerySet":
        return self.prefetch_related("opening_hours", "closed_dates")


class Centre(models.Model):
    """A Sentra site: a district Sentra Oleh-oleh or the provincial Sentra UMKM. Exactly one is the default (the
    one `/denah/`, the header and vendors without a choice fall back on)."""

    name = models.CharField(_("nama"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    town = models.CharField(_("kota/kecamatan"), max_length=60, blank=True, help_text=_("Contoh: Kotabumi"))
    is_default = models.BooleanField(
        _("sentra utama"), default=False, help_text=_("Sentra yang dipakai bila tidak ada pilihan lain.")
    )
    address = models.TextField(_("alamat"))
    map_url = models.URLField(_("tautan peta"), blank=True)
    regency = models.ForeignKey(
        "Regency", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT, null=True, blank=True
    )
    phone = models.CharField(_("telepon"), max_length=20, blank=True)

    objects = CentreQuerySet.as_manager()

    class Meta:
        verbose_name = _("sentra")
        verbose_name_plural = _("sentra")
        ordering = ["-is_default", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["is_default"], condition=Q(is_default=True), name="centre_one_default")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:centre-detail", kwargs={"slug": self.slug})

    def hours_on(self, day: datetime.date) -> "OpeningHours | None":
        """Return the opening hours that apply on `day`, or None when the centre is closed."""
        if any(c.date == day for c in self.closed_dates.all()):
            return None
        return next((h for h in self.opening_hours.all() if h.weekday == day.weekday()), None)

    def is_open_at(self, moment: datetime.datetime) -> bool:
        local = timezone.localtime(moment)
        hours = self.hours_on(local.date())
        return bool(hours and hours.opens <= local.time() < hours.closes)

    def closing_at(self, day: datetime.date) -> datetime.datetime | None:
        """Return the aware datetime the centre closes on `day` (None when closed that day)."""
        hours = self.hours_on(day)
        if hours is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(day, hours.closes))

    def open_days(self, start: datetime.date, count: int) -> list[datetime.date]:
        """Return the next `count` open days from `start` (inclusive), looking at most 60 days ahead."""
        days: list[datetime.date] = []
        day = start
        while len(days) < count and day < start + datetime.timedelta(days=60):
            if self.hours_on(day) is not None:
                days.append(day)
            day += datetime.timedelta(days=1)
        return days


class OpeningHours(models.Model):
    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Senin")
        TUESDAY = 1, _("Selasa")
        WEDNESDAY = 2, _("Rabu")
        THURSDAY = 3, _("Kamis")
        FRIDAY = 4, _("Jumat")
        SATURDAY = 5, _("Sabtu")
        SUNDAY = 6, _("Minggu")

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("hari"), choices=Weekday.choices)
    opens = models.TimeField(_("buka"))
    closes = models.TimeField(_("tutup"))

    class Meta:
        verbose_name = _("jam buka")
        verbose_name_plural = _("jam buka")
        ordering = ["weekday"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "weekday"], name="openinghours_unique_weekday"),
            models.CheckConstraint(condition=Q(closes__gt=models.F("opens")), name="openinghours_closes_after_opens"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H.%M}–{self.closes:%H.%M}"


class ClosedDate(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="closed_dates")
    date = models.DateField(_("tanggal"))
    reason = models.CharField(_("keterangan"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("tanggal libur")
        verbose_name_plural = _("tanggal libur")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["centre", "date"], name="closeddate_unique_date")]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.reason}"


class Regency(models.Model):
    """A kabupaten/kota of Lampung, keyed by its Kemendagri code (e.g. `18.03`)."""

    class Kind(models.TextChoices):
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")

    code = models.CharField(_("kode"), max_length=5, primary_key=True)
    name = models.CharField(_("nama"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)

    class Meta:
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.display_name_of(self.name, self.kind)

    @classmethod
    def display_name_of(cls, name: str, kind: str) -> str:
        """ "Kota Metro", "Lampung Selatan": how a region is named to shoppers."""
        return f"Kota {name}" if kind == cls.Kind.KOTA else name

    @property
    def pirt_code(self) -> str:
        """The four digits a P-IRT number carries for this region: 18.03 -> '1803'."""
        return self.code.replace(".", "")


class ShopUnitQuerySet(models.QuerySet):
    def with_current_vendors(self) -> "ShopUnitQuerySet":
        today = timezone.localdate()
        active = UnitAssignment.objects.active(today).select_related("vendor", "vendor__regency")
        return self.prefetch_related(models.Prefetch("assignments", queryset=active, to_attr="current_assignments"))

    def for_board(self) -> "ShopUnitQuerySet":
        """Every unit with its centre and today's tenants, in floor-plan order (the console's unit board)."""
        return self.with_current_vendors().select_related("centre").order_by("centre", "code")


class ShopUnit(models.Model):
    """A ruko unit of a centre, drawn on the floor plan grid; may host several small vendors."""

    centre = models.ForeignKey(Centre, verbose_name=_("sentra"), on_delete=models.PROTECT, related_name="units")
    code = models.CharField(_("kode unit"), max_length=10, help_text=_("Contoh: A-03"))
    block = models.CharField(_("blok/lantai"), max_length=30, blank=True)
    grid_row = models.PositiveSmallIntegerField(_("baris denah"), default=1)
    grid_col = models.PositiveSmallIntegerField(_("kolom denah"), default=1)
    capacity = models.PositiveSmallIntegerField(_("kapasitas (jumlah UMKM)"), default=1)
    reserved_kind = models.CharField(
        _("khusus untuk jenis"),
        max_length=10,
        blank=True,
        choices=[("", "—")]
        + [
            ("lapas", _("Karya warga binaan Lapas")),
            ("koperasi", _("Koperasi")),
            ("kelompok", _("Kelompok usaha")),
        ],
    )
    notes = models.TextField(_("catatan"), blank=True)

    objects = ShopUnitQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit ruko")
        verbose_name_plural = _("unit ruko")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "code"], name="shopunit_unique_code"),
            models.UniqueConstraint(fields=["centre", "grid_row", "grid_col"], name="shopunit_unique_grid_cell"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="shopunit_capacity_positive"),
            models.CheckConstraint(condition=Q(grid_row__gte=1, grid_col__gte=1), name="shopunit_grid_positive"),
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        from .selectors import all_centres  # cached rows: the unit's centre without a query

        centre = next((c for c in all_centres() if c.pk == self.centre_id), None)
        if centre is None or centre.is_default:
            plan = reverse("catalog:floor-plan")  # /denah/ is the default centre's plan
        else:
            plan = reverse("catalog:centre-floor-plan", kwargs={"slug": centre.slug})
        return plan + f"#unit-{self.code}"


class VendorQuerySet(models.QuerySet):
    def approved(self) -> "VendorQuerySet":
        return self.filter(status=Vendor.Status.APPROVED)

    def for_user(self, user) -> "VendorQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user, memberships__is_active=True)

    def in_region(self, regency) -> "VendorQuerySet":
        return self.filter(regency=regency)

    def in_centres(self, centre_ids) -> "VendorQuerySet":
        """Vendors of these centres; `None` means every centre (the province)."""
        return self if centre_ids is None else self.filter(centre_id__in=centre_ids)

    def with_card_data(self) -> "VendorQuerySet":
        return self.select_related("regency")


def default_centre_id() -> int | None:
    """The default centre's pk: where a vendor created without a choice belongs (None when there is no centre)."""
    return Centre.objects.order_by("-is_default", "pk").values_list("pk", flat=True).first()


class Vendor(models.Model):
    """A UMKM selling at a centre; its members are the users who manage it."""

    class Kind(models.TextChoices):
        UMKM = "umkm", _("UMKM (perorangan/CV)")
        KOPERASI = "koperasi", _("Koperasi")
        KELOMPOK = "kelompok", _("Kelompok usaha")
        LAPAS = "lapas", _("Karya warga binaan Lapas")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Diajukan")
        REVISION_REQUESTED = "revision_requested", _("Perlu perbaikan")
        APPROVED = "approved", _("Disetujui")
        REJECTED = "rejected", _("Ditolak")
        SUSPENDED = "suspended", _("Dibekukan")
        ARCHIVED = "archived", _("Diarsipkan")

    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.REVISION_REQUESTED, Status.APPROVED, Status.REJECTED},
        Status.REVISION_REQUESTED: {Status.SUBMITTED},
        Status.APPROVED: {Status.SUSPENDED, Status.ARCHIVED},
        Status.SUSPENDED: {Status.APPROVED, Status.ARCHIVED},
    }
    NEEDS_REASON = {Status.REJECTED, Status.REVISION_REQUESTED, Status.SUSPENDED}
    KINDS_NEEDING_NIB = {Kind.UMKM, Kind.KOPERASI}

    name = models.CharField(_("nama usaha"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    kind = models.CharField(_("jenis usaha"), max_length=10, choices=Kind.choices, default=Kind.UMKM)
    story = models.TextField(_("cerita usaha"), blank=True)
    regency = models.ForeignKey(
        Regency, verbose_name=_("asal daerah"), on_delete=models.PROTECT, related_name="vendors"
    )
    centre = models.ForeignKey(
        Centre,
        verbose_name=_("sentra"),
        on_delete=models.PROTECT,
        related_name="vendors",
        null=True,  # rows made outside the services (old code paths, fixtures) count as the default centre's
        blank=True,
    )
    address = models.TextField(_("alamat produksi"), blank=True)
    whatsapp = models.CharField(_("nomor WhatsApp"), max_length=20, blank=True, help_text=_("Format +62…"))
    nib = models.CharField(_("NIB"), max_length=13, blank=True)
    logo = models.ImageField(_("logo"), upload_to="vendors/logos/", blank=True)
    categories = models.ManyToManyField(
        "catalog.Category", verbose_name=_("kategori produk"), blank=True, related_name="vendors"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    status_note = models.TextField(_("catatan Dinas terakhir"), blank=True)
    status_changed_at = models.DateTimeField(_("status diubah"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    accepts_qris = models.BooleanField(_("menerima QRIS"), default=False)
    opening_note = models.CharField(_("catatan jam buka"), max_length=200, blank=True)
    on_holiday = models.BooleanField(_("sedang libur"), default=False)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)
    # The last day a verified BNSP certificate of the vendor is valid (catalog.services.badges keeps it).
    bnsp_until = models.DateField(_("BNSP berlaku sampai"), null=True, blank=True, editable=False)

    objects = VendorQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at", "bnsp_until"])

    class Meta:
        verbose_name = _("UMKM")
        verbose_name_plural = _("UMKM")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["nib"], condition=~Q(nib=""), name="vendor_unique_nib"),
        ]
        indexes = [
            models.Index(fields=["status", "regency"], name="vendor_status_regency_idx"),
            models.Index(fields=["centre", "status"], name="vendor_centre_status_idx"),
        ]
        permissions = [
            ("review_vendor", _("Dapat menyetujui, menolak, dan membekukan UMKM")),
            ("export_reports", _("Dapat mengunduh laporan Dinas")),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:vendor-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        if self.kind in self.KINDS_NEEDING_NIB and not self.nib:
            raise ValidationError({"nib": _("NIB wajib diisi untuk UMKM dan koperasi.")})
        if self.nib:
            validate_nib(self.nib)

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def has_bnsp(self) -> bool:
        """A verified BNSP certificate of the vendor is valid today (its products show the BNSP badge)."""
        return self.bnsp_until is not None and self.bnsp_until >= timezone.localdate()

    @property
    def is_lapas(self) -> bool:
        return self.kind == self.Kind.LAPAS

    def transition(self, to: str, *, actor, reason: str = "") -> "VendorEvent":
        """Move to status `to`, recording who, when and why; refuse moves the table does not list."""
        check_transition(self.TRANSITIONS, self.status, to, reason=reason, needs_reason=self.NEEDS_REASON)
        source, now = self.status, timezone.now()
        self.status, self.status_changed_at, self.status_note = to, now, reason
        if to == self.Status.SUBMITTED:
            self.submitted_at = now
        with transaction.atomic():
            self.save(update_fields=["status", "status_changed_at", "status_note", "submitted_at", "updated_at"])
            if (source == self.Status.APPROVED) != (to == self.Status.APPROVED):
                vendor_changed.send(sender=Vendor, vendor_ids=[self.pk])  # the catalogue's copy of the approval
            return VendorEvent.objects.create(vendor=self, from_status=source, to_status=to, actor=actor, reason=reason)


class VendorMembership(models.Model):
    """A user who may manage a vendor. The owner is the first member."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Pemilik")
        STAFF = "staff", _("Staf")

    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="vendor_memberships")
    role = models.CharField(_("peran"), max_length=10, choices=Role.choices, default=Role.STAFF)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(_("sejak"), auto_now_add=True)

    class Meta:
        verbose_name = _("anggota UMKM")
        verbose_name_plural = _("anggota UMKM")
        ordering = ["vendor", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["vendor", "user"], condition=Q(is_active=True), name="membership_one_active_per_user"
            ),
            models.UniqueConstraint(
                fields=["vendor"], condition=Q(role="owner", is_active=True), name="membership_one_owner"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.vendor}"


class VendorEvent(models.Model):
    """An audit row for each status change of a vendor: who, when, from what to what, and why."""

    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("dari"), max_length=20, choices=Vendor.Status.choices)
    to_status = models.CharField(_("menjadi"), max_length=20, choices=Vendor.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.TextField(_("alasan"), blank=True)
    created_at = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        verbose_name = _("riwayat status UMKM")
        verbose_name_plural = _("riwayat status UMKM")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.vendor}: {self.from_status} → {self.to_status}"


class VendorMove(models.Model):
    """An audit row for each move of a vendor to another centre: who, when, from where to where, and why."""

    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="moves")
    from_centre = models.ForeignKey(Centre, verbose_name=_("dari"), on_delete=models.PROTECT, related_name="+")
    to_centre = models.ForeignKey(Centre, verbose_name=_("ke"), on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.TextField(_("alasan"))
    created_at = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        verbose_name = _("perpindahan sentra UMKM")
        verbose_name_plural = _("perpindahan sentra UMKM")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.vendor}: {self.from_centre} → {self.to_centre}"


class StaffScope(models.Model):
    """Which centres a Dinas staff account works on: some centres, or the whole province.

    A Dinas account without a scope sees an explanation in the console, not an empty one; superusers need none."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("akun"), on_delete=models.CASCADE, related_name="staff_scope"
    )
    whole_province = models.BooleanField(_("seluruh provinsi"), default=False)
    centres = models.ManyToManyField(Centre, verbose_name=_("sentra"), blank=True, related_name="staff_scopes")
    note = models.CharField(_("catatan"), max_length=200, blank=True)

    history = HistoricalRecords(m2m_fields=[centres])

    class Meta:
        verbose_name = _("wilayah kerja staf Dinas")
        verbose_name_plural = _("wilayah kerja staf Dinas")

    def __str__(self) -> str:
        return f"{self.user}"


class UnitAssignmentQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None) -> "UnitAssignmentQuerySet":
        on = on or timezone.localdate()
        return self.filter(Q(end_on__isnull=True) | Q(end_on__gte=on), start_on__lte=on)

    def of_vendor(self, vendor) -> "UnitAssignmentQuerySet":
        return self.filter(vendor=vendor)

    def of_unit(self, unit) -> "UnitAssignmentQuerySet":
        return self.filter(unit=unit)

    def with_people(self) -> "UnitAssignmentQuerySet":
        """With the unit, the vendor and who assigned it, as a tenancy history shows them."""
        return self.select_related("unit", "vendor", "assigned_by")


class UnitAssignment(models.Model):
    """A vendor's tenancy of a unit. Never more active rows than the unit's capacity (see services)."""

    unit = models.ForeignKey(ShopUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="assignments")
    vendor = models.ForeignKey(
        Vendor, verbose_name=_("UMKM"), on_delete=models.PROTECT, related_name="unit_assignments"
    )
    start_on = models.DateField(_("mulai"), default=timezone.localdate)
    end_on = models.DateField(_("selesai"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditetapkan oleh"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    note = models.CharField(_("catatan"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    objects = UnitAssignmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("penempatan unit")
        verbose_name_plural = _("penempatan unit")
        ordering = ["-start_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(end_on__gte=models.F("start_on")),
                name="assignment_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["unit", "vendor"], condition=Q(end_on__isnull=True), name="assignment_no_double_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vendor} @ {self.unit}"
