"""Product cards: what a card in a list shows, read as plain values in one query (no model instances).

Every list of products (catalogue, home, store page, related products) renders 8–24 cards. Building a
Product with its vendor, region and category instances, then prefetching photos, took a large share of the
catalogue's budget on 200,000 products; a values() query with the main photo as one JSON subquery costs a
fraction of that (see bench/README.md, 'Measured design decisions'). `ProductCard` answers the same names
the card templates and tags use on a Product (`vendor.name`, `vendor.regency.display_name`, `main_image`,
`has_halal`, `stock_available`, …).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, JSONField, OuterRef, QuerySet, Subquery
from django.db.models.functions import JSONObject
from django.db.models.query import BaseIterable
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from vendors.models import Regency, Vendor

from .models import ProductFace, ProductImage

CARD_VALUES = {
    "pk": "pk",
    "slug": "slug",
    "name": "name",
    "price": "price",
    "sale_unit": "sale_unit",
    "stock_on_hand": "stock_on_hand",
    "stock_reserved": "stock_reserved",
    "made_to_order": "made_to_order",
    "lead_time_days": "lead_time_days",
    "halal_until": "halal_until",
    "pirt_until": "pirt_until",
    "vendor_id": "vendor_id",
    "category_id": "category_id",
    "vendor_name": "vendor__name",
    "vendor_slug": "vendor__slug",
    "vendor_kind": "vendor__kind",
    "vendor_bnsp_until": "vendor__bnsp_until",
    "regency_name": "vendor__regency__name",
    "regency_kind": "vendor__regency__kind",
    "rating_avg": "rating_avg",
    "rating_count": "rating_count",
    "sold_count": "sold_count",
}


@dataclass(frozen=True, slots=True)
class CardRegion:
    name: str
    kind: str

    @property
    def display_name(self) -> str:
        return Regency.display_name_of(self.name, self.kind)


@dataclass(frozen=True, slots=True)
class CardVendor:
    pk: int
    name: str
    slug: str
    kind: str
    bnsp_until: datetime.date | None
    regency: CardRegion

    @property
    def is_lapas(self) -> bool:
        return self.kind == Vendor.Kind.LAPAS


@dataclass(frozen=True, slots=True)
class CardImage:
    """The main photo: what `{% product_image %}` needs (it builds rendition URLs from the file name)."""

    file_name: str
    width: int
    height: int
    alt_text: str


@dataclass(slots=True)
class ProductCard(ProductFace):
    pk: int
    slug: str
    name: str
    price: int
    sale_unit: str
    stock_on_hand: int
    stock_reserved: int
    made_to_order: bool
    lead_time_days: int
    halal_until: datetime.date | None
    pirt_until: datetime.date | None
    vendor_id: int
    category_id: int
    rating_avg: Decimal
    rating_count: int
    sold_count: int
    vendor: CardVendor
    main_image: CardImage | None

    def __str__(self) -> str:
        return self.name

    @classmethod
    def from_row(cls, row: dict) -> "ProductCard":
        image = row["card_image"]
        region = CardRegion(row["regency_name"], row["regency_kind"])
        vendor = CardVendor(
            pk=row["vendor_id"],
            name=row["vendor_name"],
            slug=row["vendor_slug"],
            kind=row["vendor_kind"],
            bnsp_until=row["vendor_bnsp_until"],
            regency=region,
        )
        return cls(
            **{name: row[name] for name in PRODUCT_FIELDS},
            vendor=vendor,
            main_image=CardImage(image["file"], image["width"], image["height"], image["alt"]) if image else None,
        )


PRODUCT_FIELDS = [field for field in ProductCard.__dataclass_fields__ if field in CARD_VALUES]


class CardIterable(BaseIterable):
    """Fetch the queryset's rows as card values and yield a ProductCard per row.

    The card's joins (vendor, region) and photo subquery are added only here, when rows are fetched: ids,
    counts and pages of keys taken from the same queryset (`values_list("pk")`, `count()`) stay free of them.
    """

    def __iter__(self):
        photos = ProductImage.objects.filter(product=OuterRef("pk")).order_by("position", "pk")
        photo = JSONObject(file="image", width="width", height="height", alt="alt_text")
        rows = self.queryset.values(
            *(name for name, path in CARD_VALUES.items() if name == path),
            **{name: F(path) for name, path in CARD_VALUES.items() if name != path},
            card_image=Subquery(photos.values_list(photo)[:1], output_field=JSONField()),
        )
        for row in rows:
            yield ProductCard.from_row(row)


def as_cards(queryset: QuerySet) -> QuerySet:
    """`queryset` (of Product) yielding ProductCards; it can still be filtered, ordered, sliced and counted."""
    cards = queryset.all()
    cards._iterable_class = CardIterable  # as QuerySet.values() sets ValuesIterable
    return cards


def sold_label(count: int) -> str:
    """'terjual 7', 'terjual 120', 'terjual 1rb+', 'terjual 12rb+' as shoppers expect; '' for none."""
    if count <= 0:
        return ""
    if count < 1000:
        return _("terjual %(n)d") % {"n": count}
    return _("terjual %(n)drb+") % {"n": count // 1000}


def rating_text(average) -> str:
    """An average rating as shoppers read it: one decimal, "4,5" in Indonesian and "4.5" in English."""
    return number_format(Decimal(average), 1)
