"""Reservations (reserve now, pick up and pay at the unit) and the stock ledger."""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from catalog.models import Product
from sentra.states import IllegalTransition, check_transition
from vendors.models import Vendor

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud at the counter
CODE_PREFIX = "SOL-"


def new_reservation_code() -> str:
    """Return a short, unambiguous pickup code such as `SOL-7K3QX`."""
    return CODE_PREFIX + "".join(secrets.choice(CODE_ALPHABET) for _ in range(5))


class ReservationQuerySet(models.QuerySet):
    def open(self) -> "ReservationQuerySet":
        return self.filter(status__in=Reservation.OPEN_STATUSES)

    def overdue(self, now=None) -> "ReservationQuerySet":
        """Open reservations whose hold has passed: they no longer block stock."""
        return self.open().filter(hold_until__lt=now or timezone.now())

    def for_shopper(self, user) -> "ReservationQuerySet":
        return self.filter(shopper=user)

    def for_vendor(self, vendor) -> "ReservationQuerySet":
        return self.filter(vendor=vendor)

    def with_lines(self) -> "ReservationQuerySet":
        return self.select_related("vendor", "shopper", "pickup_centre").prefetch_related("lines")

    def in_tab(self, tab: str) -> "ReservationQuerySet":
        """A vendor's tab: "open" (to handle, soonest pickup first) or "done" (settled, newest first)."""
        if tab == "done":
            closed = (Reservation.Status.COLLECTED, Reservation.Status.CANCELLED, Reservation.Status.EXPIRED)
            return self.filter(status__in=closed).order_by("-pickup_date", "-placed_at")
        return self.open().order_by("pickup_date", "placed_at")

    def with_shopper_and_lines(self) -> "ReservationQuerySet":
        return self.select_related("shopper").prefetch_related("lines")


class Reservation(models.Model):
    class Status(models.TextChoices):
        PLACED = "placed", _("Dipesan")
        READY = "ready", _("Siap diambil")
        COLLECTED = "collected", _("Sudah diambil")
        CANCELLED = "cancelled", _("Dibatalkan")
        EXPIRED = "expired", _("Kedaluwarsa")

    OPEN_STATUSES = (Status.PLACED, Status.READY)
    TRANSITIONS = {
        Status.PLACED: {Status.READY, Status.CANCELLED, Status.EXPIRED},
        Status.READY: {Status.COLLECTED, Status.CANCELLED, Status.EXPIRED},
    }
    NEEDS_REASON = {Status.CANCELLED}
    # COLLECTED -> READY is not in TRANSITIONS: only `undo_handover` takes it, and only within this window.
    HANDOVER_UNDO_WINDOW = datetime.timedelta(minutes=15)
    TIMESTAMP_FIELDS = {
        Status.READY: "ready_at",
        Status.COLLECTED: "collected_at",
        Status.CANCELLED: "cancelled_at",
        Status.EXPIRED: "expired_at",
    }

    code = models.CharField(_("kode ambil"), max_length=12, unique=True, default=new_reservation_code)
    shopper = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pembeli"), on_delete=models.PROTECT, related_name="reservations"
    )
    vendor = models.ForeignKey(Vendor, verbose_name=_("UMKM"), on_delete=models.PROTECT, related_name="reservations")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLACED)
    pickup_date = models.DateField(_("tanggal ambil"))
    # Where it is picked up, fixed when placed: moving the vendor later does not move open reservations.
    pickup_centre = models.ForeignKey(
        "vendors.Centre",
        verbose_name=_("sentra ambil"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reservations",
    )
    pickup_unit = models.ForeignKey(
        "vendors.ShopUnit",
        verbose_name=_("unit ambil"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reservations",
    )
    hold_until = models.DateTimeField(_("ditahan sampai"))
    contact_name = models.CharField(_("nama pemesan"), max_length=120)
    contact_phone = models.CharField(_("nomor WhatsApp"), max_length=20, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    total = models.PositiveBigIntegerField(_("total (Rp)"), default=0)
    placed_at = models.DateTimeField(_("dipesan pada"), default=timezone.now)
    ready_at = models.DateTimeField(_("siap pada"), null=True, blank=True)
    collected_at = models.DateTimeField(_("diambil pada"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True)
    expired_at = models.DateTimeField(_("kedaluwarsa pada"), null=True, blank=True)
    cancel_reason = models.TextField(_("alasan pembatalan"), blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibatalkan oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    checkout_token = models.CharField(max_length=64, blank=True, editable=False)

    objects = ReservationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reservasi")
        verbose_name_plural = _("reservasi")
        ordering = ["-placed_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(hold_until__gte=F("placed_at")), name="reservation_hold_after_placed"),
            models.UniqueConstraint(
                fields=["checkout_token", "vendor"],
                condition=~Q(checkout_token=""),
                name="reservation_one_per_checkout_vendor",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "hold_until"], name="reservation_status_hold_idx"),
            models.Index(fields=["vendor", "status", "pickup_date"], name="reservation_vendor_queue_idx"),
            models.Index(fields=["shopper", "status"], name="reservation_shopper_idx"),
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("orders:reservation-detail", kwargs={"code": self.code})

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def handover_undo_deadline(self) -> datetime.datetime | None:
        """Until when a hand-over may be undone (None unless collected)."""
        if self.status != self.Status.COLLECTED or self.collected_at is None:
            return None
        return self.collected_at + self.HANDOVER_UNDO_WINDOW

    def can_undo_handover(self, now: datetime.datetime | None = None) -> bool:
        """Whether the hand-over is recent enough to be undone."""
        deadline = self.handover_undo_deadline
        return deadline is not None and (now or timezone.now()) < deadline

    def undo_handover(
        self, *, actor, hold_until: datetime.datetime, reason: str = "", now: datetime.datetime | None = None
    ) -> "ReservationEvent":
        """Move a reservation collected moments ago back to ready with a new hold; stock belongs to the services."""
        now = now or timezone.now()
        if self.status != self.Status.COLLECTED:
            message = gettext("Penyerahan %(code)s tidak bisa dibatalkan: reservasi berstatus “%(status)s”.")
            raise IllegalTransition(message % {"code": self.code, "status": self.get_status_display().lower()})
        if not self.can_undo_handover(now):
            message = gettext(
                "Penyerahan %(code)s tidak bisa dibatalkan lagi: sudah lewat %(minutes)d menit sejak diserahkan."
            )
            minutes = int(self.HANDOVER_UNDO_WINDOW.total_seconds() // 60)
            raise IllegalTransition(message % {"code": self.code, "minutes": minutes})
        self.status, self.collected_at, self.hold_until = self.Status.READY, None, hold_until
        self._history_user = actor
        self.save()
        return ReservationEvent.objects.create(
            reservation=self,
            from_status=self.Status.COLLECTED,
            to_status=self.Status.READY,
            actor=actor,
            reason=reason,
            created_at=now,
        )

    def transition(self, to: str, *, actor, reason: str = "") -> "ReservationEvent":
        """Move to `to`, stamping the time of the step; stock effects belong to the services."""
        check_transition(self.TRANSITIONS, self.status, to, reason=reason, needs_reason=self.NEEDS_REASON)
        source, now = self.status, timezone.now()
        self.status = to
        setattr(self, self.TIMESTAMP_FIELDS[to], now)
        if to == self.Status.CANCELLED:
            self.cancel_reason, self.cancelled_by = reason, actor
        self._history_user = actor
        self.save()
        return ReservationEvent.objects.create(
            reservation=self, from_status=source, to_status=to, actor=actor, reason=reason, created_at=now
        )


class ReservationLine(models.Model):
    """One product in a reservation, with the name and price as they were when reserved."""

    reservation = models.ForeignKey(Reservation, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, verbose_name=_("produk"), on_delete=models.PROTECT, related_name="+")
    product_name = models.CharField(_("nama produk"), max_length=120)
    sale_unit = models.CharField(_("satuan"), max_length=30)
    unit_price = models.PositiveIntegerField(_("harga satuan (Rp)"))
    quantity = models.PositiveSmallIntegerField(_("jumlah"))
    made_to_order = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("baris reservasi")
        verbose_name_plural = _("baris reservasi")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="reservationline_quantity_positive"),
            models.UniqueConstraint(fields=["reservation", "product"], name="reservationline_unique_product"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.product_name}"

    @property
    def subtotal(self) -> int:
        return self.unit_price * self.quantity


class ReservationEventQuerySet(models.QuerySet):
    def with_actor(self) -> "ReservationEventQuerySet":
        return self.select_related("actor")


class ReservationEvent(models.Model):
    """A step in a reservation's timeline, with who did it and why."""

    reservation = models.ForeignKey(Reservation, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=10, choices=Reservation.Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Reservation.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReservationEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("riwayat reservasi")
        verbose_name_plural = _("riwayat reservasi")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.reservation}: {self.to_status}"


class StockMovementQuerySet(models.QuerySet):
    def of_product(self, product) -> "StockMovementQuerySet":
        return self.filter(product=product)

    def with_actor(self) -> "StockMovementQuerySet":
        """With who moved the stock and for which reservation, newest first (the model's order)."""
        return self.select_related("actor", "reservation")


class StockMovement(models.Model):
    """Append-only stock ledger. `on_hand_delta` changes stock on hand; `held_delta` the quantity on hold."""

    class Reason(models.TextChoices):
        INITIAL = "initial", _("Stok awal")
        RESTOCK = "restock", _("Tambah stok")
        CORRECTION = "correction", _("Koreksi")
        DAMAGED = "damaged", _("Rusak/hilang")
        RESERVED = "reserved", _("Dipesan")
        RELEASED = "released", _("Pesanan batal/kedaluwarsa")
        COLLECTED = "collected", _("Diambil pembeli")
        UNCOLLECTED = "uncollected", _("Penyerahan dibatalkan")
        SOLD_OFFLINE = "sold_offline", _("Terjual langsung di toko")
        COUNTER_SOLD = "counter_sold", _("Terjual di kasir")
        COUNTER_VOIDED = "counter_voided", _("Penjualan kasir dibatalkan")
        EVENT_OUT = "event_out", _("Dibawa ke acara")
        EVENT_BACK = "event_back", _("Kembali dari acara")
        EVENT_MISSING = "event_missing", _("Hilang/rusak di acara")

    product = models.ForeignKey(Product, verbose_name=_("produk"), on_delete=models.PROTECT, related_name="movements")
    on_hand_delta = models.IntegerField(_("perubahan stok"), default=0)
    held_delta = models.IntegerField(_("perubahan stok dipesan"), default=0)
    reason = models.CharField(_("alasan"), max_length=15, choices=Reason.choices)
    note = models.CharField(_("catatan"), max_length=200, blank=True)
    reservation = models.ForeignKey(
        Reservation,
        verbose_name=_("reservasi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="movements",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("waktu"), default=timezone.now)

    objects = StockMovementQuerySet.as_manager()

    class Meta:
        verbose_name = _("mutasi stok")
        verbose_name_plural = _("mutasi stok")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(on_hand_delta=0) | ~Q(held_delta=0), name="stockmovement_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.product_id} {self.on_hand_delta:+d}/{self.held_delta:+d} {self.reason}"
