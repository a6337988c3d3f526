"""Shelf labels: a QR code (segno, inline SVG) pointing at the product's public page."""

from dataclasses import dataclass

import segno
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from catalog.models import Certificate, Product


def public_url(product: Product) -> str:
    """Return the absolute public URL printed on the label (stable: SPEC §6)."""
    return settings.SITE_URL.rstrip("/") + product.get_absolute_url()


def qr_svg(url: str) -> SafeString:
    """Return an inline SVG QR code for `url` (medium error correction survives a scuffed label)."""
    qr = segno.make(url, error="m", micro=False)
    return mark_safe(qr.svg_inline(scale=4, border=2, omitsize=True, title=url))  # noqa: S308 - segno escapes


@dataclass
class Label:
    product: Product
    url: str
    qr: SafeString
    badges: list[str]


def labels_for(products: list[Product], certificates: list[Certificate]) -> list[Label]:
    """Build one label per product with the badges its valid certificates earn."""
    bnsp = any(c.kind == Certificate.Kind.BNSP for c in certificates)
    labels = []
    for product in products:
        kinds = {c.get_kind_display() for c in certificates if c.kind != "bnsp" and product in c.products.all()}
        badges = sorted(kinds) + (["BNSP"] if bnsp else [])
        url = public_url(product)
        labels.append(Label(product=product, url=url, qr=qr_svg(url), badges=badges))
    return labels
