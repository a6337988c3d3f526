"""`Product.vendor_approved`: the catalogue's copy of "the product's vendor is approved".

Public lists filter on it instead of joining vendors: on 200,000 products the join cost ~20 ms on a deep
page (every row walked needed a vendor lookup) and blocked partial indexes over public rows (bench/).
Vendor.transition() and Product.transition() keep it; this refresh is for rows written around them (data
migration, seed_demo, the bench data set).
"""

from collections.abc import Iterable

from django.db.models import Exists, OuterRef


def vendor_approved_refresh(*, vendor_ids: Iterable[int] | None = None) -> None:
    from catalog.models import Product
    from vendors.models import Vendor

    refresh_vendor_approved(Product, Vendor, vendor_ids=vendor_ids)


def refresh_vendor_approved(product_model, vendor_model, *, vendor_ids=None) -> None:
    """One UPDATE; the models are passed in so that migrations can use their historical models."""
    approved = vendor_model.objects.filter(pk=OuterRef("vendor_id"), status="approved")
    products = product_model.objects.all()
    if vendor_ids is not None:
        products = products.filter(vendor_id__in=list(vendor_ids))
    products.update(vendor_approved=Exists(approved))
