"""The pickup code as a QR code, drawn as inline SVG (no image request, works offline once loaded)."""

import segno
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


def pickup_qr_svg(payload: str, *, scale: int = 6) -> SafeString:
    """Return an accessible inline <svg> QR code of `payload` (the pickup code the vendor scans)."""
    # micro=False: a short code would otherwise become a Micro QR, which phone cameras and BarcodeDetector cannot read.
    svg = segno.make(payload, error="m", micro=False).svg_inline(
        scale=scale, border=2, dark="#111", light="#fff", omitsize=True, svgclass="pickup-qr"
    )
    label = escape(_("Kode QR untuk %(code)s") % {"code": payload})
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))  # noqa: S308 - segno output
