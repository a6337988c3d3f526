"""Counter sales: record one (lines at today's prices, stock off the shelf, all or nothing) and void one the
same day (stock back). Stock goes through orders.services.stock, so a counter sale and a reservation of the
last unit queue on the same product row lock and exactly one of them gets it."""

from collections.abc import Mapping

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Product
from orders.services import OutOfStock
from orders.services.stock import count_sold, lock_products, stock_sell, stock_unsell
from sentra.exceptions import DomainError
from vendors.models import Vendor

from ..models import CounterSale, CounterSaleEvent, CounterSaleLine, Event, EventApplication, EventStock

MAX_QUANTITY = 999  # units of one product in one counter sale
MAX_LINES = 50
SELLABLE = (Product.Status.PUBLISHED, Product.Status.DRAFT)

__all__ = ["MAX_QUANTITY", "OutOfStock", "SaleError", "sale_record", "sale_void"]


class SaleError(DomainError):
    """A counter sale that breaks a rule; `str(error)` is the message to show."""


def sale_record(
    *, vendor: Vendor, actor, items: Mapping[int, int], payment: str, token: str = "", event: Event | None = None
) -> CounterSale:
    """Record a counter sale of `items` (product pk → quantity) paid by `payment`, taking the stock off: off the
    shop's shelf, or at `event` off the vendor's stall stock there."""
    quantities = _clean_items(items)
    if payment not in CounterSale.Payment.values:
        raise SaleError({"payment": [_("Pilih cara pembayaran.")]})
    if vendor.status != Vendor.Status.APPROVED:
        raise SaleError(_("Usaha ini belum atau tidak lagi disetujui; penjualan tidak bisa dicatat."))
    with transaction.atomic():
        if token and (done := CounterSale.objects.filter(vendor=vendor, token=token).first()):
            return done  # the same form sent twice
        application = _stall_of(vendor, event) if event is not None else None
        products = lock_products(quantities)
        sold = {_sellable(products.get(pk), vendor): quantity for pk, quantity in quantities.items()}
        sale = CounterSale.objects.create(
            vendor=vendor,
            payment=payment,
            sold_by=actor,
            token=token[:64],
            total=sum(p.price * q for p, q in sold.items()),
            event=event,
            stall_id=application.stall_id if application else None,
        )
        CounterSaleLine.objects.bulk_create(
            CounterSaleLine(
                sale=sale, product=p, product_name=p.name, sale_unit=p.sale_unit, unit_price=p.price, quantity=q
            )
            for p, q in sorted(sold.items(), key=lambda item: item[0].name)
        )
        if application:
            _stall_take(application, sold)
        else:
            stock_sell(quantities=sold, note=sale.code, actor=actor)
        count_sold(sold)
        CounterSaleEvent.objects.create(sale=sale, to_status=CounterSale.Status.SOLD, actor=actor)
    return sale


def _clean_items(items: Mapping[int, int]) -> dict[int, int]:
    quantities = {}
    for pk, quantity in items.items():
        if not isinstance(quantity, int) or isinstance(quantity, bool) or not 1 <= quantity <= MAX_QUANTITY:
            raise SaleError(_("Jumlah setiap produk harus antara 1 dan %(most)d.") % {"most": MAX_QUANTITY})
        quantities[int(pk)] = quantity
    if not quantities:
        raise SaleError(_("Isi jumlah minimal satu produk."))
    if len(quantities) > MAX_LINES:
        raise SaleError(_("Paling banyak %(most)d produk dalam satu penjualan.") % {"most": MAX_LINES})
    return quantities


def _sellable(product: Product | None, vendor: Vendor) -> Product:
    if product is None or product.vendor_id != vendor.pk:
        raise SaleError(_("Produk tidak ditemukan di toko ini."))
    if product.status not in SELLABLE:
        raise SaleError(_("%(name)s tidak bisa dijual: produk diarsipkan atau disembunyikan.") % {"name": product.name})
    if product.price < 1:
        raise SaleError(_("%(name)s belum punya harga.") % {"name": product.name})
    return product


def sale_void(*, sale: CounterSale, actor, reason: str) -> CounterSale:
    """Void a counter sale made today with a reason: the stock goes back on the shelf, an audit row is kept."""
    if not reason.strip():
        raise SaleError({"reason": [_("Alasan pembatalan wajib diisi.")]})
    with transaction.atomic():
        locked = CounterSale.objects.select_for_update().get(pk=sale.pk)
        if locked.is_voided:
            raise SaleError(_("Penjualan %(code)s sudah dibatalkan.") % {"code": locked.code})
        if not locked.can_void(timezone.now()):
            raise SaleError(_("Penjualan hanya bisa dibatalkan pada hari yang sama."))
        lines = list(locked.lines.all())
        products = lock_products(line.product_id for line in lines)
        quantities = {products[line.product_id]: line.quantity for line in lines}
        locked.transition(CounterSale.Status.VOIDED, actor=actor, reason=reason.strip())
        if locked.event_id:
            _stall_put_back(locked, quantities)
        else:
            stock_unsell(quantities=quantities, note=locked.code, actor=actor)
        count_sold(quantities, -1)
    return locked


def _stall_of(vendor: Vendor, event: Event) -> EventApplication:
    """The vendor's accepted application with a stall at `event`, which must be running."""
    if event.status != Event.Status.RUNNING:
        raise SaleError(_("Acara %(name)s sedang tidak berlangsung.") % {"name": event.name})
    application = EventApplication.objects.accepted().filter(event=event, vendor=vendor).first()
    if application is None or application.stall_id is None:
        raise SaleError(_("Usaha ini tidak punya lapak di acara %(name)s.") % {"name": event.name})
    return application


def _stall_take(application: EventApplication, sold: dict[Product, int]) -> None:
    """Take the sold units off the stall's stock with one conditional UPDATE each (made-to-order: nothing)."""
    for product, quantity in sorted(sold.items(), key=lambda item: item[0].pk):
        if product.made_to_order:
            continue
        rows = EventStock.objects.filter(application=application, product=product, on_stall__gte=quantity)
        if not rows.update(on_stall=F("on_stall") - quantity, sold=F("sold") + quantity):
            row = EventStock.objects.filter(application=application, product=product).first()
            raise OutOfStock(product.name, row.on_stall if row else 0)


def _stall_put_back(sale: CounterSale, quantities: dict[Product, int]) -> None:
    application = EventApplication.objects.get(event_id=sale.event_id, vendor_id=sale.vendor_id)
    for product, quantity in sorted(quantities.items(), key=lambda item: item[0].pk):
        if not product.made_to_order:
            EventStock.objects.filter(application=application, product=product).update(
                on_stall=F("on_stall") + quantity, sold=F("sold") - quantity
            )
