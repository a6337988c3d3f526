"""Reservations across centres (issue 17): the pickup place is fixed when placed and survives a move of the
vendor; a cart spanning centres says so; a centre closing on a pickup day tells the shoppers; reports add up."""

import datetime
from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from console.reports import CENTRE_FIGURES, centre_figure_rows, centre_figures
from orders.models import Reservation
from orders.services.notifications import notify_centre_closed
from tests import factories
from vendors.models import UnitAssignment, VendorMove
from vendors.services.centres import CentreMoveError, vendor_move_centre
from vendors.services.units import OtherCentre, unit_assign

pytestmark = pytest.mark.django_db


@pytest.fixture
def province(centre):
    second = factories.CentreFactory(slug="provinsi", name="Sentra UMKM Provinsi Lampung", town="Bandar Lampung")
    vendor = factories.VendorFactory(name="Batik Metro", centre=second, owner=factories.UserFactory(username="p2"))
    unit = factories.ShopUnitFactory(centre=second, code="P-01")
    factories.UnitAssignmentFactory(vendor=vendor, unit=unit)
    product = factories.ProductFactory(vendor=vendor, name="Kain Batik Metro", stock_on_hand=5, price=150000)
    return {"centre": second, "vendor": vendor, "unit": unit, "product": product}


def test_placing_fixes_the_pickup_centre_and_unit(place, stocked, unit, centre):
    (reservation,) = place({stocked: 1})
    assert (reservation.pickup_centre, reservation.pickup_unit) == (centre, unit)


def test_a_cart_of_two_centres_makes_a_reservation_at_each(place, stocked, province, centre):
    reservations = place({stocked: 1, province["product"]: 1})
    assert {r.pickup_centre for r in reservations} == {centre, province["centre"]}


def test_moving_a_vendor_keeps_the_pickup_place_of_open_reservations(place, stocked, unit, vendor, centre, province):
    dinas = factories.DinasUserFactory()
    (reservation,) = place({stocked: 1})
    move = vendor_move_centre(vendor=vendor, centre=province["centre"], actor=dinas, reason="Pindah ke provinsi")
    reservation.refresh_from_db()
    assert (reservation.pickup_centre, reservation.pickup_unit) == (centre, unit)
    assert move.from_centre == centre and move.to_centre == province["centre"] and move.actor == dinas
    vendor.refresh_from_db()
    assert vendor.centre == province["centre"]
    assert not UnitAssignment.objects.active().filter(vendor=vendor).exists()  # units belong to the old centre
    assert vendor.history.first().centre_id == province["centre"].pk  # history kept


def test_a_move_needs_a_reason_and_another_centre(vendor, centre):
    dinas = factories.DinasUserFactory()
    with pytest.raises(CentreMoveError):
        vendor_move_centre(
            vendor=vendor, centre=factories.CentreFactory(slug="lain", name="Lain"), actor=dinas, reason=" "
        )
    with pytest.raises(CentreMoveError):
        vendor_move_centre(vendor=vendor, centre=centre, actor=dinas, reason="Sama")
    assert not VendorMove.objects.exists()


def test_a_unit_of_another_centre_is_refused(vendor, province):
    with pytest.raises(OtherCentre):
        unit_assign(unit=province["unit"], vendor=vendor, start_on=timezone.localdate(), actor=None)


def test_the_console_moves_a_vendor_after_a_confirmation(client, vendor, centre, province):
    client.force_login(factories.DinasUserFactory())
    url = reverse("console:vendor-move-centre", kwargs={"pk": vendor.pk})
    data = {"centre": province["centre"].pk, "reason": "Produk untuk pasar provinsi"}
    first = client.post(url, data)
    assert first.status_code == HTTPStatus.OK and first.context["confirming"]
    vendor.refresh_from_db()
    assert vendor.centre == centre  # not yet
    assert client.post(url, data | {"confirm": "1"}).status_code == HTTPStatus.FOUND
    vendor.refresh_from_db()
    assert vendor.centre == province["centre"]


def test_the_console_refuses_a_centre_outside_the_staff_scope(client, vendor, centre, province):
    client.force_login(factories.DinasUserFactory(centres=[centre]))
    url = reverse("console:vendor-move-centre", kwargs={"pk": vendor.pk})
    response = client.post(url, {"centre": province["centre"].pk, "reason": "x", "confirm": "1"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    vendor.refresh_from_db()
    assert vendor.centre == centre


def test_the_cart_says_when_it_spans_centres(client, stocked, unit, province):
    for product in (stocked, province["product"]):
        client.post(reverse("orders:cart-add"), {"product": product.pk, "quantity": 1})
    response = client.get(reverse("orders:cart"))
    assert response.context["summary"].spans_centres
    body = response.content.decode()
    assert "beberapa sentra" in body and "Sentra UMKM Provinsi Lampung" in body


def test_a_cart_of_one_centre_says_nothing_about_centres(client, stocked, unit):
    client.post(reverse("orders:cart-add"), {"product": stocked.pk, "quantity": 1})
    assert not client.get(reverse("orders:cart")).context["summary"].spans_centres


def test_the_reservation_page_shows_its_own_centre(client, place, shopper, province):
    (reservation,) = place({province["product"]: 1})
    client.force_login(shopper)
    body = client.get(reservation.get_absolute_url()).content.decode()
    assert "Sentra UMKM Provinsi Lampung" in body and "P-01" in body


def test_closing_a_centre_on_a_pickup_day_keeps_the_hold_and_tells_the_shopper(place, stocked, unit, centre):
    (reservation,) = place({stocked: 1})
    hold = reservation.hold_until
    mail.outbox.clear()
    assert notify_centre_closed(centre_id=centre.pk, dates=[reservation.pickup_date]) == 1
    reservation.refresh_from_db()
    assert reservation.status == Reservation.Status.PLACED and reservation.hold_until == hold
    assert [m.to for m in mail.outbox] == [[reservation.shopper.email]]
    assert "tutup" in mail.outbox[0].subject


def test_figures_per_centre_add_up_to_the_province(centre, province, place, stocked, unit):
    factories.VendorFactory(centre=province["centre"], regency=factories.regency("18.72"))
    for r in place({stocked: 1, province["product"]: 2}):
        Reservation.objects.filter(pk=r.pk).update(status=Reservation.Status.COLLECTED, collected_at=timezone.now())
    period = (timezone.localdate() - datetime.timedelta(days=30), timezone.localdate())
    _, province_total = centre_figures(period, None)
    summed = dict.fromkeys(CENTRE_FIGURES, 0)
    for c in (centre, province["centre"]):
        _, one = centre_figures(period, frozenset({c.pk}))
        for key in CENTRE_FIGURES:
            summed[key] += one[key]
    assert summed == province_total
    assert province_total["approved"] == 3 and province_total["placed"] == 2
    assert province_total["value"] == stocked.price + 2 * province["product"].price
    rows = list(centre_figure_rows(period, [centre, province["centre"]]))
    assert rows[-1][2:] == [sum(r[i] for r in rows[:-1]) for i in range(2, len(rows[0]))]


def test_the_province_report_compares_centres_for_province_staff(client, centre, province):
    client.force_login(factories.DinasUserFactory())
    response = client.get(reverse("console:province-report"))
    assert response.status_code == HTTPStatus.OK
    names = [row[0] for row in response.context["rows"]]
    assert names[:2] == [centre.name, "Sentra UMKM Provinsi Lampung"]
    xlsx = client.get(reverse("console:province-report-xlsx"))
    assert xlsx.status_code == HTTPStatus.OK and xlsx.content[:2] == b"PK"


def test_centre_staff_see_only_their_centre_in_the_province_report(client, centre, province):
    client.force_login(factories.DinasUserFactory(centres=[province["centre"]]))
    rows = client.get(reverse("console:province-report")).context["rows"]
    assert [row[0] for row in rows[:-1]] == ["Sentra UMKM Provinsi Lampung"]


def test_a_forged_centre_id_in_a_report_download_is_refused_with_a_message(client, centre, province):
    client.force_login(factories.DinasUserFactory(centres=[centre]))
    response = client.get(reverse("console:reports"), {"sentra": province["centre"].pk})
    assert response.status_code == HTTPStatus.OK
    assert any("wilayah kerja" in str(m) for m in response.context["messages"])
    assert response.context["centres"] == frozenset({centre.pk})
