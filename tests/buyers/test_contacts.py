"""A buyer's owner contact adds and removes further contact people (/mitra/kontak/); each change is audited."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from buyers.models import OrganisationMembership
from buyers.services.organisations import organisation_contact_add, organisation_contact_remove
from sentra.exceptions import DomainError
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_owner_adds_a_second_contact_who_then_sees_the_organisation(client, buyer, organisation):
    colleague = factories.UserFactory(username="dapur")
    client.force_login(buyer)
    response = client.post(reverse("buyers:contacts"), {"email": colleague.email.upper()})
    assert response.status_code == HTTPStatus.FOUND
    assert organisation.memberships.filter(user=colleague, role="staff", is_active=True).exists()
    assert organisation.events.filter(reason__contains=colleague.email).exists()
    client.force_login(colleague)
    assert organisation.name in client.get(reverse("buyers:dashboard")).content.decode()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: "nobody@example.test", "Belum ada akun terverifikasi"),
        (lambda: factories.UserFactory(verified=False).email, "Belum ada akun terverifikasi"),
        (lambda: factories.OrganisationFactory(member=factories.UserFactory()).memberships.get().user.email, "sudah"),
    ],
)
def test_adding_a_contact_explains_what_is_wrong(client, buyer, organisation, make, message):
    client.force_login(buyer)
    response = client.post(reverse("buyers:contacts"), {"email": make()})
    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()
    assert organisation.memberships.count() == 1


def test_only_the_owner_manages_contacts_and_the_owner_cannot_be_removed(organisation, buyer):
    staff = organisation_contact_add(organisation=organisation, email=factories.UserFactory().email, actor=buyer)
    with pytest.raises(DomainError, match="Hanya penanggung jawab"):
        organisation_contact_add(organisation=organisation, email=factories.UserFactory().email, actor=staff.user)
    with pytest.raises(DomainError, match="tidak bisa dihapus"):
        organisation_contact_remove(membership=organisation.memberships.get(role="owner"), actor=buyer)


def test_removing_a_contact_asks_first_then_deactivates_it(client, buyer, organisation):
    staff = organisation_contact_add(organisation=organisation, email=factories.UserFactory().email, actor=buyer)
    client.force_login(buyer)
    url = reverse("buyers:contact-remove", args=[staff.pk])
    assert "Ya, hapus kontak" in client.get(url).content.decode()
    assert client.post(url).status_code == HTTPStatus.FOUND
    assert not OrganisationMembership.objects.get(pk=staff.pk).is_active
    client.force_login(staff.user)
    assert client.get(reverse("buyers:dashboard")).url == reverse("buyers:register")


def test_a_contact_of_another_organisation_is_a_404(client, buyer, organisation):
    other = factories.OrganisationFactory(member=factories.UserFactory())
    staff = other.memberships.create(user=factories.UserFactory(), role="staff")
    client.force_login(buyer)
    assert client.get(reverse("buyers:contact-remove", args=[staff.pk])).status_code == HTTPStatus.NOT_FOUND
