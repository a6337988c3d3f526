"""Reads for reservations that cross apps: where each vendor hands over its reservations."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch

from sentra.context_processors import current_centre
from vendors.models import Centre, ShopUnit, UnitAssignment


@dataclass(frozen=True)
class PickupPoint:
    """The unit (if assigned) and the centre where a vendor's reservations are picked up."""

    unit: ShopUnit | None
    centre: Centre | None


def vendor_pickup_points(vendor_ids: Iterable[int]) -> dict[int, PickupPoint]:
    """Return {vendor id: PickupPoint} in a constant number of queries; unassigned vendors get the main centre."""
    vendor_ids = set(vendor_ids)
    if not vendor_ids:
        return {}
    centre_rel = Prefetch("unit__centre__closed_dates"), Prefetch("unit__centre__opening_hours")
    assignments = (
        UnitAssignment.objects.active()
        .filter(vendor_id__in=vendor_ids)
        .select_related("unit__centre")
        .prefetch_related(*centre_rel)
        .order_by("vendor_id", "-start_on", "-pk")
    )
    points: dict[int, PickupPoint] = {}
    for assignment in assignments:
        points.setdefault(assignment.vendor_id, PickupPoint(assignment.unit, assignment.unit.centre))
    missing = vendor_ids - points.keys()
    if missing:
        fallback = PickupPoint(None, current_centre())
        points.update(dict.fromkeys(missing, fallback))
    return points
