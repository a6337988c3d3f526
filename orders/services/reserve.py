"""Placing reservations: one per vendor, all or none, never more than the shelf holds."""

import datetime
from collections import defaultdict
from collections.abc import Mapping

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalog.models import Product
from orders.models import Reservation, ReservationEvent, ReservationLine, new_reservation_code
from orders.selectors import checkout_reservations, vendor_pickup_points
from vendors.models import Vendor, VendorMembership

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
    try:
        with transaction.atomic():
            _lock_shopper(shopper)
            if existing := checkout_reservations(shopper, checkout_token):
                return existing
            quantities = _clean_quantities(items)
            return _place(shopper, quantities, pickup_date, contact_name, contact_phone, note, checkout_token)
    except IntegrityError:
        if existing := checkout_reservations(shopper, checkout_token):
            return existing
        if checkout_token and Reservation.objects.filter(checkout_token=checkout_token).exists():
            raise CheckoutConflict() from None
        raise


def _place(shopper, quantities, pickup_date, contact_name, contact_phone, note, checkout_token) -> list[Reservation]:
    now = timezone.now()
    if not EmailAddress.objects.filter(user=shopper, verified=True).exists():
        raise EmailNotVerified()
    overdue = _lock_overdue_holding(quantities.keys(), now)
    products = lock_products(set(quantities) | {line.product_id for r in overdue for line in r.lines.all()})
    if overdue:
        for reservation in overdue:
            expire_locked(reservation, now=now)
        products = lock_products(quantities)  # re-read the released stock (rows stay locked)
    _check_products(shopper, products, quantities)
    by_vendor = _group_by_vendor(products, quantities)
    _check_open_limit(shopper, len(by_vendor), now)
    deadlines = _hold_deadlines(by_vendor, products, quantities, pickup_date, now)
    contact = {"contact_name": contact_name, "contact_phone": contact_phone, "note": note}
    return [
        _create_reservation(
            shopper,
            vendor,
            [(products[pk], quantities[pk]) for pk in pks],
            now=now,
            pickup_date=pickup_date,
            hold_until=deadlines[vendor.pk],
            checkout_token=checkout_token,
            **contact,
        )
        for vendor, pks in by_vendor.items()
    ]


def _create_reservation(shopper, vendor: Vendor, lines: list[tuple[Product, int]], *, now, **fields) -> Reservation:
    """Write one vendor's reservation: row, lines with snapshots, stock holds, timeline event, email."""
    reservation = Reservation(
        code=_unused_code(),
        shopper=shopper,
        vendor=vendor,
        placed_at=now,
        total=sum(product.price * quantity for product, quantity in lines),
        **fields,
    )
    reservation._history_user = shopper
    reservation.save()
    reservation_lines_write(reservation=reservation, lines=lines, actor=shopper)
    ReservationEvent.objects.create(
        reservation=reservation, to_status=Reservation.Status.PLACED, actor=shopper, created_at=now
    )
    notifications.notify(reservation, "placed")
    return reservation


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


def _lock_shopper(shopper) -> None:
    """Serialise one shopper's checkouts (open-reservation limit, double submit)."""
    list(get_user_model().objects.select_for_update().filter(pk=shopper.pk))


def _lock_overdue_holding(product_pks, now: datetime.datetime) -> list[Reservation]:
    """Lock the overdue reservations holding any of these products so their stock can be released first."""
    pks = Reservation.objects.overdue(now).filter(lines__product_id__in=product_pks).values_list("pk", flat=True)
    locked = lock_reservations(list(pks))
    # Overdue is fixed by `now`: the set can only shrink while we wait for the locks.
    return [r for r in locked if r.hold_until < now]


def _check_products(shopper, products: dict[int, Product], quantities: dict[int, int]) -> None:
    own_vendor_ids = set(
        VendorMembership.objects.filter(user=shopper, is_active=True).values_list("vendor_id", flat=True)
    )
    for pk in sorted(quantities):
        product = products.get(pk)
        if product is None or product.status != Product.Status.PUBLISHED:
            raise ProductUnavailable(product.name if product else _("Produk"))
        if product.vendor.status != Vendor.Status.APPROVED or product.vendor.on_holiday:
            raise VendorUnavailable(product.vendor.name)
        if product.vendor_id in own_vendor_ids:
            raise OwnProduct(product.name)
        if not product.made_to_order and product.stock_available < quantities[pk]:
            raise OutOfStock(product.name, product.stock_available)


def _group_by_vendor(products: dict[int, Product], quantities: dict[int, int]) -> dict[Vendor, list[int]]:
    groups: dict[Vendor, list[int]] = defaultdict(list)
    for pk in sorted(quantities):
        groups[products[pk].vendor].append(pk)
    return dict(sorted(groups.items(), key=lambda item: item[0].pk))


def _check_open_limit(shopper, new_count: int, now: datetime.datetime) -> None:
    limit = settings.SENTRA_MAX_OPEN_RESERVATIONS
    open_count = Reservation.objects.for_shopper(shopper).open().filter(hold_until__gte=now).count()
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


def _hold_deadlines(by_vendor, products, quantities, pickup_date, now) -> dict[int, datetime.datetime]:
    lead_days = checkout_lead_days(products[pk] for pk in quantities)
    points = vendor_pickup_points(vendor.pk for vendor in by_vendor)
    centres = [points[vendor.pk].centre for vendor in by_vendor]
    if pickup_date not in common_pickup_dates(centres, now=now, lead_days=lead_days):
        raise PickupDateInvalid()
    return {vendor.pk: hold_deadline(points[vendor.pk].centre, pickup_date) for vendor in by_vendor}


def reservation_lines_write(*, reservation: Reservation, lines: list[tuple[Product, int]], actor) -> None:
    """Write the lines with name/price snapshots and hold their stock (lines in product pk order; rows locked)."""
    ReservationLine.objects.bulk_create(
        ReservationLine(
            reservation=reservation,
            product=product,
            product_name=product.name,
            sale_unit=product.sale_unit,
            unit_price=product.price,
            quantity=quantity,
            made_to_order=product.made_to_order,
        )
        for product, quantity in lines
    )
    for product, quantity in lines:
        if not product.made_to_order:
            stock_hold(product=product, quantity=quantity, reservation=reservation, actor=actor)


def _unused_code() -> str:
    code = new_reservation_code()
    while Reservation.objects.filter(code=code).exists():
        code = new_reservation_code()
    return code
