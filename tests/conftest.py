"""Shared fixtures. App-specific fixtures live in tests/<app>/conftest.py."""

import pytest
from django.core.cache import cache

from tests import factories


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def centre(db):
    return factories.CentreFactory()


@pytest.fixture
def shopper(db):
    return factories.UserFactory(username="pembeli")


@pytest.fixture
def dinas_user(db):
    return factories.DinasUserFactory(username="dinas")


@pytest.fixture
def owner(db):
    return factories.UserFactory(username="pemilik")


@pytest.fixture
def vendor(owner):
    return factories.VendorFactory(owner=owner)


@pytest.fixture
def product(vendor):
    return factories.ProductFactory(vendor=vendor)
