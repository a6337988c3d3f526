"""The owner's stock ledger page with rows nobody signed: the expiry job's releases and a deleted member's."""

import datetime
from http import HTTPStatus

from django.urls import reverse

from orders.models import Reservation, StockMovement
from orders.services.expiry import reservation_expire_overdue
from orders.services.stock import stock_adjust
from tests import factories


def test_stock_page_shows_the_expiry_jobs_release_as_made_by_the_system(client, owner, stocked, place):
    reservation = place({stocked: 2})
    assert reservation_expire_overdue(now=reservation.hold_until + datetime.timedelta(minutes=1)) == 1
    release = StockMovement.objects.get(reservation=reservation, reason=StockMovement.Reason.RELEASED)
    assert release.actor is None
    client.force_login(owner)
    response = client.get(reverse("vendors:product-stock", kwargs={"pk": stocked.pk}))
    assert response.status_code == HTTPStatus.OK
    assert Reservation.objects.get(pk=reservation.pk).status == Reservation.Status.EXPIRED
    assert "Sistem" in response.content.decode()


def test_stock_page_names_the_member_who_moved_stock_and_survives_their_deletion(client, owner, vendor, stocked):
    leaver = factories.UserFactory(username="mantan-staf", first_name="Dimas", email="dimas@example.com")
    vendor.memberships.create(user=leaver, role="staff")
    nameless = factories.UserFactory(first_name="", email="tanpa.nama@example.com")
    stock_adjust(product=stocked, actor=leaver, delta=3, reason=StockMovement.Reason.RESTOCK)
    stock_adjust(product=stocked, actor=nameless, delta=1, reason=StockMovement.Reason.RESTOCK)
    url = reverse("vendors:product-stock", kwargs={"pk": stocked.pk})
    client.force_login(owner)
    page = client.get(url).content.decode()
    assert "Dimas" in page and "tanpa.nama@example.com" in page
    leaver.delete()
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "Dimas" not in page and "Akun dihapus" in page
    assert StockMovement.objects.filter(product=stocked, actor__isnull=True, on_hand_delta=3).exists()
