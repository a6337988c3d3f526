"""Structured data for search engines and link previews (schema.org JSON-LD)."""

from django.http import HttpRequest

from vendors.models import Vendor

from . import selectors
from .images import rendition_url
from .models import Product, ProductImage

AGGREGATE_RATING_MIN = 3  # visible reviews before search engines are shown an average


def product_json_ld(request: HttpRequest, product: Product, images: list[ProductImage]) -> dict:
    """A schema.org Product with its offer (price in IDR, availability, sold by the vendor)."""
    if product.made_to_order:
        availability = "https://schema.org/PreOrder"
    elif product.stock_available > 0:
        availability = "https://schema.org/InStock"
    else:
        availability = "https://schema.org/OutOfStock"
    url = request.build_absolute_uri(product.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "description": product.description[:500],
        "sku": product.slug,
        "url": url,
        "category": " › ".join(node.name for node in selectors.category_path(product.category_id)),
        "brand": {"@type": "Brand", "name": product.vendor.name},
        "offers": {
            "@type": "Offer",
            "url": url,
            "price": product.price,
            "priceCurrency": "IDR",
            "availability": availability,
            "seller": {"@type": "Organization", "name": product.vendor.name},
        },
    }
    if product.rating_count >= AGGREGATE_RATING_MIN:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": f"{product.rating_avg:.1f}",
            "reviewCount": product.rating_count,
            "bestRating": 5,
            "worstRating": 1,
        }
    if images:
        data["image"] = [request.build_absolute_uri(rendition_url(image, "thumb_640")) for image in images[:3]]
    return data


def vendor_json_ld(request: HttpRequest, vendor: Vendor) -> dict:
    """A schema.org LocalBusiness for a store page."""
    return {
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "name": vendor.name,
        "description": vendor.story[:500],
        "url": request.build_absolute_uri(vendor.get_absolute_url()),
        "areaServed": vendor.regency.display_name,
        "paymentAccepted": "Cash, QRIS" if vendor.accepts_qris else "Cash",
    }
