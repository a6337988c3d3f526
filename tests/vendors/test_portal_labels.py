"""Shelf labels: an A4 sheet whose QR codes point at the products' absolute public URLs."""

import re
from http import HTTPStatus

import segno
from django.conf import settings
from django.urls import reverse

from portal.labels import public_url, qr_svg
from tests import factories


def test_label_sheet_has_a_qr_code_encoding_each_public_product_url(client, owner, vendor, product):
    second = factories.ProductFactory(vendor=vendor, name="Kopi Robusta")
    client.force_login(owner)
    response = client.get(reverse("vendors:labels"), {"produk": [product.pk, second.pk]})
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    for item in (product, second):
        url = settings.SITE_URL.rstrip("/") + reverse("catalog:product-detail", kwargs={"slug": item.slug})
        assert public_url(item) == url
        expected = segno.make(url, error="m", micro=False)
        assert expected.svg_inline(scale=4, border=2, omitsize=True, title=url) in page
        assert f'data-url="{url}"' in page
    assert page.count('class="segno"') == 2


def _dark_modules(svg: str, border: int = 2) -> set[tuple[int, int]]:
    """Read the QR matrix back out of segno's SVG path ("M x y h n m dx dy h n …", in module units)."""
    path = re.search(r' d="([^"]+)"', svg).group(1)
    x = y = 0.0
    dark = set()
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:\s(-?[\d.]+))?", path):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            dark.update((int(y - 0.5) - border, int(x) + i - border) for i in range(int(float(a))))
            x += float(a)
    return dark


def test_qr_svg_matrix_is_the_qr_code_of_the_url():
    url = "https://sentra.example/produk/keripik-pisang/"
    qr = segno.make(url, error="m", micro=False)
    expected = {(r, c) for r, row in enumerate(qr.matrix) for c, bit in enumerate(row) if bit}
    assert _dark_modules(str(qr_svg(url))) == expected
    other = segno.make(url + "x", error="m", micro=False)
    assert _dark_modules(str(qr_svg(url))) != {
        (r, c) for r, row in enumerate(other.matrix) for c, b in enumerate(row) if b
    }


def test_label_shows_price_unit_region_and_verified_badges(client, owner, vendor, product):
    factories.CertificateFactory(vendor=vendor, products=[product])
    client.force_login(owner)
    page = client.get(reverse("vendors:labels"), {"produk": product.pk}).content.decode()
    assert "Rp25.000" in page
    assert product.sale_unit in page
    assert str(vendor.regency) in page
    assert "Halal" in page


def test_label_chooser_lists_products_and_has_an_empty_state(client, owner, vendor):
    client.force_login(owner)
    assert "Belum ada produk" in client.get(reverse("vendors:labels")).content.decode()
    product = factories.ProductFactory(vendor=vendor)
    assert product.name in client.get(reverse("vendors:labels")).content.decode()


def test_label_sheet_warns_that_a_drafts_qr_opens_nothing_yet(client, owner, vendor, product):
    draft = factories.ProductFactory(vendor=vendor, name="Kopi Draf", status="draft")
    client.force_login(owner)
    page = client.get(reverse("vendors:labels"), {"produk": [product.pk, draft.pk]}).content.decode()
    notice = page.split("Belum tayang di katalog", 1)[1].split("</aside>", 1)[0]
    assert "Kopi Draf" in notice
    assert product.name not in notice
    assert 'id="label-print-button" hidden' in page
