"""Reads of the vendors app that other apps share: the current centre, where each vendor hands over its
reservations, who runs each vendor, and the floor plan of units with their tenants."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.core.cache import cache
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sentra.cache import generation
from sentra.fields import MAX_ID

from .models import Centre, Regency, ShopUnit, UnitAssignment, Vendor, VendorMembership

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


class UnitState(models.TextChoices):
    """What a unit's current tenants make of it, the same on the public floor plan and the console's board.

    AVAILABLE: nobody holds it. CLOSED ("sementara tutup"): it is held, but none of its tenants trades today:
    each is suspended (or otherwise not public) or on holiday. Otherwise PARTLY_TAKEN while places are left
    and FULL when none are. A held unit is never AVAILABLE, whatever its tenants' status.
    """

    AVAILABLE = "available", _("Tersedia")
    PARTLY_TAKEN = "partly_taken", _("Masih ada tempat")
    FULL = "full", _("Penuh")
    CLOSED = "closed", _("Sementara tutup")


# Plain strings for the hundreds of units a floor plan builds and compares (an enum member's .value is a call).
AVAILABLE, PARTLY_TAKEN, FULL, CLOSED = (state.value for state in UnitState)


class FloorTenant(NamedTuple):
    """A vendor holding a unit today, whatever its status (pages decide what to show of it).

    Named tuples, not frozen dataclasses: a floor plan builds ~1,200 of these and units, and a frozen dataclass
    sets each field through a call of object.__setattr__."""

    vendor_id: int
    name: str
    slug: str
    region: str  # as shoppers see it ("Kota Metro")
    status: str
    on_holiday: bool
    is_public: bool  # shoppers may see it (its name, its store page): it is approved

    @property
    def is_trading(self) -> bool:
        return self.is_public and not self.on_holiday

    @property
    def status_label(self) -> str:
        return Vendor.Status(self.status).label


class FloorUnit(NamedTuple):
    """A unit on the floor plan with every current tenant, by name."""

    pk: int
    centre_id: int
    centre_name: str
    code: str
    block: str
    grid_row: int
    grid_col: int
    capacity: int
    reserved_kind: str
    tenants: tuple[FloorTenant, ...]  # every one, by name
    public_tenants: tuple[FloorTenant, ...]  # the approved ones among them
    state: str  # a UnitState value (see there)

    @property
    def taken(self) -> int:
        return len(self.tenants)

    @property
    def has_room(self) -> bool:
        return len(self.tenants) < self.capacity

    @property
    def state_label(self) -> str:
        return UnitState(self.state).label

    @property
    def reserved_kind_label(self) -> str:
        return dict(ShopUnit._meta.get_field("reserved_kind").choices).get(self.reserved_kind, "")


def floor_plan_units(centre: Centre | None = None, *, on: datetime.date | None = None) -> list[FloorUnit]:
    """Every unit of `centre` (of every centre when None) with all its tenants on `on` (today) and its state.

    The public floor plan and the console's unit board both read this, so they cannot disagree. Two queries of
    plain rows, ordered by centre and grid position: as model instances with prefetched assignments, vendors
    and regions (~2,000 objects for 400 units) they were slow to build and set off the garbage collector (see
    bench/README.md, 'Measured design decisions')."""
    units = ShopUnit.objects.order_by("centre_id", "grid_row", "grid_col", "code")
    tenancies = UnitAssignment.objects.active(on or timezone.localdate())
    if centre is not None:
        units, tenancies = units.filter(centre=centre), tenancies.filter(unit__centre=centre)
    rows = tenancies.order_by("vendor__name", "pk").values_list(
        "unit_id",
        "vendor_id",
        "vendor__name",
        "vendor__slug",
        "vendor__regency__name",
        "vendor__regency__kind",
        "vendor__status",
        "vendor__on_holiday",
    )
    approved = Vendor.Status.APPROVED.value
    held: dict[int, tuple[list[FloorTenant], list[FloorTenant]]] = {}  # unit: (every tenant, the public ones)
    trading: set[int] = set()  # units with a tenant open for business today
    for unit_id, vendor_id, name, slug, region, kind, status, on_holiday in rows:
        tenant = FloorTenant(
            vendor_id, name, slug, Regency.display_name_of(region, kind), status, on_holiday, status == approved
        )
        lists = held.get(unit_id)
        if lists is None:
            lists = held[unit_id] = ([], [])
        lists[0].append(tenant)
        if tenant.is_public:
            lists[1].append(tenant)
            if not on_holiday:
                trading.add(unit_id)
    fields = ("pk", "centre_id", "centre__name", "code", "block", "grid_row", "grid_col", "capacity", "reserved_kind")
    return [_floor_unit(row, held.get(row[0]), row[0] in trading) for row in units.values_list(*fields)]


def _floor_unit(row: tuple, held: tuple[list, list] | None, trading: bool) -> FloorUnit:
    """A FloorUnit from its row (capacity is the 8th value) and tenants, with its UnitState."""
    if held is None:
        return FloorUnit(*row, (), (), AVAILABLE)
    everyone, public = held
    state = FULL if len(everyone) >= row[7] else PARTLY_TAKEN
    return FloorUnit(*row, tuple(everyone), tuple(public), state if trading else CLOSED)
