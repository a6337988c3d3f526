"""Placing reservations: one per vendor, all or none, never more than the shelf holds."""

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history

from catalog.models import Product
from orders.models import Reservation, ReservationEvent, ReservationLine, new_reservation_code
from orders.selectors import checkout_reservations
from sentra.internals import set_prefetched
from vendors.models import Vendor
from vendors.selectors import vendor_members, vendor_pickup_points

from . import notifications
from .errors import (
    CheckoutConflict,
    EmailNotVerified,
    EmptyCart,
    InvalidQuantity,
    LimitExceeded,
    OutOfStock,
    OwnProduct,
    PickupDateInvalid,
    ProductUnavailable,
    VendorUnavailable,
)
from .expiry import expire_locked
from .schedule import common_pickup_dates, hold_deadline
from .stock import lock_products, lock_reservations, stock_hold

Lines = tuple[Reservation, list[tuple[Product, int]]]  # a reservation and its (product, quantity) pairs


def reservation_place(
    *,
    shopper,
    items: Mapping[int, int],
    pickup_date: datetime.date,
    contact_name: str,
    contact_phone: str = "",
    note: str = "",
    checkout_token: str = "",
) -> list[Reservation]:
    """Reserve `items` (product pk -> quantity) as one reservation per vendor, all of them or none.

    Submitting the same `checkout_token` again returns the reservations it already made.
    """
    codes = [new_reservation_code() for _ in items]  # one per vendor at most
    try:
        with transaction.atomic():
            verified = _lock_shopper(shopper)
            now = timezone.now()
            known = _known_reservations(shopper, checkout_token, product_pks=_as_pks(items), codes=codes, now=now)
            if known.existing:
                return known.existing
            quantities = _clean_quantities(items)
            if not verified:
                raise EmailNotVerified()
            checkout = _Checkout(shopper, quantities, pickup_date, now, _unused_codes(codes, known.taken_codes))
            contact = {"contact_name": contact_name, "contact_phone": contact_phone, "note": note}
            return _place(checkout, known, checkout_token=checkout_token, **contact)
    except IntegrityError:
        if existing := checkout_reservations(shopper, checkout_token):
            return existing
        if checkout_token and Reservation.objects.filter(checkout_token=checkout_token).exists():
            raise CheckoutConflict() from None
        raise


@dataclass(frozen=True)
class _Checkout:
    shopper: Any
    quantities: dict[int, int]
    pickup_date: datetime.date
    now: datetime.datetime
    codes: list[str]


@dataclass(frozen=True)
class _Known:
    """What the existing reservations tell a checkout, read in one query once the shopper is locked."""

    existing: list[Reservation]  # made earlier by this checkout token
    open_count: int  # the shopper's open reservations whose hold still runs
    overdue_pks: set[int]  # open reservations past their hold that hold a product of the cart
    taken_codes: set[str]  # candidate pickup codes already in use


def _place(checkout: _Checkout, known: _Known, **fields) -> list[Reservation]:
    shopper, quantities = checkout.shopper, checkout.quantities
    products = _lock_products(quantities, known.overdue_pks, checkout.now)
    members = vendor_members({product.vendor_id for product in products.values()})
    _check_products(shopper, products, quantities, members)
    by_vendor = _group_by_vendor(products, quantities)
    _check_open_limit(known.open_count, len(by_vendor))
    points = vendor_pickup_points(vendor.pk for vendor in by_vendor)
    deadlines = _hold_deadlines(by_vendor, products, quantities, checkout.pickup_date, checkout.now, points)
    drafts = [
        _draft(checkout, vendor, [(products[pk], quantities[pk]) for pk in pks], deadlines[vendor.pk], code, fields)
        for (vendor, pks), code in zip(by_vendor.items(), checkout.codes, strict=False)  # a code per line, or more
    ]
    for reservation, _lines in drafts:  # the pickup place is fixed now: a later move of the vendor keeps it
        point = points[reservation.vendor_id]
        reservation.pickup_centre, reservation.pickup_unit = point.centre, point.unit
    reservations = _write_reservations(drafts, actor=shopper, now=checkout.now)
    notifications.notify_placed(reservations)
    return reservations


def _draft(checkout: _Checkout, vendor: Vendor, lines, hold_until, code: str, fields: dict) -> Lines:
    """A vendor's reservation, not saved yet, with its (product, quantity) lines; prices come from the rows."""
    reservation = Reservation(
        code=code,
        shopper=checkout.shopper,
        vendor=vendor,
        placed_at=checkout.now,
        pickup_date=checkout.pickup_date,
        hold_until=hold_until,
        total=sum(product.price * quantity for product, quantity in lines),
        **fields,
    )
    return reservation, lines


def _write_reservations(drafts: list[Lines], *, actor, now: datetime.datetime) -> list[Reservation]:
    """Insert the reservations, their history, lines, stock holds and timeline events: a constant number of queries."""
    reservations = bulk_create_with_history([reservation for reservation, _ in drafts], Reservation, default_user=actor)
    _attach_lines(reservations, reservations_lines_write(lines=drafts, actor=actor))
    ReservationEvent.objects.bulk_create(
        ReservationEvent(reservation=reservation, to_status=Reservation.Status.PLACED, actor=actor, created_at=now)
        for reservation in reservations
    )
    return reservations


def _clean_quantities(items: Mapping[int, int]) -> dict[int, int]:
    if not items:
        raise EmptyCart()
    limit = settings.SENTRA_MAX_QUANTITY_PER_LINE
    quantities = {}
    for pk, quantity in items.items():
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
            raise InvalidQuantity()
        if quantity > limit:
            raise LimitExceeded(_("Maksimal %(limit)d per produk dalam satu reservasi.") % {"limit": limit})
        quantities[int(pk)] = quantity
    return quantities


def _lock_shopper(shopper) -> bool:
    """Serialise one shopper's checkouts (open-reservation limit, double submit); return if their email is verified."""
    verified = Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True))
    rows = get_user_model().objects.select_for_update(of=("self",)).filter(pk=shopper.pk).annotate(verified=verified)
    return any(rows.values_list("verified", flat=True))


def _as_pks(items: Mapping[int, int]) -> set[int]:
    try:
        return {int(pk) for pk in items}
    except (TypeError, ValueError):
        return set()  # _clean_quantities refuses them, after the double-submit check


def _known_reservations(shopper, token: str, *, product_pks: set[int], codes: list[str], now) -> _Known:
    """Read the reservations this checkout must know about in one query (an OR of indexed conditions)."""
    live = Q(status__in=Reservation.OPEN_STATUSES)
    mine = live & Q(hold_until__gte=now)
    if token:
        mine |= Q(checkout_token=token)
    wanted = Q(shopper=shopper) & mine
    if codes:
        wanted |= Q(code__in=codes)
    if product_pks:
        holding = ReservationLine.objects.filter(product_id__in=product_pks).values("reservation_id")
        wanted |= live & Q(hold_until__lt=now, pk__in=holding)
    rows = list(Reservation.objects.filter(wanted).order_by("pk"))
    ours = [r for r in rows if r.shopper_id == shopper.pk]
    return _Known(
        existing=[r for r in ours if token and r.checkout_token == token],
        open_count=sum(r.status in Reservation.OPEN_STATUSES and r.hold_until >= now for r in ours),
        # Every overdue row found: those holding a cart product, and (rarely) a code clash that is overdue too;
        # expiring the latter early is what the expiry command would do anyway.
        overdue_pks={r.pk for r in rows if r.status in Reservation.OPEN_STATUSES and r.hold_until < now},
        taken_codes={r.code for r in rows} & set(codes),
    )


def _lock_products(quantities: dict[int, int], overdue_pks: set[int], now) -> dict[int, Product]:
    """Lock the overdue holds on the cart's products and release them, then the products (pk order, all locked)."""
    # Overdue is fixed by `now`: the set can only shrink while we wait for the locks.
    overdue = [r for r in lock_reservations(overdue_pks) if r.hold_until < now]
    released = {line.product_id for reservation in overdue for line in reservation.lines.all()}
    products = lock_products(set(quantities) | released)
    if overdue:
        for reservation in overdue:
            expire_locked(reservation, now=now)
        products = lock_products(quantities)  # re-read the released stock (rows stay locked)
    return products


def _check_products(shopper, products: dict[int, Product], quantities: dict[int, int], members) -> None:
    for pk in sorted(quantities):
        product = products.get(pk)
        if product is None or product.status != Product.Status.PUBLISHED:
            raise ProductUnavailable(product.name if product else _("Produk"))
        if product.vendor.status != Vendor.Status.APPROVED or product.vendor.on_holiday:
            raise VendorUnavailable(product.vendor.name)
        if shopper.pk in members.get(product.vendor_id, {}):
            raise OwnProduct(product.name)
        if not product.made_to_order and product.stock_available < quantities[pk]:
            raise OutOfStock(product.name, product.stock_available)


def _group_by_vendor(products: dict[int, Product], quantities: dict[int, int]) -> dict[Vendor, list[int]]:
    groups: dict[Vendor, list[int]] = defaultdict(list)
    for pk in sorted(quantities):
        groups[products[pk].vendor].append(pk)
    return dict(sorted(groups.items(), key=lambda item: item[0].pk))


def _check_open_limit(open_count: int, new_count: int) -> None:
    limit = settings.SENTRA_MAX_OPEN_RESERVATIONS
    if open_count + new_count > limit:
        message = ngettext(
            "Pesanan ini menjadi %(new)d reservasi (satu per UMKM), padahal Anda sudah punya %(open)d yang aktif; "
            "maksimal %(limit)d. Kurangi UMKM di keranjang, atau ambil/batalkan reservasi lama.",
            "Pesanan ini menjadi %(new)d reservasi (satu per UMKM), padahal Anda sudah punya %(open)d yang aktif; "
            "maksimal %(limit)d. Kurangi UMKM di keranjang, atau ambil/batalkan reservasi lama.",
            new_count,
        )
        raise LimitExceeded(message % {"new": new_count, "open": open_count, "limit": limit})


def checkout_lead_days(products) -> int:
    """Return the longest lead time among the made-to-order products of a checkout."""
    return max((p.lead_time_days for p in products if p.made_to_order), default=0)


def _hold_deadlines(by_vendor, products, quantities, pickup_date, now, points) -> dict[int, datetime.datetime]:
    lead_days = checkout_lead_days(products[pk] for pk in quantities)
    centres = [points[vendor.pk].centre for vendor in by_vendor]
    if pickup_date not in common_pickup_dates(centres, now=now, lead_days=lead_days):
        raise PickupDateInvalid()
    return {vendor.pk: hold_deadline(points[vendor.pk].centre, pickup_date) for vendor in by_vendor}


def reservation_lines_write(*, reservation: Reservation, lines: list[tuple[Product, int]], actor) -> None:
    """Write one reservation's lines with name/price snapshots and hold their stock (product rows locked)."""
    reservations_lines_write(lines=[(reservation, lines)], actor=actor)


def reservations_lines_write(*, lines: list[Lines], actor) -> list[ReservationLine]:
    """Write the lines of several reservations and hold their stock, in a constant number of queries."""
    rows = ReservationLine.objects.bulk_create(
        ReservationLine(
            reservation=reservation,
            product=product,
            product_name=product.name,
            sale_unit=product.sale_unit,
            unit_price=product.price,
            quantity=quantity,
            made_to_order=product.made_to_order,
        )
        for reservation, pairs in lines
        for product, quantity in pairs
    )
    stock_hold(lines=rows, actor=actor)
    return rows


def _attach_lines(reservations: list[Reservation], lines: list[ReservationLine]) -> None:
    """Give each reservation its new lines as prefetch_related would, so callers read them without a query."""
    for reservation in reservations:
        set_prefetched(reservation, "lines", [line for line in lines if line.reservation_id == reservation.pk])


def _unused_codes(candidates: list[str], taken: set[str]) -> list[str]:
    """The candidate pickup codes nobody uses yet, topped up (rarely) with codes checked one by one."""
    codes = [code for code in candidates if code not in taken]
    while len(codes) < len(candidates):
        code = new_reservation_code()
        if code not in codes and not Reservation.objects.filter(code=code).exists():
            codes.append(code)
    return codes
