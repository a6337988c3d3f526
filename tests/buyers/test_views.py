"""Buyer pages (/mitra/), the vendor's side (/toko/mitra/) and the console's (/dinas/mitra/): access, the happy
path, bad input."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from buyers.models import BuyerOrder, Occurrence, Organisation, PriceTier
from buyers.services import occurrences as drops
from tests import factories

pytestmark = pytest.mark.django_db
TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


@pytest.fixture
def delivered(drop, owner):
    drops.occurrence_confirm(occurrence=drop, actor=owner)
    return drops.occurrence_deliver(occurrence=drop, actor=owner)


def test_a_user_without_organisation_is_sent_to_registration_and_can_register(client, shopper):
    client.force_login(shopper)
    assert client.get(reverse("buyers:dashboard")).url == reverse("buyers:register")
    response = client.post(
        reverse("buyers:register"),
        {"name": "Resto Begadang", "kind": "restaurant", "regency": factories.regency("18.71").pk, "address": "Jl. A"},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert Organisation.objects.get().status == "submitted"


def test_registration_with_a_bad_npwp_shows_the_message(client, shopper):
    client.force_login(shopper)
    data = {"name": "X", "kind": "cafe", "regency": factories.regency().pk, "address": "Jl", "npwp": "12ab"}
    response = client.post(reverse("buyers:register"), data)
    assert response.status_code == HTTPStatus.OK
    assert "NPWP terdiri dari 15 atau 16 angka" in response.content.decode()


def test_a_verified_buyer_places_a_standing_order_and_sees_wholesale_prices(client, buyer, organisation, product):
    PriceTier.objects.create(product=product, min_quantity=10, price=20000)
    client.force_login(buyer)
    url = reverse("buyers:order-create") + f"?umkm={product.vendor_id}"
    assert "Rp20.000" in client.get(url).content.decode()
    data = {
        "kind": "standing",
        "start_date": TOMORROW,
        "end_date": TOMORROW + datetime.timedelta(days=27),
        "weekdays": ["0", "3"],
        "fulfilment": "delivery",
        f"qty_{product.pk}": "12",
    }
    response = client.post(url, data)
    order = BuyerOrder.objects.get()
    assert response.url == order.get_absolute_url()
    assert order.lines.get().unit_price == 20000
    assert order.occurrences.count() >= 2
    assert client.get(order.get_absolute_url()).status_code == HTTPStatus.OK


def test_an_unverified_buyer_sees_no_wholesale_price(client, product):
    user = factories.UserFactory()
    factories.OrganisationFactory(member=user, status="submitted")
    PriceTier.objects.create(product=product, min_quantity=10, price=20000)
    client.force_login(user)
    page = client.get(reverse("buyers:order-create") + f"?umkm={product.vendor_id}").content.decode()
    assert "Rp20.000" not in page
    assert "setelah organisasi Anda diverifikasi" in page


def test_an_order_without_quantities_shows_a_clear_message(client, buyer, organisation, product):
    client.force_login(buyer)
    url = reverse("buyers:order-create") + f"?umkm={product.vendor_id}"
    response = client.post(url, {"kind": "one_off", "start_date": TOMORROW, "fulfilment": "pickup"})
    assert response.status_code == HTTPStatus.OK
    assert "Pilih paling sedikit satu produk" in response.content.decode()
    assert not BuyerOrder.objects.exists()


def test_a_buyer_sees_only_its_own_organisations_orders_and_documents(client, drop, delivered):
    stranger = factories.UserFactory()
    factories.OrganisationFactory(member=stranger)
    client.force_login(stranger)
    for url in (
        reverse("buyers:order-detail", kwargs={"pk": drop.order_id}),
        reverse("buyers:occurrence-detail", kwargs={"pk": drop.pk}),
        reverse("buyers:delivery-note", kwargs={"pk": drop.pk}),
        reverse("buyers:invoice", kwargs={"pk": delivered.pk}),
        reverse("buyers:occurrence-action", kwargs={"pk": drop.pk, "action": "batalkan"}),
    ):
        assert client.get(url).status_code == HTTPStatus.NOT_FOUND, url


def test_the_buyer_prints_its_delivery_note_and_invoice(client, buyer, drop, delivered):
    client.force_login(buyer)
    note = client.get(reverse("buyers:delivery-note", kwargs={"pk": drop.pk}))
    invoice = client.get(reverse("buyers:invoice", kwargs={"pk": delivered.pk}))
    assert "Surat jalan" in note.content.decode()
    assert delivered.display_number in invoice.content.decode()
    assert "Rp75.000" in invoice.content.decode()
    statement = client.get(reverse("buyers:statement"))
    assert "Rp75.000" in statement.content.decode()


def test_the_vendor_confirms_tomorrows_drop_then_delivers_and_prints(client, owner, drop, product):
    client.force_login(owner)
    assert drop.code in client.get(reverse("vendors:b2b-list")).content.decode()
    url = reverse("vendors:b2b-action", kwargs={"pk": drop.pk, "action": "konfirmasi"})
    assert client.get(url).status_code == HTTPStatus.OK  # the confirmation page
    client.post(url)
    drop.refresh_from_db()
    assert drop.status == "confirmed"
    note = client.get(reverse("vendors:b2b-delivery-note", kwargs={"pk": drop.pk}))
    assert note.status_code == HTTPStatus.OK
    client.post(reverse("vendors:b2b-action", kwargs={"pk": drop.pk, "action": "terkirim"}))
    drop.refresh_from_db()
    invoice = drop.invoice
    page = client.get(reverse("vendors:b2b-invoice", kwargs={"pk": invoice.pk}))
    assert invoice.display_number in page.content.decode()
    client.post(reverse("vendors:b2b-invoice", kwargs={"pk": invoice.pk}), {"paid_on": timezone.localdate()})
    invoice.refresh_from_db()
    assert invoice.is_paid


def test_the_vendor_must_give_a_reason_to_decline(client, owner, drop):
    client.force_login(owner)
    url = reverse("vendors:b2b-action", kwargs={"pk": drop.pk, "action": "tolak"})
    response = client.post(url, {"reason": ""})
    assert "Alasan wajib diisi" in response.content.decode()
    assert Occurrence.objects.get().status == "pending"


def test_a_vendor_sees_only_drops_placed_with_it(client, drop):
    other_owner = factories.UserFactory()
    factories.VendorFactory(owner=other_owner)
    client.force_login(other_owner)
    assert client.get(reverse("vendors:b2b-detail", kwargs={"pk": drop.pk})).status_code == HTTPStatus.NOT_FOUND
    assert drop.code not in client.get(reverse("vendors:b2b-list")).content.decode()


def test_the_vendor_sets_a_wholesale_price_and_gets_a_message_for_a_bad_one(client, owner, product):
    client.force_login(owner)
    url = reverse("vendors:price-tiers", kwargs={"pk": product.pk})
    response = client.post(url, {"min_quantity": 10, "price": 30000})
    assert "lebih murah" in response.content.decode()
    client.post(url, {"min_quantity": 10, "price": 20000})
    assert PriceTier.objects.get().price == 20000


def test_dinas_verifies_a_buyer_with_a_confirmation_page(client, dinas_user):
    organisation = factories.OrganisationFactory(status="submitted")
    client.force_login(dinas_user)
    assert organisation.name in client.get(reverse("console:buyer-list")).content.decode()
    url = reverse("console:buyer-action", kwargs={"pk": organisation.pk, "action": "verifikasi"})
    assert client.get(url).status_code == HTTPStatus.OK
    client.post(url, {"reason": ""})
    organisation.refresh_from_db()
    assert organisation.status == "verified"
    page = client.get(reverse("console:buyer-detail", kwargs={"pk": organisation.pk})).content.decode()
    assert dinas_user.email in page


def test_dinas_sees_b2b_turnover(client, dinas_user, delivered):
    client.force_login(dinas_user)
    for group in ("month", "buyer", "vendor", "region"):
        page = client.get(
            reverse("console:b2b-report"), {"per": group, "dari": timezone.localdate(), "sampai": TOMORROW}
        ).content.decode()
        assert "Rp75.000" in page, group


def test_b2b_turnover_counts_the_staff_members_centres_only(client, delivered):
    """Issue 17: staff of another centre see none of this vendor's B2B turnover; province staff see it."""
    other = factories.CentreFactory(slug="provinsi", name="Sentra UMKM Provinsi Lampung", town="Bandar Lampung")
    query = {"per": "vendor", "dari": timezone.localdate(), "sampai": TOMORROW}
    client.force_login(factories.DinasUserFactory(username="dinas-bdl", centres=[other]))
    page = client.get(reverse("console:b2b-report"), query)
    assert page.context["total"] == 0 and page.context["vendors_with_buyers"] == 0
    client.force_login(factories.DinasUserFactory(username="provinsi"))
    page = client.get(reverse("console:b2b-report"), query)
    assert page.context["total"] == 75000 and page.context["vendors_with_buyers"] == 1
