"""Belanja saya (issue 16): tabs Aktif / Selesai / Dibatalkan, the checkout confirmation page, "Pesan lagi"."""

from http import HTTPStatus

from django.urls import reverse

from orders.models import Reservation
from orders.services import reservation_cancel
from orders.views import SHOPPER_TABS
from tests import factories

LIST = reverse("orders:reservation-list")


def _codes(response) -> set[str]:
    return {r.code for r in response.context["reservations"]}


def test_tabs_split_active_finished_and_cancelled(client, shopper, place, stocked, other_product):
    (active,) = place({stocked: 1})
    (done,) = place({other_product: 1})
    Reservation.objects.filter(pk=done.pk).update(status=Reservation.Status.COLLECTED)
    (cancelled,) = place({stocked: 1})
    reservation_cancel(reservation=cancelled, actor=shopper, reason="x")
    client.force_login(shopper)
    assert _codes(client.get(LIST)) == {active.code}
    assert _codes(client.get(LIST, {"tab": "selesai"})) == {done.code}
    assert _codes(client.get(LIST, {"tab": "batal"})) == {cancelled.code}
    page = client.get(LIST, {"tab": "selesai"}).content.decode()
    assert "Pesan lagi" in page
    assert [slug for slug, _label, _statuses in SHOPPER_TABS] == ["aktif", "selesai", "batal"]


def test_the_confirmation_page_shows_only_the_shoppers_own_codes(client, shopper, place, stocked):
    (mine,) = place({stocked: 1})
    stranger = factories.UserFactory()
    client.force_login(stranger)
    url = reverse("orders:checkout-done")
    assert client.get(url, {"kode": mine.code}).url == LIST  # not theirs: nothing to show
    client.force_login(shopper)
    page = client.get(url, {"kode": [mine.code.lower(), "NOPE"]}).content.decode()
    assert mine.code in page and stocked.vendor.name in page
    assert client.get(url).status_code == HTTPStatus.FOUND


def test_order_again_puts_available_lines_back_in_the_cart(client, shopper, place, stocked, other_product):
    (done,) = place({stocked: 2})
    Reservation.objects.filter(pk=done.pk).update(status=Reservation.Status.COLLECTED)
    client.force_login(shopper)
    response = client.post(reverse("orders:reservation-reorder", args=[done.code]))
    assert response.url == reverse("orders:cart")
    assert client.session["sentra_cart"] == {str(stocked.pk): 2}


def test_order_again_says_which_products_are_gone(client, shopper, place, stocked):
    (done,) = place({stocked: 1})
    Reservation.objects.filter(pk=done.pk).update(status=Reservation.Status.COLLECTED)
    stocked.status = stocked.Status.DRAFT
    stocked.save(update_fields=["status"])
    client.force_login(shopper)
    response = client.post(reverse("orders:reservation-reorder", args=[done.code]), follow=True)
    assert "Tidak bisa dipesan lagi" in response.content.decode()
    assert not client.session.get("sentra_cart")
