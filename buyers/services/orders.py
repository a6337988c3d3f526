"""Placing one-off and standing orders, generating their dated drops (idempotent), pausing and resuming."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buyers.models import BuyerOrder, BuyerOrderLine, Occurrence, OccurrenceLine, Organisation, PriceTier, unit_price
from catalog.models import Product
from sentra.exceptions import DomainError
from vendors.models import Vendor

from .notifications import notify_both

MAX_QUANTITY = 10_000
MAX_DAYS = 366
HORIZON_DAYS = 14  # drops are generated this far ahead


@dataclass(frozen=True)
class Wanted:
    product: Product
    quantity: int


def order_place(
    *,
    organisation: Organisation,
    vendor: Vendor,
    kind: str,
    lines: list[Wanted],
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    weekdays: list[int] = (),
    every_days: int | None = None,
    fulfilment: str,
    address: str = "",
    note: str = "",
    actor,
) -> BuyerOrder:
    """Place an order at the prices agreed now (shelf price or the wholesale tier reached), then its first drops."""
    _check_parties(organisation, vendor)
    end_date = start_date if kind == BuyerOrder.Kind.ONE_OFF else end_date
    _check_schedule(kind, start_date, end_date, weekdays, every_days)
    _check_lines(vendor, lines)
    if fulfilment == BuyerOrder.Fulfilment.DELIVERY and not (address or organisation.address).strip():
        raise DomainError({"address": [_("Alamat kirim wajib diisi.")]})
    tiers = list(PriceTier.objects.filter(product__in=[w.product for w in lines]))
    with transaction.atomic():
        order = BuyerOrder.objects.create(
            organisation=organisation,
            vendor=vendor,
            kind=kind,
            weekdays=",".join(str(day) for day in sorted(set(weekdays))) if kind == BuyerOrder.Kind.STANDING else "",
            every_days=every_days if kind == BuyerOrder.Kind.STANDING else None,
            start_date=start_date,
            end_date=end_date,
            fulfilment=fulfilment,
            address=address or organisation.address,
            note=note[:300],
            created_by=actor,
        )
        BuyerOrderLine.objects.bulk_create(
            BuyerOrderLine(
                order=order, product=w.product, quantity=w.quantity, unit_price=unit_price(w.product, w.quantity, tiers)
            )
            for w in lines
        )
        occurrences_generate(order=order, until=timezone.localdate() + datetime.timedelta(days=HORIZON_DAYS))
    return order


def _check_parties(organisation: Organisation, vendor: Vendor) -> None:
    if not organisation.is_verified:
        raise DomainError(_("Organisasi Anda belum diverifikasi Dinas; pesanan belum bisa dibuat."))
    if not vendor.is_public:
        raise DomainError(_("%(vendor)s sedang tidak menerima pesanan.") % {"vendor": vendor.name})


def _check_schedule(kind, start_date, end_date, weekdays, every_days) -> None:
    today = timezone.localdate()
    if start_date <= today:
        raise DomainError({"start_date": [_("Tanggal mulai paling cepat besok.")]})
    if end_date is None or end_date < start_date:
        raise DomainError({"end_date": [_("Tanggal selesai tidak boleh sebelum tanggal mulai.")]})
    if (end_date - start_date).days > MAX_DAYS:
        raise DomainError({"end_date": [_("Pesanan rutin paling lama satu tahun.")]})
    if kind == BuyerOrder.Kind.STANDING:
        if bool(weekdays) == bool(every_days):
            raise DomainError({"weekdays": [_("Pilih hari-hari kirim atau isi 'setiap N hari' (salah satu saja).")]})
        if any(day not in range(7) for day in weekdays) or (every_days is not None and not 1 <= every_days <= 60):
            raise DomainError({"every_days": [_("Jadwal tidak valid: hari 0–6, setiap 1–60 hari.")]})


def _check_lines(vendor: Vendor, lines: list[Wanted]) -> None:
    if not lines:
        raise DomainError(_("Pilih paling sedikit satu produk dengan jumlahnya."))
    if len({w.product.pk for w in lines}) != len(lines):
        raise DomainError(_("Setiap produk cukup sekali dalam satu pesanan."))
    for w in lines:
        if w.product.vendor_id != vendor.pk or w.product.status != Product.Status.PUBLISHED:
            raise DomainError(_("%(name)s tidak dijual oleh UMKM ini.") % {"name": w.product.name})
        if not 1 <= w.quantity <= MAX_QUANTITY:
            raise DomainError(
                _("Jumlah %(name)s harus 1 sampai %(most)s.") % {"name": w.product.name, "most": MAX_QUANTITY}
            )


def occurrences_generate(*, order: BuyerOrder, until: datetime.date) -> list[Occurrence]:
    """Create the missing drops of an active order up to `until` (safe to run again); pause it when it cannot go on."""
    if order.status != BuyerOrder.Status.ACTIVE:
        return []
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    existing = set(order.occurrences.values_list("date", flat=True))
    days = [day for day in order.dates_between(tomorrow, until) if day not in existing]
    if not days:
        return []
    lines = list(order.lines.select_related("product__vendor"))
    problem = order_problem(order, lines)
    if problem:
        order_pause(order=order, actor=None, reason=problem)
        return []
    created = []
    with transaction.atomic():
        for day in days:
            occurrence, made = Occurrence.objects.get_or_create(order=order, date=day)
            if made:
                OccurrenceLine.objects.bulk_create(
                    OccurrenceLine(
                        occurrence=occurrence,
                        product=line.product,
                        product_name=line.product.name,
                        sale_unit=line.product.sale_unit,
                        quantity=line.quantity,
                        unit_price=line.unit_price,
                    )
                    for line in lines
                )
                created.append(occurrence)
    return created


def order_problem(order: BuyerOrder, lines) -> str:
    """Why the order cannot carry on ('' when it can): the vendor closed, a product archived or sold out."""
    if not order.vendor.is_public:
        return _("%(vendor)s sedang tidak menerima pesanan.") % {"vendor": order.vendor.name}
    for line in lines:
        product = line.product
        if product.status != Product.Status.PUBLISHED:
            return _("%(name)s tidak dijual lagi.") % {"name": product.name}
        if not product.made_to_order and product.stock_available == 0:
            return _("Stok habis: %(name)s.") % {"name": product.name}
    return ""


def order_pause(*, order: BuyerOrder, actor, reason: str) -> BuyerOrder:
    """Pause an order, skip its drops still waiting, and tell both sides why."""
    with transaction.atomic():
        order = BuyerOrder.objects.select_for_update().get(pk=order.pk)
        order.transition(BuyerOrder.Status.PAUSED, reason=reason)
        for occurrence in order.occurrences.filter(status=Occurrence.Status.PENDING).select_for_update():
            occurrence.transition(Occurrence.Status.SKIPPED, actor=actor, reason=reason)
        notify_both("order_paused", order, {"reason": reason})
    return order


def order_resume(*, order: BuyerOrder, actor) -> BuyerOrder:
    """Resume a paused order and generate its coming drops (refused while the cause remains)."""
    lines = list(order.lines.select_related("product__vendor"))
    problem = order_problem(order, lines)
    if problem:
        raise DomainError(problem)
    with transaction.atomic():
        order = BuyerOrder.objects.select_for_update().get(pk=order.pk)
        order.transition(BuyerOrder.Status.ACTIVE)
        occurrences_generate(order=order, until=timezone.localdate() + datetime.timedelta(days=HORIZON_DAYS))
        notify_both("order_resumed", order, {})
    return order


def order_cancel(*, order: BuyerOrder, actor, reason: str) -> BuyerOrder:
    """Cancel an order: its waiting drops are cancelled; confirmed ones stay to be delivered or cancelled apart."""
    if not reason.strip():
        raise DomainError({"reason": [_("Alasan wajib diisi untuk perubahan status ini.")]})
    with transaction.atomic():
        order = BuyerOrder.objects.select_for_update().get(pk=order.pk)
        order.transition(BuyerOrder.Status.CANCELLED, reason=reason)
        waiting = order.occurrences.filter(status__in=[Occurrence.Status.PENDING, Occurrence.Status.PROPOSED])
        for occurrence in waiting.select_for_update():
            occurrence.transition(Occurrence.Status.CANCELLED, actor=actor, reason=reason)
        notify_both("order_cancelled", order, {"reason": reason})
    return order


def orders_schedule(*, until: datetime.date) -> int:
    """Generate the drops of every active order up to `until`; end orders past their end date. Return drops made."""
    made = 0
    for order in BuyerOrder.objects.filter(status=BuyerOrder.Status.ACTIVE).select_related("vendor", "organisation"):
        if order.end_date < timezone.localdate():
            order.transition(BuyerOrder.Status.ENDED)
            continue
        made += len(occurrences_generate(order=order, until=until))
    return made
