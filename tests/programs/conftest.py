"""Fixtures of the pembinaan tests: an open programme, an owner's vendor in Lampung Utara, a second owner."""

import pytest

from tests import factories

from .factories import ProgrammeFactory, RunningProgrammeFactory


@pytest.fixture
def programme(db):
    return ProgrammeFactory()


@pytest.fixture
def running(db):
    return RunningProgrammeFactory()


@pytest.fixture
def other_owner(db):
    return factories.UserFactory(username="pemilik-lain")


@pytest.fixture
def other_vendor(other_owner):
    return factories.VendorFactory(owner=other_owner)
