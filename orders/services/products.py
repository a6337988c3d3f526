"""Product writes that reach into the stock ledger or reservations, so they live above the catalogue:
creating a product with opening stock, and archiving one (a draft nobody reserved is deleted instead)."""

from django.db import transaction

from catalog.models import Product
from catalog.services import products as catalog_products
from orders.models import ReservationLine, StockMovement

from .stock import stock_open


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
