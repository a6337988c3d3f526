"""The owner's product list (issue 16): tabs, search, pagination and the quick price/stock edit in the row."""

from http import HTTPStatus

from django.urls import reverse

from catalog.models import Product
from orders.models import StockMovement
from tests import factories

LIST = "vendors:product-list"


def _names(response) -> list[str]:
    return [p.name for p in response.context["products"]]


def test_tabs_split_published_drafts_sold_out_and_archived(client, vendor, owner):
    make = factories.ProductFactory
    make(vendor=vendor, name="Tayang A")
    make(vendor=vendor, name="Draf B", status=Product.Status.DRAFT)
    make(vendor=vendor, name="Habis C", stock_on_hand=0)
    make(vendor=vendor, name="Arsip D", status=Product.Status.ARCHIVED)
    client.force_login(owner)
    url = reverse(LIST)
    assert sorted(_names(client.get(url))) == ["Habis C", "Tayang A"]  # the default tab: Tayang
    assert _names(client.get(url, {"tab": "draf"})) == ["Draf B"]
    assert _names(client.get(url, {"tab": "habis"})) == ["Habis C"]
    assert _names(client.get(url, {"tab": "arsip"})) == ["Arsip D"]
    counts = {t["slug"]: t["count"] for t in client.get(url).context["tabs"]}
    assert counts == {"tayang": 2, "draf": 1, "habis": 1, "arsip": 1}


def test_a_new_owner_with_only_drafts_lands_on_the_draft_tab(client, vendor, owner):
    factories.ProductFactory(vendor=vendor, name="Draf saja", status=Product.Status.DRAFT)
    client.force_login(owner)
    response = client.get(reverse(LIST))
    assert _names(response) == ["Draf saja"]
    assert "Draf saja" in response.content.decode()


def test_search_and_pagination(client, vendor, owner):
    for n in range(12):
        factories.ProductFactory(vendor=vendor, name=f"Kopi {n:02}")
    factories.ProductFactory(vendor=vendor, name="Sambal Lampung")
    client.force_login(owner)
    url = reverse(LIST)
    first = client.get(url)
    assert len(_names(first)) == 10 and first.context["page"].has_next()
    assert len(_names(client.get(url, {"halaman": "2"}))) == 3
    assert _names(client.get(url, {"q": "sambal"})) == ["Sambal Lampung"]
    assert client.get(url, {"halaman": "x"}).status_code == HTTPStatus.OK


def test_quick_edit_changes_price_and_books_stock_in_the_ledger(client, product, owner):
    client.force_login(owner)
    url = reverse("vendors:product-quick-edit", kwargs={"pk": product.pk})
    response = client.post(url, {"price": "27.500", "stock_on_hand": "14"})
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == f"{reverse(LIST)}?tab=tayang#produk-{product.pk}"
    product.refresh_from_db()
    assert (product.price, product.stock_on_hand) == (27500, 14)
    movement = StockMovement.objects.filter(product=product).latest("pk")
    assert (movement.on_hand_delta, movement.reason, movement.actor) == (4, "correction", owner)


def test_quick_edit_refuses_stock_below_what_is_reserved_with_a_message(client, product, owner):
    Product.objects.filter(pk=product.pk).update(stock_reserved=6)
    client.force_login(owner)
    url = reverse("vendors:product-quick-edit", kwargs={"pk": product.pk})
    response = client.post(url, {"price": "30000", "stock_on_hand": "2"})
    assert response.status_code == HTTPStatus.OK
    assert "paling banyak" in response.content.decode()
    product.refresh_from_db()
    assert (product.price, product.stock_on_hand) == (25000, 10)  # both or neither


def test_quick_edit_bad_input_shows_the_error_in_the_row(client, product, owner):
    client.force_login(owner)
    url = reverse("vendors:product-quick-edit", kwargs={"pk": product.pk})
    page = client.post(url, {"price": "dua puluh", "stock_on_hand": "-3"}).content.decode()
    assert "angka bulat" in page and f'id="produk-{product.pk}"' in page
    product.refresh_from_db()
    assert product.price == 25000


def test_quick_edit_with_htmx_returns_only_the_row(client, product, owner):
    client.force_login(owner)
    url = reverse("vendors:product-quick-edit", kwargs={"pk": product.pk})
    response = client.post(url, {"price": "26000", "stock_on_hand": "10"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert html.lstrip().startswith("<article") and "Rp26.000" in html


def test_quick_edit_of_another_vendors_product_is_404(client, owner):
    other = factories.ProductFactory()
    factories.VendorFactory(owner=owner)
    client.force_login(owner)
    url = reverse("vendors:product-quick-edit", kwargs={"pk": other.pk})
    assert client.post(url, {"price": "1000"}).status_code == HTTPStatus.NOT_FOUND


def test_the_dashboards_low_stock_link_opens_the_filtered_list(client, vendor, owner):
    factories.ProductFactory(vendor=vendor, name="Tinggal dua", stock_on_hand=2)
    factories.ProductFactory(vendor=vendor, name="Banyak", stock_on_hand=40)
    client.force_login(owner)
    dashboard = client.get(reverse("vendors:dashboard")).content.decode()
    link = f"{reverse(LIST)}?tab=tayang&amp;stok=menipis"
    assert link in dashboard
    assert _names(client.get(link.replace("&amp;", "&"))) == ["Tinggal dua"]
