"""Demo events and a month of counter sales (issue 19), all through the sales services so the stock ledger and
the audit rows are those of real use:

- a finished three-day bazaar with ten vendors (the UMKM account's among them): stalls, applications accepted,
  stock taken to the stalls, realistic sales each day, the rest brought back (one item missing);
- an upcoming expo taking applications: stalls, a few vendors applied (one accepted, one declined), but not the
  UMKM account's vendor, so `umkm@sentra.test` can apply and `dinas@sentra.test` accept it with a stall;
- a month of counter sales at the unit for the UMKM account's vendor and a few others (before today's three).
"""

import datetime
import random

from django.utils import timezone

from catalog.models import Product
from sales.models import CounterSale, Event
from sales.services import events as svc
from sales.services import sale_record
from vendors.models import Vendor

from .data import UMKM_VENDOR_SLUG

SEED = 1919
BAZAAR_SLUG = "bazar-umkm-kotabumi-akhir-tahun"
EXPO_SLUG = "expo-umkm-lampung-2027"
PAYMENTS = [CounterSale.Payment.CASH] * 5 + [CounterSale.Payment.QRIS] * 4 + [CounterSale.Payment.TRANSFER]


def _stocked(vendor: Vendor) -> list[Product]:
    rows = Product.objects.filter(vendor=vendor, status=Product.Status.PUBLISHED, price__gt=0, made_to_order=False)
    return [p for p in rows.order_by("pk") if p.stock_available > 0]


def _sellers(limit: int) -> list[Vendor]:
    """Approved vendors with stocked products, the UMKM account's first."""
    vendors = Vendor.objects.approved().order_by("pk")
    chosen = [v for v in vendors if v.slug == UMKM_VENDOR_SLUG] + [v for v in vendors if v.slug != UMKM_VENDOR_SLUG]
    return [v for v in chosen if _stocked(v)][:limit]


def _owner(vendor: Vendor):
    return vendor.memberships.get(role="owner").user


def _at(day: datetime.date, rng: random.Random, opens: int = 9, closes: int = 21) -> datetime.datetime:
    moment = datetime.datetime.combine(day, datetime.time(rng.randrange(opens, closes), rng.randrange(60)))
    return timezone.make_aware(moment)


def build_events(dinas) -> dict[str, Event]:
    """Create the finished bazaar and the upcoming expo."""
    rng = random.Random(SEED)
    return {"bazaar": _bazaar(dinas, rng), "expo": _expo(dinas, rng)}


def _bazaar(dinas, rng: random.Random) -> Event:
    today = timezone.localdate()
    starts = today - datetime.timedelta(days=12)
    event = svc.event_create(
        actor=dinas,
        name="Bazar UMKM Kotabumi Akhir Tahun",
        kind=Event.Kind.BAZAAR,
        organiser="Dinas Koperasi UMKM dan Perindustrian Lampung Utara",
        description="Tiga hari bazar produk UMKM khas Lampung Utara di depan Kantor TP-PKK: kuliner, kopi, "
        "kain tapis, dan kerajinan.",
        venue_name="Halaman Kantor TP-PKK Kotabumi",
        venue_address="Jl. Jenderal Sudirman, Kotabumi, Lampung Utara",
        map_url="https://www.openstreetmap.org/search?query=Kotabumi",
        starts_on=starts,
        ends_on=starts + datetime.timedelta(days=2),
        opens_at=datetime.time(9),
        closes_at=datetime.time(21),
    )
    sellers = _sellers(10)
    stalls = [svc.stall_add(event=event, actor=dinas, code=f"B-{i + 1:02d}") for i in range(len(sellers) + 2)]
    svc.event_open(event=event, actor=dinas)
    applications = []
    for vendor, stall in zip(sellers, stalls, strict=False):
        products = _stocked(vendor)[:4]
        application = svc.application_submit(event=event, vendor=vendor, actor=_owner(vendor), products=products)
        applications.append(svc.application_accept(application=application, actor=dinas, stall=stall))
    svc.event_close(event=event, actor=dinas)
    for application in applications:
        items = {p.pk: min(p.stock_available // 2, rng.randint(6, 15)) for p in _stocked_of(application)}
        if items := {pk: q for pk, q in items.items() if q > 0}:
            svc.event_stock_send(application=application, actor=_owner(application.vendor), items=items)
    svc.event_start(event=event, actor=dinas)
    for application in applications:
        _sell_at_stall(event, application, rng)
    svc.event_finish(event=event, actor=dinas, reason="Bazar selesai sesuai jadwal.")
    for index, application in enumerate(applications):
        _bring_back(application, missing=index == 1)
    return event


def _stocked_of(application) -> list[Product]:
    return [p for p in application.products.order_by("pk") if not p.made_to_order and p.stock_available > 0]


def _sell_at_stall(event: Event, application, rng: random.Random) -> None:
    """Sales at the stall each day (about a third of the stock a day, some left over), dated within the event's
    days and hours."""
    owner = _owner(application.vendor)
    brought = sum(application.stock.values_list("sent", flat=True))
    for day, share in zip(event.days, (0.25, 0.2, 0.25), strict=False):
        target = max(1, round(brought * share))
        while target > 0:
            left = {row.product_id: row.on_stall for row in application.stock.filter(on_stall__gt=0)}
            if not left:
                return
            picked = rng.sample(sorted(left), k=min(len(left), rng.randint(1, 2)))
            items = {pk: min(left[pk], rng.randint(1, 3)) for pk in picked}
            sale = sale_record(
                vendor=application.vendor, actor=owner, items=items, payment=rng.choice(PAYMENTS), event=event
            )
            CounterSale.objects.filter(pk=sale.pk).update(sold_at=_at(day, rng))
            target -= sum(items.values())


def _bring_back(application, *, missing: bool) -> None:
    rows = list(application.stock.filter(on_stall__gt=0))
    if not rows:
        return
    returned = {row.product_id: row.on_stall for row in rows}
    reason = ""
    if missing:
        returned[rows[0].product_id] -= 1
        reason = "Satu bungkus sobek saat dibongkar."
    svc.event_stock_return(application=application, actor=_owner(application.vendor), returned=returned, reason=reason)


def _expo(dinas, rng: random.Random) -> Event:
    starts = timezone.localdate() + datetime.timedelta(days=21)
    event = svc.event_create(
        actor=dinas,
        name="Expo UMKM Lampung 2027",
        kind=Event.Kind.EXPO,
        organiser="Dinas Koperasi dan UKM Provinsi Lampung",
        description="Expo tingkat provinsi: UMKM dari 15 kabupaten/kota memamerkan dan menjual produknya.",
        venue_name="PKOR Way Halim",
        venue_address="Jl. Ryacudu, Way Halim, Bandar Lampung",
        map_url="https://www.openstreetmap.org/search?query=PKOR%20Way%20Halim",
        starts_on=starts,
        ends_on=starts + datetime.timedelta(days=2),
        opens_at=datetime.time(10),
        closes_at=datetime.time(22),
    )
    stalls = [
        svc.stall_add(event=event, actor=dinas, code=f"E-{i + 1:02d}", capacity=2 if i < 2 else 1) for i in range(12)
    ]
    svc.event_open(event=event, actor=dinas)
    others = [v for v in _sellers(14) if v.slug != UMKM_VENDOR_SLUG][-3:]
    for index, vendor in enumerate(others):
        products, note = _stocked(vendor)[:3], "Butuh colokan listrik."
        application = svc.application_submit(
            event=event, vendor=vendor, actor=_owner(vendor), products=products, note=note
        )
        if index == 0:
            svc.application_accept(application=application, actor=dinas, stall=stalls[0])
        elif index == 1:
            svc.application_decline(application=application, actor=dinas, reason="Kuota kategori ini sudah penuh.")
    return event


def build_month_of_sales(days: int = 30) -> int:
    """Counter sales at the unit over the last `days` days (not today) for the UMKM vendor and a few others."""
    rng = random.Random(SEED + 1)
    made = 0
    today = timezone.localdate()
    for vendor in _sellers(5):
        owner, per_day = _owner(vendor), (1, 4) if vendor.slug == UMKM_VENDOR_SLUG else (0, 2)
        for back in range(days, 0, -1):
            day = today - datetime.timedelta(days=back)
            for _ in range(rng.randint(*per_day)):
                shelf = [p for p in _stocked(vendor) if p.stock_available > 6]
                if not shelf:
                    break
                product = rng.choice(shelf)
                sale = sale_record(
                    vendor=vendor, actor=owner, items={product.pk: rng.randint(1, 2)}, payment=rng.choice(PAYMENTS)
                )
                CounterSale.objects.filter(pk=sale.pk).update(sold_at=_at(day, rng, 8, 20))
                made += 1
    return made
