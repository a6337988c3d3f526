"""Fetch-and-authorise helpers for products and certificates: 404 alike for "missing" and "not yours"."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from vendors.models import Vendor

from .models import Certificate, Product, ProductImage

DINAS_GROUP = "Dinas"


def is_dinas(user) -> bool:
    """True for Dinas staff (group or permission) and superusers."""
    if not user.is_authenticated:
        return False
    return (
        user.is_superuser or user.has_perm("catalog.view_certificate") or user.groups.filter(name=DINAS_GROUP).exists()
    )


def access_product(user, pk, *, vendor: Vendor) -> Product:
    """Return product `pk` of `vendor` when the user is an active member of it, else 404."""
    products = Product.objects.select_related("vendor", "category").filter(
        vendor=vendor, vendor__memberships__user_id=getattr(user, "pk", None), vendor__memberships__is_active=True
    )
    return get_object_or_404(products, pk=pk)


def access_product_image(user, pk, *, product: Product) -> ProductImage:
    """Return photo `pk` of a product the user already accessed, else 404."""
    return get_object_or_404(ProductImage, pk=pk, product=product)


def access_vendor_certificate(user, pk, *, vendor: Vendor) -> Certificate:
    """Return certificate `pk` of `vendor` (for editing in the portal) when the user is a member, else 404."""
    certificates = Certificate.objects.select_related("vendor", "vendor__regency").filter(
        vendor=vendor, vendor__memberships__user_id=getattr(user, "pk", None), vendor__memberships__is_active=True
    )
    return get_object_or_404(certificates, pk=pk)


def access_certificate(user, pk) -> Certificate:
    """Return certificate `pk` to an active member of its vendor or to Dinas staff; 404 for everyone else."""
    if not user.is_authenticated:
        raise Http404
    certificate = get_object_or_404(Certificate.objects.select_related("vendor"), pk=pk)
    if is_dinas(user):
        return certificate
    if certificate.vendor.memberships.filter(user=user, is_active=True).exists():
        return certificate
    raise Http404
