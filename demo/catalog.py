"""Demo products with shared generated photos, and their opening stock in the ledger."""

import datetime
import os
import random
from concurrent.futures import ThreadPoolExecutor

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.text import slugify

from catalog.models import Category, Product, ProductImage
from orders.models import StockMovement
from vendors.models import Vendor

from .data import TOWNS, VendorSpec
from .images import product_picture
from .products import PRODUCT_TYPES, ProductType

# Share of the products each vendor status gets (approved vendors hold almost all of the catalogue).
STATUS_WEIGHTS = {
    "approved": 1.0,
    "suspended": 0.5,
    "archived": 0.4,
    "submitted": 0.15,
    "revision_requested": 0.1,
    "draft": 0.1,
    "rejected": 0.05,
}

REPEAT_SUFFIXES = ["Edisi Spesial", "Kemasan Kado", "Pilihan", "Edisi Terbatas", "Paket Hemat", "Kualitas Ekspor"]


def allocate(specs: list[VendorSpec], total: int) -> dict[str, int]:
    """Split `total` products over the vendors by status weight.

    Every approved vendor gets one first, then the first archived vendor: even the small demo keeps the
    listings of a shop that left the centre.
    """
    counts = {spec.slug: 0 for spec in specs}
    approved = [s for s in specs if s.status == "approved"]
    archived = [s for s in specs if s.status == "archived"]
    for spec in (approved + archived[:1])[:total]:
        counts[spec.slug] = 1
    remaining = total - sum(counts.values())
    weights = {s.slug: STATUS_WEIGHTS[s.status] * (1.5 if s.account else 1.0) for s in specs}
    weight_sum = sum(weights.values())
    shares = {slug: remaining * w / weight_sum for slug, w in weights.items()}
    for slug, share in shares.items():
        counts[slug] += int(share)
    leftover = total - sum(counts.values())
    for slug in sorted(shares, key=lambda s: shares[s] - int(shares[s]), reverse=True)[:leftover]:
        counts[slug] += 1
    return counts


def round_price(value: float) -> int:
    step = 500 if value < 20_000 else 1_000 if value < 100_000 else 5_000 if value < 1_000_000 else 50_000
    return max(step, int(round(value / step)) * step)


class ProductMaker:
    """Create products for a vendor from its product types; one generated photo per product type."""

    def __init__(self, *, rng: random.Random, dinas) -> None:
        self.rng, self.dinas = rng, dinas
        self.now = timezone.now()
        self.categories = {c.slug: c for c in Category.objects.all()}
        self.slugs: set[str] = set(Product.objects.values_list("slug", flat=True))
        self.pictures: dict[str, str] = {}
        # Even a small demo (--products 40) shows each listing status at least once.
        self.pending_statuses = [Product.Status.HIDDEN, Product.Status.ARCHIVED, Product.Status.DRAFT]

    def picture(self, product_type: ProductType) -> str:
        """Return the stored name of the product type's photo, generating it once."""
        if product_type.slug not in self.pictures:
            name = f"demo/products/{product_type.slug}.jpg"
            if not default_storage.exists(name):
                content = product_picture(
                    product_type.name,
                    product_type.category,
                    type_slug=product_type.slug,
                    subtitle="Sentra Oleh-oleh Lampung Utara",
                )
                name = default_storage.save(name, ContentFile(content))
            self.pictures[product_type.slug] = name
        return self.pictures[product_type.slug]

    def build(self, vendor: Vendor, spec: VendorSpec, count: int) -> list[Product]:
        """Create `count` products for `vendor`, cycling through its product types and variants."""
        combos = [(PRODUCT_TYPES[t], v) for t in spec.types for v in PRODUCT_TYPES[t].variants]
        self.rng.shuffle(combos)
        products = []
        for i in range(count):
            product_type, variant = combos[i % len(combos)]
            showcase = i == 0 and vendor.status == Vendor.Status.APPROVED
            products.append(self._product(vendor, product_type, variant, i // len(combos), showcase))
        return products

    def _product(self, vendor: Vendor, product_type: ProductType, variant: str, round_: int, showcase: bool):
        """Create one product; a vendor's showcase product is published, in stock and listed long ago."""
        unit_index = self.rng.randrange(len(product_type.units))
        unit = product_type.units[unit_index]
        name = f"{product_type.name} {variant}"
        if round_:  # the vendor sells more products than it has variants: tell the repeats apart
            name += " " + REPEAT_SUFFIXES[(round_ - 1) % len(REPEAT_SUFFIXES)]
        low, high = product_type.price
        price = round_price(self.rng.uniform(low, high) * (1 + 0.8 * unit_index))
        status, note = (Product.Status.PUBLISHED, "") if showcase else self._status(vendor)
        stock = 0 if product_type.made_to_order else self.rng.randint(10, 60) if showcase else self._stock()
        product = Product(
            vendor=vendor,
            category=self.categories[product_type.category],
            name=name[:120],
            slug=self._slug(name),
            description=self._description(vendor, product_type),
            price=price,
            sale_unit=unit,
            stock_on_hand=stock,
            status=status,
            status_note=note,
            made_to_order=product_type.made_to_order,
            lead_time_days=product_type.lead_time_days,
            is_featured=status == Product.Status.PUBLISHED and self.rng.random() < 0.08,
        )
        product._history_user = self.dinas if status == Product.Status.HIDDEN else None
        product.save()
        age = self.rng.randint(90, 120) if showcase else self.rng.randint(0, 120)
        created = self.now - datetime.timedelta(days=age, minutes=self.rng.randint(0, 900))
        Product.objects.filter(pk=product.pk).update(created_at=created, updated_at=created)
        product.created_at = product.updated_at = created
        product.product_type = product_type
        return product

    def _status(self, vendor: Vendor) -> tuple[str, str]:
        if vendor.status in {Vendor.Status.DRAFT, Vendor.Status.SUBMITTED, Vendor.Status.REVISION_REQUESTED}:
            return Product.Status.DRAFT, ""
        if vendor.status == Vendor.Status.REJECTED:
            return Product.Status.ARCHIVED, ""
        roll = self.rng.random()
        if self.pending_statuses:
            roll = {Product.Status.HIDDEN: 0.0, Product.Status.ARCHIVED: 0.05, Product.Status.DRAFT: 0.1}[
                self.pending_statuses.pop(0)
            ]
        if roll < 0.04:
            return Product.Status.HIDDEN, "Foto produk tidak sesuai dengan barang yang dijual. Mohon diganti."
        if roll < 0.09:
            return Product.Status.ARCHIVED, ""
        if roll < 0.15:
            return Product.Status.DRAFT, ""
        return Product.Status.PUBLISHED, ""

    def _stock(self) -> int:
        roll = self.rng.random()
        if roll < 0.07:
            return 0
        if roll < 0.2:
            return self.rng.randint(1, 4)
        return self.rng.randint(8, 80)

    def _slug(self, name: str) -> str:
        base = slugify(name)[:140]
        slug, n = base, 2
        while slug in self.slugs:
            slug, n = f"{base}-{n}", n + 1
        self.slugs.add(slug)
        return slug

    def _description(self, vendor: Vendor, product_type: ProductType) -> str:
        lines = [product_type.description, ""]
        lines.append(f"Dibuat oleh {vendor.name} di {TOWNS[vendor.regency_id]}, {vendor.regency.display_name}.")
        if product_type.made_to_order:
            lines.append(f"Dibuat setelah dipesan, lama pengerjaan sekitar {product_type.lead_time_days} hari.")
        return "\n".join(lines)

    def attach_pictures(self, products: list[Product], *, without: Product | None = None) -> None:
        """One photo row per product except `without`; rows of one product type share the stored file."""
        ProductImage.objects.bulk_create(
            ProductImage(
                product=p,
                image=self.picture(p.product_type),
                width=800,
                height=800,
                alt_text=f"{p.name} — {p.vendor.name}"[:160],
            )
            for p in products
            if p is not without
        )

    def make_renditions(self) -> None:
        """Generate the thumbnails once per distinct photo (pages never process images)."""
        # One ProductImage per rendition: renditions of one instance share its source file object, and
        # threads reading it at once saw each other's seeks ("image file is truncated").
        renditions = [
            getattr(ProductImage(image=name), spec)
            for name in self.pictures.values()
            for spec in ("thumb_320", "thumb_640", "large_1280")
        ]
        # Pillow releases the GIL while encoding: use every core.
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            list(pool.map(lambda rendition: rendition.generate(), renditions))

    def record_opening_stock(self, products: list[Product], owners: dict[int, object]) -> None:
        """Write the ledger rows that explain each product's stock on hand.

        Older listings also sold some pieces over the counter and were restocked once, long before the demo
        reservations (at most 60 days old), so the running balance never goes below zero.
        """
        movements = []
        for p in products:
            if not p.stock_on_hand:
                continue
            actor, history = owners.get(p.vendor_id), []
            if self.now - p.created_at > datetime.timedelta(days=75) and self.rng.random() < 0.35:
                sold, restocked = self.rng.randint(1, 6), self.rng.randint(1, p.stock_on_hand)
                sold_at = p.created_at + datetime.timedelta(days=self.rng.randint(2, 6))
                history = [
                    (-sold, StockMovement.Reason.SOLD_OFFLINE, sold_at),
                    (
                        restocked,
                        StockMovement.Reason.RESTOCK,
                        sold_at + datetime.timedelta(days=self.rng.randint(1, 7)),
                    ),
                ]
            opening = p.stock_on_hand - sum(delta for delta, _, _ in history)
            for delta, reason, at in [(opening, StockMovement.Reason.INITIAL, p.created_at), *history]:
                movements.append(
                    StockMovement(product=p, on_hand_delta=delta, reason=reason, actor=actor, created_at=at)
                )
        StockMovement.objects.bulk_create(movements)
