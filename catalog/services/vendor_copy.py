"""The catalogue's copy of a product's vendor: `Product.vendor_approved` and `Product.regency`.

Public lists filter on these columns instead of joining vendors: on 200,000 products joining vendors was the
largest cost of a deep catalogue page (a vendor lookup for every row walked), and a region filter sorted by
price walked thousands of rows of other regions (see bench/README.md, 'Measured design decisions'); on the
product row they also allow partial indexes over public rows.
This refresh is the one place that writes them for a vendor's products: the vendors app sends
`vendors.signals.vendor_changed` when a vendor's approval or region changes (transition, profile, admin) and
CatalogConfig.ready() connects it here; seed_demo and the bench data set call it for rows written in bulk.
Product.transition() sets a single product's copy from its locked vendor row when its status changes.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery

from catalog.models import Product
from vendors.models import Vendor


def vendor_copy_refresh(*, vendor_ids: Iterable[int] | None = None) -> None:
    """Copy approval and region from each vendor onto its products (None: every vendor)."""
    vendor = Vendor.objects.filter(pk=OuterRef("vendor_id"))
    products = Product.objects.all()
    with transaction.atomic():
        if vendor_ids is not None:
            products = products.filter(vendor_id__in=list(vendor_ids))
            # pk order, as reservation_place locks products: an UPDATE alone locks in scan order (deadlock risk)
            list(products.select_for_update().order_by("pk").values_list("pk", flat=True))
        products.update(
            vendor_approved=Exists(vendor.filter(status=Vendor.Status.APPROVED)),
            regency_id=Subquery(vendor.values("regency_id")[:1]),
        )


def on_vendor_changed(sender, *, vendor_ids: list[int], **kwargs) -> None:
    """Receiver of vendors.signals.vendor_changed."""
    vendor_copy_refresh(vendor_ids=vendor_ids)
