"""Fixtures for the owner portal: a vendor with a unit, real reservations placed through the services,
and a second vendor whose objects the first owner must never reach."""

import datetime
import itertools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from catalog.services.certificates import certificate_submit
from orders.services import pickup_dates, reservation_place
from tests import factories

_tokens = itertools.count(1)


@pytest.fixture
def unit(centre, vendor):
    return factories.UnitAssignmentFactory(
        vendor=vendor, unit=factories.ShopUnitFactory(centre=centre, code="A-01")
    ).unit


@pytest.fixture
def pickup_day(centre) -> datetime.date:
    return pickup_dates(centre, now=timezone.now())[1]


@pytest.fixture
def place(shopper, pickup_day):
    """Place a reservation for {product: quantity} as the shopper; return the first reservation."""

    def _place(items, **kwargs):
        kwargs.setdefault("shopper", shopper)
        kwargs.setdefault("pickup_date", pickup_day)
        kwargs.setdefault("contact_name", "Siti Aminah")
        kwargs.setdefault("checkout_token", f"portal-{next(_tokens)}")
        return reservation_place(items={p.pk: q for p, q in items.items()}, **kwargs)[0]

    return _place


@pytest.fixture
def stocked(vendor, unit):
    return factories.ProductFactory(vendor=vendor, name="Keripik Pisang Coklat", stock_on_hand=5, price=25000)


@pytest.fixture
def stranger(db):
    """The owner of another vendor."""
    return factories.UserFactory(username="pemilik-lain")


@pytest.fixture
def other_vendor(centre, stranger):
    vendor = factories.VendorFactory(owner=stranger, name="Kopi Way Kanan")
    factories.UnitAssignmentFactory(vendor=vendor, unit=factories.ShopUnitFactory(centre=centre, code="B-02"))
    return vendor


@pytest.fixture
def other_product(other_vendor):
    return factories.ProductFactory(vendor=other_vendor, name="Kopi Robusta", stock_on_hand=8, price=40000)


@pytest.fixture
def other_certificate(other_vendor, stranger):
    scan = SimpleUploadedFile("s.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    return certificate_submit(
        vendor=other_vendor,
        actor=stranger,
        kind="halal",
        halal_stage="granted",
        number="ID18110000777770822",
        scan=scan,
    )


@pytest.fixture
def dinas_client(client, dinas_user):
    """A test client signed in as Dinas staff (the console tests)."""
    client.force_login(dinas_user)
    return client
