"""Shopper pages: cart, checkout, my reservations; access, happy paths and bad input."""

import re
from http import HTTPStatus

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from catalog.models import Product
from orders import services
from orders.cart import SESSION_KEY
from orders.models import Reservation
from tests import factories

pytestmark = pytest.mark.django_db

CART = reverse("orders:cart")
ADD = reverse("orders:cart-add")
CHECKOUT = reverse("orders:checkout")


def add(client, product, quantity=1, **extra):
    return client.post(ADD, {"product": getattr(product, "pk", product), "quantity": quantity, **extra})


def cart_of(client) -> dict:
    return client.session.get(SESSION_KEY, {})


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def checkout_data(client, day, **extra):
    token = client.get(CHECKOUT).context["form"].initial["checkout_token"]
    data = {"pickup_date": day.isoformat(), "contact_name": "Siti", "contact_phone": "0812-3456-7891"}
    return {**data, "checkout_token": token, **extra}


def test_an_anonymous_visitor_can_fill_a_cart(client, stocked):
    response = add(client, stocked, 2, next=stocked.get_absolute_url())

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == stocked.get_absolute_url()
    assert cart_of(client) == {str(stocked.pk): 2}


def test_the_added_message_links_to_the_cart_and_escapes_the_name(client, vendor, unit):
    odd = factories.ProductFactory(vendor=vendor, name="Keripik <b>Pedas</b>", stock_on_hand=3)

    add(client, odd, 1, next=CART)

    body = client.get(CART).content.decode()
    assert f'Keripik &lt;b&gt;Pedas&lt;/b&gt; ditambahkan ke keranjang. <a href="{CART}">Lihat keranjang</a>' in body


def test_adding_twice_adds_up(client, stocked):
    add(client, stocked, 2)
    add(client, stocked, 1)
    assert cart_of(client) == {str(stocked.pk): 3}


def test_next_pointing_elsewhere_returns_to_the_cart(client, stocked):
    response = add(client, stocked, 1, next="https://evil.example/")
    assert response.url == CART


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        (0, "minimal 1"),
        (-3, "minimal 1"),
        ("dua", "angka bulat"),
        ("", "Isi jumlahnya"),
        (21, "Maksimal 20"),
        (6, "tinggal 5"),
    ],
)
def test_a_bad_quantity_is_refused_with_a_clear_message(client, stocked, quantity, message):
    response = add(client, stocked, quantity)

    assert response.status_code == HTTPStatus.FOUND
    assert any(message in text for text in texts(response)), texts(response)
    assert cart_of(client) == {}


def test_an_unpublished_or_missing_product_cannot_be_added(client, stocked):
    Product.objects.filter(pk=stocked.pk).update(status=Product.Status.HIDDEN)
    assert "tidak tersedia" in " ".join(texts(add(client, stocked)))
    assert "tidak ditemukan" in " ".join(texts(add(client, 999999)))
    assert cart_of(client) == {}


@pytest.mark.parametrize("product", ["abc", "", -1, 0])
def test_a_tampered_product_id_is_reported_as_not_found(client, product):
    response = client.post(ADD, {"product": product, "quantity": 1})

    assert texts(response) == ["Produk tidak ditemukan."]
    assert cart_of(client) == {}


def test_the_cart_groups_lines_by_vendor_with_unit_and_subtotals(client, stocked, other_product):
    add(client, stocked, 2)
    add(client, other_product, 1)

    response = client.get(CART)

    assert response.status_code == HTTPStatus.OK
    groups = response.context["summary"].groups
    assert [g.point.unit.code for g in groups] == ["A-01", "B-02"] or [g.point.unit.code for g in groups] == [
        "B-02",
        "A-01",
    ]
    assert response.context["summary"].total == 2 * 25000 + 40000
    assert "Rp90.000" in response.content.decode()
    assert "A-01" in response.content.decode()


def test_the_cart_warns_about_low_stock_and_lead_times(client, stocked, vendor):
    tapis = factories.ProductFactory(vendor=vendor, made_to_order=True, lead_time_days=3, stock_on_hand=0)
    add(client, stocked, 1)
    add(client, tapis, 1)

    body = client.get(CART).content.decode()
    assert "Tinggal 5" in body
    assert "Dibuat sesuai pesanan: 3 hari" in body


def test_a_product_unpublished_while_in_the_cart_blocks_checkout(client, stocked):
    add(client, stocked, 1)
    Product.objects.filter(pk=stocked.pk).update(status=Product.Status.ARCHIVED)

    response = client.get(CART)
    assert response.context["summary"].has_problems
    assert CHECKOUT not in response.content.decode()


def test_changing_and_removing_lines(client, stocked):
    add(client, stocked, 1)
    client.post(reverse("orders:cart-update"), {"product": stocked.pk, "quantity": 4})
    assert cart_of(client) == {str(stocked.pk): 4}
    response = client.post(reverse("orders:cart-update"), {"product": stocked.pk, "quantity": 0})
    assert cart_of(client) == {str(stocked.pk): 4}
    assert texts(response)
    client.post(reverse("orders:cart-remove"), {"product": stocked.pk})
    assert cart_of(client) == {}


def test_cart_changes_need_post(client):
    assert client.get(ADD).status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_the_cart_survives_signing_in(client, stocked, shopper):
    add(client, stocked, 2)
    response = client.post(reverse("account_login"), {"login": shopper.email, "password": "sentra-test"})

    assert response.status_code == HTTPStatus.FOUND
    assert int(client.session["_auth_user_id"]) == shopper.pk
    assert cart_of(client) == {str(stocked.pk): 2}


def test_checkout_sends_anonymous_visitors_to_sign_in_and_back(client, stocked):
    add(client, stocked, 1)
    response = client.get(CHECKOUT)
    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("account_login"))
    assert "next=/keranjang/checkout/" in response.url


def test_checkout_makes_one_reservation_per_vendor_and_empties_the_cart(
    client, shopper, stocked, other_product, pickup_day
):
    client.force_login(shopper)
    add(client, stocked, 2)
    add(client, other_product, 1)

    response = client.post(CHECKOUT, checkout_data(client, pickup_day))

    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("orders:checkout-done"))
    placed = Reservation.objects.filter(shopper=shopper)
    assert placed.count() == 2
    page = client.get(response.url).content.decode()
    assert all(r.code in page and r.vendor.name in page for r in placed)  # every pickup code on one page
    assert {r.contact_phone for r in placed} == {"+6281234567891"}
    assert cart_of(client) == {}


def test_a_tampered_price_or_vendor_in_the_post_is_ignored(client, shopper, stocked, other_vendor, pickup_day):
    client.force_login(shopper)
    add(client, stocked, 1, price=1, vendor=other_vendor.pk)

    client.post(CHECKOUT, checkout_data(client, pickup_day, price=1, vendor=other_vendor.pk, unit_price=1))

    reservation = Reservation.objects.get(shopper=shopper)
    assert (reservation.vendor, reservation.total, reservation.lines.get().unit_price) == (stocked.vendor, 25000, 25000)


@pytest.mark.parametrize("day", ["2000-01-01", "kemarin", "2999-12-31", ""])
def test_a_pickup_date_outside_the_offer_is_refused(client, shopper, stocked, day, pickup_day):
    client.force_login(shopper)
    add(client, stocked, 1)
    data = checkout_data(client, pickup_day)
    data["pickup_date"] = day

    response = client.post(CHECKOUT, data)

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["pickup_date"]
    assert not Reservation.objects.exists()


def test_checkout_without_any_pickup_date_cannot_be_submitted(client, shopper, vendor, unit):
    months_away = factories.ProductFactory(vendor=vendor, made_to_order=True, lead_time_days=90, stock_on_hand=0)
    client.force_login(shopper)
    add(client, months_away, 1)

    body = client.get(CHECKOUT).content.decode()

    assert "produk pesanan butuh waktu terlalu lama" in body
    assert re.search(r"<button type=\"submit\"[^>]* disabled>", body)


@pytest.mark.parametrize("token", ["", "x" * 65])
def test_a_missing_or_mangled_checkout_token_asks_for_a_reload(client, shopper, stocked, pickup_day, token):
    client.force_login(shopper)
    add(client, stocked, 1)

    response = client.post(CHECKOUT, checkout_data(client, pickup_day, checkout_token=token))

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].non_field_errors() == [str(services.CheckoutConflict())]
    assert "Checkout token" not in response.content.decode()
    assert not Reservation.objects.exists()


def test_checkout_explains_that_a_made_to_order_product_sets_everyones_pickup_date(client, shopper, stocked, vendor):
    tapis = factories.ProductFactory(vendor=vendor, made_to_order=True, lead_time_days=3, stock_on_hand=0)
    client.force_login(shopper)
    add(client, stocked, 1)
    add(client, tapis, 1)

    for page in (CART, CHECKOUT):
        body = client.get(page).content.decode()
        assert "tanggal ambil paling cepat menunggu produk itu selesai" in body
        assert "Semua produk dalam satu pemesanan diambil pada tanggal yang sama" in body


def test_a_double_submitted_checkout_makes_one_set(client, shopper, stocked, pickup_day):
    client.force_login(shopper)
    add(client, stocked, 2)
    data = checkout_data(client, pickup_day)

    first = client.post(CHECKOUT, data)
    second = client.post(CHECKOUT, data)

    assert first.status_code == second.status_code == HTTPStatus.FOUND
    assert Reservation.objects.count() == 1
    stocked.refresh_from_db()
    assert stocked.stock_reserved == 2


def test_stock_sold_out_while_in_the_cart_is_reported_at_checkout(client, shopper, stocked, pickup_day):
    client.force_login(shopper)
    add(client, stocked, 3)
    Product.objects.filter(pk=stocked.pk).update(stock_on_hand=2)

    response = client.post(CHECKOUT, checkout_data(client, pickup_day))

    assert response.status_code == HTTPStatus.OK
    assert "Keripik Pisang Coklat" in str(response.context["form"].non_field_errors())
    assert not Reservation.objects.exists()


def test_checkout_says_why_its_button_is_disabled_when_a_line_has_a_problem(client, shopper, stocked):
    client.force_login(shopper)
    add(client, stocked, 3)
    Product.objects.filter(pk=stocked.pk).update(stock_on_hand=2)

    body = client.get(CHECKOUT).content.decode()

    assert "Ubah atau hapus baris yang bertanda merah sebelum memesan." in body
    assert re.search(r"<button type=\"submit\"[^>]* disabled>", body)


def test_an_unverified_shopper_is_told_to_verify_first(client, stocked, pickup_day):
    client.force_login(factories.UserFactory(verified=False))
    add(client, stocked, 1)

    response = client.post(CHECKOUT, checkout_data(client, pickup_day))

    assert "Verifikasi" in str(response.context["form"].non_field_errors())
    assert not Reservation.objects.exists()


def test_an_empty_cart_has_no_checkout_page(client, shopper):
    client.force_login(shopper)
    assert client.get(CHECKOUT).url == CART


@pytest.fixture
def reservation(place, stocked):
    (reservation,) = place({stocked: 2})
    return reservation


def test_the_reservation_page_shows_code_qr_unit_and_whatsapp(client, shopper, reservation):
    client.force_login(shopper)
    response = client.get(reservation.get_absolute_url())

    body = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert reservation.code in body
    assert 'class="pickup-qr"' in body
    assert "A-01" in body
    assert reverse("catalog:floor-plan") in body
    assert "https://wa.me/6281234567890?text=" in body
    assert reverse("orders:reservation-cancel", args=[reservation.code]) in body


def test_the_reservation_page_heading_is_singular_in_english(client, shopper, reservation):
    client.force_login(shopper)
    client.cookies["django_language"] = "en"

    body = client.get(reservation.get_absolute_url()).content.decode()

    heading = body[body.index("<h1>") : body.index("</h1>")]
    assert heading.startswith("<h1>Reservation <")
    assert reservation.code in heading


def test_another_shoppers_reservation_is_not_found(client, reservation):
    client.force_login(factories.UserFactory())
    assert client.get(reservation.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    cancel = reverse("orders:reservation-cancel", args=[reservation.code])
    assert client.post(cancel).status_code == HTTPStatus.NOT_FOUND
    assert Reservation.objects.get(pk=reservation.pk).status == Reservation.Status.PLACED


def test_an_unknown_code_is_not_found(client, shopper):
    client.force_login(shopper)
    assert client.get(reverse("orders:reservation-detail", args=["SOL-XXXXX"])).status_code == HTTPStatus.NOT_FOUND


def test_reservation_pages_ask_anonymous_visitors_to_sign_in(client, reservation):
    response = client.get(reservation.get_absolute_url())
    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("account_login"))


def test_cancelling_asks_for_confirmation_then_returns_the_stock(client, shopper, reservation, stocked):
    client.force_login(shopper)
    url = reverse("orders:reservation-cancel", args=[reservation.code])

    assert client.get(url).status_code == HTTPStatus.OK
    assert Reservation.objects.get(pk=reservation.pk).status == Reservation.Status.PLACED

    response = client.post(url, {"reason": ""})
    assert response.url == reservation.get_absolute_url()
    reservation.refresh_from_db()
    assert (reservation.status, reservation.cancel_reason) == (Reservation.Status.CANCELLED, "Dibatalkan oleh pembeli.")
    stocked.refresh_from_db()
    assert stocked.stock_reserved == 0


def test_the_default_cancel_reason_is_stored_in_indonesian_whatever_the_shoppers_language(client, shopper, reservation):
    client.force_login(shopper)
    client.cookies["django_language"] = "en"

    client.post(reverse("orders:reservation-cancel", args=[reservation.code]), {"reason": ""})

    reservation.refresh_from_db()
    assert reservation.cancel_reason == "Dibatalkan oleh pembeli."


def test_cancelling_a_collected_reservation_is_refused_politely(client, shopper, reservation, vendor, owner):
    services.reservation_collect(vendor=vendor, code=reservation.code, actor=owner)
    client.force_login(shopper)

    response = client.post(reverse("orders:reservation-cancel", args=[reservation.code]))
    assert response.status_code == HTTPStatus.FOUND
    assert "tidak bisa dibatalkan" in " ".join(texts(response))


@override_settings(SENTRA_MAX_OPEN_RESERVATIONS=10)
@pytest.mark.parametrize("count", [1, 6])
def test_my_reservations_page_runs_a_constant_number_of_queries(
    client, shopper, place, count, django_assert_max_num_queries
):
    place({factories.ProductFactory(vendor=factories.VendorFactory()): 2 for _ in range(count)})
    client.force_login(shopper)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("orders:reservation-list"))
    assert len(response.context["reservations"]) == count


def test_the_cart_page_runs_a_constant_number_of_queries(client, centre, django_assert_max_num_queries):
    for _ in range(6):
        vendor = factories.VendorFactory()
        factories.UnitAssignmentFactory(vendor=vendor, unit=factories.ShopUnitFactory(centre=centre))
        add(client, factories.ProductFactory(vendor=vendor), 1)
    with django_assert_max_num_queries(8):
        response = client.get(CART)
    assert len(response.context["summary"].groups) == 6


@override_settings(SENTRA_MAX_OPEN_RESERVATIONS=10)
def test_the_whole_shopper_journey(client, shopper, stocked, other_product, vendor, owner, pickup_day):
    add(client, stocked, 2, next=stocked.get_absolute_url())
    add(client, other_product, 1)
    assert client.get(CART).status_code == HTTPStatus.OK
    assert client.get(CHECKOUT).status_code == HTTPStatus.FOUND  # sign in first

    client.post(reverse("account_login"), {"login": shopper.email, "password": "sentra-test"})
    response = client.post(CHECKOUT, checkout_data(client, pickup_day))
    assert response.url.startswith(reverse("orders:checkout-done"))
    assert len(mail.outbox) == 0 or all(m.to for m in mail.outbox)

    mine = Reservation.objects.get(shopper=shopper, vendor=vendor)
    page = client.get(mine.get_absolute_url()).content.decode()
    assert mine.code in page

    services.reservation_mark_ready(reservation=mine, actor=owner)
    assert "Siap diambil" in client.get(mine.get_absolute_url()).content.decode()
    services.reservation_collect(vendor=vendor, code=mine.code.lower(), actor=owner)
    stocked.refresh_from_db()
    assert (stocked.stock_on_hand, stocked.stock_reserved) == (3, 0)
    assert "Sudah diambil" in client.get(mine.get_absolute_url()).content.decode()


def test_the_reservation_page_runs_a_bounded_number_of_queries(
    client, shopper, reservation, django_assert_max_num_queries
):
    client.force_login(shopper)
    with django_assert_max_num_queries(10):
        assert client.get(reservation.get_absolute_url()).status_code == HTTPStatus.OK


def test_the_cart_flags_products_of_the_shoppers_own_business(client, owner, stocked, other_product):
    client.force_login(owner)
    add(client, stocked, 1)
    add(client, other_product, 1)

    summary = client.get(CART).context["summary"]
    problems = {line.product.pk: line.problem for line in summary.lines}
    assert "usaha Anda sendiri" in problems[stocked.pk]
    assert problems[other_product.pk] == ""
