"""Reads for reservations that cross apps: where each vendor hands over its reservations, and who runs it."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from orders.models import Reservation
from sentra.context_processors import current_centre
from vendors.models import Centre, ShopUnit, UnitAssignment, VendorMembership


@dataclass(frozen=True)
class PickupPoint:
    """The unit (if assigned) and the centre where a vendor's reservations are picked up."""

    unit: ShopUnit | None
    centre: Centre | None


def vendor_pickup_points(vendor_ids: Iterable[int]) -> dict[int, PickupPoint]:
    """Return {vendor id: PickupPoint} in a constant number of queries; unassigned vendors get the main centre.

    Centres come with their opening hours and closed dates loaded (the main one from the cache).
    """
    vendor_ids = set(vendor_ids)
    if not vendor_ids:
        return {}
    assignments = (
        UnitAssignment.objects.active()
        .filter(vendor_id__in=vendor_ids)
        .select_related("unit")
        .order_by("vendor_id", "-start_on", "-pk")
    )
    main = current_centre()
    units: dict[int, ShopUnit] = {}
    for assignment in assignments:
        units.setdefault(assignment.vendor_id, assignment.unit)
    centres = _centres_with_hours({unit.centre_id for unit in units.values()}, main)
    points = {vendor_id: PickupPoint(unit, centres.get(unit.centre_id)) for vendor_id, unit in units.items()}
    fallback = PickupPoint(None, main)
    points.update(dict.fromkeys(vendor_ids - points.keys(), fallback))
    return points


def _centres_with_hours(pks: set[int], main: Centre | None) -> dict[int, Centre]:
    centres = {main.pk: main} if main is not None and main.pk in pks else {}
    others = pks - centres.keys()
    if others:
        rows = Centre.objects.filter(pk__in=others).prefetch_related("opening_hours", "closed_dates")
        centres.update({centre.pk: centre for centre in rows})
    return centres


def vendor_members(vendor_ids: Iterable[int]) -> dict[int, dict[int, str]]:
    """Return {vendor id: {user id: email}} for the vendors' active members, in one query."""
    members: dict[int, dict[int, str]] = defaultdict(dict)
    rows = VendorMembership.objects.filter(vendor_id__in=set(vendor_ids), is_active=True).order_by()
    for vendor_id, user_id, email in rows.values_list("vendor_id", "user_id", "user__email"):
        members[vendor_id][user_id] = email
    return dict(members)


def checkout_reservations(shopper, token: str) -> list[Reservation]:
    """The reservations one checkout form made (empty when the token is new): double submits find them."""
    if not token or not shopper.is_authenticated:
        return []
    return list(Reservation.objects.filter(shopper=shopper, checkout_token=token).order_by("pk"))
