"""The readiness rules: what a product and its vendor still lack before the product can be proposed to the
e-Katalog. One place, read by the owner's checklist, the console, the export and the reports."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from catalog.models import Product, badge_shows
from vendors.models import Vendor

from .models import ProductListing, SupplierProfile

# The catalogue asks for product photos of at least 500 × 500 pixels (square, plain background preferred).
MIN_PHOTO_PX = 500

LISTING_FIELDS = [
    ("brand", _("Merek")),
    ("specification", _("Spesifikasi")),
    ("packaging", _("Kemasan")),
    ("unit", _("Satuan")),
    ("min_order", _("Minimal pemesanan")),
    ("monthly_capacity", _("Kapasitas per bulan")),
    ("price_regency", _("Harga kab/kota")),
    ("price_province", _("Harga provinsi")),
    ("local_content", _("Status TKDN/PDN")),
]


@dataclass
class Readiness:
    """What one product (and its vendor) still lacks; ready when both lists are empty."""

    product: Product
    listing: ProductListing | None
    product_gaps: list[str] = field(default_factory=list)
    vendor_gaps: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not self.product_gaps and not self.vendor_gaps

    @property
    def gaps(self) -> list[str]:
        return self.vendor_gaps + self.product_gaps


def profile_of(vendor: Vendor) -> SupplierProfile | None:
    try:
        return vendor.ekatalog_profile
    except SupplierProfile.DoesNotExist:
        return None


def listing_of(product: Product) -> ProductListing | None:
    try:
        return product.ekatalog
    except ProductListing.DoesNotExist:
        return None


def vendor_gaps(vendor: Vendor) -> list[str]:
    """The supplier's missing legal data: approved by Dinas, NIB, NPWP, a registered supplier profile."""
    profile = profile_of(vendor)
    gaps = []
    if vendor.status != Vendor.Status.APPROVED:
        gaps.append(str(_("UMKM belum disetujui Dinas")))
    if not vendor.nib:
        gaps.append(str(_("NIB belum diisi")))
    if profile is None or not profile.npwp:
        gaps.append(str(_("NPWP belum diisi")))
    if profile is None or not profile.sikap_id:
        gaps.append(str(_("Profil penyedia SIKaP/INAPROC belum diisi")))
    return gaps


def is_food(product: Product) -> bool:
    category = product.category
    return category.is_food or bool(category.parent_id and category.parent.is_food)


def big_enough_photos(product: Product) -> list:
    return [i for i in product.images.all() if min(i.width, i.height) >= MIN_PHOTO_PX]


def product_gaps(product: Product, listing: ProductListing | None) -> list[str]:
    """The product's missing listing data, certificates and photos."""
    gaps = []
    if product.status != Product.Status.PUBLISHED:
        gaps.append(str(_("Produk belum tayang di Sentra")))
    for name, label in LISTING_FIELDS:
        if listing is None or getattr(listing, name) in (None, ""):
            gaps.append(str(_("%(field)s belum diisi") % {"field": label}))
    if (
        listing is not None
        and listing.local_content == ProductListing.LocalContent.TKDN
        and (listing.tkdn_percent is None or not listing.tkdn_number)
    ):
        gaps.append(str(_("Nilai dan nomor sertifikat TKDN belum diisi")))
    if is_food(product):
        if listing is None or not listing.shelf_life_days:
            gaps.append(str(_("Masa simpan belum diisi")))
        if not badge_shows(product.pirt_until):
            gaps.append(str(_("Belum ada P-IRT terverifikasi yang berlaku")))
        if not badge_shows(product.halal_until):
            gaps.append(str(_("Belum ada sertifikat halal terverifikasi")))
    if not big_enough_photos(product):
        gaps.append(str(_("Foto minimal %(px)s × %(px)s piksel belum ada") % {"px": MIN_PHOTO_PX}))
    return gaps


def readiness(product: Product) -> Readiness:
    """Check one product (its category, photos, vendor and listing already loaded, or loaded here)."""
    listing = listing_of(product)
    return Readiness(product, listing, product_gaps(product, listing), vendor_gaps(product.vendor))
