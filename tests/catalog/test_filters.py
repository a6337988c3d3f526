"""The catalogue's filters, sorting, chips and pagination (GET parameters of SPEC §6)."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.models import Certificate
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("catalog:product-list")


def names(client, query: str = "") -> list[str]:
    response = client.get(URL + query)
    assert response.status_code == HTTPStatus.OK
    return [p.name for p in response.context["page"].object_list]


@pytest.fixture
def shelf(centre):
    """A small shelf: products in different categories, regions, prices and stock states."""
    utara = factories.VendorFactory(regency=factories.regency("18.03"))
    selatan = factories.VendorFactory(regency=factories.regency("18.01"))
    return {
        "keripik": factories.ProductFactory(vendor=utara, name="Keripik Pisang", price=20000),
        "kopi": factories.ProductFactory(
            vendor=selatan, name="Kopi Robusta", category=factories.category("kopi"), price=45000
        ),
        "tapis": factories.ProductFactory(
            vendor=selatan, name="Kain Tapis", category=factories.category("tapis"), price=750000, stock_on_hand=0
        ),
        "sulam": factories.ProductFactory(
            vendor=utara,
            name="Sulam Usus Pesanan",
            category=factories.category("tapis"),
            price=300000,
            stock_on_hand=0,
            made_to_order=True,
            lead_time_days=14,
        ),
    }


def test_a_parent_category_includes_its_children(client, shelf):
    assert set(names(client, "?kategori=makanan")) == {"Keripik Pisang"}
    assert set(names(client, "?kategori=minuman")) == {"Kopi Robusta"}
    assert set(names(client, "?kategori=keripik")) == {"Keripik Pisang"}


def test_region_filter_uses_the_vendors_region(client, shelf):
    assert set(names(client, "?daerah=lampung-selatan")) == {"Kopi Robusta", "Kain Tapis"}


def test_price_range_is_inclusive(client, shelf):
    assert set(names(client, "?harga_min=20000&harga_maks=45000")) == {"Keripik Pisang", "Kopi Robusta"}


def test_available_only_keeps_made_to_order_and_in_stock(client, shelf):
    assert set(names(client, "?tersedia=1")) == {"Keripik Pisang", "Kopi Robusta", "Sulam Usus Pesanan"}


def test_certificates_filter_requires_every_kind_asked_for(client, shelf):
    factories.CertificateFactory(vendor=shelf["keripik"].vendor, products=[shelf["keripik"]])
    factories.CertificateFactory(
        vendor=shelf["kopi"].vendor,
        kind=Certificate.Kind.PIRT,
        halal_stage="",
        number="2011801010123-29",
        products=[shelf["kopi"]],
        valid_until=timezone.localdate() + datetime.timedelta(days=300),
    )
    assert names(client, "?sertifikat=halal") == ["Keripik Pisang"]
    assert names(client, "?sertifikat=pirt") == ["Kopi Robusta"]
    assert names(client, "?sertifikat=halal&sertifikat=pirt") == []


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("termurah", ["Keripik Pisang", "Kopi Robusta", "Sulam Usus Pesanan", "Kain Tapis"]),
        ("termahal", ["Kain Tapis", "Sulam Usus Pesanan", "Kopi Robusta", "Keripik Pisang"]),
        ("nama", ["Kain Tapis", "Keripik Pisang", "Kopi Robusta", "Sulam Usus Pesanan"]),
        ("terbaru", ["Sulam Usus Pesanan", "Kain Tapis", "Kopi Robusta", "Keripik Pisang"]),
        ("relevan", ["Sulam Usus Pesanan", "Kain Tapis", "Kopi Robusta", "Keripik Pisang"]),  # no search: newest
    ],
)
def test_sort_orders(client, shelf, sort, expected):
    assert names(client, f"?urut={sort}") == expected


def test_cards_show_stock_states(client, shelf):
    html = client.get(URL).content.decode()
    assert "Habis" in html
    assert "Pesanan khusus · 14 hari" in html
    assert "Tersedia" in html


def test_low_stock_shows_what_is_left(client, centre):
    factories.ProductFactory(stock_on_hand=3)
    assert "Sisa 3" in client.get(URL).content.decode()


def test_active_filters_are_removable_chips(client, shelf):
    response = client.get(URL + "?kategori=makanan&sertifikat=halal&sertifikat=pirt&halaman=1")
    chips = {chip["label"]: chip["url"] for chip in response.context["chips"]}
    assert chips["Makanan"] == "?sertifikat=halal&sertifikat=pirt"
    assert chips["Halal"] == "?kategori=makanan&sertifikat=pirt"


def test_pagination_keeps_the_filters(client, centre, settings):
    settings.SENTRA_PAGE_SIZE = 2
    factories.ProductFactory.create_batch(5, price=10000)
    response = client.get(URL + "?harga_maks=20000&urut=termurah")
    html = response.content.decode()
    assert "harga_maks=20000" in html and "halaman=2" in html
    page = response.context["page"]
    assert page.count == 5 and page.total_pages == 3
    last = client.get(URL + "?harga_maks=20000&urut=termurah&halaman=3").context["page"]
    assert len(last.object_list) == 1 and not last.has_next


def test_counts_are_capped_and_pages_go_on_with_next(client, centre, settings):
    settings.SENTRA_PAGE_SIZE = 2
    factories.ProductFactory.create_batch(7)
    from catalog.models import Product
    from sentra import pagination

    page = pagination.paginate_capped(Product.objects.all(), number=1, per_page=2, cap=4)
    assert page.count == 4 and page.count_is_capped and page.total_pages is None and page.has_next


def test_a_page_past_the_end_says_so(client, centre):
    factories.ProductFactory()
    response = client.get(URL + "?halaman=99999")
    assert response.status_code == HTTPStatus.OK
    assert "Kembali ke halaman pertama" in response.content.decode()
    assert "Produk 0" not in response.content.decode()  # no "Produk 0–0" count line above it


def test_no_results_gives_suggestions(client, centre):
    response = client.get(URL + "?q=zzzzzzzz")
    html = response.content.decode()
    assert "Belum ada produk yang cocok" in html
    assert "Lihat semua produk" in html


def test_invalid_filters_are_ignored_with_a_notice(client, shelf):
    response = client.get(URL + "?harga_min=murah&kategori=tidak-ada&sertifikat=iso")
    assert response.status_code == HTTPStatus.OK
    assert len(response.context["page"].object_list) == 4
    assert "tidak valid dan diabaikan" in response.content.decode()


def test_htmx_requests_get_only_the_results(client, shelf):
    response = client.get(URL + "?kategori=makanan", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]


def test_vendor_directory_filters_by_region_kind_and_category(client, shelf):
    lapas = factories.VendorFactory(kind="lapas", nib="", name="Kriya Lapas Kotabumi")
    factories.ProductFactory(vendor=lapas, category=factories.category("anyaman"))
    url = reverse("catalog:vendor-list")
    by_kind = client.get(url + "?jenis=lapas")
    assert [v.name for v in by_kind.context["page"].object_list] == ["Kriya Lapas Kotabumi"]
    assert "Karya warga binaan Lapas Kotabumi" in by_kind.content.decode()
    selatan = client.get(url + "?daerah=lampung-selatan").context["page"].object_list
    assert [v.pk for v in selatan] == [shelf["kopi"].vendor_id]
    minuman = client.get(url + "?kategori=minuman").context["page"].object_list
    assert [v.pk for v in minuman] == [shelf["kopi"].vendor_id]


@pytest.mark.parametrize("query", ["", "?urut=termurah", "?q=keripik", "?q=keripik&urut=nama"])
def test_deep_pages_keep_the_order_of_the_list(client, centre, settings, django_assert_max_num_queries, query):
    settings.SENTRA_PAGE_SIZE = 2
    factories.ProductFactory.create_batch(260, price=1000)
    separator = "&" if query else "?"
    client.get(URL)  # fill the lookup caches
    with django_assert_max_num_queries(8):
        deep = client.get(URL + query + f"{separator}halaman=125").context["page"]  # offset 248: keys first
    everything = list(client.get(URL + query).context["filterset"].qs)
    assert [p.pk for p in deep.object_list] == [p.pk for p in everything[248:250]]
    assert deep.has_next


def test_lists_count_up_to_the_cap_then_say_more_than(client, centre, settings):
    settings.SENTRA_PAGE_SIZE, settings.SENTRA_COUNT_CAP = 2, 3
    factories.ProductFactory.create_batch(5)

    response = client.get(URL)

    page = response.context["page"]
    assert (page.count, page.count_is_capped, page.has_next) == (3, True, True)
    assert "Lebih dari 3 produk" in response.content.decode()
