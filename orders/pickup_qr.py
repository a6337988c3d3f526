"""The pickup code as a QR code, drawn as inline SVG (no image request, works offline once loaded)."""

import segno
from django.utils.safestring import SafeString, mark_safe


def pickup_qr_svg(payload: str, *, scale: int = 6) -> SafeString:
    """Return an inline <svg> of `payload` (segno escapes nothing we pass: codes and our own URLs)."""
    qr = segno.make(payload, error="m")
    svg = qr.svg_inline(scale=scale, border=2, dark="#111", light="#fff", omitsize=True)
    return mark_safe(svg.replace("<svg ", '<svg role="img" class="pickup-qr" ', 1))  # noqa: S308 - generated SVG
