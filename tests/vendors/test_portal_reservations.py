"""Reservations in the owner portal: the queue by pickup date, mark ready, collect by code after a review (and
undo it for 15 minutes), cancel with reason."""

import datetime
from http import HTTPStatus

import segno
from django.core import mail
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone

from catalog.models import Product
from orders.models import Reservation, StockMovement
from orders.pickup_qr import pickup_qr_svg
from orders.services import reservation_collect
from portal.views import vendor as portal_views
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


def stock(product) -> tuple[int, int]:
    product.refresh_from_db()
    return product.stock_on_hand, product.stock_reserved


def handover_url(reservation) -> str:
    return reverse("vendors:reservation-handover", kwargs={"code": reservation.code})


def test_typing_a_code_shows_the_review_and_hands_nothing_over(client, owner, stocked, place, pickup_day):
    reservation = place({stocked: 2}, contact_phone="+6281234567891")
    client.force_login(owner)
    typed = " " + reservation.code.lower().replace("sol-", "") + " "
    response = client.post(reverse("vendors:reservation-collect"), {"code": typed})
    assert (response.status_code, response.url) == (HTTPStatus.FOUND, handover_url(reservation))

    page = client.get(response.url)
    assert page.status_code == HTTPStatus.OK
    html = page.content.decode()
    for shown in (
        "Siti Aminah",
        "+6281234567891",
        "Keripik Pisang Coklat",
        f"2 {stocked.sale_unit}",
        "Rp25.000",
        "Rp50.000",
    ):
        assert shown in html
    assert date_filter(pickup_day, "j F Y") in html and "Dipesan" in html
    assert html.count(f'action="{handover_url(reservation)}"') == 1 and ">Serahkan<" in html
    reservation.refresh_from_db()
    assert reservation.status == Reservation.Status.PLACED
    assert stock(stocked) == (5, 2)


def test_serahkan_on_the_review_page_hands_over_the_stock(client, owner, stocked, place):
    reservation = place({stocked: 2})
    client.force_login(owner)
    response = client.post(handover_url(reservation))
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("vendors:reservation-detail", kwargs={"code": reservation.code})
    reservation.refresh_from_db()
    assert reservation.status == Reservation.Status.COLLECTED
    assert stock(stocked) == (3, 0)
    assert stocked.movements.filter(reason=StockMovement.Reason.COLLECTED, actor=owner).exists()


def test_collecting_twice_is_a_clear_error(client, owner, stocked, place):
    reservation = place({stocked: 1})
    client.force_login(owner)
    client.post(handover_url(reservation))
    response = client.post(handover_url(reservation), follow=True)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "sudah diambil" in html and ">Serahkan<" not in html  # the review of a settled one offers no button
    assert stock(stocked) == (4, 0)


def test_a_typo_hitting_another_vendors_code_is_not_found(client, owner, stocked, place, other_product, stranger):
    theirs = place({other_product: 1})
    client.force_login(owner)
    response = client.post(reverse("vendors:reservation-collect"), {"code": theirs.code})
    assert response.status_code == HTTPStatus.OK
    assert "Kode ambil tidak ditemukan untuk UMKM ini." in response.content.decode()
    assert client.get(handover_url(theirs)).status_code == HTTPStatus.NOT_FOUND
    assert client.post(handover_url(theirs)).status_code == HTTPStatus.NOT_FOUND
    theirs.refresh_from_db()
    assert theirs.status == Reservation.Status.PLACED


def test_a_code_of_the_wrong_shape_is_refused_before_any_lookup(client, owner, vendor):
    client.force_login(owner)
    response = client.post(reverse("vendors:reservation-collect"), {"code": "SOL-7K3Q"})
    assert response.status_code == HTTPStatus.OK
    assert "5 huruf/angka" in response.content.decode()


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
    client.post(handover_url(reservation))
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


# --- undoing a hand-over ------------------------------------------------------------------------------


def undo_url(reservation) -> str:
    return reverse("vendors:reservation-uncollect", kwargs={"code": reservation.code})


def handed_over(reservation, owner, minutes_ago=0):
    reservation_collect(vendor=reservation.vendor, code=reservation.code, actor=owner)
    at = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    Reservation.objects.filter(pk=reservation.pk).update(collected_at=at)
    return reservation


def test_a_handover_is_undone_from_the_detail_page_within_15_minutes(client, owner, stocked, place):
    reservation = handed_over(place({stocked: 2}), owner, minutes_ago=14)
    client.force_login(owner)
    detail = client.get(reverse("vendors:reservation-detail", kwargs={"code": reservation.code})).content.decode()
    assert undo_url(reservation) in detail and "Batalkan penyerahan" in detail and "15 menit" in detail

    response = client.post(undo_url(reservation), {"reason": "Pesanan orang lain"})

    assert response.status_code == HTTPStatus.FOUND
    reservation.refresh_from_db()
    assert (reservation.status, reservation.collected_at) == (Reservation.Status.READY, None)
    assert stock(stocked) == (5, 2)
    movement = stocked.movements.get(reason=StockMovement.Reason.UNCOLLECTED)
    assert (movement.on_hand_delta, movement.held_delta, movement.actor) == (2, 2, owner)
    event = reservation.events.last()
    assert (event.from_status, event.to_status, event.actor, event.reason) == (
        Reservation.Status.COLLECTED,
        Reservation.Status.READY,
        owner,
        "Pesanan orang lain",
    )


def test_a_handover_cannot_be_undone_after_15_minutes(client, owner, stocked, place):
    reservation = handed_over(place({stocked: 2}), owner, minutes_ago=16)
    client.force_login(owner)
    detail = client.get(reverse("vendors:reservation-detail", kwargs={"code": reservation.code})).content.decode()
    assert undo_url(reservation) not in detail

    response = client.post(undo_url(reservation), {"reason": ""})

    assert response.status_code == HTTPStatus.OK
    assert "tidak bisa dibatalkan lagi" in response.content.decode()
    reservation.refresh_from_db()
    assert reservation.status == Reservation.Status.COLLECTED
    assert stock(stocked) == (3, 0)


def test_only_members_of_the_vendor_can_undo_a_handover(client, owner, stocked, place, stranger, other_vendor):
    reservation = handed_over(place({stocked: 2}), owner)
    client.force_login(stranger)
    assert client.post(undo_url(reservation)).status_code == HTTPStatus.NOT_FOUND
    client.force_login(owner)
    assert client.get(undo_url(reservation)).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    reservation.refresh_from_db()
    assert reservation.status == Reservation.Status.COLLECTED
    assert stock(stocked) == (3, 0)


# --- wrong codes are limited --------------------------------------------------------------------------


def type_code(client, code):
    return client.post(reverse("vendors:reservation-collect"), {"code": code})


def test_more_than_ten_wrong_codes_in_five_minutes_get_429(client, owner, vendor, stocked, place):
    reservation = place({stocked: 1})
    client.force_login(owner)
    for _ in range(9):
        assert type_code(client, "SOL-ZZZZZ").status_code == HTTPStatus.OK
    for _ in range(3):  # right codes do not count
        assert type_code(client, reservation.code).status_code == HTTPStatus.FOUND
    assert type_code(client, "SOL-ZZZZZ").status_code == HTTPStatus.OK  # the tenth wrong one

    refused = type_code(client, reservation.code)  # not even a right code is looked up now

    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Terlalu banyak kode ambil yang salah. Tunggu 5 menit" in refused.content.decode()


def test_the_wrong_code_limit_is_per_member_and_passes_after_five_minutes(
    client, owner, vendor, stocked, place, monkeypatch
):
    reservation = place({stocked: 1})
    colleague = factories.UserFactory()
    vendor.memberships.create(user=colleague, role="staff")
    client.force_login(owner)
    for _ in range(10):
        type_code(client, "SOL-ZZZZZ")
    assert type_code(client, "SOL-ZZZZZ").status_code == HTTPStatus.TOO_MANY_REQUESTS

    client.force_login(colleague)
    assert type_code(client, reservation.code).status_code == HTTPStatus.FOUND

    later = portal_views.time.time() + portal_views.WRONG_CODES_SECONDS + 1
    monkeypatch.setattr(portal_views, "time", type("Clock", (), {"time": staticmethod(lambda: later)}))
    client.force_login(owner)
    assert type_code(client, reservation.code).status_code == HTTPStatus.FOUND
