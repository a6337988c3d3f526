"""Upgrading a one-centre site: its Dinas staff keep working on the centre they had (vendors 0009)."""

import importlib

import pytest
from django.apps import apps

from tests import factories
from vendors.models import StaffScope

pytestmark = pytest.mark.django_db
migration = importlib.import_module("vendors.migrations.0009_existing_dinas_staff_keep_their_centre")


def test_dinas_staff_without_a_scope_get_the_default_centre_and_others_keep_theirs():
    main = factories.CentreFactory()
    other = factories.CentreFactory(slug="provinsi", name="Sentra UMKM Provinsi Lampung", town="Bandar Lampung")
    unscoped = factories.DinasUserFactory(username="lama", centres=[])
    scoped = factories.DinasUserFactory(username="bdl", centres=[other])
    shopper = factories.UserFactory(username="pembeli")
    migration.keep_their_centre(apps, None)
    assert list(StaffScope.objects.get(user=unscoped).centres.all()) == [main]
    assert list(StaffScope.objects.get(user=scoped).centres.all()) == [other]
    assert not StaffScope.objects.filter(user=shopper).exists()
