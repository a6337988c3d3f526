"""Reads for the public catalogue: cached lookups (categories, regions with counts) and page data.

Every public page runs a constant number of queries: lists fetch their rows with `with_card_data()`
(one query + one for photos), badges come as EXISTS annotations, and rarely changing lookups are cached.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language

from sentra.cache import cached_for_generation
from vendors.models import Regency, UnitAssignment, Vendor

from .cards import as_cards
from .models import Category, Certificate, Product

LOOKUP_TTL = 300  # seconds; counts on the home page may lag this much


@dataclass(frozen=True)
class CategoryNode:
    pk: int
    slug: str
    name: str
    name_en: str
    parent_id: int | None
    children: tuple["CategoryNode", ...] = ()

    @property
    def label(self) -> str:
        return self.name_en if (get_language() or "").startswith("en") and self.name_en else self.name

    @property
    def ids(self) -> list[int]:
        """This category and its children: a parent category includes its children."""
        return [self.pk, *(child.pk for child in self.children)]


@dataclass(frozen=True)
class RegionRow:
    code: str
    slug: str
    name: str
    product_count: int


def category_tree() -> list[CategoryNode]:
    """Root categories with their children, kept for the page cache's generation (a category save starts a
    new one, so a rename shows on the next page)."""
    return cached_for_generation("category-tree", "all", _fetch_category_tree, LOOKUP_TTL)


def _fetch_category_tree() -> list[CategoryNode]:
    rows = list(Category.objects.order_by("position", "name").values("pk", "slug", "name", "name_en", "parent_id"))
    children: dict[int, list[CategoryNode]] = {}
    for row in rows:
        if row["parent_id"]:
            children.setdefault(row["parent_id"], []).append(CategoryNode(**row))
    return [CategoryNode(**row, children=tuple(children.get(row["pk"], ()))) for row in rows if not row["parent_id"]]


def category_path(pk: int) -> list[CategoryNode]:
    """A category's breadcrumb from the cached tree: its parent (for a sub-category), then itself."""
    for root in category_tree():
        if root.pk == pk:
            return [root]
        for child in root.children:
            if child.pk == pk:
                return [root, child]
    return []


def categories_by_slug() -> dict[str, CategoryNode]:
    nodes: dict[str, CategoryNode] = {}
    for root in category_tree():
        nodes[root.slug] = root
        nodes.update({child.slug: child for child in root.children})
    return nodes


def region_rows() -> list[RegionRow]:
    """The 15 regions with the number of public products from each, cached."""
    rows = cache.get("catalog:region-rows")
    if rows is None:
        # Counted on the products' region copy (index-only over public rows): joining vendors was far slower
        # on 200,000 products, paid by one visitor every LOOKUP_TTL (see bench/README.md).
        counts = dict(Product.objects.published().order_by().values_list("regency").annotate(n=Count("pk")))
        regions = Regency.objects.order_by("code")
        rows = [RegionRow(r.code, r.slug, r.display_name, counts.get(r.code, 0)) for r in regions]
        cache.set("catalog:region-rows", rows, LOOKUP_TTL)
    return rows


def regions_by_slug() -> dict[str, RegionRow]:
    return {row.slug: row for row in region_rows()}


def regions_by_code() -> dict[str, RegionRow]:
    return {row.code: row for row in region_rows()}


def public_products() -> QuerySet:
    """Published products of approved vendors, as ProductCards (catalog.cards): one query for a list."""
    return as_cards(Product.objects.published())


def vendor_products(vendor: Vendor) -> QuerySet:
    """A store page's products, newest first, as ProductCards."""
    return public_products().filter(vendor=vendor).order_by("-created_at", "-pk")


def newest_products(limit: int = 8) -> list[Product]:
    return list(public_products().order_by("-created_at", "-pk")[:limit])


def featured_products(limit: int = 8) -> list[Product]:
    return list(public_products().filter(is_featured=True).order_by("-created_at", "-pk")[:limit])


def public_product(slug: str) -> Product:
    """The product page's product, or 404 when it is missing, not published or its vendor is not approved.

    `unit_code` is the vendor's current ruko unit (the first by code), fetched in the same query. The page
    takes its category path and region from the cached lookups (category_path, regions_by_code): joining
    them cost half of this query's time."""
    unit = UnitAssignment.objects.active(timezone.localdate()).filter(vendor=OuterRef("vendor_id"))
    queryset = (
        Product.objects.published()
        .select_related("vendor")
        .prefetch_related("images")
        .annotate(unit_code=Subquery(unit.order_by("unit__code").values("unit__code")[:1]))
    )
    return get_object_or_404(queryset, slug=slug, vendor__status=Vendor.Status.APPROVED)  # belt and braces


def product_certificates(product: Product) -> list[Certificate]:
    """Valid certificates a shopper sees on a product: its halal/P-IRT, and its vendor's BNSP."""
    covers = Q(products=product) & ~Q(kind=Certificate.Kind.BNSP)
    return list(
        Certificate.objects.valid()
        .filter(Q(vendor_id=product.vendor_id) & (covers | Q(kind=Certificate.Kind.BNSP)))
        .distinct()
        .order_by("kind", "pk")
    )


def related_products(product: Product, limit: int = 4) -> list[Product]:
    """Other public products of the same vendor or category, the same vendor first."""
    same = Q(vendor_id=product.vendor_id) | Q(category_id=product.category_id)
    rows = public_products().filter(same).exclude(pk=product.pk).order_by("-created_at", "-pk")[: limit * 3]
    rows = sorted(rows, key=lambda p: p.vendor_id != product.vendor_id)
    return rows[:limit]


def public_vendors() -> QuerySet:
    """Approved vendors for the directory, with region, current units and the BNSP flag."""
    units = UnitAssignment.objects.active(timezone.localdate()).select_related("unit").order_by("unit__code")
    return (
        Vendor.objects.approved()
        .with_card_data()
        .prefetch_related(Prefetch("unit_assignments", queryset=units, to_attr="current_assignments"))
        .defer("story", "address", "status_note")
    )


def public_vendor(slug: str) -> Vendor:
    """The store page's vendor, or 404 when it is missing or not approved."""
    return get_object_or_404(public_vendors().defer(None), slug=slug)


def vendor_rating(vendor: Vendor) -> dict:
    """The store's average over its public products' visible reviews (weighted by their number) and units sold."""
    totals = (
        Product.objects.published()
        .filter(vendor=vendor)
        .aggregate(count=Sum("rating_count"), points=Sum(F("rating_avg") * F("rating_count")), sold=Sum("sold_count"))
    )
    count = totals["count"] or 0
    average = Decimal(totals["points"] or 0) / count if count else Decimal(0)
    return {"average": average, "count": count, "sold": totals["sold"] or 0}


def vendor_certificates(vendor: Vendor) -> list[Certificate]:
    """Valid certificates of a vendor, for its store page."""
    return list(Certificate.objects.valid().filter(vendor=vendor).order_by("kind", "pk"))
