"""Stored certificate badges: the last day each badge is valid, kept on the product (and vendor) rows.

A product shows "Halal" / "P-IRT" while a valid certificate of that kind covers it, and "BNSP" while its
vendor holds a valid BNSP certificate (see `Certificate.objects.valid()`). Joining certificates into every list
of 24 cards and into the `sertifikat` filter over 200,000 products was one of the largest costs of a page
(see bench/README.md, 'Measured design decisions'), so the rows store `Product.halal_until`,
`Product.pirt_until` and `Vendor.bnsp_until`: the latest `valid_until` of the verified certificates that earn
the badge (NO_EXPIRY when one never expires, NULL when there is none).
Expiry needs no job: a badge shows while its date is today or later (`catalog.models.badge_shows`).

A certificate keeps them right itself, in the transaction of the write: `Certificate.save()` (so `transition()`)
refreshes them when its status, kind, stage, `valid_until` or vendor changed, and the receivers below (connected
in catalog.apps) when its covered products change or it is deleted. Only writes that skip save() and signals
(`QuerySet.update()`, `bulk_create()`, raw SQL) must call `badges_refresh()` themselves.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from catalog.models import Certificate, Product
from vendors.models import Vendor

NO_EXPIRY = datetime.date(9999, 12, 31)


def badges_refresh(*, vendor_ids: Iterable[int] | None = None) -> None:
    """Recompute the stored badge dates of the given vendors and their products (None: every vendor)."""

    def latest(kind: str, vendor: str, **covering) -> Subquery:
        rows = Certificate.objects.earning().filter(kind=kind, vendor_id=OuterRef(vendor), **covering)
        rows = rows.annotate(until=Coalesce("valid_until", Value(NO_EXPIRY))).order_by("-until")
        return Subquery(rows.values("until")[:1])

    products, vendors = Product.objects.all(), Vendor.objects.all()
    with transaction.atomic():
        if vendor_ids is not None:
            vendor_ids = list(vendor_ids)
            products, vendors = products.filter(vendor_id__in=vendor_ids), vendors.filter(pk__in=vendor_ids)
            # pk order, as reservation_place locks products: an UPDATE alone locks in scan order (deadlock risk)
            list(products.select_for_update().order_by("pk").values("pk"))
        products.update(
            halal_until=latest("halal", "vendor_id", products=OuterRef("pk")),
            pirt_until=latest("pirt", "vendor_id", products=OuterRef("pk")),
        )
        vendors.update(bnsp_until=latest("bnsp", "pk"))


# Receivers (catalog.apps connects them): with Certificate.save(), the model-level guarantee issue 15 asks for.
def on_certificate_products_changed(sender, instance, action: str, **kwargs) -> None:
    """m2m_changed of Certificate.products, from either side (a certificate or a product has the vendor).

    Not while a JSON backup is loaded (SENTRA_HISTORY_ENABLED=0, docs/operations.md): loaddata sets each
    certificate's products before the later certificates exist, and the dump already holds the stored dates."""
    if not settings.SIMPLE_HISTORY_ENABLED:
        return
    if action in {"post_add", "post_remove", "post_clear"}:
        badges_refresh(vendor_ids=[instance.vendor_id])


def on_certificate_deleted(sender, instance: Certificate, **kwargs) -> None:
    """post_delete of a certificate (one by one or a queryset): its badges go with it."""
    badges_refresh(vendor_ids=[instance.vendor_id])
