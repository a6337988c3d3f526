"""Shared fixtures. App-specific fixtures live in tests/<app>/conftest.py."""

from importlib import import_module

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import factories

# Data migrations whose rows every test expects (regions, categories, the Dinas group).
DATA_MIGRATIONS = [
    ("vendors.migrations.0002_seed_regencies", "seed"),
    ("catalog.migrations.0003_seed_categories", "seed"),
    ("orders.migrations.0002_create_dinas_group", "create_group"),
]


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _migration_data(request):
    """Restore the data-migration rows a transactional test's flush may have removed (a safety net for xdist)."""
    if not _is_transactional(request):
        return
    request.getfixturevalue("transactional_db")
    from vendors.models import Regency

    if Regency.objects.exists():
        return
    state_apps = MigrationExecutor(connection).loader.project_state().apps
    for module, function in DATA_MIGRATIONS:
        getattr(import_module(module), function)(state_apps, None)


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
