"""Event screens: Dinas creates an event, adds a stall, opens registration and decides applications; the owner
applies, takes stock to the stall, sells there and brings the rest back; shoppers see the public page."""

import datetime
import io
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from sales.models import CounterSale, Event, EventApplication, EventStock
from sales.services import events as svc
from sales.services import sale_record
from tests import factories
from tests.sales.event_factories import ApplicationFactory, EventFactory, StallFactory, accepted

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, dinas_user):
    client.force_login(dinas_user)
    return client


def event_form(**overrides):
    today = timezone.localdate()
    data = {
        "name": "Expo UMKM Lampung 2027",
        "kind": "expo",
        "organiser": "Dinas Koperasi UMKM Provinsi Lampung",
        "venue_name": "PKOR Way Halim",
        "venue_address": "Jl. Ryacudu, Bandar Lampung",
        "map_url": "https://maps.example/pkor",
        "starts_on": (today + datetime.timedelta(days=20)).isoformat(),
        "ends_on": (today + datetime.timedelta(days=22)).isoformat(),
        "opens_at": "09:00",
        "closes_at": "21:00",
    }
    return data | overrides


def test_dinas_creates_an_event_adds_a_stall_and_opens_registration(staff):
    response = staff.post(reverse("console:event-create"), event_form())
    event = Event.objects.get()
    assert response.status_code == HTTPStatus.FOUND and event.status == "draft" and event.centre is None
    staff.post(reverse("console:event-stall-add", args=[event.pk]), {"code": "e-01", "capacity": 2})
    assert event.stalls.get().code == "E-01"
    page = staff.get(reverse("console:event-action", args=[event.pk, "buka"]))
    assert page.status_code == HTTPStatus.OK and "Ya, Buka pendaftaran" in page.content.decode()
    staff.post(reverse("console:event-action", args=[event.pk, "buka"]), {"reason": ""})
    event.refresh_from_db()
    assert event.status == "open"
    assert "Expo UMKM Lampung 2027" in staff.get(reverse("console:event-list")).content.decode()


def test_reversed_dates_get_a_clear_message_and_save_nothing(staff):
    today = timezone.localdate()
    data = event_form(ends_on=(today - datetime.timedelta(days=1)).isoformat(), starts_on=today.isoformat())
    response = staff.post(reverse("console:event-create"), data)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "tidak boleh sebelum tanggal mulai" in response.content.decode()
    assert not Event.objects.exists()


def test_cancelling_needs_a_reason_on_the_confirmation_page(staff):
    event = EventFactory(status="open")
    response = staff.post(reverse("console:event-action", args=[event.pk, "batalkan"]), {"reason": ""})
    assert response.status_code == HTTPStatus.BAD_REQUEST and "Alasan wajib diisi" in response.content.decode()
    event.refresh_from_db()
    assert event.status == "open"


def test_the_owner_applies_and_dinas_accepts_with_a_stall(client, owner, vendor, dinas_user):
    product = factories.ProductFactory(vendor=vendor, name="Keripik Pisang Coklat")
    event = EventFactory(status="open")
    stall = StallFactory(event=event, code="A-07")
    client.force_login(owner)
    listing = client.get(reverse("vendors:event-list")).content.decode()
    assert event.name in listing
    response = client.post(reverse("vendors:event-apply", args=[event.slug]), {"products": [product.pk], "note": "x"})
    assert response.status_code == HTTPStatus.FOUND
    application = EventApplication.objects.get()
    assert list(application.products.all()) == [product]

    client.force_login(dinas_user)
    queue = client.get(reverse("console:event-detail", args=[event.pk])).content.decode()
    assert vendor.name in queue and reverse("console:event-application-accept", args=[application.pk]) in queue
    confirm = client.get(reverse("console:event-application-accept", args=[application.pk])).content.decode()
    assert "A-07 (terisi 0 dari 1)" in confirm
    client.post(reverse("console:event-application-accept", args=[application.pk]), {"stall": stall.pk})
    application.refresh_from_db()
    assert application.status == "accepted" and application.stall == stall

    client.force_login(owner)
    page = client.get(reverse("vendors:event-detail", args=[event.slug])).content.decode()
    assert "Lapak A-07" in page and "Diterima" in page


def test_an_application_without_products_is_refused_with_a_message(client, owner, vendor):
    factories.ProductFactory(vendor=vendor)
    event = EventFactory(status="open")
    client.force_login(owner)
    response = client.post(reverse("vendors:event-apply", args=[event.slug]), {"products": []})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Pilih minimal satu produk" in response.content.decode()
    assert not EventApplication.objects.exists()


def test_declining_asks_for_a_reason_and_the_owner_sees_it(client, owner, vendor, dinas_user):
    application = ApplicationFactory(event=EventFactory(status="open"), vendor=vendor)
    client.force_login(dinas_user)
    url = reverse("console:event-application-decline", args=[application.pk])
    assert client.post(url, {"reason": ""}).status_code == HTTPStatus.BAD_REQUEST
    client.post(url, {"reason": "Kuota kuliner penuh"})
    client.force_login(owner)
    page = client.get(reverse("vendors:event-detail", args=[application.event.slug])).content.decode()
    assert "Kuota kuliner penuh" in page


def test_a_full_stall_is_refused_on_the_accept_page(client, dinas_user):
    event = EventFactory(status="open")
    stall = StallFactory(event=event)
    accepted(event, factories.VendorFactory(), stall=stall)
    waiting = ApplicationFactory(event=event)
    client.force_login(dinas_user)
    response = client.post(reverse("console:event-application-accept", args=[waiting.pk]), {"stall": stall.pk})
    assert response.status_code == HTTPStatus.BAD_REQUEST and "sudah penuh" in response.content.decode()


def test_the_owner_takes_stock_sells_at_the_stall_and_brings_the_rest_back(client, owner, vendor):
    product = factories.ProductFactory(vendor=vendor, price=20000, stock_on_hand=10)
    event = EventFactory(status="running")
    accepted(event, vendor, [product], stall=StallFactory(event=event, code="C-02"))
    client.force_login(owner)
    client.post(reverse("vendors:event-stock-send", args=[event.slug]), {f"qty_{product.pk}": "6"})
    assert EventStock.objects.get().on_stall == 6
    form = client.get(reverse("vendors:sale-create"), {"acara": event.pk}).content.decode()
    assert "lapak C-02" in form
    client.post(
        reverse("vendors:sale-create"),
        {f"qty_{product.pk}": "2", "payment": "cash", "token": "ev1", "place": str(event.pk)},
    )
    sale = CounterSale.objects.get()
    assert sale.event == event and sale.stall.code == "C-02"
    product.refresh_from_db()
    assert product.stock_on_hand == 4
    svc.event_finish(event=event, actor=owner)
    url = reverse("vendors:event-stock-return", args=[event.slug])
    assert "di lapak 4" in client.get(url).content.decode()
    response = client.post(url, {f"back_{product.pk}": "3", "reason": "Satu pecah"})
    assert response.status_code == HTTPStatus.FOUND
    product.refresh_from_db()
    assert product.stock_on_hand == 7
    assert (EventStock.objects.get().missing, EventStock.objects.get().returned) == (1, 3)


def test_sending_more_than_the_shop_has_gets_a_message(client, owner, vendor):
    product = factories.ProductFactory(vendor=vendor, stock_on_hand=2)
    event = EventFactory(status="closed")
    accepted(event, vendor, [product])
    client.force_login(owner)
    response = client.post(reverse("vendors:event-stock-send", args=[event.slug]), {f"qty_{product.pk}": "5"})
    assert response.status_code == HTTPStatus.BAD_REQUEST and "tinggal 2" in response.content.decode()


def test_the_public_page_shows_dates_venue_vendors_stalls_and_what_they_bring(client):
    vendor = factories.VendorFactory(name="Kopi Lereng Tanggamus")
    product = factories.ProductFactory(vendor=vendor, name="Kopi Robusta Bubuk")
    hidden = factories.ProductFactory(vendor=vendor, name="Produk Draf", status="draft")
    event = EventFactory(status="closed", venue_name="Lapangan Merah")
    accepted(event, vendor, [product, hidden], stall=StallFactory(event=event, code="K-01"))
    page = client.get(reverse("sales:event-detail", args=[event.slug])).content.decode()
    assert "Lapangan Merah" in page and "Kopi Lereng Tanggamus" in page and "K-01" in page
    assert "Kopi Robusta Bubuk" in page and "Produk Draf" not in page and "Sedang tutup" in page
    assert event.name in client.get(reverse("sales:event-list")).content.decode()
    draft = EventFactory(status="draft")
    assert client.get(reverse("sales:event-detail", args=[draft.slug])).status_code == HTTPStatus.NOT_FOUND


def test_the_event_report_has_the_headline_charts_and_a_workbook(staff, owner):
    today = timezone.localdate()
    event = EventFactory(status="running", starts_on=today, ends_on=today + datetime.timedelta(days=2))
    vendors = [factories.VendorFactory(owner=owner) for _ in range(2)]
    for vendor in vendors:
        product = factories.ProductFactory(vendor=vendor, price=50000)
        application = accepted(event, vendor, [product])
        svc.event_stock_send(application=application, actor=owner, items={product.pk: 3})
        sale_record(vendor=vendor, actor=owner, items={product.pk: 3}, payment="cash", event=event)
    page = staff.get(reverse("console:event-report", args=[event.pk])).content.decode()
    assert "Rp300.000 dalam 3 hari oleh 2 UMKM" in page and "<svg" in page and "Habis terjual" in page
    response = staff.get(reverse("console:event-report-xlsx", args=[event.pk]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert "Per hari" in workbook.sheetnames
    rows = list(workbook["Per hari"].values)
    assert rows[-1][1:] == (2, 300000)


def test_the_console_list_sums_every_events_turnover_across_centres(staff, owner):
    totals = []
    for centre in (None, factories.CentreFactory(slug="bandar-lampung", name="Sentra Bandar Lampung")):
        event = EventFactory(status="running", centre=centre)
        vendor = factories.VendorFactory(owner=owner)
        product = factories.ProductFactory(vendor=vendor, price=12000)
        application = accepted(event, vendor, [product])
        svc.event_stock_send(application=application, actor=owner, items={product.pk: 2})
        totals.append(sale_record(vendor=vendor, actor=owner, items={product.pk: 2}, payment="cash", event=event).total)
    page = staff.get(reverse("console:event-list")).content.decode()
    assert "Rp24.000" in page and "Rp48.000" in page and "Semua acara, semua sentra" in page
