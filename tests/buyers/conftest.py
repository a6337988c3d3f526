import pytest

from tests import factories


@pytest.fixture
def buyer(db):
    return factories.UserFactory(username="hotel")


@pytest.fixture
def organisation(buyer):
    return factories.OrganisationFactory(member=buyer)


@pytest.fixture
def order(organisation, product):
    return factories.buyer_order(organisation, product, quantity=3)


@pytest.fixture
def drop(order):
    return order.occurrences.get()
