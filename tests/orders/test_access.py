"""Fetch-and-authorise helpers: 404 alike for a missing reservation and for someone else's."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from orders.access import access_reservation
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def reservation(place, stocked):
    (reservation,) = place({stocked: 1})
    return reservation


def test_a_shopper_gets_their_own_reservation(reservation, shopper):
    assert access_reservation(shopper, reservation.code) == reservation


@pytest.mark.parametrize("who", ["stranger", "anonymous", "vendor owner"])
def test_anyone_else_gets_404_as_shopper(reservation, owner, who):
    user = {"stranger": factories.UserFactory(), "anonymous": AnonymousUser(), "vendor owner": owner}[who]
    with pytest.raises(Http404):
        access_reservation(user, reservation.code)


def test_a_vendor_member_gets_the_vendors_reservation(reservation, owner, vendor):
    assert access_reservation(owner, reservation.code, vendor=vendor) == reservation


def test_a_member_of_another_vendor_gets_404(reservation, vendor, other_vendor):
    other_owner = other_vendor.memberships.get().user
    with pytest.raises(Http404):
        access_reservation(other_owner, reservation.code, vendor=vendor)
    with pytest.raises(Http404):
        access_reservation(other_owner, reservation.code, vendor=other_vendor)


def test_an_inactive_member_gets_404(reservation, owner, vendor):
    vendor.memberships.update(is_active=False)
    with pytest.raises(Http404):
        access_reservation(owner, reservation.code, vendor=vendor)


def test_an_unknown_code_is_404(vendor, owner, shopper):
    with pytest.raises(Http404):
        access_reservation(owner, "SOL-ZZZZZ", vendor=vendor)
    with pytest.raises(Http404):
        access_reservation(shopper, "SOL-ZZZZZ")
