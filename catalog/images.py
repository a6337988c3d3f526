"""Product photos on pages: the URLs of the renditions made at upload (uploads themselves: sentra.images)."""

from .models import ProductImage

MAX_REMEMBERED_URLS = 50_000  # rendition URLs remembered per worker, ~5 MB
_rendition_urls: dict[tuple[str, str], str] = {}


def rendition_url(image, spec: str) -> str:
    """URL of a rendition (`thumb_320`, ...) of a ProductImage or a card's CardImage, remembered per file.

    imagekit names a rendition by an md5 of a pure-Python pickle of the spec, three times per card: a large
    share of a 24-card catalogue page (see bench/README.md, 'Measured design decisions'). The name depends
    only on the photo's file name and the spec, so it is computed once per worker and file.
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
