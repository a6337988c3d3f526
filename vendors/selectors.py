"""Reads of the vendors app that other apps share: the current centre, where each vendor hands over its
reservations, and who runs each vendor."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache

from sentra.cache import generation
from sentra.fields import MAX_ID

from .models import Centre, ShopUnit, UnitAssignment, VendorMembership

CENTRE_CACHE_KEY = "sentra:centre"


def current_centre() -> Centre | None:
    """Return the (first) centre with its hours, cached for a minute or until a watched model is saved."""
    key = f"{CENTRE_CACHE_KEY}:{generation()}"  # a save of the centre, its hours or closed dates: read anew
    centre = cache.get(key)
    if centre is None:
        centre = Centre.objects.prefetch_related("opening_hours", "closed_dates").order_by("pk").first()
        cache.set(key, centre or False, 60)
    return centre or None


def centre_or_default(pk) -> Centre | None:
    """The centre with this pk (a query parameter: anything), else the first one; None when there is none."""
    try:
        pk = int(pk or 0)
    except (TypeError, ValueError):
        pk = 0
    chosen = Centre.objects.filter(pk=pk).first() if 0 < pk <= MAX_ID else None
    return chosen or Centre.objects.order_by("pk").first()


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
