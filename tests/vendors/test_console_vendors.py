"""Console vendor queue, detail and decisions through the web pages."""

import datetime
from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from orders.models import Reservation
from tests import factories
from vendors.models import Vendor, VendorEvent

pytestmark = pytest.mark.django_db

S = Vendor.Status


def submitted(days_ago: int, **kwargs) -> Vendor:
    vendor = factories.VendorFactory(status=S.SUBMITTED, **kwargs)
    vendor.submitted_at = timezone.now() - datetime.timedelta(days=days_ago)
    vendor.save()
    return vendor


def test_the_queue_shows_submitted_applications_oldest_first_by_default(dinas_client):
    newest, oldest = submitted(1, name="Baru"), submitted(9, name="Lama")
    factories.VendorFactory(status=S.APPROVED, name="Sudah disetujui")

    response = dinas_client.get(reverse("console:vendor-list"))

    assert list(response.context["page_obj"]) == [oldest, newest]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "approved"}, {"Tapis Jaya"}),
        ({"status": ""}, {"Tapis Jaya", "Kopi Metro", "Lapas Kotabumi"}),
        ({"status": "", "daerah": "18.72"}, {"Kopi Metro"}),
        ({"status": "", "jenis": "lapas"}, {"Lapas Kotabumi"}),
        ({"status": "", "q": "kopi"}, {"Kopi Metro"}),
        ({"status": "", "q": "1800000000777"}, {"Tapis Jaya"}),
        ({"status": "", "q": "pemilik@example"}, {"Tapis Jaya"}),
    ],
)
def test_the_vendor_list_filters_by_status_region_kind_and_search(dinas_client, owner, query, expected):
    factories.VendorFactory(name="Tapis Jaya", nib="1800000000777", owner=owner)
    submitted(2, name="Kopi Metro", regency=factories.regency("18.72"))
    factories.VendorFactory(name="Lapas Kotabumi", kind=Vendor.Kind.LAPAS, nib="", status=S.SUSPENDED)

    response = dinas_client.get(reverse("console:vendor-list"), query)

    assert {v.name for v in response.context["page_obj"]} == expected


@pytest.mark.parametrize("query", [{"status": "bogus"}, {"daerah": "99.99"}, {"jenis": "x"}, {"halaman": "zz"}])
def test_bad_filter_values_never_break_the_list(dinas_client, query):
    assert dinas_client.get(reverse("console:vendor-list"), query).status_code == HTTPStatus.OK


def test_the_vendor_list_runs_a_constant_number_of_queries(dinas_client, django_assert_max_num_queries):
    for days in range(30):
        submitted(days, owner=factories.UserFactory())

    with django_assert_max_num_queries(12):  # + the staff member's centres (issue 17) and, cold, the centre list
        response = dinas_client.get(reverse("console:vendor-list"))
    assert len(response.context["page_obj"]) == 30


def test_the_detail_shows_what_the_owner_submitted_with_certificates_units_and_history(dinas_client, dinas_user, owner):
    vendor = submitted(3, name="Keripik Pisang Yuli", owner=owner)
    factories.CertificateFactory(vendor=vendor, status="submitted", number="ID18030000123456")
    VendorEvent.objects.create(vendor=vendor, from_status=S.DRAFT, to_status=S.SUBMITTED, actor=owner)

    response = dinas_client.get(reverse("console:vendor-detail", args=[vendor.pk]))

    html = response.content.decode()
    for text in ["Keripik Pisang Yuli", vendor.nib, "ID18030000123456", owner.email, "Draf → Diajukan"]:
        assert text in html
    assert [a.slug for a in response.context["actions"]] == ["setujui", "minta-perbaikan", "tolak"]


def test_approving_from_the_console_records_the_decision_and_emails_the_owner(
    dinas_client, dinas_user, owner, django_capture_on_commit_callbacks
):
    vendor = submitted(3, owner=owner)
    url = reverse("console:vendor-action", args=[vendor.pk, "setujui"])

    assert dinas_client.get(url).status_code == HTTPStatus.OK  # the confirmation page
    with django_capture_on_commit_callbacks(execute=True):
        response = dinas_client.post(url, {"reason": ""})

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("console:vendor-detail", args=[vendor.pk])
    vendor.refresh_from_db()
    assert vendor.status == S.APPROVED
    assert VendorEvent.objects.get(vendor=vendor).actor == dinas_user
    assert mail.outbox[0].to == [owner.email]


@pytest.mark.parametrize(
    ("action", "source"), [("tolak", S.SUBMITTED), ("minta-perbaikan", S.SUBMITTED), ("bekukan", S.APPROVED)]
)
def test_a_decision_without_its_required_reason_is_refused_and_nothing_changes(dinas_client, action, source):
    vendor = factories.VendorFactory(status=source)

    response = dinas_client.post(reverse("console:vendor-action", args=[vendor.pk, action]), {"reason": "  "})

    assert response.status_code == HTTPStatus.OK
    assert "Alasan wajib diisi" in response.content.decode()
    vendor.refresh_from_db()
    assert vendor.status == source
    assert not VendorEvent.objects.exists()


def test_approving_an_already_rejected_vendor_gives_a_clear_message(dinas_client):
    vendor = factories.VendorFactory(status=S.REJECTED)

    response = dinas_client.post(reverse("console:vendor-action", args=[vendor.pk, "setujui"]), {"reason": ""})

    assert "tidak dapat diambil untuk UMKM berstatus Ditolak" in response.content.decode()
    vendor.refresh_from_db()
    assert vendor.status == S.REJECTED


def test_suspending_hides_the_products_from_the_catalogue_and_product_page_but_keeps_reservations(
    client, dinas_user, product, shopper
):
    reservation = factories.ReservationFactory(vendor=product.vendor, shopper=shopper)
    product_url = reverse("catalog:product-detail", kwargs={"slug": product.slug})
    for _ in range(2):  # the second visit may come from the page cache
        assert client.get(product_url).status_code == HTTPStatus.OK
        assert product.name in client.get(reverse("catalog:product-list")).content.decode()

    client.force_login(dinas_user)
    url = reverse("console:vendor-action", args=[product.vendor.pk, "bekukan"])
    assert client.post(url, {"reason": "Label tidak sesuai"}).status_code == HTTPStatus.FOUND
    client.logout()

    assert client.get(product_url).status_code == HTTPStatus.NOT_FOUND
    assert product.name not in client.get(reverse("catalog:product-list")).content.decode()
    reservation.refresh_from_db()
    assert reservation.status == Reservation.Status.PLACED


def test_a_dinas_user_without_the_review_permission_cannot_decide(client, dinas_user):
    from django.contrib.auth.models import Permission

    user = factories.DinasUserFactory(username="magang")
    user.user_permissions.clear()
    group = user.groups.get()
    vendor = factories.VendorFactory(status=S.SUBMITTED)
    group.permissions.remove(Permission.objects.get(codename="review_vendor"))
    client.force_login(user)

    response = client.post(reverse("console:vendor-action", args=[vendor.pk, "setujui"]))

    assert response.status_code == HTTPStatus.FORBIDDEN
    vendor.refresh_from_db()
    assert vendor.status == S.SUBMITTED


def test_hiding_a_product_from_the_vendor_page_takes_it_off_the_catalogue(client, dinas_user, product):
    product_url = reverse("catalog:product-detail", kwargs={"slug": product.slug})
    client.force_login(dinas_user)
    detail = client.get(reverse("console:vendor-detail", args=[product.vendor.pk])).content.decode()
    url = reverse("console:product-action", args=[product.pk, "sembunyikan"])
    assert url in detail

    refused = client.post(url, {"reason": ""})
    hidden = client.post(url, {"reason": "Klaim tidak berdasar"})
    client.logout()

    assert "Alasan wajib diisi" in refused.content.decode()
    assert hidden.status_code == HTTPStatus.FOUND
    assert client.get(product_url).status_code == HTTPStatus.NOT_FOUND


def test_hiding_needs_the_hide_permission(client, shopper, product):
    client.force_login(shopper)

    response = client.post(reverse("console:product-action", args=[product.pk, "sembunyikan"]), {"reason": "x"})

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_approving_without_a_nib_shows_why(dinas_client):
    vendor = factories.VendorFactory(status=S.SUBMITTED, nib="")

    response = dinas_client.post(reverse("console:vendor-action", args=[vendor.pk, "setujui"]), {"reason": ""})

    assert "NIB wajib diisi" in response.content.decode()
    vendor.refresh_from_db()
    assert vendor.status == S.SUBMITTED
