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

from sentra.cache import cached_for_generation, generation
from sentra.fields import MAX_ID

from .models import Centre, Regency, ShopUnit, StaffScope, UnitAssignment, Vendor, VendorMembership

CENTRES_CACHE_KEY = "sentra:centres"


def default_centre() -> Centre | None:
    """Return the default centre (the one marked `is_default`; on an install where none is marked yet, the
    oldest) with its hours, from the cached list of centres (`all_centres`)."""
    centres = all_centres()
    return next((c for c in centres if c.is_default), min(centres, key=lambda c: c.pk, default=None))


current_centre = default_centre  # the old name, kept for callers outside this app


def all_centres() -> list[Centre]:
    """Every centre with its hours, default first then by name, cached for a minute or until a watched model is
    saved (a save of a centre, its hours or closed dates: read anew)."""
    key = f"{CENTRES_CACHE_KEY}:{generation()}"
    centres = cache.get(key)
    if centres is None:
        centres = list(Centre.objects.with_hours())
        cache.set(key, centres, 60)
    return centres


def centre_by_slug(slug) -> Centre | None:
    """The centre with this slug (a query parameter: anything), or None."""
    return next((c for c in all_centres() if c.slug == str(slug or "").strip()), None)


def centre_or_default(pk, allowed: Iterable[int] | None = None) -> Centre | None:
    """The centre with this pk (a query parameter: anything) among `allowed` (every centre when None), else the
    first allowed one; None when there is none."""
    try:
        pk = int(pk or 0)
    except (TypeError, ValueError):
        pk = 0
    rows = Centre.objects.all() if allowed is None else Centre.objects.filter(pk__in=set(allowed))
    chosen = rows.filter(pk=pk).first() if 0 < pk <= MAX_ID else None
    return chosen or rows.first()


def centres_for(user) -> frozenset[int] | None:
    """The pks of the centres a Dinas staff account works on; None means all of them (superusers and whole-
    province staff). Any other user, or staff without a scope, gets an empty set. Kept on the user object for
    the rest of the request."""
    cached = getattr(user, "_sentra_centres", False)
    if cached is not False:
        return cached
    result: frozenset[int] | None = frozenset()
    if user.is_authenticated and user.is_active:
        if user.is_superuser:
            result = None
        else:
            scope = StaffScope.objects.filter(user=user).first()
            if scope is not None:
                result = None if scope.whole_province else frozenset(scope.centres.values_list("pk", flat=True))
    user._sentra_centres = result
    return result


def at_centres(path: str, ids) -> models.Q:
    """Q() for rows whose centre (reached by `path`) is one of `ids`; a row without a centre counts as the
    default centre's (rows made before centres, or outside the services)."""
    q = models.Q(**{f"{path}__in": ids})
    main = default_centre()
    if main is not None and main.pk in ids and path.endswith("centre"):
        q |= models.Q(**{f"{path}__isnull": True})
    return q


def has_staff_scope(user) -> bool:
    """The account works on at least one centre (or all of them)."""
    ids = centres_for(user)
    return ids is None or bool(ids)


def scoped_centres(user) -> list[Centre]:
    """The centres the user works on, as rows (every centre for province staff)."""
    ids = centres_for(user)
    return [c for c in all_centres() if ids is None or c.pk in ids]


@dataclass(frozen=True)
class CentreRow:
    """A centre as the home page lists it: its row (with hours), approved UMKM, open right now."""

    centre: Centre
    vendors: int
    is_open: bool


def approved_vendors_per_centre() -> dict[int, int]:
    """{centre pk: approved UMKM}, cached until a watched model is saved (or a minute)."""

    def count() -> dict[int, int]:
        rows = Vendor.objects.approved().values_list("centre").annotate(n=models.Count("pk")).order_by()
        return dict(rows)

    return cached_for_generation("centre-vendors", "approved", count, 60)


def centre_rows(now: datetime.datetime | None = None) -> list[CentreRow]:
    """Every centre with its approved UMKM and whether it is open at `now` (default first, then by name)."""
    now = now or timezone.now()
    counts = approved_vendors_per_centre()
    main = default_centre()
    unplaced = counts.get(None, 0)  # vendors without a centre count as the default centre's
    return [
        CentreRow(c, counts.get(c.pk, 0) + (unplaced if c == main else 0), c.is_open_at(now)) for c in all_centres()
    ]


def upcoming_closed_dates(centre: Centre, days: int = 90) -> list:
    """The centre's closed dates from today for `days` days (from its prefetched rows)."""
    today = timezone.localdate()
    until = today + datetime.timedelta(days=days)
    return [c for c in centre.closed_dates.all() if today <= c.date <= until]


@dataclass(frozen=True)
class PickupPoint:
    """The unit (if assigned) and the centre where a vendor's reservations are picked up."""

    unit: ShopUnit | None
    centre: Centre | None


def vendor_pickup_points(vendor_ids: Iterable[int]) -> dict[int, PickupPoint]:
    """Return {vendor id: PickupPoint} in a constant number of queries: the vendor's current unit and its
    centre; a vendor without a unit picks up at its own centre.

    Centres come with their opening hours and closed dates loaded (from the cache)."""
    vendor_ids = set(vendor_ids)
    if not vendor_ids:
        return {}
    assignments = (
        UnitAssignment.objects.active()
        .filter(vendor_id__in=vendor_ids)
        .select_related("unit")
        .order_by("vendor_id", "-start_on", "-pk")
    )
    units: dict[int, ShopUnit] = {}
    for assignment in assignments:
        units.setdefault(assignment.vendor_id, assignment.unit)
    centres = {centre.pk: centre for centre in all_centres()}
    missing = vendor_ids - units.keys()
    homes = dict(Vendor.objects.filter(pk__in=missing).values_list("pk", "centre_id")) if missing else {}
    main = default_centre()
    points = {vendor_id: PickupPoint(unit, centres.get(unit.centre_id)) for vendor_id, unit in units.items()}
    for vendor_id in missing:
        points[vendor_id] = PickupPoint(None, centres.get(homes.get(vendor_id), main))
    return points


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
