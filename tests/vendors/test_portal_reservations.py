"""Reservations in the owner portal: the queue by pickup date, mark ready, collect by code, cancel with reason."""

from http import HTTPStatus

import segno
from django.core import mail
from django.urls import reverse

from catalog.models import Product
from orders.models import Reservation, StockMovement
from orders.pickup_qr import pickup_qr_svg
from tests import factories


def test_open_reservations_are_listed_by_pickup_date(client, owner, stocked, place):
    reservation = place({stocked: 2})
    client.force_login(owner)
    page = client.get(reverse("vendors:reservation-list")).content.decode()
    assert reservation.code in page
    assert "Siti Aminah" in page
    done = client.get(reverse("vendors:reservation-list"), {"tampil": "done"}).content.decode()
    assert reservation.code not in done


def test_reservation_list_queries_do_not_grow(client, owner, stocked, place, django_assert_max_num_queries):
    for _ in range(3):
        place({stocked: 1}, shopper=factories.UserFactory())
    client.force_login(owner)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("vendors:reservation-list")).status_code == HTTPStatus.OK


def test_bad_filter_value_falls_back_to_open(client, owner, vendor):
    client.force_login(owner)
    assert client.get(reverse("vendors:reservation-list"), {"tampil": "<script>"}).status_code == HTTPStatus.OK


def test_mark_ready_tells_the_shopper(client, owner, stocked, place, django_capture_on_commit_callbacks):
    reservation = place({stocked: 1})
    client.force_login(owner)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("vendors:reservation-ready", kwargs={"code": reservation.code}))
    assert response.status_code == HTTPStatus.FOUND
    reservation.refresh_from_db()
    assert reservation.status == Reservation.Status.READY
    assert any(reservation.shopper.email in m.to for m in mail.outbox)


def test_collect_by_typed_code_hands_over_the_stock(client, owner, stocked, place):
    reservation = place({stocked: 2})
    client.force_login(owner)
    typed = " " + reservation.code.lower().replace("sol-", "") + " "
    response = client.post(reverse("vendors:reservation-collect"), {"code": typed})
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("vendors:reservation-detail", kwargs={"code": reservation.code})
    reservation.refresh_from_db()
    stocked.refresh_from_db()
    assert reservation.status == Reservation.Status.COLLECTED
    assert (stocked.stock_on_hand, stocked.stock_reserved) == (3, 0)
    assert stocked.movements.filter(reason=StockMovement.Reason.COLLECTED, actor=owner).exists()


def test_collecting_twice_is_a_clear_error(client, owner, stocked, place):
    reservation = place({stocked: 1})
    client.force_login(owner)
    client.post(reverse("vendors:reservation-collect"), {"code": reservation.code})
    response = client.post(reverse("vendors:reservation-collect"), {"code": reservation.code})
    assert response.status_code == HTTPStatus.OK
    assert "errorlist" in response.content.decode()


def test_unknown_code_is_a_form_error(client, owner, vendor):
    client.force_login(owner)
    response = client.post(reverse("vendors:reservation-collect"), {"code": "SOL-ZZZZZ"})
    assert response.status_code == HTTPStatus.OK
    assert "tidak ditemukan" in response.content.decode()


def test_cancel_needs_a_reason_and_returns_the_stock(client, owner, stocked, place):
    reservation = place({stocked: 2})
    url = reverse("vendors:reservation-cancel", kwargs={"code": reservation.code})
    client.force_login(owner)
    assert "tidak bisa diurungkan" in client.get(url).content.decode()  # confirmation first
    response = client.post(url, {"reason": "   "})
    assert response.status_code == HTTPStatus.OK
    reservation.refresh_from_db()
    assert reservation.status == Reservation.Status.PLACED
    response = client.post(url, {"reason": "Stok rusak kena hujan"})
    assert response.status_code == HTTPStatus.FOUND
    reservation.refresh_from_db()
    stocked.refresh_from_db()
    assert (reservation.status, reservation.cancel_reason) == (Reservation.Status.CANCELLED, "Stok rusak kena hujan")
    assert (stocked.stock_on_hand, stocked.stock_reserved) == (5, 0)


def test_cancelling_a_collected_reservation_is_refused_without_500(client, owner, stocked, place):
    reservation = place({stocked: 1})
    client.force_login(owner)
    client.post(reverse("vendors:reservation-collect"), {"code": reservation.code})
    url = reverse("vendors:reservation-cancel", kwargs={"code": reservation.code})
    response = client.post(url, {"reason": "salah"})
    assert response.status_code == HTTPStatus.OK
    reservation.refresh_from_db()
    assert reservation.status == Reservation.Status.COLLECTED


def test_reserved_stock_limits_the_owners_adjustment(client, owner, stocked, place):
    place({stocked: 4})
    client.force_login(owner)
    url = reverse("vendors:product-stock", kwargs={"pk": stocked.pk})
    client.post(url, {"delta": "-2", "reason": "damaged"})
    stocked.refresh_from_db()
    assert stocked.stock_on_hand == 5
    client.post(url, {"delta": "-1", "reason": "damaged"})
    assert Product.objects.get(pk=stocked.pk).stock_on_hand == 4


def test_shoppers_pickup_qr_is_a_full_qr_code_the_portal_camera_can_read():
    full = segno.make("SOL-7K3QX", error="m", micro=False)
    assert not full.is_micro
    path = full.svg_inline(scale=6, border=2, dark="#111", omitsize=True).split(' d="')[1].split('"')[0]
    assert path in pickup_qr_svg("SOL-7K3QX")
