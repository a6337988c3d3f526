"""Uploaded photos (product photos, logos) and upload size limits: JPEG/PNG/WebP only, size and pixel limits,
orientation applied, metadata (EXIF, GPS) stripped by re-encoding (SPEC §11).

Memory per upload stays under ~150 MB whatever the file (tests/test_upload_memory.py measures the worst case of
each kind). A JPEG read in one pass is decoded at 1/2, 1/4 or 1/8 scale (`draft`), never below MAX_EDGE on its
long side, so it costs at most (2 × MAX_EDGE)² decoded pixels however large the photo: any phone camera's photo
is accepted. PNG, WebP and JPEGs that libjpeg must hold whole (progressive, one scan per colour, lossless) are
decoded in full, so they are refused past a pixel count read from the header, before anything is decoded."""

import io
import math
import uuid
import warnings

from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from sentra.exceptions import DomainError

MAX_UPLOAD_BYTES = 8 * 1024 * 1024
MAX_EDGE = 2560  # originals are kept no larger than this; renditions go up to 1280
ALLOWED_FORMATS = ["JPEG", "PNG", "WEBP"]

# Kind of file -> (name shown, most pixels). Bytes per pixel at the peak, measured: PNG 8 (RGBA is resized
# through a premultiplied copy), WebP 16 (libwebp's canvases, the frame as bytes, Pillow's copy), a progressive
# JPEG up to 12 (CMYK coefficients held whole plus the picture). 16 MP is a 5K screen's screenshot; a logo or a
# web picture is far smaller, and a camera's photo comes as JPEG. 200 MP is the largest phone camera.
PIXEL_LIMITS = {
    "JPEG": ("JPG", 200_000_000),
    "JPEG_WHOLE": (_("JPG progresif"), 12_000_000),
    "PNG": ("PNG", 16_000_000),
    "WEBP": ("WebP", 8_000_000),
}
MAX_PIXELS = max(pixels for _name, pixels in PIXEL_LIMITS.values())
BAND_ROWS = 128  # rows of the shrunk picture made at a time
# One-pass JPEG frames: baseline and extended sequential DCT, Huffman or arithmetic coded.
SEQUENTIAL_FRAMES = {0xC0, 0xC1, 0xC9}

# Pillow warns above MAX_IMAGE_PIXELS and refuses above twice that; make its guard ours, site-wide. It is the net
# under the limits per kind above, which are checked before decoding.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def check_upload_size(upload, limit: int = MAX_UPLOAD_BYTES) -> None:
    """Refuse files over `limit` bytes with a message that says the limit."""
    if upload.size is None or upload.size > limit:
        raise DomainError(
            _("Ukuran file maksimal %(limit)s. Coba kirim foto dengan ukuran lebih kecil.")
            % {"limit": filesizeformat(limit)},
            code="too_large",
        )


def _too_many_pixels(kind: str | None = None) -> DomainError:
    if kind is None:  # Pillow's own guard, before the format is known: over every limit
        message = _("Foto terlalu besar (maksimal %(limit)s megapiksel). Kecilkan resolusinya lalu coba lagi.")
        return DomainError(message % {"limit": MAX_PIXELS // 1_000_000}, code="too_many_pixels")
    name, pixels = PIXEL_LIMITS[kind]
    message = _("Foto %(kind)s terlalu besar (maksimal %(limit)s megapiksel). Kecilkan resolusinya lalu coba lagi.")
    return DomainError(message % {"kind": name, "limit": pixels // 1_000_000}, code="too_many_pixels")


def _jpeg_in_one_pass(upload, components: int) -> bool:
    """Whether libjpeg decodes this JPEG row by row: a sequential frame whose first scan holds every component.

    Any other JPEG keeps the whole picture's DCT coefficients in memory, whatever scale draft() asks for. The
    header is walked segment by segment, so a thumbnail's markers inside EXIF are skipped; a header this walk
    cannot follow counts as "not in one pass" (refused past the smaller limit, never over the memory budget)."""
    upload.seek(2)
    frame = None
    while (segment := upload.read(4))[:1] == b"\xff" and len(segment) == 4:
        marker, length = segment[1], int.from_bytes(segment[2:], "big")
        if marker == 0xDA:
            return frame in SEQUENTIAL_FRAMES and upload.read(1) == bytes([components])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            frame = marker
        upload.seek(length - 2, io.SEEK_CUR)
    return False


def _kind(image: Image.Image, upload) -> str:
    if image.format in ("JPEG", "MPO"):  # MPO: a phone's JPEG with a second picture (depth, HDR gain map)
        position = upload.tell()
        one_pass = _jpeg_in_one_pass(upload, image.layers)
        upload.seek(position)
        return "JPEG" if one_pass else "JPEG_WHOLE"
    return image.format


def _draft(image: Image.Image) -> None:
    """Have a JPEG decoded at the smallest 1/2, 1/4 or 1/8 scale that keeps MAX_EDGE px on its long side."""
    width, height = image.size
    if width >= height:
        image.draft(None, (MAX_EDGE, max(1, MAX_EDGE * height // width)))
    else:
        image.draft(None, (max(1, MAX_EDGE * width // height), MAX_EDGE))


def _open(upload) -> Image.Image:
    """Open and decode `upload`, refusing anything but JPEG/PNG/WebP and pictures over their pixel limit.

    Image.open reads only the header, so the pixel count is checked before a byte of the picture is decoded."""
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=ALLOWED_FORMATS)
            kind = _kind(image, upload)
            if image.width * image.height > PIXEL_LIMITS[kind][1]:
                raise _too_many_pixels(kind)
            _draft(image)  # does nothing for PNG and WebP
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels() from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise DomainError(
            _("File ini bukan foto yang bisa dibaca. Kirim foto JPG, PNG, atau WebP."), code="not_an_image"
        ) from exc
    return image


def _shrink(image: Image.Image) -> Image.Image:
    """Fit `image` into MAX_EDGE × MAX_EDGE, a band of rows at a time.

    Image.resize would hold, besides both pictures, one as wide as the result and as tall as the source (and for
    RGBA a premultiplied copy of the whole source); a band of BAND_ROWS rows costs a few megabytes. Each band is
    cut from the source with a margin wider than the filter reaches, so the bands join seamlessly."""
    if max(image.size) <= MAX_EDGE or image.mode in ("1", "P"):  # small, or one byte per pixel
        image.thumbnail((MAX_EDGE, MAX_EDGE))
        return image
    ratio = MAX_EDGE / max(image.size)
    size = (max(1, round(image.width * ratio)), max(1, round(image.height * ratio)))
    scale = image.height / size[1]
    margin = math.ceil(2 * scale) + 2  # bicubic reaches 2 output pixels either way
    result = Image.new(image.mode, size)
    for top in range(0, size[1], BAND_ROWS):
        bottom = min(top + BAND_ROWS, size[1])
        first, last = max(0, math.floor(top * scale) - margin), min(image.height, math.ceil(bottom * scale) + margin)
        band = image.crop((0, first, image.width, last))
        box = (0, top * scale - first, image.width, bottom * scale - first)
        result.paste(band.resize((size[0], bottom - top), Image.Resampling.BICUBIC, box=box), (0, top))
    result.info = dict(image.info)  # orientation (EXIF, XMP) is applied afterwards
    return result


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
    # Shrink first, then turn: the box is square, so the result is the same, and turning copies the picture.
    image = _shrink(_open(upload))  # the decoded source is freed here
    ImageOps.exif_transpose(image, in_place=True)
    data, extension = _encode(image)
    return ContentFile(data, name=f"{uuid.uuid4().hex}.{extension}")
