"""Ruko unit tenancy: assign a vendor to a unit, end an assignment, move a vendor to another unit."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sentra.exceptions import DomainError
from vendors.models import ShopUnit, UnitAssignment, Vendor


class AssignmentError(DomainError):
    """A unit assignment the centre's rules do not allow; the message says why, in Indonesian."""


class UnitFull(AssignmentError):
    pass


class AlreadyAssigned(AssignmentError):
    pass


class VendorNotApproved(AssignmentError):
    pass


class UnitReserved(AssignmentError):
    pass


class InvalidPeriod(AssignmentError):
    pass


class OtherCentre(AssignmentError):
    pass


def _overlapping(qs, start_on: datetime.date, end_on: datetime.date | None):
    """Assignments in `qs` whose period shares at least one day with [start_on, end_on]."""
    qs = qs.filter(Q(end_on__isnull=True) | Q(end_on__gte=start_on))
    return qs if end_on is None else qs.filter(start_on__lte=end_on)


def _check_assignable(unit: ShopUnit, vendor: Vendor, start_on: datetime.date, end_on: datetime.date | None) -> None:
    if end_on is not None and end_on < start_on:
        raise InvalidPeriod(_("Tanggal selesai tidak boleh sebelum tanggal mulai."))
    if unit.centre_id != vendor.centre_id:
        raise OtherCentre(
            _("Unit %(code)s ada di sentra lain; %(name)s hanya dapat ditempatkan di unit sentranya sendiri.")
            % {"code": unit.code, "name": vendor.name}
        )
    if vendor.status != Vendor.Status.APPROVED:
        raise VendorNotApproved(
            _("Hanya UMKM yang sudah disetujui yang dapat ditempatkan; status %(name)s: %(status)s.")
            % {"name": vendor.name, "status": vendor.get_status_display()}
        )
    if unit.reserved_kind and vendor.kind != unit.reserved_kind:
        raise UnitReserved(
            _("Unit %(code)s khusus untuk %(kind)s.") % {"code": unit.code, "kind": unit.get_reserved_kind_display()}
        )
    taken = _overlapping(UnitAssignment.objects.filter(unit=unit), start_on, end_on)
    if taken.filter(vendor=vendor).exists():
        raise AlreadyAssigned(
            _("%(name)s sudah ditempatkan di unit %(code)s pada periode itu.")
            % {"name": vendor.name, "code": unit.code}
        )
    if taken.count() >= unit.capacity:
        raise UnitFull(
            _("Unit %(code)s sudah penuh (kapasitas %(capacity)s UMKM) pada periode itu.")
            % {"code": unit.code, "capacity": unit.capacity}
        )


@transaction.atomic
def unit_assign(
    *,
    unit: ShopUnit,
    vendor: Vendor,
    start_on: datetime.date,
    end_on: datetime.date | None = None,
    actor,
    note: str = "",
) -> UnitAssignment:
    """Give an approved vendor a place in a unit, within its capacity; the unit row is locked while counting."""
    unit = ShopUnit.objects.select_for_update().get(pk=unit.pk)
    vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
    _check_assignable(unit, vendor, start_on, end_on)
    assignment = UnitAssignment(
        unit=unit, vendor=vendor, start_on=start_on, end_on=end_on, assigned_by=actor, note=note.strip()
    )
    assignment._history_user = actor
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError as exc:  # assignment_no_double_open: a concurrent request won the race
        raise AlreadyAssigned(
            _("%(name)s sudah ditempatkan di unit %(code)s.") % {"name": vendor.name, "code": unit.code}
        ) from exc
    return assignment


@transaction.atomic
def assignment_end(*, assignment: UnitAssignment, end_on: datetime.date | None = None, actor) -> UnitAssignment:
    """End a tenancy on `end_on` (its last day, today by default); the place is free from the next day."""
    end_on = end_on or timezone.localdate()
    assignment = UnitAssignment.objects.select_for_update().select_related("unit", "vendor").get(pk=assignment.pk)
    if assignment.end_on is not None and assignment.end_on < timezone.localdate():
        raise InvalidPeriod(_("Penempatan ini sudah berakhir pada %(day)s.") % {"day": f"{assignment.end_on:%d-%m-%Y}"})
    if end_on < assignment.start_on:
        raise InvalidPeriod(
            _("Tanggal selesai tidak boleh sebelum tanggal mulai (%(day)s).")
            % {"day": f"{assignment.start_on:%d-%m-%Y}"}
        )
    assignment.end_on = end_on
    assignment._history_user = actor
    assignment.save(update_fields=["end_on"])
    return assignment


@transaction.atomic
def vendor_move(*, assignment: UnitAssignment, to_unit: ShopUnit, on: datetime.date, actor) -> UnitAssignment:
    """Move a vendor to another unit from `on`: the old tenancy ends the day before, the new one starts `on`."""
    current = UnitAssignment.objects.select_for_update().select_related("unit", "vendor").get(pk=assignment.pk)
    if current.unit_id == to_unit.pk:
        raise AlreadyAssigned(_("UMKM ini sudah berada di unit %(code)s.") % {"code": to_unit.code})
    if on <= current.start_on:
        raise InvalidPeriod(
            _("Tanggal pindah harus setelah tanggal mulai penempatan sekarang (%(day)s).")
            % {"day": f"{current.start_on:%d-%m-%Y}"}
        )
    if current.end_on is not None and current.end_on < on - datetime.timedelta(days=1):
        raise InvalidPeriod(_("Penempatan ini sudah berakhir sebelum tanggal pindah."))
    end_on, current.end_on = current.end_on, on - datetime.timedelta(days=1)
    current._history_user = actor
    current.save(update_fields=["end_on"])
    return unit_assign(unit=to_unit, vendor=current.vendor, start_on=on, end_on=end_on, actor=actor, note=current.note)
