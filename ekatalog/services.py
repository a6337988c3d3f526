"""Writes of the e-Katalog data: the owner fills the listing and the legal data, Dinas proposes, accepts or
refuses; each decision in one transaction with its audit row."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from catalog.models import Product
from sentra.exceptions import DomainError, clean_or_refuse
from vendors.models import Vendor

from .models import ListingEvent, ProductListing, SupplierProfile
from .readiness import readiness

LISTING_EDITABLE = [
    "brand",
    "specification",
    "packaging",
    "unit",
    "min_order",
    "monthly_capacity",
    "price_regency",
    "price_province",
    "shelf_life_days",
    "local_content",
    "tkdn_percent",
    "tkdn_number",
]


def _check_listing(listing: ProductListing) -> None:
    if listing.price_regency and listing.price_province and listing.price_province < listing.price_regency:
        raise DomainError({"price_province": [_("Harga provinsi tidak boleh lebih murah dari harga kab/kota.")]})
    if listing.min_order and listing.monthly_capacity and listing.monthly_capacity < listing.min_order:
        raise DomainError({"monthly_capacity": [_("Kapasitas per bulan harus paling sedikit minimal pemesanan.")]})
    if listing.local_content == ProductListing.LocalContent.TKDN:
        if listing.tkdn_percent is None:
            raise DomainError({"tkdn_percent": [_("Isi nilai TKDN dari sertifikatnya.")]})
        if not listing.tkdn_number.strip():
            raise DomainError({"tkdn_number": [_("Isi nomor sertifikat TKDN.")]})
    elif listing.tkdn_percent is not None or listing.tkdn_number:
        raise DomainError({"local_content": [_("Nilai dan nomor TKDN hanya untuk produk bersertifikat TKDN.")]})


def listing_save(*, product: Product, actor, **fields) -> ProductListing:
    """Create or update the product's e-Katalog data (the owner); its Dinas status stays as it is."""
    unknown = set(fields) - set(LISTING_EDITABLE)
    if unknown:
        raise DomainError(_("Kolom tidak dikenal: %(names)s") % {"names": ", ".join(sorted(unknown))})
    with transaction.atomic():
        listing = ProductListing.objects.select_for_update().filter(product=product).first()
        listing = listing or ProductListing(product=product)
        for name, value in fields.items():
            setattr(listing, name, value.strip() if isinstance(value, str) else value)
        listing.updated_by = actor
        _check_listing(listing)
        clean_or_refuse(listing, exclude=["product"], validate_unique=False)
        listing.save()
    return listing


def profile_save(*, vendor: Vendor, actor, npwp: str = "", sikap_id: str = "") -> SupplierProfile:
    """Create or update the vendor's supplier legal data (NPWP, SIKaP/INAPROC id)."""
    profile = SupplierProfile.objects.filter(vendor=vendor).first() or SupplierProfile(vendor=vendor)
    profile.npwp, profile.sikap_id, profile.updated_by = npwp.strip(), sikap_id.strip(), actor
    clean_or_refuse(profile, exclude=["vendor"], validate_unique=False)
    profile.save()
    return profile


def listing_decide(*, listing: ProductListing, to: str, actor, reason: str = "") -> ListingEvent:
    """Propose, accept, refuse or withdraw a product for the local catalogue (Dinas); proposing needs it ready."""
    with transaction.atomic():
        listing = ProductListing.objects.select_for_update().get(pk=listing.pk)
        if to in {ProductListing.Status.PROPOSED, ProductListing.Status.ACCEPTED}:
            product = Product.objects.select_related("category__parent", "vendor").get(pk=listing.product_id)
            state = readiness(product)
            if not state.ready:
                raise DomainError(_("Produk belum siap: %(gaps)s.") % {"gaps": "; ".join(state.gaps)})
        event = listing.transition(to, actor=actor, reason=reason)
        _tell_owner(listing, event)
    return event


def _tell_owner(listing: ProductListing, event: ListingEvent) -> None:
    """Queue an email to the vendor's members about Dinas's decision, after the commit."""
    product = Product.objects.select_related("vendor").get(pk=listing.product_id)
    emails = list(
        product.vendor.memberships.filter(is_active=True).exclude(user__email="").values_list("user__email", flat=True)
    )
    if not emails:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("e-Katalog: %(name)s %(status)s") % {
            "name": product.name,
            "status": event.get_to_status_display().lower(),
        }
        body = render_to_string(
            "emails/ekatalog/decision.txt", {"product": product, "event": event, "site_url": settings.SITE_URL}
        )
    transaction.on_commit(lambda: send_mail(subject, body, None, emails))
