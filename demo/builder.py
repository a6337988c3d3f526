"""Build the whole demo data set in one transaction; a second run finds it and creates nothing."""

import random
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from buyers.models import Invoice, Occurrence, Organisation
from catalog.models import Certificate, Product, ProductImage
from catalog.services.badges import badges_refresh
from catalog.services.vendor_copy import vendor_copy_refresh
from ekatalog.models import ProductListing
from orders.models import Reservation, StockMovement
from programs.models import AidRecord, Participant, Programme
from sales.models import CounterSale, Event
from vendors.models import Centre, ShopUnit, UnitAssignment, Vendor, VendorEvent

from .accounts import AccountMaker
from .buyers import build_buyers
from .catalog import ProductMaker, allocate
from .centre import ensure_centre, ensure_province_centre, ensure_units
from .certificates import CertificateMaker
from .data import ACCOUNTS, UMKM_VENDOR_SLUG, VENDORS, Account
from .ekatalog import build_ekatalog
from .events import build_events, build_month_of_sales
from .leftovers import former_staff_leaves, hire_former_staff, photoless_product
from .products import PRODUCT_TYPES
from .programs import ProgrammeMaker
from .reservations import ReservationMaker
from .reviews import build_reviews
from .sales import build_sales
from .scopes import ensure_scopes
from .vendors import VendorMaker

DEFAULT_PRODUCTS = 400
SEED = 1803  # Kemendagri code of Lampung Utara: the same demo every time

Tick = Callable[[str, int], None]


@dataclass(frozen=True)
class DemoSummary:
    created: bool
    counts: dict[str, int]
    accounts: list[Account]


def demo_exists() -> bool:
    return Vendor.objects.filter(slug=UMKM_VENDOR_SLUG).exists()


def reservation_target(products: int) -> int:
    return max(16, products // 8)


def planned_steps(products: int) -> int:
    """Units of work `seed_demo` reports to its progress bar."""
    return 2 + 2 * len(VENDORS) + products + len(PRODUCT_TYPES) + reservation_target(products)


def seed_demo(*, products: int = DEFAULT_PRODUCTS, tick: Tick | None = None, dry_run: bool = False) -> DemoSummary:
    """Create the demo centre, accounts, vendors, catalogue, certificates and reservations unless present.

    With `dry_run` everything is built and counted, then rolled back (generated picture files stay).
    """
    tick = tick or (lambda label, n: None)
    if demo_exists():
        return DemoSummary(created=False, counts=demo_counts(), accounts=ACCOUNTS)
    with transaction.atomic():
        _build(products, tick)
        counts = demo_counts()
        transaction.set_rollback(dry_run)
    return DemoSummary(created=not dry_run, counts=counts, accounts=ACCOUNTS)


def _build(total_products: int, tick: Tick) -> None:
    rng = random.Random(SEED)
    accounts = AccountMaker()
    users = accounts.ensure_documented()
    shoppers = accounts.ensure_shoppers()
    centre = ensure_centre()
    units = ensure_units(centre)
    province, province_units = ensure_province_centre()
    ensure_scopes(users, kotabumi=centre, province=province)
    tick("sentra dan akun", 2)
    centres = {"": centre, province.slug: province}
    maker = VendorMaker(rng=rng, accounts=accounts, users=users, units=units | province_units, centres=centres)
    vendors = _vendors(maker, tick)
    owners = {v.pk: v.memberships.get(role="owner").user for v in vendors.values()}
    former_staff = hire_former_staff(accounts, vendors[UMKM_VENDOR_SLUG])
    catalogue = _catalogue(ProductMaker(rng=rng, dinas=users["dinas"]), vendors, owners, total_products, tick)
    certificates = CertificateMaker(rng=rng, dinas=users["dinas"])
    for spec in VENDORS:
        certificates.build(spec, vendors[spec.slug], catalogue[vendors[spec.slug].pk])
        tick("sertifikat", 1)
    badges_refresh(vendor_ids=[vendor.pk for vendor in vendors.values()])
    vendor_copy_refresh(vendor_ids=[vendor.pk for vendor in vendors.values()])
    reservations = ReservationMaker(
        rng=rng, centre=centre, owners=owners, dinas=users["dinas"], centres={c.pk: c for c in (centre, province)}
    )
    public = {v.pk: catalogue[v.pk] for v in vendors.values() if v.is_public}
    target = reservation_target(total_products)
    tickets = reservations.plan(
        shopper=users["shopper"],
        umkm_vendor=vendors[UMKM_VENDOR_SLUG],
        others=shoppers,
        catalogue=public,
        total=target,
        former_staff=former_staff,
    )
    reservations.make(tickets, catalogue)
    former_staff_leaves(former_staff, catalogue[vendors[UMKM_VENDOR_SLUG].pk])
    tick("reservasi", target)
    ProgrammeMaker(rng=rng, dinas=users["dinas"]).build()
    build_sales()  # today's three first: the month and the bazaar take from what is left
    build_month_of_sales()
    build_events(users["dinas"])
    build_buyers(dinas=users["dinas"], accounts=accounts)
    build_ekatalog(rng=rng, dinas=users["dinas"])
    build_reviews()  # after every sale: reviews of collected lines, terjual counted


def _vendors(maker: VendorMaker, tick: Tick) -> dict[str, Vendor]:
    vendors = {}
    for index, spec in enumerate(VENDORS):
        vendors[spec.slug] = maker.build(spec, index)
        tick("UMKM", 1)
    return vendors


def _catalogue(maker: ProductMaker, vendors, owners, total: int, tick: Tick) -> dict[int, list[Product]]:
    """Create the products, their shared photos and renditions, and the opening stock in the ledger."""
    counts = allocate(VENDORS, total)
    catalogue = {}
    for spec in VENDORS:
        catalogue[vendors[spec.slug].pk] = made = maker.build(vendors[spec.slug], spec, counts[spec.slug])
        tick("produk", len(made))
    every_product = [p for made in catalogue.values() for p in made]
    maker.attach_pictures(every_product, without=photoless_product(catalogue, vendors))
    maker.record_opening_stock(every_product, owners)
    maker.make_renditions()
    tick("foto produk", len(PRODUCT_TYPES))
    return catalogue


def demo_counts() -> dict[str, int]:
    """Row counts of the demo's main tables, for the command's report and the tests."""
    return {
        "sentra": Centre.objects.count(),
        "unit": ShopUnit.objects.count(),
        "penempatan": UnitAssignment.objects.count(),
        "UMKM": Vendor.objects.count(),
        "riwayat UMKM": VendorEvent.objects.count(),
        "produk": Product.objects.count(),
        "foto": ProductImage.objects.count(),
        "sertifikat": Certificate.objects.count(),
        "reservasi": Reservation.objects.count(),
        "mutasi stok": StockMovement.objects.count(),
        "pengguna": get_user_model().objects.count(),
        "program": Programme.objects.count(),
        "peserta program": Participant.objects.count(),
        "bantuan": AidRecord.objects.count(),
        "penjualan kasir": CounterSale.objects.count(),
        "organisasi mitra": Organisation.objects.count(),
        "kiriman mitra": Occurrence.objects.count(),
        "faktur": Invoice.objects.count(),
        "data e-Katalog": ProductListing.objects.count(),
        "acara": Event.objects.count(),
    }
