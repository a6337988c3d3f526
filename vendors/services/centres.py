"""Vendors and centres: move a vendor to another centre (staff only, with a reason; history kept)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sentra.exceptions import DomainError
from vendors.models import Centre, UnitAssignment, Vendor, VendorMove


class CentreMoveError(DomainError):
    """A move to another centre the rules do not allow; the message says why, in Indonesian."""


def tenancies_ended_by_move(vendor: Vendor) -> list[UnitAssignment]:
    """The vendor's current and future unit tenancies: a move to another centre ends them (units belong to a
    centre, and a vendor's units are in its own centre)."""
    today = timezone.localdate()
    rows = UnitAssignment.objects.filter(vendor=vendor).exclude(end_on__lt=today).select_related("unit")
    return list(rows.order_by("start_on", "pk"))


@transaction.atomic
def vendor_move_centre(*, vendor: Vendor, centre: Centre, actor, reason: str) -> VendorMove:
    """Move `vendor` to `centre`: its unit tenancies end (yesterday, or the day they started), a VendorMove
    row records who, when and why. Open reservations keep the pickup place fixed when they were placed."""
    reason = (reason or "").strip()
    if not reason:
        raise CentreMoveError(_("Alasan pemindahan wajib diisi."))
    vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
    if vendor.centre_id == centre.pk:
        raise CentreMoveError(_("%(name)s sudah berada di %(centre)s.") % {"name": vendor.name, "centre": centre})
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for tenancy in tenancies_ended_by_move(vendor):
        tenancy.end_on = max(tenancy.start_on, yesterday)
        tenancy.note = (tenancy.note + " " + _("(pindah sentra)")).strip()[:200]
        tenancy._history_user = actor
        tenancy.save(update_fields=["end_on", "note"])
    move = VendorMove.objects.create(
        vendor=vendor, from_centre_id=vendor.centre_id, to_centre=centre, actor=actor, reason=reason
    )
    vendor.centre = centre
    vendor._history_user = actor
    vendor.save(update_fields=["centre", "updated_at"])
    return move
