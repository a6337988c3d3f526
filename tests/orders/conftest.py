"""Fixtures for reservations: a centre with a unit, two vendors with stock, and a place() shortcut."""

import datetime
import itertools

import pytest
from django.utils import timezone

from orders.services import pickup_dates, reservation_place
from tests import factories

_tokens = itertools.count(1)


@pytest.fixture
def unit(centre, vendor):
    """Vendor's unit A-01 in the centre."""
    return factories.UnitAssignmentFactory(
        vendor=vendor, unit=factories.ShopUnitFactory(centre=centre, code="A-01")
    ).unit


@pytest.fixture
def other_vendor(centre):
    vendor = factories.VendorFactory(owner=factories.UserFactory(username="pemilik2"), name="Kopi Way Kanan")
    factories.UnitAssignmentFactory(vendor=vendor, unit=factories.ShopUnitFactory(centre=centre, code="B-02"))
    return vendor


@pytest.fixture
def stocked(vendor, unit):
    """A product of `vendor` with 5 on hand."""
    return factories.ProductFactory(vendor=vendor, name="Keripik Pisang Coklat", stock_on_hand=5, price=25000)


@pytest.fixture
def other_product(other_vendor):
    return factories.ProductFactory(vendor=other_vendor, name="Kopi Robusta Lampung", stock_on_hand=8, price=40000)


@pytest.fixture
def pickup_day(centre) -> datetime.date:
    """A valid pickup date: the second date offered (never today's last minutes)."""
    return pickup_dates(centre, now=timezone.now())[1]


@pytest.fixture
def place(shopper, pickup_day):
    """Place a reservation for `items` as the shopper, with sensible defaults."""

    def _place(items, **kwargs):
        kwargs.setdefault("shopper", shopper)
        kwargs.setdefault("pickup_date", pickup_day)
        kwargs.setdefault("contact_name", "Siti Aminah")
        kwargs.setdefault("contact_phone", "+6281234567891")
        kwargs.setdefault("note", "")
        kwargs.setdefault("checkout_token", f"token-{next(_tokens)}")
        items = {getattr(p, "pk", p): q for p, q in items.items()}
        return reservation_place(items=items, **kwargs)

    return _place
