"""Events: create and move an event through its statuses, stalls, vendors' applications and Dinas decisions,
and the stock a vendor takes to its stall and brings back. Every write is one transaction with its audit row;
stock leaves and returns to the shop through orders.services.stock (rows locked in pk order, never below zero)."""

from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from catalog.models import Product
from orders.models import StockMovement
from orders.services.stock import lock_products, stock_from_event, stock_sell
from sentra.exceptions import DomainError
from sentra.slugs import unique_slug
from vendors.models import Vendor
from vendors.services.review import vendor_recipients

from ..models import Event, EventApplication, EventLog, EventStock, Stall
from .counter import SELLABLE

EVENT_FIELDS = (
    "name",
    "kind",
    "organiser",
    "description",
    "centre",
    "venue_name",
    "venue_address",
    "map_url",
    "starts_on",
    "ends_on",
    "opens_at",
    "closes_at",
)
MAX_TRANSFER = 10000  # units of one product taken to a stall at once
MAX_PRODUCTS = 60

__all__ = [
    "EventError",
    "application_accept",
    "application_decline",
    "application_submit",
    "event_cancel",
    "event_close",
    "event_create",
    "event_finish",
    "event_open",
    "event_reopen",
    "event_start",
    "event_stock_return",
    "event_stock_send",
    "event_update",
    "stall_add",
    "stall_assign",
]


class EventError(DomainError):
    """An event rule broken; `str(error)` is the message to show."""


def _check_dates(fields: Mapping) -> None:
    starts, ends = fields.get("starts_on"), fields.get("ends_on")
    if starts and ends and ends < starts:
        raise EventError({"ends_on": [_("Tanggal selesai tidak boleh sebelum tanggal mulai.")]})
    if starts and ends and (ends - starts).days > 60:
        raise EventError({"ends_on": [_("Acara paling lama 60 hari.")]})
    opens, closes = fields.get("opens_at"), fields.get("closes_at")
    if opens and closes and closes <= opens:
        raise EventError({"closes_at": [_("Jam tutup harus sesudah jam buka.")]})


def event_create(*, actor, **fields) -> Event:
    """Create an event as a draft (registration is opened separately)."""
    data = {k: v for k, v in fields.items() if k in EVENT_FIELDS}
    _check_dates(data)
    with transaction.atomic():
        slug = unique_slug(data["name"], taken=Event.objects.all(), fallback="acara", max_length=120)
        event = Event.objects.create(slug=slug, created_by=actor, **data)
        EventLog.objects.create(event=event, action=EventLog.Action.STATUS, to_status=event.status, actor=actor)
    return event


def event_update(*, event: Event, actor, **fields) -> Event:
    """Change an event's details (not its status); finished and cancelled events stay as they were."""
    if event.status in (Event.Status.FINISHED, Event.Status.CANCELLED):
        raise EventError(_("Acara yang sudah selesai atau dibatalkan tidak dapat diubah."))
    data = {k: v for k, v in fields.items() if k in EVENT_FIELDS}
    _check_dates({**{k: getattr(event, k) for k in EVENT_FIELDS}, **data})
    with transaction.atomic():
        for name, value in data.items():
            setattr(event, name, value)
        event.save()
        EventLog.objects.create(
            event=event, action=EventLog.Action.STATUS, from_status=event.status, to_status=event.status,
            detail=_("Rincian acara diubah"), actor=actor,
        )  # fmt: skip
    return event


def _move(event: Event, to: str, actor, reason: str) -> Event:
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        locked.transition(to, actor=actor, reason=(reason or "").strip())
    event.status, event.status_changed_at = locked.status, locked.status_changed_at
    return event


def event_open(*, event: Event, actor, reason: str = "") -> Event:
    """Open registration: approved vendors see the event in the portal and may apply."""
    return _move(event, Event.Status.OPEN, actor, reason)


def event_reopen(*, event: Event, actor, reason: str = "") -> Event:
    """Open registration again after it was closed."""
    return _move(event, Event.Status.OPEN, actor, reason)


def event_close(*, event: Event, actor, reason: str = "") -> Event:
    """Close registration; the event is being prepared and vendors may take stock to their stalls."""
    return _move(event, Event.Status.CLOSED, actor, reason)


def event_start(*, event: Event, actor, reason: str = "") -> Event:
    """Start the event: counter sales at the stalls are recorded against it."""
    return _move(event, Event.Status.RUNNING, actor, reason)


def event_finish(*, event: Event, actor, reason: str = "") -> Event:
    """Finish the event; vendors bring back what was not sold."""
    return _move(event, Event.Status.FINISHED, actor, reason)


def event_cancel(*, event: Event, actor, reason: str) -> Event:
    """Cancel the event with a reason; stock already at the stalls can still be brought back."""
    return _move(event, Event.Status.CANCELLED, actor, reason)


def stall_add(*, event: Event, actor, code: str, capacity: int = 1, notes: str = "") -> Stall:
    """Add a stall to an event that has not finished."""
    code = (code or "").strip().upper()
    if not code:
        raise EventError({"code": [_("Isi kode lapak.")]})
    if not 1 <= capacity <= 20:
        raise EventError({"capacity": [_("Kapasitas lapak antara 1 dan 20 UMKM.")]})
    if event.status in (Event.Status.FINISHED, Event.Status.CANCELLED):
        raise EventError(_("Acara yang sudah selesai atau dibatalkan tidak dapat diubah."))
    try:
        with transaction.atomic():
            stall = Stall.objects.create(event=event, code=code, capacity=capacity, notes=notes)
            EventLog.objects.create(
                event=event, action=EventLog.Action.STALL, detail=f"+ {code} ({capacity})", actor=actor
            )
    except IntegrityError:
        raise EventError({"code": [_("Kode lapak %(code)s sudah ada.") % {"code": code}]}) from None
    return stall


def _products_of(vendor: Vendor, products: Iterable[Product]) -> list[Product]:
    chosen = list(products)
    if not chosen:
        raise EventError({"products": [_("Pilih minimal satu produk yang dibawa.")]})
    if len(chosen) > MAX_PRODUCTS:
        raise EventError({"products": [_("Paling banyak %(most)d produk.") % {"most": MAX_PRODUCTS}]})
    for product in chosen:
        if product.vendor_id != vendor.pk:
            raise EventError({"products": [_("Produk tidak ditemukan di toko ini.")]})
        if product.status not in SELLABLE:
            raise EventError({"products": [_("%(name)s diarsipkan atau disembunyikan.") % {"name": product.name}]})
    return chosen


def application_submit(*, event: Event, vendor: Vendor, actor, products: Iterable[Product], note: str = ""):
    """Apply to an event with registration open, choosing the products the vendor brings."""
    if vendor.status != Vendor.Status.APPROVED:
        raise EventError(_("Hanya UMKM yang sudah disetujui dapat mendaftar acara."))
    chosen = _products_of(vendor, products)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.status != Event.Status.OPEN:
            raise EventError(_("Pendaftaran acara ini tidak sedang dibuka."))
        if EventApplication.objects.filter(event=locked, vendor=vendor).exists():
            raise EventError(_("%(name)s sudah mendaftar acara ini.") % {"name": vendor.name})
        application = EventApplication.objects.create(
            event=locked, vendor=vendor, note=(note or "").strip()[:2000], applied_by=actor
        )
        application.products.set(chosen)
        EventLog.objects.create(
            event=locked,
            application=application,
            action=EventLog.Action.APPLICATION,
            to_status=application.status,
            actor=actor,
        )
    return application


def _lock_stall_with_room(stall: Stall, application: EventApplication) -> Stall:
    """Lock the stall row and check it has room for one more vendor (capacity, as for ruko units)."""
    if stall.event_id != application.event_id:
        raise EventError({"stall": [_("Lapak ini bukan lapak acara tersebut.")]})
    locked = Stall.objects.select_for_update().get(pk=stall.pk)
    taken = locked.applications.accepted().exclude(pk=application.pk).count()
    if taken >= locked.capacity:
        raise EventError(
            {"stall": [_("Lapak %(code)s sudah penuh (%(n)d UMKM).") % {"code": locked.code, "n": locked.capacity}]}
        )
    return locked


def _check_decidable(event: Event) -> None:
    if event.status not in Event.DECIDE_STATUSES:
        status = event.get_status_display()
        raise EventError(_("Pendaftaran acara berstatus %(s)s tidak dapat diputuskan.") % {"s": status})


def application_accept(*, application: EventApplication, actor, stall: Stall, reason: str = "") -> EventApplication:
    """Accept an application and give it a stall with room left."""
    with transaction.atomic():
        locked = EventApplication.objects.select_for_update(of=("self",)).select_related("event").get(pk=application.pk)
        _check_decidable(locked.event)
        locked.stall = _lock_stall_with_room(stall, locked)
        locked.transition(EventApplication.Status.ACCEPTED, actor=actor, reason=(reason or "").strip())
        _notify_decision(locked, "accepted")
    return locked


def application_decline(*, application: EventApplication, actor, reason: str) -> EventApplication:
    """Decline an application (or withdraw an acceptance before any stock went to the stall) with a reason."""
    with transaction.atomic():
        locked = EventApplication.objects.select_for_update(of=("self",)).select_related("event").get(pk=application.pk)
        _check_decidable(locked.event)
        if locked.stock.filter(sent__gt=0).exists():
            raise EventError(_("Stok UMKM ini sudah dibawa ke lapak; pendaftarannya tidak dapat ditolak lagi."))
        locked.transition(EventApplication.Status.DECLINED, actor=actor, reason=(reason or "").strip())
        _notify_decision(locked, "declined")
    return locked


def stall_assign(*, application: EventApplication, actor, stall: Stall) -> EventApplication:
    """Move an accepted vendor to another stall with room left."""
    with transaction.atomic():
        locked = EventApplication.objects.select_for_update().get(pk=application.pk)
        if locked.status != EventApplication.Status.ACCEPTED:
            raise EventError(_("Hanya pendaftar yang diterima yang dapat ditempatkan di lapak."))
        before_id, before = locked.stall_id, locked.stall.code if locked.stall else ""
        locked.stall = _lock_stall_with_room(stall, locked)
        locked.save(update_fields=["stall"])
        EventLog.objects.create(
            event_id=locked.event_id,
            application=locked,
            action=EventLog.Action.STALL,
            detail=f"{before} → {locked.stall.code}",
            actor=actor,
        )
        if locked.stall_id != before_id:
            _notify_decision(locked, "moved")
    return locked


def _notify_decision(application: EventApplication, kind: str) -> None:
    """Email the vendor's members about a decision (`accepted`, `declined`, `moved`) once it is committed; the
    project's EMAIL_BACKEND queues the message (sentra/mail.py), so a rolled-back decision sends nothing."""
    event = application.event
    context = {
        "kind": kind,
        "application": application,
        "event": event,
        "vendor": application.vendor,
        "stall_code": application.stall.code if application.stall else "",
        "portal_url": settings.SITE_URL.rstrip("/") + reverse("vendors:event-detail", kwargs={"slug": event.slug}),
    }
    transaction.on_commit(lambda: _send_decision(application.vendor, context))


def _send_decision(vendor: Vendor, context: dict) -> None:
    recipients = vendor_recipients(vendor)
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):  # owners read Indonesian, whatever the staff's language
        subject = " ".join(render_to_string("emails/sales/application_decision_subject.txt", context).split())
        body = render_to_string("emails/sales/application_decision_body.txt", context)
    send_mail(subject, body, None, recipients)


def _clean_quantities(items: Mapping[int, int]) -> dict[int, int]:
    quantities = {}
    for pk, quantity in items.items():
        if not isinstance(quantity, int) or isinstance(quantity, bool) or not 0 <= quantity <= MAX_TRANSFER:
            raise EventError(_("Jumlah setiap produk harus antara 0 dan %(most)d.") % {"most": MAX_TRANSFER})
        if quantity:
            quantities[int(pk)] = quantity
    return quantities


def _lock_application(application: EventApplication) -> EventApplication:
    locked = (
        EventApplication.objects.select_for_update(of=("self",))
        .select_related("event", "vendor")
        .get(pk=application.pk)
    )
    if locked.status != EventApplication.Status.ACCEPTED:
        raise EventError(_("Hanya UMKM yang diterima di acara ini yang dapat membawa stok."))
    return locked


def event_stock_send(*, application: EventApplication, actor, items: Mapping[int, int]) -> list[EventStock]:
    """Take stock from the shop to the vendor's stall (ledger `event_out`), never into what is reserved."""
    quantities = _clean_quantities(items)
    if not quantities:
        raise EventError(_("Isi jumlah minimal satu produk."))
    with transaction.atomic():
        locked = _lock_application(application)
        if locked.event.status not in Event.SEND_STATUSES:
            raise EventError(_("Stok hanya dapat dibawa ke acara yang sedang dipersiapkan atau berlangsung."))
        allowed = set(locked.products.values_list("pk", flat=True))
        products = lock_products(quantities)
        for pk in quantities:
            product = products.get(pk)
            if pk not in allowed or product is None:
                raise EventError(_("Produk ini tidak terdaftar untuk acara tersebut."))
            if product.status not in SELLABLE:
                raise EventError(_("%(name)s diarsipkan atau disembunyikan.") % {"name": product.name})
            if product.made_to_order:
                message = _("%(name)s dibuat sesuai pesanan; tidak ada stok untuk dibawa.")
                raise EventError(message % {"name": product.name})
        moving = {products[pk]: q for pk, q in quantities.items()}
        stock_sell(quantities=moving, note=locked.event.name[:200], actor=actor, reason=StockMovement.Reason.EVENT_OUT)
        rows = []
        for product, quantity in sorted(moving.items(), key=lambda item: item[0].pk):
            row, _created = EventStock.objects.select_for_update().get_or_create(application=locked, product=product)
            EventStock.objects.filter(pk=row.pk).update(on_stall=F("on_stall") + quantity, sent=F("sent") + quantity)
            rows.append(row)
        EventLog.objects.create(
            event=locked.event,
            application=locked,
            action=EventLog.Action.STOCK_OUT,
            detail=_summary(moving),
            actor=actor,
        )
    return rows


def event_stock_return(
    *, application: EventApplication, actor, returned: Mapping[int, int], reason: str = ""
) -> dict[str, int]:
    """Bring back what is on the stall: `returned` (product pk → units back in the shop, the rest of what is on
    the stall is recorded missing, `event_missing`). Returns the units back and missing."""
    counts = _clean_quantities_back(returned)
    with transaction.atomic():
        locked = _lock_application(application)
        if locked.event.status not in Event.RETURN_STATUSES:
            raise EventError(_("Stok dapat dikembalikan setelah pendaftaran ditutup."))
        # Products first, then the stall rows: the order a sale at the stall takes them in.
        products = lock_products(locked.stock.values_list("product_id", flat=True))
        rows = list(locked.stock.select_for_update().filter(on_stall__gt=0).order_by("product_id"))
        if not rows:
            raise EventError(_("Tidak ada stok di lapak untuk dikembalikan."))
        moves, totals = {}, {"back": 0, "missing": 0}
        for row in rows:
            back = counts.get(row.product_id, 0)
            if back > row.on_stall:
                raise EventError(
                    _("%(name)s: paling banyak %(most)d yang dapat kembali (di lapak %(most)d).")
                    % {"name": products[row.product_id].name, "most": row.on_stall}
                )
            missing = row.on_stall - back
            if missing and not (reason or "").strip():
                raise EventError({"reason": [_("Tuliskan keterangan stok yang hilang atau rusak.")]})
            moves[products[row.product_id]] = (back, missing)
            EventStock.objects.filter(pk=row.pk).update(
                on_stall=0, returned=F("returned") + back, missing=F("missing") + missing
            )
            totals["back"] += back
            totals["missing"] += missing
        stock_from_event(quantities=moves, note=locked.event.name[:200], actor=actor)
        EventLog.objects.create(
            event=locked.event,
            application=locked,
            action=EventLog.Action.STOCK_BACK,
            detail=_("%(back)d kembali, %(missing)d hilang/rusak") % totals,
            reason=(reason or "").strip(),
            actor=actor,
        )
    return totals


def _clean_quantities_back(items: Mapping[int, int]) -> dict[int, int]:
    counts = {}
    for pk, quantity in items.items():
        if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 0:
            raise EventError(_("Jumlah yang kembali tidak boleh negatif."))
        counts[int(pk)] = quantity
    return counts


def _summary(moving: Mapping[Product, int]) -> str:
    return "; ".join(f"{q} × {p.name}" for p, q in sorted(moving.items(), key=lambda i: i[0].name))[:500]
