"""Reads of the owner portal that several views share: the product list's tabs (issue 16)."""

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from catalog.models import Product

S = Product.Status


@dataclass(frozen=True)
class ProductTab:
    slug: str
    label: str | Promise
    condition: Q


PRODUCT_TABS = (
    ProductTab("tayang", _("Tayang"), Q(status=S.PUBLISHED)),
    ProductTab("draf", _("Draf"), Q(status__in=[S.DRAFT, S.HIDDEN])),
    ProductTab(
        "habis",
        _("Habis"),
        ~Q(status=S.ARCHIVED) & Q(made_to_order=False) & Q(stock_on_hand__lte=F("stock_reserved")),
    ),
    ProductTab("arsip", _("Diarsipkan"), Q(status=S.ARCHIVED)),
)
TABS_BY_SLUG = {tab.slug: tab for tab in PRODUCT_TABS}


def product_tab_counts(products: QuerySet) -> dict[str, int]:
    """How many of the vendor's products each tab holds, in one query."""
    counts = products.aggregate(**{tab.slug: Count("pk", filter=tab.condition) for tab in PRODUCT_TABS})
    return {slug: counts[slug] or 0 for slug in TABS_BY_SLUG}


def pick_product_tab(requested: str | None, counts: dict[str, int]) -> ProductTab:
    """The tab asked for, else the first one with products (a new owner's drafts), else "Tayang"."""
    if requested in TABS_BY_SLUG:
        return TABS_BY_SLUG[requested]
    return next((tab for tab in PRODUCT_TABS if counts.get(tab.slug)), PRODUCT_TABS[0])


def product_tab_of(product: Product) -> str:
    """The tab a product is listed under after a change (so a quick action returns to its row)."""
    if product.status == S.ARCHIVED:
        return "arsip"
    if product.status != S.PUBLISHED:
        return "draf"
    return "tayang"


def search_products(products: QuerySet, q: str) -> QuerySet:
    q = " ".join(q.split())[:100]
    return products.filter(name__icontains=q) if q else products


def low_stock_only(products: QuerySet, low_stock: int) -> QuerySet:
    """The dashboard's "stok menipis": published, stocked, with `low_stock` or fewer units free (shelf_counts)."""
    return products.filter(status=S.PUBLISHED, made_to_order=False, stock_on_hand__lte=F("stock_reserved") + low_stock)
