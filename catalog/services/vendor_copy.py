"""The catalogue's copy of a product's vendor: `Product.vendor_approved` and `Product.regency`.

Public lists filter on these columns instead of joining vendors: on 200,000 products the join cost ~20 ms
on a deep page (a vendor lookup for every row walked), and a region filter sorted by price walked thousands
of rows of other regions (bench/); on the product row they also allow partial indexes over public rows.
Vendor.transition() (when approval changes), Product.transition() and the admin keep them; this refresh
is for rows written around those (data migration, seed_demo, the bench data set).
"""

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Subquery


def vendor_copy_refresh(*, vendor_ids: Iterable[int] | None = None) -> None:
    """Copy approval and region from each vendor onto its products (None: every vendor)."""
    from catalog.models import Product
    from vendors.models import Vendor

    vendor = Vendor.objects.filter(pk=OuterRef("vendor_id"))
    products = Product.objects.all()
    if vendor_ids is not None:
        products = products.filter(vendor_id__in=list(vendor_ids))
    products.update(
        vendor_approved=Exists(vendor.filter(status=Vendor.Status.APPROVED)),
        regency_id=Subquery(vendor.values("regency_id")[:1]),
    )
