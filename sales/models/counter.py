"""Counter sales at the unit: one sale with its lines at the prices of the moment, and its audit rows."""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from catalog.models import Product
from orders.models import CODE_ALPHABET
from sentra.states import check_transition
from vendors.models import Vendor

from .events import Event, Stall

SALE_PREFIX = "JL-"


def new_sale_code() -> str:
    """Return a short receipt number such as `JL-7K3QX9` (read aloud, typed into a search)."""
    return SALE_PREFIX + "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


def new_receipt_token() -> str:
    """Return the unguessable part of the buyer's receipt link."""
    return secrets.token_urlsafe(16)


def day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """Start and end of a local (WIB) day as aware datetimes."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
    return start, timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time()))


class CounterSaleQuerySet(models.QuerySet):
    def for_vendor(self, vendor) -> "CounterSaleQuerySet":
        return self.filter(vendor=vendor)

    def on_day(self, day: datetime.date) -> "CounterSaleQuerySet":
        start, end = day_bounds(day)
        return self.filter(sold_at__gte=start, sold_at__lt=end)

    def between(self, since: datetime.datetime, until: datetime.datetime) -> "CounterSaleQuerySet":
        return self.filter(sold_at__gte=since, sold_at__lt=until)

    def at_counter(self) -> "CounterSaleQuerySet":
        """Sales at the vendor's own unit (not at an event stall)."""
        return self.filter(event__isnull=True)

    def at_events(self) -> "CounterSaleQuerySet":
        return self.filter(event__isnull=False)

    def counted(self) -> "CounterSaleQuerySet":
        """Sales that count in turnover: not voided."""
        return self.filter(status=CounterSale.Status.SOLD)

    def with_lines(self) -> "CounterSaleQuerySet":
        return self.select_related("vendor", "sold_by", "voided_by", "event", "stall").prefetch_related("lines")

    def summary(self) -> dict:
        """Count and rupiah of the counted sales, in total and by payment kind."""
        counted = self.counted()
        totals = counted.aggregate(count=Count("pk"), total=Sum("total"))
        by_kind = dict(counted.values_list("payment").annotate(t=Sum("total")).order_by())
        rows = [
            {"kind": kind, "label": label, "total": by_kind.get(kind) or 0}
            for kind, label in CounterSale.Payment.choices
        ]
        voided = self.filter(status=CounterSale.Status.VOIDED).count()
        return {"count": totals["count"], "total": totals["total"] or 0, "by_payment": rows, "voided": voided}


class CounterSale(models.Model):
    """A sale over the counter of a vendor's unit, paid on the spot."""

    class Payment(models.TextChoices):
        CASH = "cash", _("Tunai")
        QRIS = "qris", _("QRIS")
        TRANSFER = "transfer", _("Transfer")

    class Status(models.TextChoices):
        SOLD = "sold", _("Terjual")
        VOIDED = "voided", _("Dibatalkan")

    TRANSITIONS = {Status.SOLD: {Status.VOIDED}}
    NEEDS_REASON = {Status.VOIDED}

    code = models.CharField(_("nomor struk"), max_length=12, unique=True, default=new_sale_code)
    receipt_token = models.CharField(max_length=32, unique=True, default=new_receipt_token, editable=False)
    vendor = models.ForeignKey(Vendor, verbose_name=_("UMKM"), on_delete=models.PROTECT, related_name="counter_sales")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SOLD)
    payment = models.CharField(_("pembayaran"), max_length=10, choices=Payment.choices)
    total = models.PositiveBigIntegerField(_("total (Rp)"), default=0)
    sold_at = models.DateTimeField(_("waktu penjualan"), default=timezone.now)
    sold_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    voided_at = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibatalkan oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    void_reason = models.TextField(_("alasan pembatalan"), blank=True)
    token = models.CharField(max_length=64, blank=True, editable=False)
    event = models.ForeignKey(
        Event, verbose_name=_("acara"), on_delete=models.PROTECT, null=True, blank=True, related_name="sales"
    )
    stall = models.ForeignKey(
        Stall, verbose_name=_("lapak"), on_delete=models.PROTECT, null=True, blank=True, related_name="sales"
    )

    objects = CounterSaleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("penjualan langsung")
        verbose_name_plural = _("penjualan langsung")
        ordering = ["-sold_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["vendor", "token"], condition=~Q(token=""), name="countersale_one_per_form_token"
            ),
            models.CheckConstraint(
                condition=Q(status="sold", voided_at__isnull=True) | Q(status="voided", voided_at__isnull=False),
                name="countersale_voided_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["vendor", "sold_at"], name="countersale_vendor_day_idx"),
            models.Index(fields=["event", "sold_at"], name="countersale_event_day_idx"),
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("vendors:sale-detail", kwargs={"code": self.code})

    def get_receipt_url(self) -> str:
        return reverse("sales:receipt", kwargs={"token": self.receipt_token})

    @property
    def is_voided(self) -> bool:
        return self.status == self.Status.VOIDED

    def can_void(self, now: datetime.datetime | None = None) -> bool:
        """Whether the sale may still be voided: not voided yet and made today (WIB)."""
        today = timezone.localdate(now or timezone.now())
        return self.status == self.Status.SOLD and timezone.localdate(self.sold_at) == today

    def transition(self, to: str, *, actor, reason: str = "") -> "CounterSaleEvent":
        """Move to `to` (only sold → voided), stamping who and why; stock belongs to the services."""
        check_transition(self.TRANSITIONS, self.status, to, reason=reason, needs_reason=self.NEEDS_REASON)
        source, now = self.status, timezone.now()
        self.status, self.voided_at, self.voided_by, self.void_reason = to, now, actor, reason
        self._history_user = actor
        self.save()
        return CounterSaleEvent.objects.create(sale=self, from_status=source, to_status=to, actor=actor, reason=reason)


class CounterSaleLine(models.Model):
    """One product of a counter sale, with the name and price as they were when sold."""

    sale = models.ForeignKey(CounterSale, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, verbose_name=_("produk"), on_delete=models.PROTECT, related_name="+")
    product_name = models.CharField(_("nama produk"), max_length=120)
    sale_unit = models.CharField(_("satuan"), max_length=30)
    unit_price = models.PositiveIntegerField(_("harga satuan (Rp)"))
    quantity = models.PositiveSmallIntegerField(_("jumlah"))

    class Meta:
        verbose_name = _("baris penjualan")
        verbose_name_plural = _("baris penjualan")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="countersaleline_quantity_positive"),
            models.CheckConstraint(condition=Q(unit_price__gte=1), name="countersaleline_price_positive"),
            models.UniqueConstraint(fields=["sale", "product"], name="countersaleline_unique_product"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.product_name}"

    @property
    def subtotal(self) -> int:
        return self.unit_price * self.quantity


class CounterSaleEvent(models.Model):
    """An audit row for a counter sale: recorded or voided, by whom, when and why."""

    sale = models.ForeignKey(CounterSale, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=10, choices=CounterSale.Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=CounterSale.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("riwayat penjualan")
        verbose_name_plural = _("riwayat penjualan")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.sale}: {self.to_status}"
