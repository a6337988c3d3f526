"""Events: bazaars, expos and pameran with their stalls, the vendors' applications, the stock a vendor takes to
its stall, and the audit rows of every decision."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Product
from sentra.states import check_transition
from vendors.models import Centre, Vendor


class EventQuerySet(models.QuerySet):
    def public(self) -> "EventQuerySet":
        """Events shoppers may see: every status but draft."""
        return self.exclude(status=Event.Status.DRAFT)

    def open_for_applications(self) -> "EventQuerySet":
        return self.filter(status=Event.Status.OPEN)

    def running(self) -> "EventQuerySet":
        return self.filter(status=Event.Status.RUNNING)

    def with_counts(self) -> "EventQuerySet":
        a = EventApplication.Status
        return self.annotate(
            n_applications=Count("applications", distinct=True),
            n_waiting=Count("applications", filter=Q(applications__status=a.SUBMITTED), distinct=True),
            n_accepted=Count("applications", filter=Q(applications__status=a.ACCEPTED), distinct=True),
        )

    def with_turnover(self) -> "EventQuerySet":
        """Annotate the rupiah of the counted sales at each event's stalls (a subquery: no join blow-up)."""
        from .counter import CounterSale  # counter.py imports this module

        sales = CounterSale.objects.filter(event=OuterRef("pk"), status=CounterSale.Status.SOLD)
        total = sales.values("event").annotate(t=Sum("total")).values("t")
        return self.annotate(turnover=Coalesce(Subquery(total), 0))

    def for_list(self) -> "EventQuerySet":
        return self.select_related("centre").order_by("-starts_on", "-pk")


class Event(models.Model):
    """A bazaar, expo or pameran: where and when, its stalls, and its status from draft to finished."""

    class Kind(models.TextChoices):
        BAZAAR = "bazar", _("Bazar")
        EXPO = "expo", _("Expo")
        PAMERAN = "pameran", _("Pameran")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        OPEN = "open", _("Pendaftaran dibuka")
        CLOSED = "closed", _("Pendaftaran ditutup (persiapan)")
        RUNNING = "running", _("Sedang berlangsung")
        FINISHED = "finished", _("Selesai")
        CANCELLED = "cancelled", _("Dibatalkan")

    S = Status
    TRANSITIONS = {
        S.DRAFT: {S.OPEN, S.CANCELLED},
        S.OPEN: {S.CLOSED, S.CANCELLED},
        S.CLOSED: {S.OPEN, S.RUNNING, S.CANCELLED},
        S.RUNNING: {S.FINISHED, S.CANCELLED},
    }
    NEEDS_REASON = {S.CANCELLED}
    # Stock may go to the stall while the event is being prepared or runs; it may come back at any time after.
    SEND_STATUSES = frozenset({S.CLOSED, S.RUNNING})
    RETURN_STATUSES = frozenset({S.CLOSED, S.RUNNING, S.FINISHED, S.CANCELLED})
    DECIDE_STATUSES = frozenset({S.OPEN, S.CLOSED, S.RUNNING})

    name = models.CharField(_("nama acara"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, default=Kind.BAZAAR)
    organiser = models.CharField(_("penyelenggara"), max_length=150)
    description = models.TextField(_("keterangan"), blank=True)
    centre = models.ForeignKey(
        Centre,
        verbose_name=_("sentra"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        help_text=_("Kosongkan untuk acara tingkat provinsi."),
    )
    venue_name = models.CharField(_("tempat"), max_length=150)
    venue_address = models.CharField(_("alamat tempat"), max_length=300)
    map_url = models.URLField(_("tautan peta"), max_length=500, blank=True)
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"))
    opens_at = models.TimeField(_("jam buka"), default=datetime.time(9))
    closes_at = models.TimeField(_("jam tutup"), default=datetime.time(21))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    status_changed_at = models.DateTimeField(_("status diubah"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("acara")
        verbose_name_plural = _("acara")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="event_dates_in_order"),
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="event_hours_in_order"),
        ]
        indexes = [models.Index(fields=["status", "-starts_on"], name="event_status_start_idx")]
        permissions = [("manage_event", _("Dapat membuat acara, memutuskan pendaftar, dan menempatkan lapak"))]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("sales:event-detail", kwargs={"slug": self.slug})

    @property
    def days(self) -> list[datetime.date]:
        n = (self.ends_on - self.starts_on).days + 1
        return [self.starts_on + datetime.timedelta(days=i) for i in range(n)]

    @property
    def n_days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    def is_open_now(self, now: datetime.datetime | None = None) -> bool:
        """Running, today within its dates, and the time within its daily hours (WIB)."""
        now = timezone.localtime(now or timezone.now())
        return (
            self.status == self.Status.RUNNING
            and self.starts_on <= now.date() <= self.ends_on
            and self.opens_at <= now.time() < self.closes_at
        )

    def transition(self, to: str, *, actor, reason: str = "") -> "EventLog":
        """Move to `to` as TRANSITIONS allow, with the audit row (who, when, why)."""
        check_transition(self.TRANSITIONS, self.status, to, reason=reason, needs_reason=self.NEEDS_REASON)
        source = self.status
        self.status, self.status_changed_at = to, timezone.now()
        self.save(update_fields=["status", "status_changed_at"])
        return EventLog.objects.create(
            event=self, action=EventLog.Action.STATUS, from_status=source, to_status=to, actor=actor, reason=reason
        )


class Stall(models.Model):
    """A stall (lapak/booth) of an event; like a ruko unit it hosts at most `capacity` vendors."""

    event = models.ForeignKey(Event, verbose_name=_("acara"), on_delete=models.CASCADE, related_name="stalls")
    code = models.CharField(_("kode lapak"), max_length=12)
    capacity = models.PositiveSmallIntegerField(_("kapasitas (UMKM)"), default=1)
    notes = models.CharField(_("catatan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("lapak")
        verbose_name_plural = _("lapak")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="stall_code_unique_per_event"),
            models.CheckConstraint(condition=Q(capacity__gte=1, capacity__lte=20), name="stall_capacity_in_range"),
        ]

    def __str__(self) -> str:
        return self.code


class EventApplicationQuerySet(models.QuerySet):
    def accepted(self) -> "EventApplicationQuerySet":
        return self.filter(status=EventApplication.Status.ACCEPTED)

    def of_vendor(self, vendor) -> "EventApplicationQuerySet":
        return self.filter(vendor=vendor)

    def for_event_page(self) -> "EventApplicationQuerySet":
        return self.select_related("vendor__regency", "stall", "decided_by").prefetch_related("products")


class EventApplication(models.Model):
    """A vendor's application to an event with the products it brings; accepted with a stall or declined."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Menunggu keputusan")
        ACCEPTED = "accepted", _("Diterima")
        DECLINED = "declined", _("Ditolak")

    TRANSITIONS = {Status.SUBMITTED: {Status.ACCEPTED, Status.DECLINED}, Status.ACCEPTED: {Status.DECLINED}}
    NEEDS_REASON = {Status.DECLINED}

    event = models.ForeignKey(Event, verbose_name=_("acara"), on_delete=models.CASCADE, related_name="applications")
    vendor = models.ForeignKey(
        Vendor, verbose_name=_("UMKM"), on_delete=models.PROTECT, related_name="event_applications"
    )
    products = models.ManyToManyField(Product, verbose_name=_("produk yang dibawa"), related_name="+")
    note = models.TextField(_("catatan pemilik"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    stall = models.ForeignKey(
        Stall, verbose_name=_("lapak"), on_delete=models.PROTECT, null=True, blank=True, related_name="applications"
    )
    reason = models.TextField(_("alasan / catatan Dinas"), blank=True)
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    applied_at = models.DateTimeField(_("didaftarkan"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)

    objects = EventApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("pendaftaran acara")
        verbose_name_plural = _("pendaftaran acara")
        ordering = ["applied_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "vendor"], name="eventapplication_one_per_vendor"),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(stall__isnull=False), name="eventapplication_accepted_has_stall"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vendor} @ {self.event}"

    def transition(self, to: str, *, actor, reason: str = "") -> "EventLog":
        """Accept or decline, stamping who and why, with the audit row."""
        check_transition(self.TRANSITIONS, self.status, to, reason=reason, needs_reason=self.NEEDS_REASON)
        source = self.status
        self.status, self.decided_by, self.decided_at, self.reason = to, actor, timezone.now(), reason
        if to == self.Status.DECLINED:
            self.stall = None
        self.save()
        return EventLog.objects.create(
            event_id=self.event_id,
            application=self,
            action=EventLog.Action.APPLICATION,
            from_status=source,
            to_status=to,
            actor=actor,
            reason=reason,
        )


class EventStock(models.Model):
    """The stock of one product at a vendor's stall: sent from the shop, sold, returned, missing.

    `on_stall` is what is there now (sent − sold − returned − missing); counter sales at the stall take from it.
    """

    application = models.ForeignKey(EventApplication, on_delete=models.CASCADE, related_name="stock")
    product = models.ForeignKey(Product, verbose_name=_("produk"), on_delete=models.PROTECT, related_name="+")
    on_stall = models.PositiveIntegerField(_("di lapak"), default=0)
    sent = models.PositiveIntegerField(_("dibawa"), default=0)
    sold = models.PositiveIntegerField(_("terjual"), default=0)
    returned = models.PositiveIntegerField(_("kembali"), default=0)
    missing = models.PositiveIntegerField(_("hilang/rusak"), default=0)

    class Meta:
        verbose_name = _("stok acara")
        verbose_name_plural = _("stok acara")
        ordering = ["product__name"]
        constraints = [
            models.UniqueConstraint(fields=["application", "product"], name="eventstock_one_per_product"),
            models.CheckConstraint(
                condition=Q(on_stall=models.F("sent") - models.F("sold") - models.F("returned") - models.F("missing")),
                name="eventstock_balances",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_id}: {self.on_stall}"


class EventLog(models.Model):
    """An audit row of an event: a status change, a decision on an application, a stall, a stock transfer."""

    class Action(models.TextChoices):
        STATUS = "status", _("Status acara")
        APPLICATION = "application", _("Pendaftaran")
        STALL = "stall", _("Lapak")
        STOCK_OUT = "stock_out", _("Stok dibawa ke acara")
        STOCK_BACK = "stock_back", _("Stok kembali dari acara")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="log")
    application = models.ForeignKey(
        EventApplication, on_delete=models.CASCADE, null=True, blank=True, related_name="log"
    )
    action = models.CharField(max_length=12, choices=Action.choices)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, blank=True)
    detail = models.CharField(max_length=500, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("riwayat acara")
        verbose_name_plural = _("riwayat acara")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.event_id} {self.action} {self.to_status}"
