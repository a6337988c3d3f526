"""Product writes that reach into the stock ledger or reservations, so they live above the catalogue:
creating a product with opening stock, and archiving one (a draft nobody reserved is deleted instead)."""

from django.db import transaction
from django.utils.translation import gettext as _

from catalog.models import Product
from catalog.services import products as catalog_products
from orders.models import ReservationLine, StockMovement

from .stock import stock_adjust, stock_open


def product_create(*, vendor, actor, stock_on_hand: int = 0, **fields) -> Product:
    """Create a draft product (catalog's rules) with its opening stock written to the ledger."""
    with transaction.atomic():
        product = catalog_products.product_create(vendor=vendor, actor=actor, **fields)
        stock_open(product=product, quantity=stock_on_hand, actor=actor)
    return product


def product_is_deletable(product: Product) -> bool:
    """A draft that was never reserved and whose only stock record is its initial stock."""
    if product.status != Product.Status.DRAFT or ReservationLine.objects.filter(product=product).exists():
        return False
    return not product.movements.exclude(reason=StockMovement.Reason.INITIAL).exists()


def product_archive(*, product: Product, actor) -> Product | None:
    """Delete a draft nobody reserved; archive (keep for history) everything else. None when deleted."""
    if product_is_deletable(product):
        with transaction.atomic():
            images = list(product.images.all())
            product.movements.all().delete()
            product.delete()
            transaction.on_commit(lambda: [catalog_products.image_files_delete(image) for image in images])
        return None
    if product.status != Product.Status.ARCHIVED:
        product.transition(Product.Status.ARCHIVED, actor=actor)
    return product


def product_quick_edit(*, product: Product, actor, price: int, stock_on_hand: int | None = None) -> bool:
    """The product list's quick edit (issue 16): price through catalog's product service, the stock counted now
    through the ledger (one `correction` row for the difference). Both or neither; True when anything changed."""
    changed = False
    with transaction.atomic():
        if price != product.price:
            catalog_products.product_update(product=product, actor=actor, price=price)
            changed = True
        if stock_on_hand is not None and not product.made_to_order and stock_on_hand != product.stock_on_hand:
            stock_adjust(
                product=product,
                actor=actor,
                delta=stock_on_hand - product.stock_on_hand,
                reason=StockMovement.Reason.CORRECTION,
                note=_("Ubah cepat di daftar produk"),
            )
            changed = True
    return changed
