"""Reads of the e-Katalog pages, the export and the reports: readiness of many products at once, the ready
list, and readiness by region (kab/kota of the vendor)."""

from collections import defaultdict

from django.db.models import Prefetch, QuerySet

from catalog.models import Certificate, Product, ProductImage
from vendors.models import Regency, Vendor
from vendors.selectors import at_centres

from .models import ProductListing
from .readiness import Readiness, readiness


def _prepared(products: QuerySet) -> QuerySet:
    return products.select_related(
        "category__parent", "vendor__regency", "vendor__ekatalog_profile", "ekatalog"
    ).prefetch_related(Prefetch("images", queryset=ProductImage.objects.order_by("position", "pk")))


def vendor_checklist(vendor: Vendor) -> list[Readiness]:
    """Every product of the vendor that is not archived, with what it lacks."""
    rows = _prepared(Product.objects.of_vendor(vendor).exclude(status=Product.Status.ARCHIVED)).order_by("name")
    return [readiness(product) for product in rows]


def listed_products(centres: frozenset[int] | None = None) -> QuerySet:
    """Products whose owner started their e-Katalog data (the only ones that can be ready), of the vendors of
    `centres` (None: every centre)."""
    rows = Product.objects.filter(ekatalog__isnull=False)
    if centres is not None:
        rows = rows.filter(at_centres("vendor__centre", centres))
    return _prepared(rows).order_by("vendor__name", "name")


def checklist(
    *,
    status: str = "",
    regency: Regency | None = None,
    ready: bool | None = None,
    centres: frozenset[int] | None = None,
) -> list[Readiness]:
    """The console's list: listed products, optionally of one Dinas status, region, or readiness."""
    rows = listed_products(centres)
    if status in ProductListing.Status.values:
        rows = rows.filter(ekatalog__status=status)
    if regency is not None:
        rows = rows.filter(vendor__regency=regency)
    states = [readiness(product) for product in rows]
    return [s for s in states if ready is None or s.ready == ready]


def ready_products(centres: frozenset[int] | None = None) -> list[Readiness]:
    """The products ready for a catalogue proposal (not refused), with their verified certificates loaded."""
    valid = Certificate.objects.valid().order_by("kind", "pk")
    rows = listed_products(centres).exclude(ekatalog__status=ProductListing.Status.REFUSED)
    rows = rows.prefetch_related(Prefetch("certificates", queryset=valid, to_attr="valid_certificates"))
    return [state for state in (readiness(p) for p in rows) if state.ready]


def by_region(centres: frozenset[int] | None = None) -> list[dict]:
    """Per kab/kota of the vendors: approved UMKM, products with data, ready, proposed, accepted."""
    table: dict[str, dict] = defaultdict(lambda: {"listed": 0, "ready": 0, "proposed": 0, "accepted": 0})
    for state in (readiness(p) for p in listed_products(centres)):
        row = table[state.product.vendor.regency_id]
        row["listed"] += 1
        row["ready"] += state.ready
        row["proposed"] += state.listing.status == ProductListing.Status.PROPOSED
        row["accepted"] += state.listing.status == ProductListing.Status.ACCEPTED
    approved = defaultdict(int)
    vendors = (
        Vendor.objects.approved()
        if centres is None
        else Vendor.objects.approved().filter(at_centres("centre", centres))
    )
    for regency_id in vendors.values_list("regency_id", flat=True):
        approved[regency_id] += 1
    return [
        {"regency": regency, "vendors": approved[regency.pk], **table[regency.pk]}
        for regency in Regency.objects.order_by("code")
    ]


def certificates_text(state: Readiness) -> str:
    """The verified, valid certificates covering the product, and the vendor's BNSP, as one line."""
    certificates = getattr(state.product, "valid_certificates", None)
    if certificates is None:
        certificates = list(Certificate.objects.valid().filter(products=state.product))
    parts = [f"{c.get_kind_display()} {c.number}".strip() for c in certificates]
    if state.product.vendor.has_bnsp:
        parts.append("BNSP")
    return "; ".join(parts)
