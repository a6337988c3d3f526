"""Ruko unit tenancy rules: capacity, no double assignment, approved vendors only, reserved units, history."""

import datetime
import threading

import pytest
from django.db import IntegrityError, connection
from django.utils import timezone

from tests import factories
from vendors.models import UnitAssignment, Vendor
from vendors.services import units
from vendors.services.units import (
    AlreadyAssigned,
    InvalidPeriod,
    UnitFull,
    UnitReserved,
    VendorNotApproved,
    assignment_end,
    unit_assign,
    vendor_move,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


@pytest.fixture
def unit(centre):
    return factories.ShopUnitFactory(centre=centre, code="B-01", capacity=2)


def test_an_approved_vendor_is_assigned_with_who_and_when(unit, vendor, dinas_user):
    assignment = unit_assign(unit=unit, vendor=vendor, start_on=TODAY(), actor=dinas_user, note="Sudut depan")

    assert assignment.assigned_by == dinas_user
    assert (assignment.unit, assignment.vendor, assignment.start_on, assignment.end_on) == (unit, vendor, TODAY(), None)
    assert UnitAssignment.objects.active().filter(unit=unit).count() == 1
    assert assignment.history.first().history_user == dinas_user


def test_a_unit_is_never_filled_over_its_capacity(unit, dinas_user):
    for _ in range(2):
        unit_assign(unit=unit, vendor=factories.VendorFactory(), start_on=TODAY(), actor=dinas_user)

    with pytest.raises(UnitFull, match="B-01 sudah penuh"):
        unit_assign(unit=unit, vendor=factories.VendorFactory(), start_on=TODAY(), actor=dinas_user)
    assert UnitAssignment.objects.filter(unit=unit).count() == 2


def test_an_ended_assignment_frees_its_place_from_the_next_day(unit, dinas_user):
    first = [
        unit_assign(unit=unit, vendor=factories.VendorFactory(), start_on=TODAY() - 10 * DAY, actor=dinas_user)
        for _ in range(2)
    ]
    assignment_end(assignment=first[0], end_on=TODAY() - DAY, actor=dinas_user)

    newcomer = unit_assign(unit=unit, vendor=factories.VendorFactory(), start_on=TODAY(), actor=dinas_user)

    assert newcomer.pk
    assert set(UnitAssignment.objects.active().filter(unit=unit)) == {first[1], newcomer}


def test_a_future_assignment_counts_against_capacity_in_its_period(centre, dinas_user):
    unit = factories.ShopUnitFactory(centre=centre, capacity=1)
    unit_assign(unit=unit, vendor=factories.VendorFactory(), start_on=TODAY() + 5 * DAY, actor=dinas_user)

    with pytest.raises(UnitFull):
        unit_assign(unit=unit, vendor=factories.VendorFactory(), start_on=TODAY(), actor=dinas_user)
    unit_assign(
        unit=unit, vendor=factories.VendorFactory(), start_on=TODAY(), end_on=TODAY() + 4 * DAY, actor=dinas_user
    )


def test_a_vendor_is_never_assigned_twice_to_one_unit(unit, vendor, dinas_user):
    unit_assign(unit=unit, vendor=vendor, start_on=TODAY(), actor=dinas_user)

    with pytest.raises(AlreadyAssigned, match="sudah ditempatkan di unit B-01"):
        unit_assign(unit=unit, vendor=vendor, start_on=TODAY() + DAY, actor=dinas_user)


def test_the_database_constraint_backs_the_double_assignment_rule(unit, vendor):
    UnitAssignment.objects.create(unit=unit, vendor=vendor)

    with pytest.raises(IntegrityError):
        UnitAssignment.objects.create(unit=unit, vendor=vendor)


def test_an_integrity_error_from_a_lost_race_becomes_the_same_clear_error(unit, vendor, dinas_user, monkeypatch):
    monkeypatch.setattr(units, "_check_assignable", lambda *args: None)
    UnitAssignment.objects.create(unit=unit, vendor=vendor)

    with pytest.raises(AlreadyAssigned, match="sudah ditempatkan"):
        unit_assign(unit=unit, vendor=vendor, start_on=TODAY(), actor=dinas_user)


@pytest.mark.parametrize("status", [s for s in Vendor.Status if s != Vendor.Status.APPROVED], ids=lambda s: s.value)
def test_only_approved_vendors_can_be_assigned(unit, dinas_user, status):
    vendor = factories.VendorFactory(status=status)

    with pytest.raises(VendorNotApproved, match="Hanya UMKM yang sudah disetujui"):
        unit_assign(unit=unit, vendor=vendor, start_on=TODAY(), actor=dinas_user)
    assert not UnitAssignment.objects.exists()


def test_a_lapas_unit_refuses_other_vendors_but_takes_lapas_crafts(centre, dinas_user):
    unit = factories.ShopUnitFactory(centre=centre, code="L-01", reserved_kind="lapas")

    with pytest.raises(UnitReserved, match="L-01 khusus untuk"):
        unit_assign(unit=unit, vendor=factories.VendorFactory(), start_on=TODAY(), actor=dinas_user)
    lapas = factories.VendorFactory(kind=Vendor.Kind.LAPAS, nib="")
    assert unit_assign(unit=unit, vendor=lapas, start_on=TODAY(), actor=dinas_user).pk


def test_an_end_date_before_the_start_is_refused(unit, vendor, dinas_user):
    with pytest.raises(InvalidPeriod):
        unit_assign(unit=unit, vendor=vendor, start_on=TODAY(), end_on=TODAY() - DAY, actor=dinas_user)
    assignment = unit_assign(unit=unit, vendor=vendor, start_on=TODAY(), actor=dinas_user)
    with pytest.raises(InvalidPeriod, match="tidak boleh sebelum"):
        assignment_end(assignment=assignment, end_on=TODAY() - DAY, actor=dinas_user)
    assignment.refresh_from_db()
    assert assignment.end_on is None


def test_ending_an_assignment_keeps_it_in_the_history(unit, vendor, dinas_user):
    assignment = unit_assign(unit=unit, vendor=vendor, start_on=TODAY() - 3 * DAY, actor=dinas_user)

    assignment_end(assignment=assignment, end_on=TODAY() - DAY, actor=dinas_user)

    assert list(UnitAssignment.objects.filter(unit=unit)) == [assignment]
    assert not UnitAssignment.objects.active().exists()
    assert assignment.history.first().history_user == dinas_user


def test_an_assignment_that_already_ended_cannot_be_ended_again(unit, vendor, dinas_user):
    assignment = unit_assign(unit=unit, vendor=vendor, start_on=TODAY() - 3 * DAY, actor=dinas_user)
    assignment_end(assignment=assignment, end_on=TODAY() - DAY, actor=dinas_user)

    with pytest.raises(InvalidPeriod, match="sudah berakhir"):
        assignment_end(assignment=assignment, actor=dinas_user)


def test_moving_a_vendor_ends_the_old_tenancy_the_day_before_and_starts_the_new_one(unit, vendor, centre, dinas_user):
    other = factories.ShopUnitFactory(centre=centre, code="C-01")
    old = unit_assign(unit=unit, vendor=vendor, start_on=TODAY() - 30 * DAY, actor=dinas_user)

    new = vendor_move(assignment=old, to_unit=other, on=TODAY(), actor=dinas_user)

    old.refresh_from_db()
    assert old.end_on == TODAY() - DAY
    assert (new.unit, new.vendor, new.start_on, new.end_on) == (other, vendor, TODAY(), None)
    assert list(UnitAssignment.objects.active().filter(vendor=vendor)) == [new]


def test_a_move_into_a_full_unit_is_refused_and_the_old_tenancy_stays(unit, vendor, centre, dinas_user):
    full = factories.ShopUnitFactory(centre=centre, code="C-02", capacity=1)
    unit_assign(unit=full, vendor=factories.VendorFactory(), start_on=TODAY() - DAY, actor=dinas_user)
    old = unit_assign(unit=unit, vendor=vendor, start_on=TODAY() - 30 * DAY, actor=dinas_user)

    with pytest.raises(UnitFull):
        vendor_move(assignment=old, to_unit=full, on=TODAY(), actor=dinas_user)

    old.refresh_from_db()
    assert old.end_on is None


def test_a_move_on_or_before_the_start_day_is_refused(unit, vendor, centre, dinas_user):
    other = factories.ShopUnitFactory(centre=centre, code="C-03")
    old = unit_assign(unit=unit, vendor=vendor, start_on=TODAY(), actor=dinas_user)

    with pytest.raises(InvalidPeriod, match="Tanggal pindah"):
        vendor_move(assignment=old, to_unit=other, on=TODAY(), actor=dinas_user)
    with pytest.raises(AlreadyAssigned):
        vendor_move(assignment=old, to_unit=unit, on=TODAY() + DAY, actor=dinas_user)


@pytest.mark.postgres
# serialized_rollback restores the regions and groups of the data migrations after the flush.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_staff_assigning_the_last_place_at_once_one_succeeds(centre):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    unit = factories.ShopUnitFactory(centre=centre, capacity=1)
    staff = factories.DinasUserFactory()
    vendors = [factories.VendorFactory(), factories.VendorFactory()]
    barrier, outcomes = threading.Barrier(2), []

    def assign(vendor):
        try:
            barrier.wait()
            unit_assign(unit=unit, vendor=vendor, start_on=TODAY(), actor=staff)
            outcomes.append("ok")
        except UnitFull:
            outcomes.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=assign, args=(v,)) for v in vendors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["full", "ok"]
    assert UnitAssignment.objects.filter(unit=unit).count() == 1
