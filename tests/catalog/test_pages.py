"""What the public pages show: home, product page, store page, floor plan, photos."""

import datetime
from http import HTTPStatus
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


def test_home_shows_search_categories_regions_newest_and_the_centre(client, centre, product):
    response = client.get(reverse("catalog:home"))
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert 'action="/katalog/"' in html and 'name="q"' in html
    assert "?kategori=makanan" in html
    assert "?daerah=lampung-utara" in html
    assert product.name in html
    assert centre.address in html
    assert len(response.context["regions"]) == 15


@pytest.mark.parametrize(("hour", "label"), [(10, "Buka sekarang"), (20, "Tutup")])
def test_home_says_whether_the_centre_is_open_now_in_wib(client, centre, hour, label):
    moment = timezone.make_aware(datetime.datetime(2026, 11, 23, hour, 0))
    with mock.patch("vendors.context_processors.timezone.now", return_value=moment):
        html = client.get(reverse("catalog:home")).content.decode()
    assert f'class="pill pill-{"open" if hour == 10 else "closed"}">{label}' in html


def test_product_page_offers_the_cart_form_and_whatsapp(client, centre, product):
    factories.UnitAssignmentFactory(vendor=product.vendor, unit=factories.ShopUnitFactory(centre=centre, code="A-07"))
    html = client.get(product.get_absolute_url()).content.decode()
    assert f'action="{reverse("orders:cart-add")}"' in html
    assert f'name="product" value="{product.pk}"' in html
    assert 'name="quantity"' in html
    assert f'name="next" value="{product.get_absolute_url()}"' in html
    assert "Tambah ke keranjang" in html
    assert "https://wa.me/6281234567890?text=Halo%20" in html
    assert 'href="/denah/#unit-A-07"' in html


def test_product_page_shows_its_category_path_and_region_and_a_rename_at_once(client, centre, product, settings):
    """Category path and region come from the cached lookups; a category save starts a new cache generation."""
    url = product.get_absolute_url()
    client.get(url)  # lookups cached
    with CaptureQueriesContext(connection) as captured:
        html = client.get(url).content.decode()
    assert '?kategori=makanan">Makanan</a>' in html and '?kategori=keripik">Keripik</a>' in html  # breadcrumb
    assert f"· {product.vendor.regency.display_name}</p>" in html
    assert len(captured) == 4  # product, photos, certificates, related products: nothing loaded on the way
    (product_query,) = [q["sql"] for q in captured if '"catalog_product"."slug" =' in q["sql"]]
    assert "catalog_category" not in product_query and "vendors_regency" not in product_query  # no joins
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert '?kategori=keripik">Chips</a>' in client.get(url).content.decode()

    keripik = product.category
    keripik.name_en = "Chips & Crackers"
    keripik.save()
    assert '?kategori=keripik">Chips &amp; Crackers</a>' in client.get(url).content.decode()


def test_adding_from_the_product_page_puts_it_in_the_cart(client, centre, product):
    response = client.post(
        reverse("orders:cart-add"), {"product": product.pk, "quantity": 2, "next": product.get_absolute_url()}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == product.get_absolute_url()


def test_sold_out_product_has_no_cart_form(client, centre):
    product = factories.ProductFactory(stock_on_hand=0)
    html = client.get(product.get_absolute_url()).content.decode()
    assert "Stok sedang habis" in html
    assert reverse("orders:cart-add") not in html


def test_product_description_is_escaped(client, centre):
    product = factories.ProductFactory(description="<b>renyah</b>\nbaris dua")
    html = client.get(product.get_absolute_url()).content.decode()
    assert "&lt;b&gt;renyah&lt;/b&gt;<br>baris dua" in html


def test_cards_use_responsive_lazy_photos_with_dimensions(client, centre, product, photos):
    photos([product])
    html = client.get(reverse("catalog:product-list")).content.decode()
    assert "srcset=" in html and " 320w, " in html and " 640w" in html
    assert 'loading="lazy"' in html
    assert 'width="320" height="240"' in html  # 40×30 scaled to the 320 box


def test_product_gallery_uses_the_large_renditions(client, centre, product, photos):
    photos([product], per_product=2)
    html = client.get(product.get_absolute_url()).content.decode()
    assert " 1280w" in html
    assert 'loading="eager"' in html


def test_store_page_shows_story_unit_products_and_lapas_with_dignity(client, centre):
    vendor = factories.VendorFactory(kind="lapas", nib="", story="Karya anyaman warga binaan.", accepts_qris=True)
    factories.UnitAssignmentFactory(vendor=vendor, unit=factories.ShopUnitFactory(centre=centre, code="C-01"))
    product = factories.ProductFactory(vendor=vendor)
    html = client.get(vendor.get_absolute_url()).content.decode()
    assert "Karya anyaman warga binaan." in html
    assert "Karya warga binaan Lapas Kotabumi" in html
    assert "C-01" in html
    assert product.name in html
    assert "Menerima QRIS" in html


def test_store_page_paginates_its_products(client, centre, settings):
    settings.SENTRA_PAGE_SIZE = 2
    vendor = factories.VendorFactory()
    factories.ProductFactory.create_batch(3, vendor=vendor)
    page_two = client.get(vendor.get_absolute_url() + "?halaman=2")
    assert len(page_two.context["page"].object_list) == 1


def test_floor_plan_draws_units_and_lists_them(client, centre):
    taken = factories.ShopUnitFactory(centre=centre, code="A-01", grid_row=1, grid_col=1)
    factories.ShopUnitFactory(centre=centre, code="A-02", grid_row=1, grid_col=2)
    factories.ShopUnitFactory(centre=centre, code="B-01", grid_row=2, grid_col=1, reserved_kind="lapas")
    vendor = factories.VendorFactory(name="Keripik Yuli")
    factories.UnitAssignmentFactory(unit=taken, vendor=vendor)
    html = client.get(reverse("catalog:floor-plan")).content.decode()
    assert "<svg" in html and html.count("<rect") == 3
    assert 'id="unit-A-01"' in html and f'href="{vendor.get_absolute_url()}"' in html
    assert "tersedia untuk UMKM baru" in html
    assert "Karya warga binaan Lapas Kotabumi" in html


def test_floor_plan_cells_name_the_first_vendor_and_count_the_others(client, centre):
    shared = factories.ShopUnitFactory(centre=centre, code="C-01", grid_row=1, grid_col=1, reserved_kind="lapas")
    factories.ShopUnitFactory(centre=centre, code="C-02", grid_row=1, grid_col=2)
    for name in ["Anyaman Rotan Kotabumi Jaya", "Batik Siger"]:
        factories.UnitAssignmentFactory(unit=shared, vendor=factories.VendorFactory(name=name))

    html = client.get(reverse("catalog:floor-plan")).content.decode()

    assert 'class="unit unit-occupied unit-lapas"' in html and 'class="unit unit-free"' in html
    assert ">Anyaman Rotan K… +1</text>" in html
    assert 'class="unit-label">Tersedia</text>' in html


def test_floor_plan_shows_names_and_codes_as_text_in_the_drawing_and_the_list(client, centre):
    unit = factories.ShopUnitFactory(centre=centre, code="<i>9", block="<u>Blok</u>", grid_row=1, grid_col=1)
    factories.UnitAssignmentFactory(unit=unit, vendor=factories.VendorFactory(name="<b>Tapis</b>"))

    html = client.get(reverse("catalog:floor-plan")).content.decode()

    assert "<b>" not in html and "<i>" not in html and "<u>" not in html
    assert 'class="unit-label">&lt;b&gt;Tapis&lt;/b&gt;</text>' in html  # the drawing's label
    assert ">&lt;b&gt;Tapis&lt;/b&gt;</a>" in html and "&lt;u&gt;Blok&lt;/u&gt;" in html  # the list
    assert 'href="#unit-&lt;i&gt;9"' in html and 'id="unit-&lt;i&gt;9"' in html


def test_floor_plan_ignores_ended_tenancies(client, centre):
    unit = factories.ShopUnitFactory(centre=centre, code="A-09")
    factories.UnitAssignmentFactory(
        unit=unit,
        vendor=factories.VendorFactory(name="Dulu Di Sini"),
        end_on=timezone.localdate() - datetime.timedelta(days=1),
        start_on=timezone.localdate() - datetime.timedelta(days=90),
    )
    assert "Dulu Di Sini" not in client.get(reverse("catalog:floor-plan")).content.decode()


def test_public_pages_have_no_inline_styles_or_handlers(client, centre, product):
    for url in [reverse("catalog:home"), reverse("catalog:product-list"), product.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert " style=" not in html
        assert " onclick=" not in html and " onchange=" not in html


def test_vendor_logo_shows_on_directory_and_store(client, centre):
    vendor = factories.VendorFactory(logo="vendors/logos/yuli.png")
    for url in (reverse("catalog:vendor-list"), vendor.get_absolute_url()):
        assert "/media/vendors/logos/yuli.png" in client.get(url).content.decode()
