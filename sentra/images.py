"""Uploaded photos (product photos, logos) and upload size limits: JPEG/PNG/WebP only, size and pixel limits,
orientation applied, metadata (EXIF, GPS) stripped by re-encoding (SPEC §11)."""

import io
import uuid
import warnings

from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from sentra.exceptions import DomainError

MAX_UPLOAD_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_EDGE = 2560  # originals are kept no larger than this; renditions go up to 1280
ALLOWED_FORMATS = ["JPEG", "PNG", "WEBP"]

# Pillow warns above MAX_IMAGE_PIXELS and refuses above twice that; make its guard ours, site-wide.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def check_upload_size(upload, limit: int = MAX_UPLOAD_BYTES) -> None:
    """Refuse files over `limit` bytes with a message that says the limit."""
    if upload.size is None or upload.size > limit:
        raise DomainError(
            _("Ukuran file maksimal %(limit)s. Coba kirim foto dengan ukuran lebih kecil.")
            % {"limit": filesizeformat(limit)},
            code="too_large",
        )


def _open(upload) -> Image.Image:
    """Open and fully decode `upload`, refusing anything but JPEG/PNG/WebP and decompression bombs."""
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=ALLOWED_FORMATS)
            if image.width * image.height > MAX_PIXELS:
                raise Image.DecompressionBombError("too many pixels")
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        message = _("Foto terlalu besar (maksimal 40 megapiksel). Kecilkan resolusinya lalu coba lagi.")
        raise DomainError(message, code="too_many_pixels") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise DomainError(
            _("File ini bukan foto yang bisa dibaca. Kirim foto JPG, PNG, atau WebP."), code="not_an_image"
        ) from exc
    return image


def _encode(image: Image.Image) -> tuple[bytes, str]:
    """Re-encode without metadata: PNG when the photo has transparency, JPEG otherwise."""
    buffer = io.BytesIO()
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        image.convert("RGBA").save(buffer, "PNG", optimize=True)
        return buffer.getvalue(), "png"
    image.convert("RGB").save(buffer, "JPEG", quality=88, optimize=True, progressive=True)
    return buffer.getvalue(), "jpg"


def clean_photo(upload) -> ContentFile:
    """Return a safe copy of an uploaded photo (upright, ≤ MAX_EDGE px, no EXIF/GPS) or raise ValidationError."""
    check_upload_size(upload)
    image = _open(upload)
    image = ImageOps.exif_transpose(image)
    image.thumbnail((MAX_EDGE, MAX_EDGE))
    data, extension = _encode(image)
    return ContentFile(data, name=f"{uuid.uuid4().hex}.{extension}")
