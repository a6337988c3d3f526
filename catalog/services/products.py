"""Writes of the owner portal on products: create, edit, publish, archive, stock, photos."""

import logging

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from catalog.models import Category, Product, ProductImage
from sentra.exceptions import DomainError
from sentra.images import clean_photo
from sentra.slugs import unique_slug
from vendors.models import Vendor

logger = logging.getLogger(__name__)

EDITABLE_FIELDS = (
    "category",
    "name",
    "description",
    "price",
    "sale_unit",
    "made_to_order",
    "lead_time_days",
)
OWNER_STATUSES = {Product.Status.DRAFT, Product.Status.PUBLISHED}
CLOSED_VENDOR_STATUSES = {Vendor.Status.REJECTED, Vendor.Status.ARCHIVED}


def _check_vendor_open(vendor: Vendor) -> None:
    if vendor.status in CLOSED_VENDOR_STATUSES:
        raise DomainError(_("UMKM ini sudah ditutup; produk tidak bisa diubah."))


def _fix_lead_time(product: Product) -> None:
    """A made-to-order product needs at least one day; a stocked one has none."""
    if product.made_to_order:
        product.lead_time_days = max(product.lead_time_days or 0, 1)
    else:
        product.lead_time_days = 0


def product_create(
    *,
    vendor: Vendor,
    actor,
    name: str,
    category: Category,
    price: int,
    description: str = "",
    sale_unit: str = "pcs",
    made_to_order: bool = False,
    lead_time_days: int = 0,
) -> Product:
    """Create a draft product with no stock (orders.services.products.product_create adds opening stock)."""
    _check_vendor_open(vendor)
    product = Product(
        vendor=vendor,
        slug=unique_slug(name, taken=Product.objects.all(), fallback="produk"),
        name=name,
        category=category,
        price=price,
        description=description,
        sale_unit=sale_unit,
        made_to_order=made_to_order,
        lead_time_days=lead_time_days,
        status=Product.Status.DRAFT,
    )
    _fix_lead_time(product)
    product._history_user = actor
    product.save()
    return product


def product_update(*, product: Product, actor, **fields) -> Product:
    """Change the listing's details (never its vendor, status or stock: those have their own services)."""
    _check_vendor_open(product.vendor)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable here: {sorted(unknown)}")
    for field, value in fields.items():
        setattr(product, field, value)
    _fix_lead_time(product)
    product._history_user = actor
    product.save(update_fields=[*fields, "lead_time_days", "updated_at"])
    return product


def product_set_status(*, product: Product, actor, status: str) -> Product:
    """Publish or unpublish (back to draft) a product; only approved vendors publish, Dinas' hiding stays."""
    if status not in OWNER_STATUSES:
        raise DomainError(_("Status ini hanya bisa diubah oleh Dinas."))
    if product.status == Product.Status.HIDDEN:
        raise DomainError(_("Produk ini disembunyikan Dinas. Hubungi Dinas untuk menayangkannya lagi."))
    if status == product.status:
        return product
    if status == Product.Status.PUBLISHED and product.vendor.status == Vendor.Status.SUSPENDED:
        raise DomainError(_("UMKM sedang dibekukan Dinas; produk tidak bisa ditayangkan."))
    product.transition(status, actor=actor)
    return product


def product_restore(*, product: Product, actor) -> Product:
    """Bring an archived product back as a draft."""
    _check_vendor_open(product.vendor)
    product.transition(Product.Status.DRAFT, actor=actor)
    return product


def product_image_add(*, product: Product, upload, alt_text: str = "", actor) -> ProductImage:
    """Store a cleaned copy of an uploaded photo and make its renditions now; nothing is kept on failure."""
    cleaned = clean_photo(upload)
    position = (product.images.aggregate(top=Max("position"))["top"] or 0) + 1
    image = ProductImage(product=product, alt_text=alt_text or product.name, position=position)
    try:
        with transaction.atomic():
            image.image.save(cleaned.name, cleaned, save=False)
            image.save()
            for rendition in (image.thumb_320, image.thumb_640, image.large_1280):
                rendition.generate()
    except Exception:
        logger.exception("photo upload failed product=%s", product.pk)
        image_files_delete(image)
        raise
    return image


def product_image_update(*, image: ProductImage, actor, alt_text: str, position: int) -> ProductImage:
    """Change a photo's description and its place in the gallery."""
    image.alt_text, image.position = alt_text, position
    image.save(update_fields=["alt_text", "position"])
    return image


def product_image_delete(*, image: ProductImage, actor) -> None:
    """Remove a photo and its files."""
    with transaction.atomic():
        image.delete()
        transaction.on_commit(lambda: image_files_delete(image))


def image_files_delete(image: ProductImage) -> None:
    """Delete the stored original and its renditions (best effort: files are not transactional)."""
    if not image.image:
        return
    if ProductImage.objects.filter(image=image.image.name).exists():
        return  # another photo row still uses this file (the demo data shares one photo per product type)
    storage = image.image.storage
    for rendition in (image.thumb_320, image.thumb_640, image.large_1280):
        try:
            if rendition.name and storage.exists(rendition.name):
                storage.delete(rendition.name)
        except Exception:  # a missing rendition must not stop deleting the original
            logger.warning("could not delete rendition of %s", image.image.name)
    image.image.delete(save=False)
