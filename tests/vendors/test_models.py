import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sentra.states import IllegalTransition, ReasonRequired
from tests import factories
from vendors.models import Centre, ClosedDate, OpeningHours, ShopUnit, UnitAssignment, Vendor, VendorEvent
from vendors.validators import validate_nib

pytestmark = pytest.mark.django_db


def assert_integrity_error(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_nib_must_be_unique_between_vendors():
    factories.VendorFactory(nib="1234567890123")
    assert_integrity_error(lambda: factories.VendorFactory(nib="1234567890123"))


def test_many_vendors_may_have_no_nib():
    factories.VendorFactory(nib="", kind=Vendor.Kind.LAPAS)
    factories.VendorFactory(nib="", kind=Vendor.Kind.KELOMPOK)
    assert Vendor.objects.filter(nib="").count() == 2


def test_vendor_slug_is_unique():
    factories.VendorFactory(slug="kopi-sai")
    assert_integrity_error(lambda: factories.VendorFactory(slug="kopi-sai"))


def test_unit_code_is_unique_within_a_centre(centre):
    factories.ShopUnitFactory(centre=centre, code="A-01", grid_col=1)
    assert_integrity_error(lambda: factories.ShopUnitFactory(centre=centre, code="A-01", grid_col=2))


def test_two_units_cannot_share_a_floor_plan_cell(centre):
    factories.ShopUnitFactory(centre=centre, code="A-01", grid_row=1, grid_col=1)
    assert_integrity_error(lambda: factories.ShopUnitFactory(centre=centre, code="A-02", grid_row=1, grid_col=1))


def test_unit_capacity_must_be_at_least_one(centre):
    assert_integrity_error(lambda: factories.ShopUnitFactory(centre=centre, capacity=0))


def test_vendor_cannot_hold_two_open_assignments_on_one_unit(vendor):
    unit = factories.ShopUnitFactory(capacity=3)
    factories.UnitAssignmentFactory(unit=unit, vendor=vendor)
    assert_integrity_error(lambda: factories.UnitAssignmentFactory(unit=unit, vendor=vendor))


def test_ended_assignment_is_kept_as_history_and_allows_a_new_one(vendor):
    unit = factories.ShopUnitFactory()
    today = datetime.date.today()
    factories.UnitAssignmentFactory(
        unit=unit,
        vendor=vendor,
        start_on=today - datetime.timedelta(days=90),
        end_on=today - datetime.timedelta(days=1),
    )
    factories.UnitAssignmentFactory(unit=unit, vendor=vendor, start_on=today)
    assert UnitAssignment.objects.filter(unit=unit).count() == 2
    assert UnitAssignment.objects.filter(unit=unit).active(today).count() == 1


def test_assignment_cannot_end_before_it_starts(vendor):
    today = datetime.date.today()
    assert_integrity_error(
        lambda: factories.UnitAssignmentFactory(
            vendor=vendor, start_on=today, end_on=today - datetime.timedelta(days=1)
        )
    )


def test_user_has_one_active_membership_per_vendor(vendor, owner):
    assert_integrity_error(lambda: vendor.memberships.create(user=owner))


def test_vendor_has_one_owner(vendor):
    other = factories.UserFactory()
    assert_integrity_error(lambda: vendor.memberships.create(user=other, role="owner"))


def test_vendor_can_have_several_staff_members(vendor):
    vendor.memberships.create(user=factories.UserFactory())
    vendor.memberships.create(user=factories.UserFactory())
    assert vendor.memberships.count() == 3


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("draft", "submitted"),
        ("submitted", "revision_requested"),
        ("revision_requested", "submitted"),
        ("submitted", "approved"),
        ("submitted", "rejected"),
        ("approved", "suspended"),
        ("suspended", "approved"),
        ("approved", "archived"),
        ("suspended", "archived"),
    ],
)
def test_vendor_transition_table_allows_spec_moves(source, target, dinas_user):
    vendor = factories.VendorFactory(status=source)
    event = vendor.transition(target, actor=dinas_user, reason="Alasan tertulis")
    vendor.refresh_from_db()
    assert vendor.status == target
    assert (event.from_status, event.to_status, event.actor, event.reason) == (
        source,
        target,
        dinas_user,
        "Alasan tertulis",
    )


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("draft", "approved"),
        ("draft", "rejected"),
        ("rejected", "approved"),
        ("archived", "approved"),
        ("approved", "draft"),
        ("revision_requested", "approved"),
        ("submitted", "suspended"),
    ],
)
def test_vendor_transition_table_refuses_illegal_moves(source, target, dinas_user):
    vendor = factories.VendorFactory(status=source)
    with pytest.raises(IllegalTransition):
        vendor.transition(target, actor=dinas_user, reason="x")
    vendor.refresh_from_db()
    assert vendor.status == source
    assert not VendorEvent.objects.filter(vendor=vendor).exists()


@pytest.mark.parametrize(
    ("source", "target"),
    [("submitted", "rejected"), ("submitted", "revision_requested"), ("approved", "suspended")],
)
def test_rejection_revision_and_suspension_need_a_reason(source, target, dinas_user):
    vendor = factories.VendorFactory(status=source)
    with pytest.raises(ReasonRequired):
        vendor.transition(target, actor=dinas_user, reason="   ")
    vendor.refresh_from_db()
    assert vendor.status == source


@pytest.mark.parametrize("nib", ["1234567890123", "0000000000001"])
def test_valid_nib_passes(nib):
    validate_nib(nib)


@pytest.mark.parametrize("nib", ["123456789012", "12345678901234", "12345678901a3", "", "1234 567890123"])
def test_invalid_nib_is_refused_with_an_indonesian_message(nib):
    with pytest.raises(ValidationError, match="13 angka"):
        validate_nib(nib)


@pytest.mark.parametrize("kind", ["umkm", "koperasi"])
def test_nib_is_required_for_umkm_and_koperasi(kind):
    vendor = factories.VendorFactory.build(kind=kind, nib="", regency=factories.regency())
    with pytest.raises(ValidationError) as exc:
        vendor.full_clean()
    assert "nib" in exc.value.message_dict


def test_lapas_vendor_needs_no_nib():
    vendor = factories.VendorFactory.build(kind="lapas", nib="", regency=factories.regency(), slug="lapas-kotabumi")
    vendor.full_clean()


def test_centre_is_closed_on_closed_dates_and_days_without_hours():
    centre = Centre.objects.create(name="Sentra", slug="s", address="Kotabumi")
    OpeningHours.objects.create(centre=centre, weekday=0, opens=datetime.time(8), closes=datetime.time(17))
    monday = datetime.date(2026, 11, 23)
    ClosedDate.objects.create(centre=centre, date=monday + datetime.timedelta(days=7), reason="Libur")
    centre = Centre.objects.prefetch_related("opening_hours", "closed_dates").get()
    assert centre.hours_on(monday) is not None
    assert centre.hours_on(monday + datetime.timedelta(days=1)) is None
    assert centre.open_days(monday, 2) == [monday, monday + datetime.timedelta(days=14)]
    assert centre.closing_at(monday).hour == 17


def test_opening_hours_must_close_after_they_open(centre):
    OpeningHours.objects.filter(centre=centre, weekday=0).delete()
    assert_integrity_error(
        lambda: OpeningHours.objects.create(centre=centre, weekday=0, opens=datetime.time(17), closes=datetime.time(8))
    )


def test_shop_unit_with_current_vendors_prefetches_only_active_assignments(vendor):
    unit = factories.ShopUnitFactory(capacity=2)
    factories.UnitAssignmentFactory(unit=unit, vendor=vendor)
    old = factories.VendorFactory()
    factories.UnitAssignmentFactory(
        unit=unit,
        vendor=old,
        start_on=datetime.date(2020, 1, 1),
        end_on=datetime.date(2021, 1, 1),
    )
    fetched = ShopUnit.objects.with_current_vendors().get(pk=unit.pk)
    assert [a.vendor for a in fetched.current_assignments] == [vendor]
