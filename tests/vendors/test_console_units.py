"""Console unit board: create/edit units, assign, end, move, with clear errors."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from vendors.models import ShopUnit, UnitAssignment, Vendor

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


@pytest.fixture
def unit(centre):
    return factories.ShopUnitFactory(centre=centre, code="A-01", grid_row=1, grid_col=1, capacity=1)


def test_the_board_lays_units_out_on_the_grid_with_their_current_vendors(dinas_client, centre, unit, vendor):
    factories.ShopUnitFactory(centre=centre, code="B-02", grid_row=2, grid_col=2, reserved_kind="lapas")
    factories.UnitAssignmentFactory(unit=unit, vendor=vendor)

    response = dinas_client.get(reverse("console:unit-list"))

    [grid] = response.context["grids"]
    assert [[cell.code if cell else None for cell in row] for row in grid["rows"]] == [["A-01", None], [None, "B-02"]]
    html = response.content.decode()
    assert vendor.name in html
    assert "Karya warga binaan Lapas" in html


def test_the_board_runs_a_constant_number_of_queries(dinas_client, centre, django_assert_max_num_queries):
    for col in range(1, 21):
        unit = factories.ShopUnitFactory(centre=centre, grid_row=1, grid_col=col)
        factories.UnitAssignmentFactory(unit=unit)

    # session, user, 2× permissions, group, units, assignments, and the centre of the page footer (3)
    with django_assert_max_num_queries(12):  # + the staff member's centres (issue 17) and, cold, the centre list
        dinas_client.get(reverse("console:unit-list"))


def test_dinas_creates_a_unit_at_a_free_grid_cell(dinas_client, centre):
    data = {"code": "c-09", "block": "Blok C", "grid_row": 3, "grid_col": 9, "capacity": 2, "reserved_kind": ""}

    response = dinas_client.post(reverse("console:unit-create"), data)

    unit = ShopUnit.objects.get(code="C-09")
    assert response.url == reverse("console:unit-detail", args=[unit.pk])
    assert (unit.centre, unit.capacity, unit.grid_row, unit.grid_col) == (centre, 2, 3, 9)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"code": "a-01", "grid_row": 5, "grid_col": 5, "capacity": 1}, "Kode unit A-01 sudah dipakai."),
        ({"code": "Z-01", "grid_row": 1, "grid_col": 1, "capacity": 1}, "Posisi baris 1 kolom 1 sudah dipakai"),
        ({"code": "Z-02", "grid_row": 0, "grid_col": 4, "capacity": 1}, "lebih besar dari atau sama dengan 1"),
        ({"code": "Z-03", "grid_row": 4, "grid_col": 4, "capacity": 0}, "lebih besar dari atau sama dengan 1"),
    ],
)
def test_a_unit_with_a_taken_code_or_cell_or_bad_numbers_is_refused(dinas_client, unit, data, message):
    response = dinas_client.post(reverse("console:unit-create"), {"reserved_kind": "", **data})

    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()
    assert ShopUnit.objects.count() == 1


def test_editing_a_unit_keeps_its_own_code_and_refuses_capacity_below_its_tenants(dinas_client, centre):
    unit = factories.ShopUnitFactory(centre=centre, code="A-05", capacity=2)
    factories.UnitAssignmentFactory(unit=unit)
    factories.UnitAssignmentFactory(unit=unit)
    url = reverse("console:unit-edit", args=[unit.pk])
    data = {"code": "A-05", "grid_row": unit.grid_row, "grid_col": unit.grid_col, "reserved_kind": ""}

    refused = dinas_client.post(url, {**data, "capacity": 1})
    accepted = dinas_client.post(url, {**data, "capacity": 3, "notes": "Dekat pintu"})

    assert "Kapasitas tidak boleh kurang dari 2" in refused.content.decode()
    assert accepted.status_code == HTTPStatus.FOUND
    unit.refresh_from_db()
    assert (unit.capacity, unit.notes) == (3, "Dekat pintu")


def test_assigning_an_approved_vendor_from_the_unit_page(dinas_client, dinas_user, unit, vendor):
    response = dinas_client.post(
        reverse("console:unit-assign", args=[unit.pk]), {"vendor": vendor.pk, "start_on": TODAY().isoformat()}
    )

    assert response.status_code == HTTPStatus.FOUND
    assignment = UnitAssignment.objects.get(unit=unit)
    assert (assignment.vendor, assignment.assigned_by) == (vendor, dinas_user)


def test_assigning_into_a_full_unit_shows_a_clear_message_and_changes_nothing(dinas_client, unit):
    factories.UnitAssignmentFactory(unit=unit)
    other = factories.VendorFactory()

    response = dinas_client.post(
        reverse("console:unit-assign", args=[unit.pk]), {"vendor": other.pk, "start_on": TODAY().isoformat()}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Unit A-01 sudah penuh" in response.content.decode()
    assert UnitAssignment.objects.filter(unit=unit).count() == 1


def test_a_suspended_vendor_cannot_be_chosen_for_a_unit(dinas_client, unit):
    suspended = factories.VendorFactory(status=Vendor.Status.SUSPENDED)

    response = dinas_client.post(
        reverse("console:unit-assign", args=[unit.pk]), {"vendor": suspended.pk, "start_on": TODAY().isoformat()}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not UnitAssignment.objects.exists()


def test_an_end_date_before_the_start_is_refused_by_the_form(dinas_client, unit, vendor):
    data = {"vendor": vendor.pk, "start_on": TODAY().isoformat(), "end_on": (TODAY() - DAY).isoformat()}

    response = dinas_client.post(reverse("console:unit-assign", args=[unit.pk]), data)

    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in response.content.decode()
    assert not UnitAssignment.objects.exists()


def test_ending_and_moving_an_assignment_from_the_console(dinas_client, centre, unit, vendor):
    other = factories.ShopUnitFactory(centre=centre, code="A-02", grid_col=2)
    assignment = factories.UnitAssignmentFactory(unit=unit, vendor=vendor)

    moved = dinas_client.post(
        reverse("console:assignment-move", args=[assignment.pk]), {"to_unit": other.pk, "on": TODAY().isoformat()}
    )
    new = UnitAssignment.objects.get(unit=other)
    ended = dinas_client.post(reverse("console:assignment-end", args=[new.pk]), {"end_on": TODAY().isoformat()})

    assert moved.status_code == ended.status_code == HTTPStatus.FOUND
    assignment.refresh_from_db()
    new.refresh_from_db()
    assert assignment.end_on == TODAY() - DAY
    assert new.end_on == TODAY()


def test_ending_before_the_start_shows_the_rule(dinas_client, unit, vendor):
    assignment = factories.UnitAssignmentFactory(unit=unit, vendor=vendor, start_on=TODAY())

    response = dinas_client.post(
        reverse("console:assignment-end", args=[assignment.pk]), {"end_on": (TODAY() - DAY).isoformat()}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "tidak boleh sebelum tanggal mulai" in response.content.decode()


def test_the_unit_page_shows_the_assignment_history_with_who_assigned(dinas_client, dinas_user, unit):
    old_vendor, new_vendor = factories.VendorFactory(name="Lama Jaya"), factories.VendorFactory(name="Baru Jaya")
    factories.UnitAssignmentFactory(
        unit=unit, vendor=old_vendor, start_on=TODAY() - 60 * DAY, end_on=TODAY() - 31 * DAY, assigned_by=dinas_user
    )
    factories.UnitAssignmentFactory(unit=unit, vendor=new_vendor)

    response = dinas_client.get(reverse("console:unit-detail", args=[unit.pk]))

    assert [a.vendor.name for a in response.context["current"]] == ["Baru Jaya"]
    assert [a.vendor.name for a in response.context["history"]] == ["Baru Jaya", "Lama Jaya"]
    assert dinas_user.username in response.content.decode()


def test_assigning_from_the_vendor_page_with_a_clear_error_for_a_reserved_unit(dinas_client, centre, unit, vendor):
    lapas_unit = factories.ShopUnitFactory(centre=centre, code="L-01", grid_col=9, reserved_kind="lapas")
    url = reverse("console:vendor-assign", args=[vendor.pk])

    refused = dinas_client.post(url, {"unit": lapas_unit.pk, "start_on": TODAY().isoformat()})
    accepted = dinas_client.post(url, {"unit": unit.pk, "start_on": TODAY().isoformat(), "note": "Depan"})

    assert refused.status_code == HTTPStatus.BAD_REQUEST
    assert "Unit L-01 khusus untuk Karya warga binaan Lapas." in refused.content.decode()
    assert accepted.status_code == HTTPStatus.FOUND
    assert UnitAssignment.objects.get().unit == unit


@pytest.mark.parametrize("role", ["anonymous", "shopper"])
def test_only_dinas_can_post_an_assignment(client, shopper, unit, vendor, role):
    if role == "shopper":
        client.force_login(shopper)
    data = {"unit": unit.pk, "vendor": vendor.pk, "start_on": TODAY().isoformat()}

    responses = [
        client.post(reverse("console:vendor-assign", args=[vendor.pk]), data),
        client.post(reverse("console:unit-assign", args=[unit.pk]), data),
    ]

    expected = HTTPStatus.FOUND if role == "anonymous" else HTTPStatus.FORBIDDEN
    assert [r.status_code for r in responses] == [expected, expected]
    assert not UnitAssignment.objects.exists()


def test_the_history_shows_who_ended_an_assignment(dinas_client, dinas_user, unit, vendor):
    from vendors.services.units import assignment_end

    assignment = factories.UnitAssignmentFactory(unit=unit, vendor=vendor, start_on=TODAY() - 9 * DAY)
    assignment_end(assignment=assignment, end_on=TODAY() - DAY, actor=dinas_user)

    for url in [reverse("console:unit-detail", args=[unit.pk]), reverse("console:vendor-detail", args=[vendor.pk])]:
        assert f"diakhiri oleh {dinas_user.get_full_name()}" in dinas_client.get(url).content.decode()  # issue 16


def test_a_vendor_suspended_while_the_form_was_open_gets_a_message_that_says_why(dinas_client, unit):
    suspended = factories.VendorFactory(status=Vendor.Status.SUSPENDED)
    today = TODAY().isoformat()

    from_unit = dinas_client.post(
        reverse("console:unit-assign", args=[unit.pk]), {"vendor": suspended.pk, "start_on": today}
    )
    from_vendor = dinas_client.post(
        reverse("console:vendor-assign", args=[suspended.pk]), {"unit": unit.pk, "start_on": today}
    )

    assert "Pilih UMKM yang sudah disetujui" in from_unit.content.decode()
    assert "Hanya UMKM yang sudah disetujui yang dapat ditempatkan" in from_vendor.content.decode()
    assert not UnitAssignment.objects.exists()


@pytest.mark.parametrize("code", ["<b>x</b>", "A 01", "-", "A--1"])
def test_a_unit_code_that_does_not_look_like_a_03_is_refused(dinas_client, centre, code):
    data = {"code": code, "grid_row": 7, "grid_col": 7, "capacity": 1, "reserved_kind": ""}

    response = dinas_client.post(reverse("console:unit-create"), data)

    assert "Kode unit memakai huruf, angka, dan tanda hubung" in response.content.decode()
    assert not ShopUnit.objects.exists()


def test_the_move_form_says_how_full_each_other_unit_is(dinas_client, centre, unit, vendor):
    other = factories.ShopUnitFactory(centre=centre, code="A-02", grid_col=2, capacity=2)
    factories.UnitAssignmentFactory(unit=other)
    assignment = factories.UnitAssignmentFactory(unit=unit, vendor=vendor)

    html = dinas_client.get(reverse("console:assignment-move", args=[assignment.pk])).content.decode()

    assert "A-02 — 1 dari 2 tempat terisi" in html
    assert "A-01 —" not in html


def test_in_english_a_one_place_unit_reads_place_not_places(dinas_client, unit, vendor):
    factories.UnitAssignmentFactory(unit=unit, vendor=vendor)
    dinas_client.cookies["django_language"] = "en"

    board = dinas_client.get(reverse("console:unit-list")).content.decode()
    detail = dinas_client.get(reverse("console:unit-detail", args=[unit.pk])).content.decode()

    assert "1 of 1 place<" in board
    assert "1 of 1 place taken" in detail


def test_a_new_unit_form_starts_at_the_first_empty_cell_of_the_floor_plan(dinas_client, centre, unit):
    factories.ShopUnitFactory(centre=centre, code="A-02", grid_row=1, grid_col=2)
    factories.ShopUnitFactory(centre=centre, code="B-02", grid_row=2, grid_col=2)

    form = dinas_client.get(reverse("console:unit-create")).context["form"]

    assert (form.initial["grid_row"], form.initial["grid_col"]) == (2, 1)


def test_full_units_are_disabled_with_their_reason_in_the_vendor_assign_dropdown(dinas_client, centre, unit):
    factories.UnitAssignmentFactory(unit=unit)  # capacity 1: full
    free = factories.ShopUnitFactory(centre=centre, code="Z-09")
    vendor = factories.VendorFactory(status=Vendor.Status.APPROVED)
    html = dinas_client.get(reverse("console:vendor-detail", args=[vendor.pk])).content.decode()

    def option(pk):
        start = html.index(f'value="{pk}"')
        return html[start : html.index("</option>", start)]

    full_option, free_option = option(unit.pk), option(free.pk)
    assert "disabled" in full_option and "penuh" in full_option
    assert "disabled" not in free_option and "penuh" not in free_option
