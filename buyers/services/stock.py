"""Stock held for confirmed drops, by the same rules as reservations (orders.services.stock): products locked in
pk order, one conditional UPDATE that never oversells, a StockMovement row for every change (noted with the
drop's code). Made-to-order products hold nothing."""

from django.db.models import F

from buyers.models import Occurrence
from catalog.models import Product
from orders.models import StockMovement
from orders.services.errors import OutOfStock
from orders.services.stock import count_sold, lock_products


def _held_lines(occurrence: Occurrence):
    return [line for line in occurrence.lines.select_related("product").order_by("product_id") if line.quantity]


def occurrence_hold(*, occurrence: Occurrence, actor) -> None:
    """Hold the drop's quantities or raise OutOfStock (the caller's transaction rolls back)."""
    lines = _held_lines(occurrence)
    products = lock_products(line.product_id for line in lines)
    for line in lines:
        product = products[line.product_id]
        if product.made_to_order:
            continue
        held = Product.objects.filter(pk=product.pk, stock_on_hand__gte=F("stock_reserved") + line.quantity).update(
            stock_reserved=F("stock_reserved") + line.quantity
        )
        if not held:
            product.refresh_from_db(fields=["stock_on_hand", "stock_reserved"])
            raise OutOfStock(product.name, product.stock_available)
        _movement(occurrence, line, held_delta=line.quantity, reason=StockMovement.Reason.RESERVED, actor=actor)


def occurrence_release(*, occurrence: Occurrence, actor) -> None:
    """Return what a confirmed drop holds (it was cancelled)."""
    lines = _held_lines(occurrence)
    products = lock_products(line.product_id for line in lines)
    for line in lines:
        if products[line.product_id].made_to_order:
            continue
        Product.objects.filter(pk=line.product_id).update(stock_reserved=F("stock_reserved") - line.quantity)
        _movement(occurrence, line, held_delta=-line.quantity, reason=StockMovement.Reason.RELEASED, actor=actor)


def occurrence_hand_over(*, occurrence: Occurrence, actor) -> None:
    """Take the held quantities off the shelf for good (the drop was delivered or picked up)."""
    lines = _held_lines(occurrence)
    products = lock_products(line.product_id for line in lines)
    for line in lines:
        if products[line.product_id].made_to_order:
            continue
        Product.objects.filter(pk=line.product_id).update(
            stock_on_hand=F("stock_on_hand") - line.quantity, stock_reserved=F("stock_reserved") - line.quantity
        )
        _movement(
            occurrence,
            line,
            on_hand_delta=-line.quantity,
            held_delta=-line.quantity,
            reason=StockMovement.Reason.COLLECTED,
            actor=actor,
        )
    count_sold({products[line.product_id]: line.quantity for line in lines})  # "terjual N": B2B units count too


def _movement(occurrence, line, *, reason: str, actor, on_hand_delta: int = 0, held_delta: int = 0) -> None:
    StockMovement.objects.create(
        product_id=line.product_id,
        on_hand_delta=on_hand_delta,
        held_delta=held_delta,
        reason=reason,
        note=occurrence.code,
        actor=actor,
    )
