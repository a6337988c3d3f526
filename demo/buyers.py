"""Demo institutional buyers (issue 20): a verified hotel in Bandar Lampung whose contact is `hotel@sentra.test`,
with two standing orders (daily snack drops from the UMKM account's vendor, weekly coffee from the Way Tenong
cooperative), and a verified restaurant with one-off orders of sambal. A month of drops lies behind today in every
state, with faktur paid and unpaid; tomorrow's drop waits for `umkm@sentra.test` to confirm.

Drops go through `Occurrence.transition` and the stock helpers of `buyers.services.stock` (hold, release, hand
over), and faktur through `invoice_issue`, so the ledger and the number series agree as after real use; only the
dates of events and faktur are moved into the past afterwards (services refuse past dates, as they should)."""

import datetime

from django.utils import timezone

from buyers.models import (
    BuyerOrder,
    BuyerOrderLine,
    Invoice,
    Occurrence,
    OccurrenceEvent,
    OccurrenceLine,
    Organisation,
    OrganisationEvent,
    OrganisationMembership,
    PriceTier,
)
from buyers.services.invoices import invoice_issue
from buyers.services.orders import HORIZON_DAYS, occurrences_generate
from buyers.services.organisations import organisation_contact_add, organisation_review
from buyers.services.stock import occurrence_hand_over, occurrence_hold, occurrence_release
from catalog.models import Product
from orders.models import StockMovement
from orders.services.stock import stock_adjust
from vendors.models import Regency, Vendor

from .accounts import AccountMaker
from .data import ACCOUNTS, UMKM_VENDOR_SLUG, Account

S = Occurrence.Status
HOTEL_CONTACT = next(account for account in ACCOUNTS if account.role == "hotel")
RESTAURANT_CONTACT = Account("resto@mitra.sentra.test", "Wulan", "Sari", "buyer")
HOTEL_KITCHEN = Account("dapur.hotel@mitra.sentra.test", "Bayu", "Anggara", "buyer")
HOTEL = {
    "name": "Hotel Tapis Berseri Bandar Lampung",
    "kind": Organisation.Kind.HOTEL,
    "npwp": "019283746501000",
    "address": "Jl. Raden Intan No. 88, Tanjung Karang, Bandar Lampung",
    "regency": "18.71",
    "phone": "+62721 480800",
}
RESTAURANT = {
    "name": "Rumah Makan Seruit Way Rarem",
    "kind": Organisation.Kind.RESTAURANT,
    "address": "Jl. Alamsyah Ratu Prawiranegara No. 12, Kotabumi, Lampung Utara",
    "regency": "18.03",
    "phone": "+62724 22150",
}
DAYS_BACK = 30
COFFEE_VENDOR = "koperasi-kopi-way-tenong"
SAMBAL_VENDOR = "sambal-lingkung-bu-ros"
DECLINE = "Produksi libur: tungku sedang diperbaiki."
CANCEL = "Tamu rombongan batal menginap; kiriman tidak diperlukan."
PROPOSE = "Bahan baku pisang terbatas minggu ini; bisa kirim sebagian dulu."
SKIP = "Pesanan dijeda: stok habis sementara."


def build_buyers(*, dinas, accounts: AccountMaker) -> list[Organisation]:
    """Create the two verified buyers, their orders, a month of drops and their faktur."""
    hotel = _organisation(HOTEL, accounts.ensure(HOTEL_CONTACT), dinas)
    kitchen = accounts.ensure(HOTEL_KITCHEN)
    organisation_contact_add(organisation=hotel, email=kitchen.email, actor=hotel.memberships.get().user)
    restaurant = _organisation(RESTAURANT, accounts.ensure(RESTAURANT_CONTACT), dinas)
    umkm, coffee = Vendor.objects.get(slug=UMKM_VENDOR_SLUG), Vendor.objects.filter(slug=COFFEE_VENDOR).first()
    sambal = Vendor.objects.filter(slug=SAMBAL_VENDOR).first() or umkm
    today = timezone.localdate()
    snacks = _standing(hotel, umkm, _shelf(umkm, 2), quantity=6, weekdays="0,1,2,3,4,5,6", tiers=True)
    orders = [snacks]
    if coffee is not None:
        orders.append(_standing(hotel, coffee, _shelf(coffee, 1), quantity=10, weekdays=str(today.weekday())))
    past = [
        _one_off(restaurant, sambal, _shelf(sambal, 1), today - datetime.timedelta(days=d)) for d in (26, 19, 12, 5)
    ]
    _stock_up([*orders, *past])
    for order in [*orders, *past]:
        _history(order, today)
    for order in orders:
        occurrences_generate(order=order, until=today + datetime.timedelta(days=HORIZON_DAYS))
    _upcoming(snacks, today)
    _one_off(restaurant, sambal, _shelf(sambal, 1), today + datetime.timedelta(days=3), placed=True)
    return [hotel, restaurant]


def _organisation(data: dict, contact, dinas) -> Organisation:
    fields = dict(data, regency=Regency.objects.get(code=data["regency"]))
    organisation = Organisation.objects.create(**fields)
    OrganisationMembership.objects.create(organisation=organisation, user=contact, role="owner")
    OrganisationEvent.objects.create(organisation=organisation, from_status="", to_status="submitted", actor=contact)
    organisation_review(organisation=organisation, to=Organisation.Status.VERIFIED, actor=dinas)
    organisation.refresh_from_db()
    return organisation


def _shelf(vendor: Vendor, count: int) -> list[Product]:
    rows = Product.objects.of_vendor(vendor).filter(status=Product.Status.PUBLISHED, price__gt=0).order_by("pk")
    return list(rows[:count])


def _standing(organisation, vendor, products, *, quantity: int, weekdays: str, tiers: bool = False) -> BuyerOrder:
    """A standing order started a month ago (placed then: its agreed prices are today's wholesale tiers)."""
    today = timezone.localdate()
    if tiers:
        for product in products:
            PriceTier.objects.get_or_create(
                product=product, min_quantity=5, defaults={"price": max(500, product.price * 9 // 10 // 500 * 500)}
            )
    tier_prices = {
        t.product_id: t.price for t in PriceTier.objects.filter(product__in=products, min_quantity__lte=quantity)
    }
    order = BuyerOrder.objects.create(
        organisation=organisation,
        vendor=vendor,
        kind=BuyerOrder.Kind.STANDING,
        weekdays=weekdays,
        start_date=today - datetime.timedelta(days=DAYS_BACK),
        end_date=today + datetime.timedelta(days=90),
        fulfilment=BuyerOrder.Fulfilment.DELIVERY,
        address=organisation.address,
        note="Antar ke pintu belakang (dapur), sebelum pukul 07.00.",
        created_by=organisation.memberships.get(role="owner").user,
        created_at=timezone.now() - datetime.timedelta(days=DAYS_BACK + 2),
    )
    BuyerOrderLine.objects.bulk_create(
        BuyerOrderLine(
            order=order, product=p, quantity=quantity, unit_price=min(p.price, tier_prices.get(p.pk, p.price))
        )
        for p in products
    )
    return order


def _one_off(organisation, vendor, products, day: datetime.date, *, placed: bool = False) -> BuyerOrder:
    order = BuyerOrder.objects.create(
        organisation=organisation,
        vendor=vendor,
        kind=BuyerOrder.Kind.ONE_OFF,
        start_date=day,
        end_date=day,
        fulfilment=BuyerOrder.Fulfilment.PICKUP,
        address=organisation.address,
        created_by=organisation.memberships.get(role="owner").user,
        created_at=timezone.now() - datetime.timedelta(days=max(1, (timezone.localdate() - day).days + 3)),
    )
    BuyerOrderLine.objects.bulk_create(
        BuyerOrderLine(order=order, product=p, quantity=12, unit_price=p.price) for p in products
    )
    if placed:
        occurrences_generate(order=order, until=day)
    return order


def _stock_up(orders: list[BuyerOrder]) -> None:
    """The vendors produce for their institutional buyers: a restock covering every drop of the demo."""
    needed: dict[Product, int] = {}
    for order in orders:
        days = len(order.dates_between(order.start_date, timezone.localdate() + datetime.timedelta(days=HORIZON_DAYS)))
        for line in order.lines.select_related("product"):
            if not line.product.made_to_order:
                needed[line.product] = needed.get(line.product, 0) + line.quantity * days
    for product, quantity in needed.items():
        owner = product.vendor.memberships.filter(role="owner").first()
        stock_adjust(
            product=product,
            delta=quantity,
            reason=StockMovement.Reason.RESTOCK,
            note="Produksi untuk pesanan mitra",
            actor=owner.user if owner else None,
        )


def _drop(order: BuyerOrder, day: datetime.date) -> Occurrence:
    occurrence = Occurrence.objects.create(order=order, date=day)
    OccurrenceLine.objects.bulk_create(
        OccurrenceLine(
            occurrence=occurrence,
            product=line.product,
            product_name=line.product.name,
            sale_unit=line.product.sale_unit,
            quantity=line.quantity,
            unit_price=line.unit_price,
        )
        for line in order.lines.select_related("product")
    )
    return occurrence


def _past_state(index: int, day: datetime.date, today: datetime.date) -> str:
    """Most past drops were delivered; a few were declined, cancelled or skipped while paused."""
    if day == today:
        return S.CONFIRMED
    return {3: S.DECLINED, 8: S.CANCELLED, 13: S.SKIPPED}.get(index, S.DELIVERED)


def _history(order: BuyerOrder, today: datetime.date) -> None:
    """The drops from the order's start up to today, each taken to its state, dated when it happened."""
    owner = order.vendor.memberships.filter(role="owner").first()
    actor = owner.user if owner else None
    for index, day in enumerate(order.dates_between(order.start_date, today)):
        occurrence = _drop(order, day)
        state = _past_state(index, day, today)
        when = timezone.make_aware(datetime.datetime.combine(day - datetime.timedelta(days=1), datetime.time(15)))
        if state == S.DECLINED:
            occurrence.transition(S.DECLINED, actor=actor, reason=DECLINE)
        elif state == S.SKIPPED:
            occurrence.transition(S.SKIPPED, actor=None, reason=SKIP)
        else:
            occurrence.transition(S.CONFIRMED, actor=actor)
            occurrence_hold(occurrence=occurrence, actor=actor)
            if state == S.CANCELLED:
                occurrence.transition(S.CANCELLED, actor=order.created_by, reason=CANCEL)
                occurrence_release(occurrence=occurrence, actor=order.created_by)
            elif state == S.DELIVERED:
                occurrence.transition(S.DELIVERED, actor=actor)
                occurrence_hand_over(occurrence=occurrence, actor=actor)
                _invoice(occurrence, actor, day, today, index)
        OccurrenceEvent.objects.filter(occurrence=occurrence).update(created_at=when)


def _invoice(occurrence: Occurrence, actor, day: datetime.date, today: datetime.date, index: int) -> None:
    """Issue the drop's faktur, dated the delivery day; those older than two weeks were paid (all but one)."""
    invoice = invoice_issue(occurrence=occurrence, actor=actor)
    due = day + datetime.timedelta(days=14)
    paid = day + datetime.timedelta(days=10) if (today - day).days > 14 and index % 7 != 4 else None
    Invoice.objects.filter(pk=invoice.pk).update(issued_on=day, due_on=due, paid_on=paid)


def _upcoming(order: BuyerOrder, today: datetime.date) -> None:
    """Tomorrow's drop waits for the vendor; the next ones are confirmed, proposed and declined."""
    coming = list(order.occurrences.filter(date__gt=today, status=S.PENDING).order_by("date"))
    actor = order.vendor.memberships.filter(role="owner").first().user
    if len(coming) > 1:
        coming[1].transition(S.CONFIRMED, actor=actor)
        occurrence_hold(occurrence=coming[1], actor=actor)
    if len(coming) > 2:
        coming[2].transition(S.PROPOSED, actor=actor, reason=PROPOSE)
        coming[2].lines.update(proposed_quantity=3)
    if len(coming) > 3:
        coming[3].transition(S.DECLINED, actor=actor, reason=DECLINE)
