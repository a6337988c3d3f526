"""The Django admin keeps the rules the services and transition tables keep (issue 15, defect 2): it never
places a vendor in a unit, moves stock or changes a status itself, a history revert cannot either, audit rows
cannot be deleted, and every column header is translated."""

import datetime
from http import HTTPStatus

import pytest
from django.contrib import admin, messages
from django.contrib.admin.utils import label_for_field
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise

from catalog.models import Certificate, Product
from orders.models import Reservation, StockMovement
from tests import factories
from tests.catalog.admin_forms import certificate_form, product_form, vendor_form
from vendors.models import UnitAssignment, Vendor, VendorEvent

pytestmark = pytest.mark.django_db

MODELS = [model for model in admin.site._registry if model._meta.app_label in {"vendors", "catalog", "orders"}]


def superuser():
    return factories.UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture(params=["dinas", "superuser"])
def staff(request, client, dinas_user):
    client.force_login(dinas_user if request.param == "dinas" else superuser())
    return client


@pytest.fixture
def root(client):
    client.force_login(superuser())
    return client


def history_url(obj, version) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, version.history_id])


def warnings(response) -> str:
    return " ".join(m.message for m in get_messages(response.wsgi_request) if m.level == messages.WARNING)


# Unit assignments: only vendors.services.units places a vendor (capacity, approval, the Lapas unit).


def full_unit(centre):
    unit = factories.ShopUnitFactory(centre=centre, capacity=1)
    factories.UnitAssignmentFactory(unit=unit)
    return unit, factories.VendorFactory()


def draft_vendor(centre):
    return factories.ShopUnitFactory(centre=centre), factories.VendorFactory(status=Vendor.Status.DRAFT)


def lapas_unit(centre):
    return factories.ShopUnitFactory(centre=centre, reserved_kind="lapas"), factories.VendorFactory()


@pytest.mark.parametrize("case", [full_unit, draft_vendor, lapas_unit], ids=["over-capacity", "draft", "lapas"])
def test_the_admin_cannot_place_a_vendor_the_rules_refuse(staff, centre, case):
    unit, vendor = case(centre)
    before = UnitAssignment.objects.count()
    data = {"unit": unit.pk, "vendor": vendor.pk, "start_on": timezone.localdate().isoformat(), "note": ""}

    response = staff.post(reverse("admin:vendors_unitassignment_add"), data)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert UnitAssignment.objects.count() == before


@pytest.mark.parametrize("case", [full_unit, draft_vendor, lapas_unit], ids=["over-capacity", "draft", "lapas"])
def test_the_unit_page_of_the_admin_adds_no_tenant(staff, centre, case):
    unit, vendor = case(centre)
    before = UnitAssignment.objects.count()
    data = {
        "centre": centre.pk,
        "code": unit.code,
        "block": "",
        "grid_row": unit.grid_row,
        "grid_col": unit.grid_col,
        "capacity": unit.capacity,
        "reserved_kind": unit.reserved_kind,
        "notes": "",
        "assignments-TOTAL_FORMS": 1,
        "assignments-INITIAL_FORMS": 0,
        "assignments-0-vendor": vendor.pk,
        "assignments-0-start_on": timezone.localdate().isoformat(),
    }

    response = staff.post(reverse("admin:vendors_shopunit_change", args=[unit.pk]), data)

    assert response.status_code in {HTTPStatus.FOUND, HTTPStatus.FORBIDDEN}
    assert UnitAssignment.objects.count() == before


def test_an_ended_assignment_cannot_be_reopened_in_the_admin(staff, centre):
    unit = factories.ShopUnitFactory(centre=centre, capacity=1)
    ended = factories.UnitAssignmentFactory(unit=unit, end_on=timezone.localdate() - datetime.timedelta(days=1))
    factories.UnitAssignmentFactory(unit=unit)  # the place is taken again
    data = {"unit": unit.pk, "vendor": ended.vendor_id, "start_on": ended.start_on.isoformat(), "end_on": ""}

    staff.post(reverse("admin:vendors_unitassignment_change", args=[ended.pk]), data)

    ended.refresh_from_db()
    assert ended.end_on is not None


def test_the_assignment_page_links_to_the_console(root, centre):
    assignment = factories.UnitAssignmentFactory(unit=factories.ShopUnitFactory(centre=centre))

    page = root.get(reverse("admin:vendors_unitassignment_change", args=[assignment.pk])).content.decode()

    assert reverse("console:unit-detail", args=[assignment.unit_id]) in page
    assert reverse("console:vendor-detail", args=[assignment.vendor_id]) in page


def test_a_lapas_vendor_in_the_lapas_unit_keeps_its_kind(root, centre):
    vendor = factories.VendorFactory(kind=Vendor.Kind.LAPAS, nib="")
    factories.UnitAssignmentFactory(unit=factories.ShopUnitFactory(centre=centre, reserved_kind="lapas"), vendor=vendor)

    response = root.post(reverse("admin:vendors_vendor_change", args=[vendor.pk]), vendor_form(vendor, kind="kelompok"))

    assert response.status_code == HTTPStatus.OK  # the form again, with the reason
    assert response.context["adminform"].form.errors
    vendor.refresh_from_db()
    assert vendor.kind == Vendor.Kind.LAPAS


# Stock and status of a product: the ledger (vendors:product-stock) and the transitions only.


@pytest.fixture
def held(product):
    Product.objects.filter(pk=product.pk).update(stock_on_hand=10, stock_reserved=5)
    product.refresh_from_db()
    return product


@pytest.mark.parametrize("stock", [2, 20])
def test_the_admin_never_changes_stock_without_the_ledger(root, held, stock):
    movements = StockMovement.objects.count()

    response = root.post(
        reverse("admin:catalog_product_change", args=[held.pk]), product_form(held, stock_on_hand=stock)
    )

    assert response.status_code == HTTPStatus.FOUND
    held.refresh_from_db()
    assert (held.stock_on_hand, held.stock_reserved) == (10, 5)
    assert StockMovement.objects.count() == movements


def test_the_product_page_links_to_the_stock_and_decision_screens(root, product):
    page = root.get(reverse("admin:catalog_product_change", args=[product.pk])).content.decode()

    assert reverse("vendors:product-stock", args=[product.pk]) in page
    assert reverse("console:product-action", args=[product.pk, "sembunyikan"]) in page


def test_the_admin_cannot_move_a_product_past_its_transition_table(root, product):
    Product.objects.filter(pk=product.pk).update(status=Product.Status.ARCHIVED)  # archived -> published is refused
    product.refresh_from_db()

    root.post(reverse("admin:catalog_product_change", args=[product.pk]), product_form(product, status="published"))

    product.refresh_from_db()
    assert product.status == Product.Status.ARCHIVED


def test_reverting_a_product_keeps_its_stock_and_status(root, product):
    version = product.history.latest()  # published, 10 on hand
    product.transition(Product.Status.ARCHIVED, actor=None)
    Product.objects.filter(pk=product.pk).update(stock_on_hand=20, stock_reserved=15)

    response = root.post(history_url(product, version), product_form(product, name="Keripik lama"))

    assert response.status_code == HTTPStatus.FOUND
    product.refresh_from_db()
    assert product.name == "Keripik lama"  # the version's own data comes back
    assert (product.status, product.stock_on_hand, product.stock_reserved) == ("archived", 20, 15)


def test_reverting_a_vendor_never_changes_its_status(root, dinas_user):
    vendor = factories.VendorFactory(status=Vendor.Status.SUBMITTED)
    submitted = vendor.history.latest()
    vendor.transition(Vendor.Status.REJECTED, actor=dinas_user, reason="Data tidak lengkap")

    response = root.post(history_url(vendor, submitted), vendor_form(vendor))

    assert response.status_code == HTTPStatus.FOUND
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.REJECTED  # rejected -> submitted is not in the table
    assert vendor.status_note == "Data tidak lengkap"
    assert "Dikembalikan tanpa status" in warnings(response)


def test_reverting_a_certificate_refuses_a_status_the_table_forbids(root, product):
    certificate = factories.CertificateFactory(vendor=product.vendor, products=[product], status="submitted")
    certificate.transition(Certificate.Status.VERIFIED, actor=None)
    verified = certificate.history.latest()
    certificate.transition(Certificate.Status.SUBMITTED, actor=None)
    certificate.transition(Certificate.Status.REJECTED, actor=None, reason="Pindaian buram")
    data = certificate_form(certificate, products=[product.pk])

    response = root.post(history_url(certificate, verified), data)

    assert response.status_code == HTTPStatus.FOUND
    certificate.refresh_from_db()
    product.refresh_from_db()
    assert certificate.status == Certificate.Status.REJECTED  # rejected -> verified is not in the table
    assert not product.has_halal
    assert "tidak diizinkan" in warnings(response)


def test_reverting_a_certificate_to_its_verified_version_verifies_it_as_the_console_does(client, product):
    certificate = factories.CertificateFactory(vendor=product.vendor, products=[product], status="submitted")
    certificate.transition(Certificate.Status.VERIFIED, actor=None)
    verified = certificate.history.latest()
    certificate.transition(Certificate.Status.SUBMITTED, actor=None)  # the owner corrected it
    user = superuser()
    client.force_login(user)

    response = client.post(history_url(certificate, verified), certificate_form(certificate, products=[product.pk]))

    assert response.status_code == HTTPStatus.FOUND
    certificate.refresh_from_db()
    product.refresh_from_db()
    assert (certificate.status, certificate.reviewed_by) == (Certificate.Status.VERIFIED, user)
    assert product.has_halal


@pytest.mark.parametrize("who", ["dinas", "superuser"])
def test_a_reservation_cannot_be_reverted_to_an_earlier_status(client, dinas_user, who):
    reservation = factories.ReservationFactory()
    placed = reservation.history.latest()
    reservation.transition(Reservation.Status.READY, actor=None)
    reservation.transition(Reservation.Status.COLLECTED, actor=None)
    client.force_login(dinas_user if who == "dinas" else superuser())

    response = client.post(history_url(reservation, placed), {})

    assert response.status_code == HTTPStatus.FORBIDDEN
    reservation.refresh_from_db()
    assert reservation.status == Reservation.Status.COLLECTED


def test_staff_who_may_only_view_products_cannot_revert_one(client, dinas_user, product):
    version = product.history.latest()
    Product.objects.filter(pk=product.pk).update(stock_on_hand=20, stock_reserved=15)
    client.force_login(dinas_user)

    response = client.post(history_url(product, version), product_form(product))

    assert response.status_code == HTTPStatus.FORBIDDEN
    product.refresh_from_db()
    assert product.stock_on_hand == 20


# Audit rows: shown, never added, changed or deleted.


@pytest.fixture
def events(product, dinas_user):
    product.vendor.transition(Vendor.Status.SUSPENDED, actor=dinas_user, reason="Uji")
    StockMovement.objects.create(product=product, on_hand_delta=10, reason="initial")
    return [VendorEvent.objects.get(), StockMovement.objects.get()]


@pytest.mark.parametrize("index", [0, 1], ids=["vendor-event", "stock-movement"])
def test_audit_rows_cannot_be_deleted_one_by_one(root, events, index):
    row = events[index]
    opts = row._meta

    response = root.post(reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[row.pk]), {"post": "yes"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert type(row).objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize("index", [0, 1], ids=["vendor-event", "stock-movement"])
def test_audit_rows_cannot_be_deleted_in_bulk(root, events, index):
    row = events[index]
    opts = row._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    data = {"action": "delete_selected", "_selected_action": [row.pk], "index": 0, "post": "yes"}

    root.post(url, data)

    assert type(row).objects.filter(pk=row.pk).exists()
    page = root.get(url)
    assert "delete_selected" not in page.context["cl"].model_admin.get_actions(page.wsgi_request)


def test_audit_rows_cannot_be_changed(root, events):
    event = events[0]

    response = root.post(reverse("admin:vendors_vendorevent_change", args=[event.pk]), {"reason": "Diubah"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    event.refresh_from_db()
    assert event.reason == "Uji"


# Column headers: translated, in Indonesian and in English.


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_column_header_is_translatable(model):
    model_admin = admin.site._registry[model]
    for name in model_admin.list_display:
        if name == "__str__":  # the model's verbose_name, translated when the page renders
            continue
        assert isinstance(label_for_field(name, model, model_admin), Promise), (model, name)
    for inline in model_admin.inlines:
        inline_admin = inline(model, admin.site)
        for name in inline_admin.readonly_fields:
            assert isinstance(label_for_field(name, inline.model, inline_admin), Promise), (inline, name)


@pytest.fixture
def sample_data(product, dinas_user):
    factories.UnitAssignmentFactory(vendor=product.vendor)
    factories.CertificateFactory(vendor=product.vendor, products=[product])
    factories.ReservationLineFactory(product=product)
    StockMovement.objects.create(product=product, on_hand_delta=10, reason="initial")
    product.vendor.transition("suspended", actor=dinas_user, reason="Uji")


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_changelist_renders_for_a_superuser_in_both_languages(root, sample_data, model, language):
    root.post(reverse("set_language"), {"language": language, "next": "/admin/"})
    opts = model._meta

    response = root.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Language"] == language


@pytest.mark.parametrize(("language", "header"), [("id", "Oleh"), ("en", "By")])
def test_the_vendor_event_list_names_the_actor_column_in_the_chosen_language(root, events, language, header):
    root.post(reverse("set_language"), {"language": language, "next": "/admin/"})

    page = root.get(reverse("admin:vendors_vendorevent_changelist")).content.decode()

    assert f">{header}</" in page
    assert ">Actor</" not in page
