"""Photo pipeline of the owner portal: only real JPEG/PNG/WebP within limits, re-encoded, upright, no EXIF."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from catalog.models import ProductImage
from catalog.services.products import product_image_add, product_image_delete
from sentra.images import MAX_UPLOAD_BYTES
from tests import factories


@pytest.fixture(autouse=True)
def _own_media_root(settings, tmp_path):
    """A media folder per test, so "nothing stored" is not disturbed by tests running in parallel."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


def _image_bytes(fmt: str = "JPEG", size=(40, 20), mode="RGB", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "red" if mode == "RGB" else 0).save(buffer, fmt, **save)
    return buffer.getvalue()


def _upload(data: bytes, name: str = "foto.jpg", content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def _stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _gps_jpeg() -> bytes:
    """A wide 40×20 photo taken with the phone turned (orientation 6) and GPS in its EXIF."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "PonselKu"
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "S",
        ExifTags.GPS.GPSLatitude: (4.0, 49.0, 0.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (104.0, 53.0, 0.0),
    }
    return _image_bytes("JPEG", exif=exif)


def test_photo_with_gps_is_stored_upright_without_any_exif(product, owner):
    image = product_image_add(product=product, upload=_upload(_gps_jpeg()), alt_text="Keripik", actor=owner)
    with Image.open(image.image.path) as stored:
        exif = stored.getexif()
        assert stored.size == (20, 40)  # rotated as the phone held it
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert len(exif) == 0
        assert "exif" not in stored.info
    assert b"PonselKu" not in Path(image.image.path).read_bytes()


def test_photo_renditions_are_made_once_at_upload(product, owner):
    image = product_image_add(product=product, upload=_upload(_image_bytes(size=(2000, 1000))), actor=owner)
    storage = image.image.storage
    for rendition in (image.thumb_320, image.thumb_640, image.large_1280):
        assert storage.exists(rendition.name)
        assert rendition.name.endswith(".webp")
    with Image.open(storage.path(image.thumb_320.name)) as thumb:
        assert thumb.size == (320, 160)


def test_webp_and_png_photos_are_accepted(product, owner):
    webp = product_image_add(product=product, upload=_upload(_image_bytes("WEBP"), "a.webp", "image/webp"), actor=owner)
    png = product_image_add(product=product, upload=_upload(_image_bytes("PNG"), "a.png", "image/png"), actor=owner)
    assert webp.image.name.endswith(".jpg")
    assert png.position == webp.position + 1


def test_png_with_html_appended_is_re_encoded_without_it(product, owner):
    data = _image_bytes("PNG") + b"<html><script>alert('x')</script></html>"
    image = product_image_add(product=product, upload=_upload(data, "a.png", "image/png"), actor=owner)
    stored = Path(image.image.path).read_bytes()
    assert b"<script" not in stored
    assert b"<html" not in stored


def test_php_script_renamed_as_photo_is_refused_and_nothing_stored(product, owner):
    before = _stored_files()
    upload = _upload(b"<?php system($_GET['c']); ?>", "foto.php.jpg")
    with pytest.raises(ValidationError) as error:
        product_image_add(product=product, upload=upload, actor=owner)
    assert "bukan foto" in str(error.value)
    assert ProductImage.objects.count() == 0
    assert _stored_files() == before


def test_real_photo_named_php_is_stored_under_a_safe_name(product, owner):
    image = product_image_add(product=product, upload=_upload(_image_bytes(), "shell.php"), actor=owner)
    assert image.image.name.endswith(".jpg")
    assert "shell" not in image.image.name


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_image_formats_are_refused(product, owner, fmt):
    with pytest.raises(ValidationError):
        product_image_add(product=product, upload=_upload(_image_bytes(fmt), "a.jpg"), actor=owner)
    assert ProductImage.objects.count() == 0


@pytest.mark.parametrize("size", [(10_000, 5_000), (10_000, 9_000)], ids=["over-40-mp", "over-pillow-bomb-limit"])
def test_decompression_bomb_is_refused_and_nothing_stored(product, owner, size):
    before = _stored_files()
    bomb = _image_bytes("PNG", size=size, mode="1")
    assert len(bomb) < MAX_UPLOAD_BYTES  # small file, huge picture
    with pytest.raises(ValidationError) as error:
        product_image_add(product=product, upload=_upload(bomb, "bom.png", "image/png"), actor=owner)
    assert "megapiksel" in str(error.value)
    assert _stored_files() == before


def test_oversize_file_is_refused_before_it_is_opened(product, owner):
    upload = _upload(b"\xff\xd8\xff" + b"0" * MAX_UPLOAD_BYTES, "besar.jpg")
    with pytest.raises(ValidationError) as error:
        product_image_add(product=product, upload=upload, actor=owner)
    assert "8" in str(error.value)
    assert ProductImage.objects.count() == 0


def test_failed_save_deletes_the_stored_file(product, owner, monkeypatch):
    before = _stored_files()

    def broken(self, *args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("imagekit.cachefiles.ImageCacheFile.generate", broken)
    with pytest.raises(OSError):
        product_image_add(product=product, upload=_upload(_image_bytes()), actor=owner)
    assert ProductImage.objects.count() == 0
    assert _stored_files() == before


def test_deleting_a_photo_removes_its_files(product, owner, django_capture_on_commit_callbacks):
    image = product_image_add(product=product, upload=_upload(_image_bytes()), actor=owner)
    path = Path(image.image.path)
    with django_capture_on_commit_callbacks(execute=True):
        product_image_delete(image=image, actor=owner)
    assert not path.exists()


def test_bad_photo_upload_in_the_portal_shows_a_form_error(client, product, owner):
    client.force_login(owner)
    url = reverse("vendors:product-photos", kwargs={"pk": product.pk})
    response = client.post(url, {"image": _upload(b"<?php echo 1; ?>", "x.jpg"), "alt_text": ""})
    assert response.status_code == 200
    assert "bukan foto" in response.content.decode()
    assert ProductImage.objects.count() == 0


def test_photo_upload_in_the_portal_redirects_to_the_gallery(client, product, owner):
    client.force_login(owner)
    url = reverse("vendors:product-photos", kwargs={"pk": product.pk})
    response = client.post(url, {"image": _upload(_gps_jpeg()), "alt_text": "Keripik pisang"})
    assert response.status_code == 302
    assert product.images.get().alt_text == "Keripik pisang"


def test_photo_page_of_a_draft_offers_to_publish_it_once_the_vendor_is_approved(client, vendor, owner):
    draft = factories.ProductFactory(vendor=vendor, status="draft")
    client.force_login(owner)
    page = client.get(reverse("vendors:product-photos", kwargs={"pk": draft.pk})).content.decode()
    assert reverse("vendors:product-status", kwargs={"pk": draft.pk}) in page
    vendor.status = "submitted"
    vendor.save(update_fields=["status"])
    page = client.get(reverse("vendors:product-photos", kwargs={"pk": draft.pk})).content.decode()
    assert reverse("vendors:product-status", kwargs={"pk": draft.pk}) not in page
