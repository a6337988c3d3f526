"""Institutional buyers (hotels, restaurants, offices) and what they order from UMKM: one-off and standing
orders, the dated occurrences a vendor confirms, and the invoices (faktur) of each vendor's number series."""

import datetime

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models, transaction
from django.db.models import F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Product
from sentra.states import check_transition
from vendors.models import Regency, Vendor

validate_npwp = RegexValidator(r"^\d{15,16}$", _("NPWP terdiri dari 15 atau 16 angka (tanpa titik dan tanda hubung)."))


class OrganisationQuerySet(models.QuerySet):
    def verified(self) -> "OrganisationQuerySet":
        return self.filter(status=Organisation.Status.VERIFIED)

    def for_user(self, user) -> "OrganisationQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user, memberships__is_active=True)

    def for_review(self) -> "OrganisationQuerySet":
        return self.select_related("regency").order_by("status", "name")


class Organisation(models.Model):
    """A hotel, restaurant, café, shop, office or Pemda unit that buys from UMKM; Dinas verifies it."""

    class Kind(models.TextChoices):
        HOTEL = "hotel", _("Hotel")
        RESTAURANT = "restaurant", _("Restoran")
        CAFE = "cafe", _("Kafe")
        SHOP = "shop", _("Toko oleh-oleh")
        OFFICE = "office", _("Kantor")
        PEMDA = "pemda", _("Unit Pemda")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Diajukan")
        REVISION_REQUESTED = "revision_requested", _("Perlu perbaikan")
        VERIFIED = "verified", _("Terverifikasi")
        REJECTED = "rejected", _("Ditolak")
        SUSPENDED = "suspended", _("Dibekukan")

    TRANSITIONS = {
        Status.SUBMITTED: {Status.REVISION_REQUESTED, Status.VERIFIED, Status.REJECTED},
        Status.REVISION_REQUESTED: {Status.SUBMITTED},
        Status.VERIFIED: {Status.SUSPENDED},
        Status.SUSPENDED: {Status.VERIFIED},
    }
    NEEDS_REASON = {Status.REJECTED, Status.REVISION_REQUESTED, Status.SUSPENDED}

    name = models.CharField(_("nama organisasi"), max_length=120)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    npwp = models.CharField(_("NPWP"), max_length=16, blank=True, validators=[validate_npwp])
    address = models.TextField(_("alamat"))
    regency = models.ForeignKey(
        Regency, verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT, related_name="buyer_organisations"
    )
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    status_note = models.TextField(_("catatan Dinas terakhir"), blank=True)
    status_changed_at = models.DateTimeField(_("status diubah"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisasi pembeli")
        verbose_name_plural = _("organisasi pembeli")
        ordering = ["name"]
        permissions = [("review_organisation", _("Dapat memverifikasi organisasi pembeli"))]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED

    def transition(self, to: str, *, actor, reason: str = "") -> "OrganisationEvent":
        """Move to status `to`, recording who, when and why; refuse moves the table does not list."""
        check_transition(self.TRANSITIONS, self.status, to, reason=reason, needs_reason=self.NEEDS_REASON)
        source = self.status
        self.status, self.status_changed_at, self.status_note = to, timezone.now(), reason
        with transaction.atomic():
            self.save(update_fields=["status", "status_changed_at", "status_note"])
            return OrganisationEvent.objects.create(
                organisation=self, from_status=source, to_status=to, actor=actor, reason=reason
            )


class OrganisationMembership(models.Model):
    """A contact person of an organisation: a user who may order and see its documents."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Penanggung jawab")
        STAFF = "staff", _("Staf")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="buyer_memberships")
    role = models.CharField(_("peran"), max_length=10, choices=Role.choices, default=Role.STAFF)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(_("sejak"), auto_now_add=True)

    class Meta:
        verbose_name = _("anggota organisasi pembeli")
        verbose_name_plural = _("anggota organisasi pembeli")
        ordering = ["organisation", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], condition=Q(is_active=True), name="buyer_membership_one_active"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"


class OrganisationEvent(models.Model):
    """An audit row for each status change of an organisation."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("dari"), max_length=20, choices=Organisation.Status.choices)
    to_status = models.CharField(_("menjadi"), max_length=20, choices=Organisation.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.TextField(_("alasan"), blank=True)
    created_at = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        verbose_name = _("riwayat status organisasi")
        verbose_name_plural = _("riwayat status organisasi")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.from_status} → {self.to_status}"


class PriceTier(models.Model):
    """A wholesale price of a product from a minimum quantity on, shown to verified buyers only."""

    product = models.ForeignKey(Product, verbose_name=_("produk"), on_delete=models.CASCADE, related_name="tiers")
    min_quantity = models.PositiveIntegerField(_("jumlah minimum"), validators=[MinValueValidator(2)])
    price = models.PositiveIntegerField(_("harga grosir (Rp)"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("harga grosir")
        verbose_name_plural = _("harga grosir")
        ordering = ["product", "min_quantity"]
        constraints = [
            models.UniqueConstraint(fields=["product", "min_quantity"], name="pricetier_one_per_quantity"),
            models.CheckConstraint(condition=Q(min_quantity__gte=2), name="pricetier_min_quantity_above_one"),
            models.CheckConstraint(condition=Q(price__gte=1), name="pricetier_price_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.product_id} ≥{self.min_quantity}: {self.price}"


def unit_price(product: Product, quantity: int, tiers) -> int:
    """The price of `quantity` units for a verified buyer: the best tier reached, else the shelf price."""
    reached = [tier.price for tier in tiers if tier.product_id == product.pk and quantity >= tier.min_quantity]
    return min([product.price, *reached])


class BuyerOrderQuerySet(models.QuerySet):
    def of_organisation(self, organisation) -> "BuyerOrderQuerySet":
        return self.filter(organisation=organisation)

    def of_vendor(self, vendor) -> "BuyerOrderQuerySet":
        return self.filter(vendor=vendor)

    def with_parties(self) -> "BuyerOrderQuerySet":
        return self.select_related("organisation", "vendor").order_by("-created_at", "-pk")


class BuyerOrder(models.Model):
    """A one-off order (one date) or a standing order (a schedule between start and end) with one vendor."""

    class Kind(models.TextChoices):
        ONE_OFF = "one_off", _("Sekali pesan")
        STANDING = "standing", _("Pesanan rutin")

    class Fulfilment(models.TextChoices):
        DELIVERY = "delivery", _("Diantar")
        PICKUP = "pickup", _("Diambil di ruko")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Aktif")
        PAUSED = "paused", _("Dijeda")
        ENDED = "ended", _("Selesai")
        CANCELLED = "cancelled", _("Dibatalkan")

    TRANSITIONS = {
        Status.ACTIVE: {Status.PAUSED, Status.ENDED, Status.CANCELLED},
        Status.PAUSED: {Status.ACTIVE, Status.CANCELLED},
    }

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="orders")
    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="buyer_orders")
    kind = models.CharField(_("jenis pesanan"), max_length=10, choices=Kind.choices, default=Kind.ONE_OFF)
    weekdays = models.CharField(_("hari"), max_length=13, blank=True, help_text=_("0 = Senin … 6 = Minggu"))
    every_days = models.PositiveSmallIntegerField(_("setiap N hari"), null=True, blank=True)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("sampai"))
    fulfilment = models.CharField(_("pengiriman"), max_length=10, choices=Fulfilment.choices)
    address = models.TextField(_("alamat kirim"), blank=True)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    status_note = models.CharField(_("keterangan status"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)

    objects = BuyerOrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("pesanan mitra")
        verbose_name_plural = _("pesanan mitra")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="buyerorder_dates_in_order"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.organisation} → {self.vendor}"

    def get_absolute_url(self) -> str:
        return reverse("buyers:order-detail", kwargs={"pk": self.pk})

    @property
    def weekday_numbers(self) -> list[int]:
        return [int(day) for day in self.weekdays.split(",") if day]

    def dates_between(self, first: datetime.date, last: datetime.date) -> list[datetime.date]:
        """The delivery dates of the schedule that fall between `first` and `last` (inclusive)."""
        first, last = max(first, self.start_date), min(last, self.end_date)
        days, day = [], first
        while day <= last:
            if self.kind == self.Kind.ONE_OFF:
                wanted = day == self.start_date
            elif self.every_days:
                wanted = (day - self.start_date).days % self.every_days == 0
            else:
                wanted = day.weekday() in self.weekday_numbers
            if wanted:
                days.append(day)
            day += datetime.timedelta(days=1)
        return days

    def transition(self, to: str, *, reason: str = "") -> None:
        """Move to status `to` (the caller records who asked, in the same transaction)."""
        check_transition(self.TRANSITIONS, self.status, to)
        self.status, self.status_note = to, reason[:300]
        self.save(update_fields=["status", "status_note"])


class BuyerOrderLine(models.Model):
    """A product of an order with its quantity per drop and the agreed unit price."""

    order = models.ForeignKey(BuyerOrder, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, verbose_name=_("produk"), on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(_("jumlah"), validators=[MinValueValidator(1)])
    unit_price = models.PositiveIntegerField(_("harga satuan disepakati"))

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["order", "product"], name="buyerorderline_one_per_product"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="buyerorderline_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.product_id}"


class OccurrenceQuerySet(models.QuerySet):
    def of_organisation(self, organisation) -> "OccurrenceQuerySet":
        return self.filter(order__organisation=organisation)

    def of_vendor(self, vendor) -> "OccurrenceQuerySet":
        return self.filter(order__vendor=vendor)

    def on(self, day: datetime.date) -> "OccurrenceQuerySet":
        return self.filter(date=day)

    def with_parties(self) -> "OccurrenceQuerySet":
        return self.select_related("order__organisation", "order__vendor", "invoice").order_by("date", "pk")

    def with_lines(self) -> "OccurrenceQuerySet":
        return self.with_parties().prefetch_related("lines__product")

    def turnover(self) -> "OccurrenceQuerySet":
        """Delivered drops only: the B2B turnover the reports count."""
        return self.filter(status=Occurrence.Status.DELIVERED)


class Occurrence(models.Model):
    """One dated drop of an order: the vendor confirms, proposes a change, or declines it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu konfirmasi")
        PROPOSED = "proposed", _("Perubahan diusulkan")
        CONFIRMED = "confirmed", _("Dikonfirmasi")
        DECLINED = "declined", _("Ditolak")
        DELIVERED = "delivered", _("Terkirim")
        CANCELLED = "cancelled", _("Dibatalkan")
        SKIPPED = "skipped", _("Dilewati (pesanan dijeda)")

    TRANSITIONS = {
        Status.PENDING: {Status.CONFIRMED, Status.PROPOSED, Status.DECLINED, Status.CANCELLED, Status.SKIPPED},
        Status.PROPOSED: {Status.CONFIRMED, Status.DECLINED, Status.CANCELLED},
        Status.CONFIRMED: {Status.DELIVERED, Status.CANCELLED},
    }
    NEEDS_REASON = {Status.DECLINED, Status.CANCELLED, Status.PROPOSED}
    HOLDING = {Status.CONFIRMED}

    order = models.ForeignKey(BuyerOrder, on_delete=models.CASCADE, related_name="occurrences")
    date = models.DateField(_("tanggal kirim"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    status_note = models.CharField(_("keterangan"), max_length=300, blank=True)
    late_flagged_at = models.DateTimeField(_("terlambat dikonfirmasi"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("pengingat dikirim"), null=True, blank=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("kiriman")
        verbose_name_plural = _("kiriman")
        ordering = ["date", "pk"]
        constraints = [models.UniqueConstraint(fields=["order", "date"], name="occurrence_one_per_order_day")]
        indexes = [models.Index(fields=["date", "status"], name="occurrence_date_status_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.date}"

    @property
    def code(self) -> str:
        return f"B2B-{self.pk:06d}"

    @property
    def total(self) -> int:
        return sum(line.subtotal for line in self.lines.all())

    def transition(self, to: str, *, actor, reason: str = "") -> "OccurrenceEvent":
        """Move to status `to`, recording who, when and why (the caller holds the row lock)."""
        check_transition(self.TRANSITIONS, self.status, to, reason=reason, needs_reason=self.NEEDS_REASON)
        source = self.status
        self.status, self.status_note = to, reason[:300]
        self.save(update_fields=["status", "status_note", "updated_at"])
        return OccurrenceEvent.objects.create(
            occurrence=self, from_status=source, to_status=to, actor=actor, reason=reason
        )


class OccurrenceLine(models.Model):
    """What one drop carries: the order's line, or the vendor's proposed change of it."""

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    product_name = models.CharField(_("nama produk"), max_length=160)
    sale_unit = models.CharField(_("satuan"), max_length=30, blank=True)
    quantity = models.PositiveIntegerField(_("jumlah"))
    proposed_quantity = models.PositiveIntegerField(_("jumlah diusulkan"), null=True, blank=True)
    unit_price = models.PositiveIntegerField(_("harga satuan"))

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["occurrence", "product"], name="occurrenceline_one_per_product")]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.product_name}"

    @property
    def subtotal(self) -> int:
        return self.quantity * self.unit_price


class OccurrenceEvent(models.Model):
    """Audit row of an occurrence's status change."""

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("dari"), max_length=10, choices=Occurrence.Status.choices)
    to_status = models.CharField(_("menjadi"), max_length=10, choices=Occurrence.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.TextField(_("alasan"), blank=True)
    created_at = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.occurrence_id}: {self.from_status} → {self.to_status}"


class InvoiceSeries(models.Model):
    """The last invoice number a vendor issued: locked to take the next one, so numbers never repeat or skip."""

    vendor = models.OneToOneField(Vendor, on_delete=models.CASCADE, related_name="invoice_series")
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.vendor_id}: {self.last_number}"


class InvoiceQuerySet(models.QuerySet):
    def with_parties(self) -> "InvoiceQuerySet":
        return self.select_related("vendor", "organisation", "occurrence").order_by("-issued_on", "-number")

    def unpaid(self) -> "InvoiceQuerySet":
        return self.filter(paid_on__isnull=True)

    def total(self) -> int:
        return self.aggregate(total=Sum("amount"))["total"] or 0


class Invoice(models.Model):
    """A faktur for one delivered drop; Sentra records paid/unpaid, no money moves through it."""

    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="invoices")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="invoices")
    occurrence = models.OneToOneField(Occurrence, on_delete=models.PROTECT, related_name="invoice")
    number = models.PositiveIntegerField(_("nomor urut"))
    issued_on = models.DateField(_("tanggal faktur"))
    due_on = models.DateField(_("jatuh tempo"))
    amount = models.PositiveIntegerField(_("jumlah tagihan"))
    paid_on = models.DateField(_("dibayar pada"), null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("faktur")
        verbose_name_plural = _("faktur")
        ordering = ["-issued_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["vendor", "number"], name="invoice_unique_number_per_vendor"),
            models.CheckConstraint(condition=Q(due_on__gte=F("issued_on")), name="invoice_due_after_issue"),
        ]

    def __str__(self) -> str:
        return self.display_number

    @property
    def display_number(self) -> str:
        return f"INV/{self.vendor_id}/{self.issued_on:%Y}/{self.number:05d}"

    @property
    def is_paid(self) -> bool:
        return self.paid_on is not None

    @property
    def is_overdue(self) -> bool:
        return not self.is_paid and self.due_on < timezone.localdate()
