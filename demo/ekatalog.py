"""Demo e-Katalog data (issue 20): most approved vendors filled in their supplier legal data, a dozen products
are fully ready (some proposed, accepted or refused by Dinas), and others have gaps: no brand or prices yet, no
shelf life, a vendor without a SIKaP profile, a food product without the certificates, a photo too small.
Decisions are recorded through `ProductListing.transition` (the audit rows) without the owners' emails."""

import random

from catalog.models import Product
from ekatalog.models import ProductListing, SupplierProfile
from ekatalog.readiness import is_food, readiness, vendor_gaps
from vendors.models import Vendor

READY_TARGET = 12
GAPPY_TARGET = 10
NO_SIKAP = 3  # every third vendor with legal data has not registered on SIKaP yet
REFUSAL = "Harga provinsi belum termasuk ongkos kirim ke seluruh kabupaten; mohon hitung ulang."


def build_ekatalog(*, rng: random.Random, dinas) -> list[ProductListing]:
    """Create the supplier profiles, the listings and Dinas's decisions on a few of them."""
    vendors = list(Vendor.objects.approved().exclude(nib="").order_by("pk"))
    for index, vendor in enumerate(vendors):
        SupplierProfile.objects.create(
            vendor=vendor,
            npwp=f"{rng.randrange(10**14, 10**15):015d}",
            sikap_id="" if index % NO_SIKAP == NO_SIKAP - 1 else f"SIKAP-18{vendor.pk:05d}",
            updated_by=vendor.memberships.filter(role="owner").first().user,
        )
    products = (
        Product.objects.filter(status=Product.Status.PUBLISHED, vendor__status=Vendor.Status.APPROVED)
        .select_related("category__parent", "vendor__ekatalog_profile")
        .prefetch_related("images")
        .order_by("pk")
    )
    ready, gappy = [], []
    for product in products:
        if len(ready) >= READY_TARGET and len(gappy) >= GAPPY_TARGET:
            break
        listing = _full_listing(rng, product)
        if readiness(product).ready and len(ready) < READY_TARGET:
            ready.append(listing)
        elif len(gappy) < GAPPY_TARGET:
            gappy.append(_with_a_gap(listing, len(gappy)))
        else:
            listing.delete()
    _decide(ready, dinas)
    return ready + gappy


def _full_listing(rng: random.Random, product: Product) -> ProductListing:
    tkdn = rng.random() < 0.25
    listing = ProductListing.objects.create(
        product=product,
        brand=product.vendor.name[:80],
        specification=f"{product.name}. {product.description}"[:1000],
        packaging=f"Kemasan {product.sale_unit}, berlabel dan bersegel",
        unit=product.sale_unit,
        min_order=rng.choice([5, 10, 20]),
        monthly_capacity=rng.choice([200, 300, 500, 1000]),
        price_regency=product.price,
        price_province=max(product.price, round(product.price * 1.1 / 500) * 500),
        shelf_life_days=rng.choice([90, 120, 180]) if is_food(product) else None,
        local_content=ProductListing.LocalContent.TKDN if tkdn else ProductListing.LocalContent.PDN,
        tkdn_percent=rng.choice([45, 52, 60, 75]) if tkdn else None,
        tkdn_number=f"TKDN-{product.pk:05d}/2025" if tkdn else "",
        updated_by=product.vendor.memberships.filter(role="owner").first().user,
    )
    product.ekatalog = listing
    return listing


def _with_a_gap(listing: ProductListing, index: int) -> ProductListing:
    """Leave something out, unless the product already lacks something (certificates, photo, legal data)."""
    if readiness(listing.product).product_gaps or vendor_gaps(listing.product.vendor):
        return listing
    blank = [["brand", "price_province"], ["monthly_capacity"], ["local_content"], ["packaging", "unit"]]
    for name in blank[index % len(blank)]:
        setattr(listing, name, None if name in {"monthly_capacity", "price_province"} else "")
    listing.save()
    return listing


def _decide(ready: list[ProductListing], dinas) -> None:
    """Dinas proposed half of the ready products, accepted two of those and refused one."""
    S = ProductListing.Status
    for listing in ready[: len(ready) // 2]:
        listing.transition(S.PROPOSED, actor=dinas, reason="Usulan katalog lokal Kabupaten Lampung Utara 2027.")
    for listing in ready[:2]:
        listing.transition(S.ACCEPTED, actor=dinas, reason="Tayang di katalog lokal.")
    if len(ready) > 2:
        ready[2].transition(S.REFUSED, actor=dinas, reason=REFUSAL)
