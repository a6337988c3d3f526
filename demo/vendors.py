"""Demo vendors: members, status history through Vendor.transition, unit tenancies and logos."""

import datetime
import random
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from catalog.models import Category
from vendors.models import Regency, ShopUnit, UnitAssignment, Vendor, VendorEvent, VendorMembership
from vendors.services.units import AssignmentError, assignment_end, unit_assign

from .accounts import AccountMaker
from .data import (
    FIRST_REVISION_NOTE,
    REVISED_BEFORE_APPROVAL,
    STATUS_PATHS,
    STORY_CLOSINGS,
    STORY_OPENINGS,
    STREETS,
    TOWNS,
    VENDOR_STAFF,
    VendorSpec,
)
from .images import DEFAULT_PALETTE, PALETTES, logo_picture
from .products import PRODUCT_TYPES

HOLIDAY_VENDOR = "engkak-ketan-bunda-laila"
PHONE_PREFIXES = ["812", "812", "812", "813", "821", "852", "857"]


@dataclass
class Step:
    to: str
    actor: object
    reason: str
    at: datetime.datetime


class VendorMaker:
    """Build one demo vendor after another, sharing the units' occupancy and a seeded random generator."""

    def __init__(
        self, *, rng: random.Random, accounts: AccountMaker, users: dict, units: dict[str, ShopUnit], centres=None
    ):
        self.rng, self.accounts, self.users, self.units = rng, accounts, users, units
        self.dinas = users["dinas"]
        self.centres = centres or {}  # slug -> Centre; a spec's centre "" is the default (Kotabumi's)
        self.now = timezone.now()
        self.seats = dict.fromkeys(units, 0)
        self.regencies = {r.code: r for r in Regency.objects.all()}
        self.categories = {c.slug: c for c in Category.objects.all()}

    def build(self, spec: VendorSpec, index: int) -> Vendor:
        """Create the vendor in draft, then walk its status path (with a unit once approved)."""
        owner = self._owner(spec)
        centre = self.centres.get(spec.centre)
        vendor = Vendor.objects.create(
            **({"centre": centre} if centre else {}),
            name=spec.name,
            slug=spec.slug,
            kind=spec.kind,
            story=self._story(spec),
            regency=self.regencies[spec.regency],
            address=self._address(spec),
            whatsapp=f"+62{self.rng.choice(PHONE_PREFIXES)}{self.rng.randint(10_000_000, 99_999_999)}",
            nib=self._nib(spec, index),
            accepts_qris=spec.qris,
            on_holiday=spec.slug == HOLIDAY_VENDOR,
            opening_note=self._opening_note(spec),
        )
        VendorMembership.objects.create(vendor=vendor, user=owner, role=VendorMembership.Role.OWNER)
        if staff := VENDOR_STAFF.get(spec.slug):
            VendorMembership.objects.create(vendor=vendor, user=self.accounts.ensure(staff))
        vendor.categories.set({self.categories[PRODUCT_TYPES[t].category] for t in spec.types})
        if index % 4 != 3:
            vendor.logo.name = self._logo(spec)
            vendor.save(update_fields=["logo"])
        steps = self._steps(spec, owner)
        for step in steps:
            vendor._history_user = step.actor
            vendor.transition(step.to, actor=step.actor, reason=step.reason)
            if step.to == Vendor.Status.APPROVED and spec.wants_unit and vendor.unit_assignments.count() == 0:
                self._assign(vendor, spec, step.at.date())
            if step.to == Vendor.Status.ARCHIVED:
                self._end_tenancy(vendor, step.at.date())
        self._backdate(vendor, steps)
        return vendor

    def _owner(self, spec: VendorSpec):
        if spec.account:
            return next(u for u in self.users.values() if u.email == spec.account)
        return self.accounts.owner_for(spec.slug, spec.owner)

    def _story(self, spec: VendorSpec) -> str:
        regency = self.regencies[spec.regency]
        opening = STORY_OPENINGS[spec.kind].format(
            name=spec.name, town=TOWNS[spec.regency], region=regency.display_name, owner=spec.owner
        )
        products = ", ".join(PRODUCT_TYPES[t].name.lower() for t in spec.types)
        return f"{opening} Produk andalan: {products}.\n\n{STORY_CLOSINGS[spec.kind]}"

    def _address(self, spec: VendorSpec) -> str:
        regency = self.regencies[spec.regency]
        if spec.kind == Vendor.Kind.LAPAS:
            return f"Lembaga Pemasyarakatan Kelas IIA Kotabumi, Kotabumi, {regency.display_name}"
        street = self.rng.choice(STREETS)
        return f"{street} No. {self.rng.randint(1, 220)}, {TOWNS[spec.regency]}, {regency.display_name}, Lampung"

    def _nib(self, spec: VendorSpec, index: int) -> str:
        """A unique 13-digit NIB; Lapas has none, producer groups only sometimes."""
        if spec.kind == Vendor.Kind.LAPAS or (spec.kind == Vendor.Kind.KELOMPOK and index % 2):
            return ""
        return f"91204{index:02d}{self.rng.randint(0, 999_999):06d}"

    def _opening_note(self, spec: VendorSpec) -> str:
        if spec.slug == HOLIDAY_VENDOR:
            return "Libur sementara, kembali berjualan minggu depan."
        return self.rng.choice(["", "", "Mengikuti jam buka sentra.", "Pesanan partai besar lewat WhatsApp."])

    def _logo(self, spec: VendorSpec) -> str:
        name = f"demo/logos/{spec.slug}.png"
        if not default_storage.exists(name):
            colour = PALETTES.get(PRODUCT_TYPES[spec.types[0]].category, DEFAULT_PALETTE)[1]
            name = default_storage.save(name, ContentFile(logo_picture(spec.name, colour)))
        return name

    def _steps(self, spec: VendorSpec, owner) -> list[Step]:
        """The path from draft to the spec's status, each step with its actor and a past time."""
        path = list(STATUS_PATHS[spec.status])
        if spec.slug in REVISED_BEFORE_APPROVAL:
            path[1:1] = [("revision_requested", "dinas", FIRST_REVISION_NOTE), ("submitted", "owner", "")]
        settled = spec.status in {"approved", "suspended", "archived"}
        at = self.now - datetime.timedelta(days=self.rng.randint(200, 420) if settled else self.rng.randint(8, 40))
        steps = []
        for to, who, reason in path:
            late = to in {"suspended", "archived"}
            at += datetime.timedelta(days=self.rng.randint(60, 150) if late else self.rng.randint(1, 6), hours=3)
            actor = owner if who == "owner" else self._dinas_of(spec)
            steps.append(Step(to, actor, spec.reason if reason is None else reason, min(at, self._recent())))
        return steps

    def _dinas_of(self, spec: VendorSpec):
        """The staff member who decides on the vendor: the provincial centre's for its vendors."""
        return self.users.get("dinas_bdl", self.dinas) if spec.centre else self.dinas

    def _recent(self) -> datetime.datetime:
        return self.now - datetime.timedelta(days=1)

    def _assign(self, vendor: Vendor, spec: VendorSpec, start_on: datetime.date) -> None:
        """Give the vendor a seat: its preferred unit, the unit reserved for its kind, or the emptiest unit."""
        for unit in self._candidate_units(spec):
            try:
                unit_assign(unit=unit, vendor=vendor, start_on=start_on, actor=self._dinas_of(spec))
            except AssignmentError:
                continue
            self.seats[unit.code] += 1
            return

    def _candidate_units(self, spec: VendorSpec) -> list[ShopUnit]:
        home = self.centres.get(spec.centre)
        mine = [u for u in self.units.values() if home is None or u.centre_id == home.pk]
        free = [u for u in mine if self.seats[u.code] < u.capacity]
        reserved = [u for u in free if u.reserved_kind == spec.kind]
        preferred = [u for u in free if u.code == spec.unit]
        if spec.kind == Vendor.Kind.LAPAS:
            return preferred + reserved
        ordered = sorted(
            (u for u in free if not u.reserved_kind), key=lambda u: (self.seats[u.code], self.rng.random())
        )
        return preferred + reserved + ordered

    def _end_tenancy(self, vendor: Vendor, end_on: datetime.date) -> None:
        for assignment in UnitAssignment.objects.filter(vendor=vendor, end_on__isnull=True):
            assignment_end(assignment=assignment, end_on=max(end_on, assignment.start_on), actor=self.dinas)
            self.seats[assignment.unit.code] -= 1

    def _backdate(self, vendor: Vendor, steps: list[Step]) -> None:
        """Give the audit trail the times the steps would have happened at."""
        events = list(VendorEvent.objects.filter(vendor=vendor).order_by("pk"))
        for event, step in zip(events, steps, strict=True):
            VendorEvent.objects.filter(pk=event.pk).update(created_at=step.at)
        created = (steps[0].at if steps else self.now) - datetime.timedelta(days=2)
        submitted = [s.at for s in steps if s.to == Vendor.Status.SUBMITTED]
        Vendor.objects.filter(pk=vendor.pk).update(
            created_at=created,
            status_changed_at=steps[-1].at if steps else None,
            submitted_at=submitted[-1] if submitted else None,
        )
