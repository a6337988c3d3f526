"""Demo reservations in every state, with their timeline and the stock ledger the order services would write.

Rows go through `Reservation.transition` and the stock helpers of `orders.services.stock` (hold, release,
hand over), so stock_on_hand / stock_reserved and the ledger agree exactly as after real use; only the
timestamps are moved into the past afterwards. Expired holds are left open until the expiry job
(`reservation_expire_overdue`) releases them, with no actor, as it does every night. The expiry job queues
shopper emails; `seed_demo` sends none.
"""

import datetime
import itertools
import random
from dataclasses import dataclass, field

from django.utils import timezone

from catalog.models import Product
from orders.models import Reservation, ReservationEvent, StockMovement, new_reservation_code
from orders.services.expiry import reservation_expire_overdue
from orders.services.reserve import reservation_lines_write
from orders.services.schedule import pickup_dates
from orders.services.stock import stock_hand_over, stock_release
from vendors.models import Centre, Vendor
from vendors.selectors import vendor_pickup_points

S = Reservation.Status
CANCEL_REASONS = {
    "shopper": "Jadwal perjalanan berubah, tidak jadi mampir ke Kotabumi.",
    "vendor": "Stok rusak saat dibawa dari tempat produksi. Mohon maaf.",
    "dinas": "Dibatalkan Dinas atas permintaan pembeli lewat telepon.",
}
NOTES = ["", "", "", "Tolong dibungkus untuk oleh-oleh.", "Saya ambil sore hari.", "Minta yang kemasan baru."]
WEIGHTS = {S.COLLECTED: 40, S.EXPIRED: 15, S.CANCELLED: 15, S.PLACED: 18, S.READY: 12}


@dataclass
class Ticket:
    """A planned reservation."""

    shopper: object
    vendor: Vendor
    status: str
    cancelled_by: str = "shopper"
    lines: list[tuple[Product, int]] = field(default_factory=list)
    handled_by: object = None  # the vendor member who marks it ready, hands it over or cancels it (the owner)


class ReservationMaker:
    def __init__(
        self, *, rng: random.Random, centre: Centre, owners: dict[int, object], dinas, centres: dict | None = None
    ) -> None:
        self.rng, self.centre, self.owners, self.dinas = rng, centre, owners, dinas
        self.centres = centres or {centre.pk: centre}  # pk -> Centre: each vendor's reservations follow its hours
        self.now = timezone.now()
        self.open_count: dict[int, int] = {}
        self.overdue: list[tuple[Reservation, dict[str, datetime.datetime]]] = []

    def plan(
        self,
        *,
        shopper,
        umkm_vendor: Vendor,
        others: list,
        catalogue: dict[int, list[Product]],
        total: int,
        former_staff=None,
    ):
        """Return tickets: the documented shopper and vendor in every state first, then random ones.

        `former_staff`, a member of the documented vendor who will leave, hands one reservation over and marks
        another ready.
        """
        vendors = [made[0].vendor for made in catalogue.values() if made]
        others_cycle = itertools.cycle(others)
        pick_other = [v for v in vendors if v.pk != umkm_vendor.pk] or [umkm_vendor]
        tickets = [
            Ticket(shopper, umkm_vendor, S.PLACED),
            Ticket(shopper, self.rng.choice(pick_other), S.READY),
            Ticket(shopper, umkm_vendor, S.COLLECTED),
            Ticket(shopper, self.rng.choice(pick_other), S.COLLECTED),
            Ticket(shopper, self.rng.choice(pick_other), S.CANCELLED, cancelled_by="shopper"),
            Ticket(shopper, umkm_vendor, S.EXPIRED),
        ]
        elsewhere = [v for v in pick_other if v.centre_id != umkm_vendor.centre_id]
        if elsewhere:  # the shopper reserves at both centres
            tickets += [Ticket(shopper, elsewhere[0], S.PLACED), Ticket(shopper, elsewhere[-1], S.COLLECTED)]
        for status in (S.PLACED, S.READY, S.COLLECTED, S.COLLECTED, S.COLLECTED, S.CANCELLED, S.EXPIRED):
            tickets.append(Ticket(next(others_cycle), umkm_vendor, status, cancelled_by="vendor"))
        if former_staff is not None:  # no cancellation: see demo/leftovers.py
            for status in (S.COLLECTED, S.READY):
                tickets.append(Ticket(next(others_cycle), umkm_vendor, status, handled_by=former_staff))
        statuses, weights = zip(*WEIGHTS.items(), strict=True)
        while len(tickets) < total:
            status = self.rng.choices(statuses, weights)[0]
            who = self.rng.choice(["shopper", "shopper", "vendor", "dinas"])
            tickets.append(Ticket(next(others_cycle), self.rng.choice(vendors), status, who))
        return tickets

    def make(self, tickets: list[Ticket], catalogue: dict[int, list[Product]]) -> list[Reservation]:
        """Create the past (settled) reservations first, then the open ones, so stock is used up in order."""
        made = []
        settled = [t for t in tickets if t.status not in Reservation.OPEN_STATUSES]
        opened = [t for t in tickets if t.status in Reservation.OPEN_STATUSES]
        for ticket in settled + opened:
            reservation = self._make(ticket, catalogue.get(ticket.vendor.pk, []))
            if reservation is not None:
                made.append(reservation)
        self._expire_overdue()
        return made

    def _expire_overdue(self) -> None:
        """Let the expiry job release the holds whose pickup day has passed, then date each step as planned."""
        reservation_expire_overdue()
        for reservation, times in self.overdue:
            self._backdate(reservation, times)

    def _make(self, ticket: Ticket, products: list[Product]) -> Reservation | None:
        is_open = ticket.status in Reservation.OPEN_STATUSES
        if is_open and (ticket.vendor.on_holiday or self.open_count.get(ticket.shopper.pk, 0) >= 4):
            return None
        placed_at = self._placed_at(is_open)
        lines = self._lines(products, placed_at, is_open)
        if not lines:
            return None
        centre = self.centres.get(ticket.vendor.centre_id, self.centre)
        pickup = self._pickup(placed_at, is_open, max(p.lead_time_days for p, _ in lines), centre)
        if pickup is None:
            return None
        reservation = self._place(ticket, lines, placed_at, pickup, centre)
        self._settle(reservation, ticket)
        for product, _ in lines:  # the stock helpers updated the rows, not these objects
            product.refresh_from_db(fields=["stock_on_hand", "stock_reserved"])
        if is_open:
            self.open_count[ticket.shopper.pk] = self.open_count.get(ticket.shopper.pk, 0) + 1
        return reservation

    def _placed_at(self, is_open: bool) -> datetime.datetime:
        if is_open:
            return self.now - datetime.timedelta(hours=self.rng.randint(2, 20), minutes=self.rng.randint(0, 59))
        day = timezone.localdate() - datetime.timedelta(days=self.rng.randint(3, 60))
        local = datetime.datetime.combine(day, datetime.time(self.rng.randint(7, 20), self.rng.randint(0, 59)))
        return timezone.make_aware(local)

    def _lines(self, products: list[Product], placed_at: datetime.datetime, is_open: bool) -> list[tuple]:
        """1–3 published products that existed then and have stock to spare (made-to-order needs none)."""
        candidates = [
            p
            for p in products
            if p.status == Product.Status.PUBLISHED
            and p.created_at < placed_at
            and (p.made_to_order or p.stock_on_hand - p.stock_reserved >= 1)
            and (not is_open or not p.made_to_order or p.lead_time_days <= 14)
        ]
        chosen = self.rng.sample(candidates, min(len(candidates), self.rng.choice([1, 1, 2, 3])))
        lines = []
        for product in chosen:
            spare = 3 if product.made_to_order else product.stock_on_hand - product.stock_reserved
            cap = 1 if product.made_to_order and product.price > 500_000 else 3
            lines.append((product, self.rng.randint(1, max(1, min(cap, spare)))))
        return lines

    def _pickup(self, placed_at: datetime.datetime, is_open: bool, lead_days: int, centre) -> datetime.date | None:
        if is_open:
            dates = pickup_dates(centre, now=self.now, lead_days=lead_days)
            return self.rng.choice(dates[:3]) if dates else None
        start = timezone.localtime(placed_at).date() + datetime.timedelta(days=self.rng.randint(0, 2))
        days = [d for d in centre.open_days(start, 3) if d < timezone.localdate()]
        closing = centre.closing_at(days[0]) if days else None
        return days[0] if closing and closing > placed_at else None

    def _place(self, ticket: Ticket, lines: list[tuple], placed_at: datetime.datetime, pickup, centre) -> Reservation:
        shopper = ticket.shopper
        reservation = Reservation(
            code=self._unused_code(),
            shopper=shopper,
            vendor=ticket.vendor,
            pickup_date=pickup,
            pickup_centre=centre,
            pickup_unit=vendor_pickup_points([ticket.vendor.pk])[ticket.vendor.pk].unit,
            hold_until=centre.closing_at(pickup),
            contact_name=shopper.get_full_name() or shopper.email,
            contact_phone=f"+62812{self.rng.randint(10_000_000, 99_999_999)}",
            note=self.rng.choice(NOTES),
            placed_at=placed_at,
            total=sum(p.price * q for p, q in lines),
        )
        reservation._history_user = shopper
        reservation.save()
        ReservationEvent.objects.create(
            reservation=reservation, to_status=S.PLACED, actor=shopper, created_at=placed_at
        )
        reservation_lines_write(
            reservation=reservation, lines=sorted(lines, key=lambda line: line[0].pk), actor=shopper
        )
        StockMovement.objects.filter(reservation=reservation).update(created_at=placed_at)
        return reservation

    def _settle(self, reservation: Reservation, ticket: Ticket) -> None:
        """Walk the reservation to its planned status, then move each step's time into the past."""
        owner = ticket.handled_by or self.owners.get(ticket.vendor.pk)
        times = self._times(reservation, ticket.status)
        if ticket.status == S.EXPIRED:  # still held: the expiry job releases it once every ticket is placed
            self.overdue.append((reservation, times))
            return
        if ticket.status in {S.READY, S.COLLECTED}:
            reservation.transition(S.READY, actor=owner)
        if ticket.status == S.COLLECTED:
            reservation.transition(S.COLLECTED, actor=owner)
            stock_hand_over(reservation=reservation, actor=owner)
        elif ticket.status == S.CANCELLED:
            actor = {"shopper": ticket.shopper, "vendor": owner, "dinas": self.dinas}[ticket.cancelled_by]
            reservation.transition(S.CANCELLED, actor=actor, reason=CANCEL_REASONS[ticket.cancelled_by])
            stock_release(reservation=reservation, actor=actor)
        self._backdate(reservation, times)

    def _times(self, reservation: Reservation, status: str) -> dict[str, datetime.datetime]:
        placed, hold = reservation.placed_at, reservation.hold_until
        ready = min(placed + datetime.timedelta(hours=self.rng.randint(1, 6)), hold, self.now)
        opens = timezone.make_aware(datetime.datetime.combine(reservation.pickup_date, datetime.time(10)))
        collected = max(ready, opens) + datetime.timedelta(minutes=self.rng.randint(0, 300))
        return {
            S.READY: ready,
            S.COLLECTED: min(collected, hold),
            S.CANCELLED: min(placed + datetime.timedelta(hours=self.rng.randint(1, 30)), hold, self.now),
            S.EXPIRED: hold + datetime.timedelta(minutes=5),
        }

    def _backdate(self, reservation: Reservation, times: dict[str, datetime.datetime]) -> None:
        fields = {}
        for event in reservation.events.exclude(to_status=S.PLACED):
            at = times[event.to_status]
            ReservationEvent.objects.filter(pk=event.pk).update(created_at=at)
            fields[Reservation.TIMESTAMP_FIELDS[event.to_status]] = at
            reason = {S.COLLECTED: "collected", S.CANCELLED: "released", S.EXPIRED: "released"}.get(event.to_status)
            if reason:
                StockMovement.objects.filter(reservation=reservation, reason=reason).update(created_at=at)
        if fields:
            Reservation.objects.filter(pk=reservation.pk).update(**fields)

    def _unused_code(self) -> str:
        while True:
            code = new_reservation_code()
            if not Reservation.objects.filter(code=code).exists():
                return code
