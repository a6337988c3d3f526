"""The public floor plan (/denah/) and the console's unit board (/dinas/unit/) read one selector and agree.

The demo's situation (issue 15): B-05 (two places) holds an approved vendor and a suspended one; A-08 (one
place) is held only by a suspended vendor. The public page named one of B-05's two occupants and called A-08
"tersedia untuk UMKM baru" while the console showed both units taken.
"""

import re
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories
from vendors.models import Vendor
from vendors.selectors import UnitState, floor_plan_units

pytestmark = pytest.mark.django_db

FREE = "tersedia untuk UMKM baru"


@pytest.fixture
def console(dinas_user) -> Client:
    client = Client()
    client.force_login(dinas_user)
    return client


@pytest.fixture
def suspend(dinas_user):
    def _suspend(vendor: Vendor) -> Vendor:
        vendor.transition(Vendor.Status.SUSPENDED, actor=dinas_user, reason="Izin usaha sedang diperiksa")
        return vendor

    return _suspend


def _unit(centre, code: str, col: int, capacity: int = 1):
    return factories.ShopUnitFactory(centre=centre, code=code, grid_row=1, grid_col=col, capacity=capacity)


def _hold(unit, name: str) -> Vendor:
    vendor = factories.VendorFactory(name=name)
    factories.UnitAssignmentFactory(unit=unit, vendor=vendor)
    return vendor


def _list_item(html: str, code: str) -> str:
    """The floor plan list's entry of unit `code` (up to the next unit's)."""
    return html.split(f'<li id="unit-{code}">', 1)[1].split('<li id="unit-', 1)[0]


def _cell_label(html: str, code: str) -> str:
    match = re.search(rf'<a href="#unit-{code}" aria-label="{code}">.*?class="unit-label">(.*?)</text></a>', html)
    return match.group(1)


def _board_cell(html: str, code: str) -> str:
    return html.split(f"<strong>{code}</strong>", 1)[1].split("</td>", 1)[0]


def test_a_unit_with_two_approved_tenants_names_both_on_both_pages(client, console, centre):
    unit = _unit(centre, "B-05", 5, capacity=2)
    _hold(unit, "Keripik Nangka Metro Rasa")
    _hold(unit, "Kopi Rakyat Sumberjaya")

    public = client.get(reverse("catalog:floor-plan")).content.decode()
    board = console.get(reverse("console:unit-list")).content.decode()

    item, cell = _list_item(public, "B-05"), _board_cell(board, "B-05")
    for name in ("Keripik Nangka Metro Rasa", "Kopi Rakyat Sumberjaya"):
        assert name in item and name in cell
    assert FREE not in item
    assert _cell_label(public, "B-05") == "Keripik Nangka … +1"
    assert "2 dari 2 tempat" in cell


def test_a_unit_held_by_an_approved_and_a_suspended_vendor_counts_both_and_names_only_the_public_one(
    client, console, centre, suspend
):
    unit = _unit(centre, "B-05", 5, capacity=2)
    _hold(unit, "Keripik Nangka Metro Rasa")
    suspend(_hold(unit, "Koperasi Kopi Rakyat Sumberjaya"))

    public = client.get(reverse("catalog:floor-plan")).content.decode()
    board = console.get(reverse("console:unit-list")).content.decode()

    item = _list_item(public, "B-05")
    assert "Keripik Nangka Metro Rasa" in item
    assert "Koperasi Kopi Rakyat Sumberjaya" not in public  # a suspended vendor is never named publicly
    assert "1 lapak sementara tutup" in item
    assert FREE not in item
    assert _cell_label(public, "B-05") == "Keripik Nangka … +1"
    cell = _board_cell(board, "B-05")
    assert "Keripik Nangka Metro Rasa" in cell and "Koperasi Kopi Rakyat Sumberjaya" in cell
    assert "(Dibekukan)" in cell and "2 dari 2 tempat" in cell


def test_a_unit_whose_only_tenant_is_suspended_is_temporarily_closed_never_available(client, console, centre, suspend):
    unit = _unit(centre, "A-08", 8)
    suspend(_hold(unit, "Keripik Balado Uni"))
    _unit(centre, "A-09", 9)  # really free

    public = client.get(reverse("catalog:floor-plan")).content.decode()
    board = console.get(reverse("console:unit-list")).content.decode()

    item = _list_item(public, "A-08")
    assert "sementara tutup" in item
    assert FREE not in item
    assert _cell_label(public, "A-08") == "Sementara tutup"
    assert "Keripik Balado Uni" not in public
    assert FREE in _list_item(public, "A-09") and _cell_label(public, "A-09") == "Tersedia"
    cell = _board_cell(board, "A-08")
    assert "Keripik Balado Uni" in cell and "1 dari 1 tempat" in cell and "Sementara tutup" in cell


def test_a_unit_whose_tenants_are_all_on_holiday_is_temporarily_closed_and_still_names_them(client, centre):
    unit = _unit(centre, "C-02", 2, capacity=2)
    vendor = _hold(unit, "Dodol Nanas Terbanggi")
    Vendor.objects.filter(pk=vendor.pk).update(on_holiday=True)

    public = client.get(reverse("catalog:floor-plan")).content.decode()

    item = _list_item(public, "C-02")
    assert "sementara tutup" in item and "Dodol Nanas Terbanggi" in item and "sedang libur" in item
    assert _cell_label(public, "C-02") == "Sementara tutup"


def test_both_pages_read_the_same_units_tenants_and_states(client, console, centre, suspend):
    shared = _unit(centre, "B-05", 5, capacity=2)
    _hold(shared, "Keripik Nangka Metro Rasa")
    suspend(_hold(shared, "Koperasi Kopi Rakyat Sumberjaya"))
    suspend(_hold(_unit(centre, "A-08", 8), "Keripik Balado Uni"))
    _hold(_unit(centre, "A-01", 1, capacity=2), "Keripik Pisang Yuli")
    _hold(_unit(centre, "A-02", 2), "Pisang Sale Ibu Sum")
    _unit(centre, "A-03", 3)

    public = client.get(reverse("catalog:floor-plan"))
    board = console.get(reverse("console:unit-list"))

    assert public.status_code == board.status_code == HTTPStatus.OK
    [grid] = board.context["grids"]
    on_board = {unit.code: (unit.state, unit.tenants) for unit in grid["units"]}
    on_plan = {unit.code: (unit.state, unit.tenants) for unit in public.context["units"]}
    assert on_plan == on_board
    assert {code: state for code, (state, _) in on_plan.items()} == {
        "A-01": UnitState.PARTLY_TAKEN,
        "A-02": UnitState.FULL,
        "A-03": UnitState.AVAILABLE,
        "A-08": UnitState.CLOSED,
        "B-05": UnitState.FULL,
    }


def test_the_selector_runs_two_queries_whatever_the_number_of_units(centre, suspend, django_assert_num_queries):
    for col in range(1, 31):
        unit = _unit(centre, f"A-{col:02d}", col, capacity=2)
        _hold(unit, f"UMKM {col}")
        if col % 3 == 0:
            suspend(_hold(unit, f"UMKM Beku {col}"))

    with django_assert_num_queries(2):
        units = floor_plan_units(centre)

    assert len(units) == 30
    assert sum(unit.taken for unit in units) == 40
