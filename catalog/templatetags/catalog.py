"""Product photos as responsive <img> tags from the renditions made at upload (no processing here)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

CARD_SIZES = "(min-width: 1200px) 220px, (min-width: 768px) 25vw, 50vw"
GALLERY_SIZES = "(min-width: 992px) 600px, 100vw"


def _fit(width: int, height: int, box: int) -> tuple[int, int]:
    """Scale width × height to fit a box × box square, as the renditions do (never zero)."""
    if not width or not height:
        return box, box
    scale = min(box / width, box / height)
    return max(round(width * scale), 1), max(round(height * scale), 1)


@register.simple_tag
def product_image(image, alt: str = "", size: str = "card", eager: bool = False) -> SafeString:
    """An <img> with srcset (320/640 for cards, 640/1280 for the gallery), width/height and lazy loading."""
    if image is None:
        return format_html('<div class="img-placeholder" role="img" aria-label="{}">📦</div>', alt)
    if size == "card":
        box, src, srcset, sizes = 320, image.thumb_320.url, (image.thumb_320, image.thumb_640), CARD_SIZES
        widths = (320, 640)
    else:
        box, src, srcset, sizes = 640, image.thumb_640.url, (image.thumb_640, image.large_1280), GALLERY_SIZES
        widths = (640, 1280)
    width, height = _fit(image.width, image.height, box)
    candidates = ", ".join(f"{spec.url} {w}w" for spec, w in zip(srcset, widths, strict=True))
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" loading="{}" decoding="async">',
        src,
        candidates,
        sizes,
        width,
        height,
        image.alt_text or alt,
        "eager" if eager else "lazy",
    )
