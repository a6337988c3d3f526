"""Fetch-and-authorise helpers for products, photos and certificates: each is given the user and raises
Http404 alike for "missing" and "not yours". Dinas staff reach the objects of their centres' vendors; a
vendor's active members reach their vendor's; `vendor=` narrows to one vendor the user is a member of (the
portal's current vendor)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from sentra.staff import is_dinas
from vendors.access import in_scope
from vendors.models import Vendor

from .models import Certificate, Product, ProductImage


def _reachable(rows: QuerySet, user, vendor: Vendor | None) -> QuerySet:
    if not user.is_authenticated:
        return rows.none()
    if vendor is None and is_dinas(user):
        return in_scope(user, rows, "vendor__centre")  # staff of the vendor's centre (province staff: all)
    members = rows.filter(vendor__memberships__user_id=user.pk, vendor__memberships__is_active=True)
    return members if vendor is None else members.filter(vendor=vendor)


def access_product(user, pk, *, vendor: Vendor | None = None) -> Product:
    """Return product `pk` with its vendor and category to a user who may reach it, else 404."""
    rows = Product.objects.select_related("vendor", "vendor__regency", "category")
    return get_object_or_404(_reachable(rows, user, vendor), pk=pk)


def access_product_image(user, pk, *, product: Product) -> ProductImage:
    """Return photo `pk` of a product the user already accessed, else 404."""
    return get_object_or_404(ProductImage, pk=pk, product=product)


def access_certificate(user, pk, *, vendor: Vendor | None = None) -> Certificate:
    """Return certificate `pk` with its vendor and reviewer to a user who may reach it, else 404."""
    rows = Certificate.objects.select_related("vendor", "vendor__regency", "reviewed_by")
    return get_object_or_404(_reachable(rows, user, vendor), pk=pk)
