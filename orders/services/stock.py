"""Every change of a product's held or on-hand stock, each with its ledger row.

Rows are always locked in one global order: the shopper's user row, then reservations by pk, then
products by pk. On PostgreSQL `select_for_update` makes concurrent writers queue in that order (no
deadlocks); on SQLite the IMMEDIATE transaction mode serialises writers. Each update is also
conditional, so even a missed lock cannot oversell: the CHECK constraint `product_never_oversold`
is the last line of defence.
"""

from collections.abc import Iterable

from django.db.models import F

from catalog.models import Product
from orders.models import Reservation, StockMovement

from .errors import OutOfStock


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


def stock_hold(*, product: Product, quantity: int, reservation: Reservation, actor) -> None:
    """Put `quantity` of `product` on hold for `reservation`, or raise OutOfStock."""
    held = Product.objects.filter(pk=product.pk, stock_on_hand__gte=F("stock_reserved") + quantity).update(
        stock_reserved=F("stock_reserved") + quantity
    )
    if not held:
        product.refresh_from_db(fields=["stock_on_hand", "stock_reserved"])
        raise OutOfStock(product.name, product.stock_available)
    product.stock_reserved += quantity
    StockMovement.objects.create(
        product=product, held_delta=quantity, reason=StockMovement.Reason.RESERVED, reservation=reservation, actor=actor
    )


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


def _held_lines(reservation: Reservation):
    """Lines that hold stock: made-to-order lines are produced for the shopper and hold nothing."""
    return reservation.lines.filter(made_to_order=False).order_by("product_id")
