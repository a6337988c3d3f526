"""Product photos as responsive <img> tags from the renditions made at upload (no processing here)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from catalog.models import ProductImage

register = template.Library()

CARD_SIZES = "(min-width: 1200px) 220px, (min-width: 768px) 25vw, 50vw"
MAX_REMEMBERED_URLS = 50_000  # ~5 MB per worker
_rendition_urls: dict[tuple[str, str], str] = {}
GALLERY_SIZES = "(min-width: 992px) 600px, 100vw"


def _fit(width: int, height: int, box: int) -> tuple[int, int]:
    """Scale width × height to fit a box × box square, as the renditions do (never zero)."""
    if not width or not height:
        return box, box
    scale = min(box / width, box / height)
    return max(round(width * scale), 1), max(round(height * scale), 1)


def rendition_url(image, spec: str) -> str:
    """URL of a rendition (`thumb_320`, ...) of a ProductImage or a card's CardImage, remembered per file.

    imagekit names a rendition by an md5 of a pure-Python pickle of the spec: ~0.5 ms per call, three per
    card, a third of a 24-card catalogue page (measured with bench/). The name depends only on the photo's
    file name and the spec, so it is computed once per worker and file.
    """
    key = (spec, image.file_name)
    url = _rendition_urls.get(key)
    if url is None:
        if not isinstance(image, ProductImage):  # a card's photo: an unsaved stand-in names the rendition
            # (non-zero dimensions, or ImageField would open the file to measure it)
            image = ProductImage(image=image.file_name, width=image.width or 1, height=image.height or 1)
        url = getattr(image, spec).url
        if len(_rendition_urls) >= MAX_REMEMBERED_URLS:
            _rendition_urls.clear()
        _rendition_urls[key] = url
    return url


@register.simple_tag
def product_image(image, alt: str = "", size: str = "card", eager: bool = False) -> SafeString:
    """An <img> with srcset (320/640 for cards, 640/1280 for the gallery), width/height and lazy loading."""
    if image is None:
        return format_html('<div class="img-placeholder" role="img" aria-label="{}">📦</div>', alt)
    if size == "card":
        box, specs, sizes, widths = 320, ("thumb_320", "thumb_640"), CARD_SIZES, (320, 640)
    else:
        box, specs, sizes, widths = 640, ("thumb_640", "large_1280"), GALLERY_SIZES, (640, 1280)
    urls = [rendition_url(image, spec) for spec in specs]
    src = urls[0]
    width, height = _fit(image.width, image.height, box)
    candidates = ", ".join(f"{url} {w}w" for url, w in zip(urls, widths, strict=True))
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
