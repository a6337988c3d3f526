"""Every change of a product's held or on-hand stock, each with its ledger row.

Rows are always locked in one global order: the shopper's user row, then reservations by pk, then
products by pk. On PostgreSQL `select_for_update` makes concurrent writers queue in that order (no
deadlocks); on SQLite the IMMEDIATE transaction mode serialises writers. Each update is also
conditional, so even a missed lock cannot oversell: the CHECK constraint `product_never_oversold`
is the last line of defence.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Greatest
from django.utils.translation import gettext as _

from catalog.models import Product
from orders.models import Reservation, ReservationLine, StockMovement
from orders.signals import stock_raised
from sentra.exceptions import DomainError

from .errors import OutOfStock

# Which sign each owner reason may have: +1 only up, -1 only down, 0 either way.
ADJUST_REASONS = {
    StockMovement.Reason.RESTOCK: 1,
    StockMovement.Reason.CORRECTION: 0,
    StockMovement.Reason.DAMAGED: -1,
    StockMovement.Reason.SOLD_OFFLINE: -1,
}


class StockRefused(DomainError):
    """The adjustment would leave less stock on hand than is held by reservations (or below zero)."""


def lock_products(pks: Iterable[int]) -> dict[int, Product]:
    """Lock the products in pk order and return them by pk (with their vendor)."""
    rows = Product.objects.select_for_update(of=("self",)).select_related("vendor").filter(pk__in=set(pks))
    return {product.pk: product for product in rows.order_by("pk")}


def lock_reservations(pks: Iterable[int]) -> list[Reservation]:
    """Lock reservations in pk order, returning those still open (others were settled meanwhile)."""
    rows = Reservation.objects.select_for_update(of=("self",)).filter(
        pk__in=set(pks), status__in=Reservation.OPEN_STATUSES
    )
    return list(rows.order_by("pk"))


def stock_hold(*, lines: Iterable[ReservationLine], actor) -> None:
    """Put the quantities of these new lines on hold with one conditional UPDATE, or raise OutOfStock.

    The caller has locked the products (`line.product`) and rolls its transaction back on OutOfStock.
    Made-to-order lines hold nothing.
    """
    lines = [line for line in lines if not line.made_to_order]
    wanted: dict[int, int] = defaultdict(int)
    for line in lines:
        wanted[line.product_id] += line.quantity
    if not wanted:
        return
    amount = Case(*(When(pk=pk, then=Value(quantity)) for pk, quantity in wanted.items()), output_field=IntegerField())
    held = Product.objects.filter(pk__in=wanted, stock_on_hand__gte=F("stock_reserved") + amount).update(
        stock_reserved=F("stock_reserved") + amount
    )
    if held != len(wanted):
        _raise_out_of_stock({line.product_id: line.product for line in lines}, wanted)
    for line in lines:
        line.product.stock_reserved += line.quantity
    StockMovement.objects.bulk_create(
        StockMovement(
            product_id=line.product_id,
            held_delta=line.quantity,
            reason=StockMovement.Reason.RESERVED,
            reservation=line.reservation,
            actor=actor,
        )
        for line in lines
    )


def _raise_out_of_stock(products: dict[int, Product], wanted: dict[int, int]) -> None:
    """Name the first product (pk order) that cannot hold its quantity, as the locked rows tell, else as stored."""
    for pk in sorted(wanted):
        if products[pk].stock_available < wanted[pk]:
            raise OutOfStock(products[pk].name, products[pk].stock_available)
    # The rows we were given are stale (a missed lock): ask the database. A row this UPDATE did hold may look
    # short as well, so the name may be another product of the same cart; the refusal is what matters.
    stored = Product.objects.filter(pk__in=wanted).order_by("pk")
    short = next((p for p in stored if p.stock_available < wanted[p.pk]), None) or next(iter(stored))
    raise OutOfStock(short.name, short.stock_available)


def stock_release(*, reservation: Reservation, actor) -> None:
    """Return the quantities `reservation` holds (cancelled or expired)."""
    for line in _held_lines(reservation):
        Product.objects.filter(pk=line.product_id).update(stock_reserved=F("stock_reserved") - line.quantity)
        StockMovement.objects.create(
            product_id=line.product_id,
            held_delta=-line.quantity,
            reason=StockMovement.Reason.RELEASED,
            reservation=reservation,
            actor=actor,
        )
        _announce_rise(line.product_id, line.quantity)


def stock_hand_over(*, reservation: Reservation, actor) -> None:
    """Take the held quantities off the shelf for good (the shopper collected them)."""
    for line in _held_lines(reservation):
        Product.objects.filter(pk=line.product_id).update(
            stock_on_hand=F("stock_on_hand") - line.quantity, stock_reserved=F("stock_reserved") - line.quantity
        )
        StockMovement.objects.create(
            product_id=line.product_id,
            on_hand_delta=-line.quantity,
            held_delta=-line.quantity,
            reason=StockMovement.Reason.COLLECTED,
            reservation=reservation,
            actor=actor,
        )
    _count_sold(reservation, 1)


def stock_hand_back(*, reservation: Reservation, actor) -> None:
    """Undo `stock_hand_over`: the quantities are back on the shelf and on hold again (the caller locked the rows)."""
    for line in _held_lines(reservation):
        Product.objects.filter(pk=line.product_id).update(
            stock_on_hand=F("stock_on_hand") + line.quantity, stock_reserved=F("stock_reserved") + line.quantity
        )
        StockMovement.objects.create(
            product_id=line.product_id,
            on_hand_delta=line.quantity,
            held_delta=line.quantity,
            reason=StockMovement.Reason.UNCOLLECTED,
            reservation=reservation,
            actor=actor,
        )
    _count_sold(reservation, -1)


def _count_sold(reservation: Reservation, sign: int) -> None:
    """Product.sold_count ("terjual N" on cards): every collected line counts, made to order too."""
    for line in reservation.lines.order_by("product_id"):
        Product.objects.filter(pk=line.product_id).update(
            sold_count=Greatest(F("sold_count") + sign * line.quantity, 0)
        )


def _announce_rise(product_id: int, rise: int) -> None:
    """Tell the apps above, once the change is committed, that a product has `rise` more units free."""
    transaction.on_commit(lambda: stock_raised.send(sender=Product, product_id=product_id, rise=rise))


def _held_lines(reservation: Reservation):
    """Lines that hold stock: made-to-order lines are produced for the shopper and hold nothing."""
    return reservation.lines.filter(made_to_order=False).order_by("product_id")


def stock_open(*, product: Product, quantity: int, actor) -> StockMovement | None:
    """Put a new product's opening stock on the shelf, with its `initial` ledger row (none for 0)."""
    if quantity <= 0:
        return None
    Product.objects.filter(pk=product.pk).update(stock_on_hand=F("stock_on_hand") + quantity)
    product.stock_on_hand += quantity
    return StockMovement.objects.create(
        product=product, on_hand_delta=quantity, reason=StockMovement.Reason.INITIAL, actor=actor
    )


def stock_adjust(*, product: Product, delta: int, reason: str, note: str = "", actor) -> StockMovement:
    """Change stock on hand by `delta` with one conditional UPDATE that never goes below what is reserved."""
    sign = ADJUST_REASONS.get(reason)
    if sign is None:
        raise DomainError(_("Alasan perubahan stok tidak dikenal."))
    if delta == 0 or (sign and (delta > 0) != (sign > 0)):
        raise DomainError(_("Jumlah tidak cocok dengan alasan yang dipilih."))
    with transaction.atomic():
        rows = Product.objects.filter(pk=product.pk)
        if delta < 0:
            rows = rows.filter(stock_on_hand__gte=-delta).filter(
                Q(made_to_order=True) | Q(stock_on_hand__gte=F("stock_reserved") - delta)
            )
        if not rows.update(stock_on_hand=F("stock_on_hand") + delta):
            raise _stock_refused(product)
        movement = StockMovement.objects.create(
            product=product, on_hand_delta=delta, reason=reason, note=note[:200], actor=actor
        )
        if delta > 0:
            _announce_rise(product.pk, delta)
    product.refresh_from_db(fields=["stock_on_hand", "stock_reserved"])
    return movement


def _stock_refused(product: Product) -> StockRefused:
    """Say how much can still be taken off, and whether reservations are what holds the rest."""
    product.refresh_from_db(fields=["stock_on_hand", "stock_reserved"])
    held = 0 if product.made_to_order else product.stock_reserved
    most = max(product.stock_on_hand - held, 0)
    if held:
        message = _(
            "Stok hanya bisa dikurangi paling banyak %(most)s: %(held)s dari stok %(on_hand)s sedang dipesan pembeli."
        )
    else:
        message = _("Stok hanya bisa dikurangi paling banyak %(most)s (stok sekarang %(on_hand)s).")
    return StockRefused(message % {"most": most, "held": held, "on_hand": product.stock_on_hand}, code="stock")


def stock_sell(
    *, quantities: dict[Product, int], note: str, actor, reason: str = StockMovement.Reason.COUNTER_SOLD
) -> None:
    """Take sold quantities off the shelf with one conditional UPDATE each, never into what is reserved.

    The caller locked the products (`lock_products`) in its transaction and rolls it back on OutOfStock.
    Made-to-order products are produced for the buyer: their stock is left alone. `reason` EVENT_OUT takes
    stock to an event stall the same way.
    """
    stocked = {p: q for p, q in sorted(quantities.items(), key=lambda item: item[0].pk) if not p.made_to_order}
    for product, quantity in stocked.items():
        rows = Product.objects.filter(pk=product.pk, stock_on_hand__gte=F("stock_reserved") + quantity)
        if not rows.update(stock_on_hand=F("stock_on_hand") - quantity):
            product.refresh_from_db(fields=["stock_on_hand", "stock_reserved"])
            raise OutOfStock(product.name, product.stock_available)
        product.stock_on_hand -= quantity
    _ledger(stocked, -1, reason, note, actor)


def stock_unsell(*, quantities: dict[Product, int], note: str, actor) -> None:
    """Put the quantities of a voided sale back on the shelf (the caller locked the products)."""
    stocked = {p: q for p, q in sorted(quantities.items(), key=lambda item: item[0].pk) if not p.made_to_order}
    for product, quantity in stocked.items():
        Product.objects.filter(pk=product.pk).update(stock_on_hand=F("stock_on_hand") + quantity)
        product.stock_on_hand += quantity
        _announce_rise(product.pk, quantity)
    _ledger(stocked, 1, StockMovement.Reason.COUNTER_VOIDED, note, actor)


def count_sold(quantities: dict[Product, int], sign: int = 1) -> None:
    """Product.sold_count ("terjual N" on cards) for units sold outside a reservation (at the counter or an event
    stall; `sign` -1 when such a sale is voided): every unit counts, made to order too."""
    for product, quantity in quantities.items():
        Product.objects.filter(pk=product.pk).update(sold_count=Greatest(F("sold_count") + sign * quantity, 0))


def stock_from_event(*, quantities: dict[Product, tuple[int, int]], note: str, actor) -> None:
    """Bring an event stall's stock back: per product (back, missing), what was there comes back on the shelf
    (`event_back`) and what is missing is written off (`event_missing`); the caller locked the products."""
    ordered = sorted(quantities.items(), key=lambda item: item[0].pk)
    back = {p: b + m for p, (b, m) in ordered if b + m}
    missing = {p: m for p, (_b, m) in ordered if m}
    for product, (returned, _missing) in quantities.items():
        if returned:
            Product.objects.filter(pk=product.pk).update(stock_on_hand=F("stock_on_hand") + returned)
            product.stock_on_hand += returned
            _announce_rise(product.pk, returned)
    _ledger(back, 1, StockMovement.Reason.EVENT_BACK, note, actor)
    _ledger(missing, -1, StockMovement.Reason.EVENT_MISSING, note, actor)


def _ledger(quantities: dict[Product, int], sign: int, reason: str, note: str, actor) -> None:
    StockMovement.objects.bulk_create(
        StockMovement(product=p, on_hand_delta=sign * q, reason=reason, note=note[:200], actor=actor)
        for p, q in quantities.items()
    )
