"""The counter-sale screens of the owner portal and the buyer's receipt."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from sales.models import CounterSale
from sales.services import sale_record
from tests import factories

pytestmark = pytest.mark.django_db
SELL = reverse("vendors:sale-create")


@pytest.fixture
def logged_in(client, owner):
    client.force_login(owner)
    return client


def test_the_sale_page_lists_the_vendors_products_and_finds_one_by_its_label_url(logged_in, vendor):
    keripik = factories.ProductFactory(vendor=vendor, name="Keripik Pisang", slug="keripik-pisang")
    factories.ProductFactory(vendor=vendor, name="Kopi Robusta", slug="kopi-robusta")
    foreign = factories.ProductFactory(name="Punya Orang Lain")
    page = logged_in.get(SELL).content.decode()
    assert "Keripik Pisang" in page and "Kopi Robusta" in page and foreign.name not in page
    scanned = logged_in.get(SELL, {"q": "http://127.0.0.1:8000" + keripik.get_absolute_url()}).content.decode()
    assert "Keripik Pisang" in scanned and "Kopi Robusta" not in scanned
    assert "Kopi Robusta" in logged_in.get(SELL, {"q": "kopi"}).content.decode()


def test_one_tap_records_the_sale_and_shows_the_receipt(logged_in, vendor):
    product = factories.ProductFactory(vendor=vendor, price=15000, stock_on_hand=5)
    response = logged_in.post(SELL, {f"qty_{product.pk}": "2", "payment": "qris", "token": "t1"})
    sale = CounterSale.objects.get()
    assert response.status_code == HTTPStatus.FOUND and response.url == sale.get_absolute_url()
    page = logged_in.get(response.url).content.decode()
    assert sale.code in page and "Rp30.000" in page and "wa.me/?text=" in page and "<svg" in page
    product.refresh_from_db()
    assert product.stock_on_hand == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"payment": "cash"}, "minimal satu produk"),
        ({"payment": "cash", "qty": "-1"}, "angka bulat 0 sampai 999"),
        ({"payment": "cash", "qty": "abc"}, "angka bulat 0 sampai 999"),
        ({"payment": "cash", "qty": "1000"}, "angka bulat 0 sampai 999"),
        ({"qty": "1"}, "Pilih cara pembayaran"),
        ({"payment": "cash", "qty": "11"}, "tinggal 10"),
    ],
)
def test_bad_input_gets_a_clear_message_and_records_nothing(logged_in, product, data, message):
    data = dict(data)
    if "qty" in data:
        data[f"qty_{product.pk}"] = data.pop("qty")
    response = logged_in.post(SELL, data)
    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()
    assert not CounterSale.objects.exists()


def test_posting_another_vendors_product_is_refused(logged_in, product):
    other = factories.ProductFactory()
    response = logged_in.post(SELL, {f"qty_{other.pk}": "1", "payment": "cash"})
    assert "tidak ditemukan di toko ini" in response.content.decode()
    other.refresh_from_db()
    assert other.stock_on_hand == 10 and not CounterSale.objects.exists()


def test_another_vendors_sale_is_not_found(client, vendor, owner):
    stranger = factories.UserFactory()
    other_vendor = factories.VendorFactory(owner=stranger)
    theirs = sale_record(
        vendor=other_vendor,
        actor=stranger,
        items={factories.ProductFactory(vendor=other_vendor).pk: 1},
        payment="cash",
    )
    client.force_login(owner)
    for name in ("vendors:sale-detail", "vendors:sale-void"):
        assert client.get(reverse(name, args=[theirs.code])).status_code == HTTPStatus.NOT_FOUND
    assert client.post(reverse("vendors:sale-void", args=[theirs.code]), {"reason": "x"}).status_code == 404
    assert CounterSale.objects.get(pk=theirs.pk).status == CounterSale.Status.SOLD


def test_void_asks_first_then_needs_a_reason_then_voids_once(logged_in, vendor, owner, product):
    sale = sale_record(vendor=vendor, actor=owner, items={product.pk: 2}, payment="cash")
    url = reverse("vendors:sale-void", args=[sale.code])
    assert "Ya, batalkan penjualan" in logged_in.get(url).content.decode()
    assert "Alasan wajib diisi" in logged_in.post(url, {"reason": ""}).content.decode()
    assert logged_in.post(url, {"reason": "Salah hitung"}).status_code == HTTPStatus.FOUND
    product.refresh_from_db()
    assert product.stock_on_hand == 10
    again = logged_in.post(url, {"reason": "Lagi"})
    assert again.status_code == HTTPStatus.OK and "sudah dibatalkan" in again.content.decode()


def test_the_day_summary_shows_totals_by_payment_kind(logged_in, vendor, owner, product):
    sale_record(vendor=vendor, actor=owner, items={product.pk: 2}, payment="transfer")
    page = logged_in.get(reverse("vendors:sale-summary")).content.decode()
    assert "Rp50.000" in page and "Transfer" in page
    assert logged_in.get(reverse("vendors:sale-summary"), {"tanggal": "bukan-tanggal"}).status_code == HTTPStatus.OK


def test_the_buyers_receipt_needs_no_login_and_its_link_is_the_secret(client, vendor, owner, product):
    sale = sale_record(vendor=vendor, actor=owner, items={product.pk: 1}, payment="cash")
    response = client.get(sale.get_receipt_url())
    assert response.status_code == HTTPStatus.OK and sale.code in response.content.decode()
    assert client.get(reverse("sales:receipt", args=["tebakan"])).status_code == HTTPStatus.NOT_FOUND


def test_the_sale_pages_need_a_member(client, shopper):
    assert client.get(SELL).status_code == HTTPStatus.FOUND
    client.force_login(shopper)
    assert client.get(SELL).url == reverse("vendors:apply")
