"""The "Done when" journey of issue 20 over the demo data: hotel@sentra.test sets up a standing order,
umkm@sentra.test confirms tomorrow's drop and prints its delivery note and faktur, dinas@sentra.test sees the
B2B turnover and exports the e-Katalog-ready list."""

import datetime
import io
from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from buyers.models import BuyerOrder, Occurrence
from catalog.models import Product
from demo.catalog import ProductMaker
from demo.data import UMKM_VENDOR_SLUG
from ekatalog.export import COLUMNS
from ekatalog.selectors import ready_products
from vendors.models import Vendor
from vendors.selectors import centres_for


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(ProductMaker, "make_renditions", lambda self: None)
        call_command("seed_demo", "--force", "--products", "40", stdout=io.StringIO(), stderr=io.StringIO())
        patch.undo()
        yield
        transaction.set_rollback(True)


def sign_in(client, email: str):
    client.logout()
    client.force_login(get_user_model().objects.get(email=email))
    return client


@pytest.mark.usefixtures("demo")
@pytest.mark.django_db
def test_hotel_orders_umkm_confirms_and_prints_dinas_sees_the_turnover(client):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    vendor = Vendor.objects.get(slug=UMKM_VENDOR_SLUG)
    product = Product.objects.of_vendor(vendor).filter(status="published", made_to_order=False).order_by("pk")[0]

    # 1. The hotel sets up a standing order (every day for four weeks) on the order page.
    sign_in(client, "hotel@sentra.test")
    form_url = reverse("buyers:order-create") + f"?umkm={vendor.pk}"
    page = client.get(form_url)
    assert page.status_code == HTTPStatus.OK and product.name in page.content.decode()
    response = client.post(
        form_url,
        {
            "kind": "standing",
            "start_date": tomorrow,
            "end_date": tomorrow + datetime.timedelta(days=27),
            "weekdays": [str(day) for day in range(7)],
            "fulfilment": "delivery",
            "note": "Untuk sarapan tamu",
            f"qty_{product.pk}": "4",
        },
    )
    order = BuyerOrder.objects.filter(note="Untuk sarapan tamu").get()
    assert response.status_code == HTTPStatus.FOUND and response.url == order.get_absolute_url()
    assert order.kind == "standing" and order.occurrences.filter(date=tomorrow).exists()
    assert client.get(order.get_absolute_url()).status_code == HTTPStatus.OK

    # 2. The UMKM owner sees tomorrow's drop, confirms it, prints the delivery note, delivers and prints the faktur.
    drop = order.occurrences.get(date=tomorrow)
    sign_in(client, "umkm@sentra.test")
    assert drop.code in client.get(reverse("vendors:b2b-list")).content.decode()
    held_before = Product.objects.get(pk=product.pk).stock_reserved
    response = client.post(reverse("vendors:b2b-action", args=[drop.pk, "konfirmasi"]))
    assert response.status_code == HTTPStatus.FOUND
    drop.refresh_from_db()
    assert drop.status == Occurrence.Status.CONFIRMED
    assert Product.objects.get(pk=product.pk).stock_reserved == held_before + 4
    note = client.get(reverse("vendors:b2b-delivery-note", args=[drop.pk]))
    assert note.status_code == HTTPStatus.OK
    assert product.name in note.content.decode() and "Hotel Tapis Berseri" in note.content.decode()
    assert client.post(reverse("vendors:b2b-action", args=[drop.pk, "terkirim"])).status_code == HTTPStatus.FOUND
    drop.refresh_from_db()
    invoice = drop.invoice
    page = client.get(reverse("vendors:b2b-invoice", args=[invoice.pk]))
    assert page.status_code == HTTPStatus.OK and invoice.display_number in page.content.decode()

    # The hotel sees the confirmation, the same delivery note and faktur.
    sign_in(client, "hotel@sentra.test")
    assert client.get(reverse("buyers:delivery-note", args=[drop.pk])).status_code == HTTPStatus.OK
    assert client.get(reverse("buyers:invoice", args=[invoice.pk])).status_code == HTTPStatus.OK

    # 3. Dinas sees the B2B turnover per buyer, the hotel among them.
    sign_in(client, "dinas@sentra.test")
    report = client.get(reverse("console:b2b-report"), {"per": "buyer"})
    assert report.status_code == HTTPStatus.OK
    assert "Hotel Tapis Berseri Bandar Lampung" in report.content.decode()

    # 4. Dinas exports the e-Katalog-ready list: the mapped header and the demo's ready products.
    export = client.get(reverse("console:ekatalog-export"))
    assert export.status_code == HTTPStatus.OK
    sheet = load_workbook(io.BytesIO(export.content))["Usulan produk"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [header for header, _ in COLUMNS]
    # dinas@ works on Kotabumi: the export holds that centre's ready products (issue 17's centre rule).
    dinas = get_user_model().objects.get(email="dinas@sentra.test")
    assert len(rows) - 1 == len(ready_products(centres_for(dinas))) >= 8
