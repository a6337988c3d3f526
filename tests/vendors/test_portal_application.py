"""Applying to sell at the centre: draft, submit, revision requested, edit, resubmit."""

from http import HTTPStatus

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests import factories
from vendors.models import Vendor, VendorEvent, VendorMembership
from vendors.services.application import (
    membership_add,
    membership_remove,
    vendor_create_draft,
    vendor_submit,
    vendor_update_profile,
)


def _application_data(**overrides) -> dict:
    data = {
        "name": "Keripik Bu Sari",
        "kind": Vendor.Kind.UMKM,
        "regency": "18.03",
        "nib": "1234567890123",
        "story": "Keripik pisang sejak 2010.",
        "address": "Kotabumi",
        "whatsapp": "0812-3456-7890",
        "categories": [],
    }
    return {**data, **overrides}


def test_draft_makes_the_applicant_its_owner(shopper):
    vendor = vendor_create_draft(actor=shopper, name="Kopi Way Kanan", kind="umkm", regency=factories.regency())
    assert vendor.status == Vendor.Status.DRAFT
    membership = VendorMembership.objects.get(vendor=vendor)
    assert (membership.user, membership.role) == (shopper, VendorMembership.Role.OWNER)


def test_submit_needs_a_complete_application(shopper):
    vendor = vendor_create_draft(actor=shopper, name="Kopi", kind="umkm", regency=factories.regency())
    with pytest.raises(ValidationError) as error:
        vendor_submit(vendor=vendor, actor=shopper)
    assert "nib" in error.value.message_dict
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.DRAFT


def test_lapas_crafts_need_no_nib(shopper, django_capture_on_commit_callbacks):
    vendor = vendor_create_draft(
        actor=shopper, name="Karya Lapas", kind="lapas", regency=factories.regency(), whatsapp="+6281234567899"
    )
    with django_capture_on_commit_callbacks(execute=True):
        vendor_submit(vendor=vendor, actor=shopper)
    assert vendor.status == Vendor.Status.SUBMITTED


def test_identity_is_locked_while_dinas_reviews_and_after_approval(vendor, owner):
    with pytest.raises(TypeError):
        vendor_update_profile(vendor=vendor, actor=owner, name="Nama Baru")
    vendor.status = Vendor.Status.SUBMITTED
    with pytest.raises(ValidationError):
        vendor_update_profile(vendor=vendor, actor=owner, story="baru")


def test_application_flow_through_resubmission(client, shopper, dinas_user, django_capture_on_commit_callbacks):
    client.force_login(shopper)
    assert client.get(reverse("vendors:dashboard")).url == reverse("vendors:apply")
    response = client.post(reverse("vendors:apply"), _application_data())
    assert response.status_code == HTTPStatus.FOUND
    vendor = Vendor.objects.get(name="Keripik Bu Sari")
    assert (vendor.status, vendor.whatsapp) == (Vendor.Status.DRAFT, "+6281234567890")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("vendors:apply-submit"))
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.SUBMITTED
    assert [m.to for m in mail.outbox] == [[shopper.email], [dinas_user.email]]
    assert "sedang diperiksa" in client.get(reverse("vendors:apply")).content.decode()

    vendor.transition(Vendor.Status.REVISION_REQUESTED, actor=dinas_user, reason="Lengkapi alamat produksi.")
    page = client.get(reverse("vendors:apply")).content.decode()
    assert "Lengkapi alamat produksi." in page

    client.post(reverse("vendors:apply"), _application_data(address="Jl. Soekarno-Hatta 12, Kotabumi"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("vendors:apply-submit"))
    vendor.refresh_from_db()
    assert (vendor.status, vendor.address) == (Vendor.Status.SUBMITTED, "Jl. Soekarno-Hatta 12, Kotabumi")
    steps = list(vendor.events.order_by("pk").values_list("from_status", "to_status"))
    assert steps == [("draft", "submitted"), ("submitted", "revision_requested"), ("revision_requested", "submitted")]
    assert VendorEvent.objects.filter(vendor=vendor, actor=shopper).count() == 2


def test_application_form_rejects_bad_nib_and_phone(client, shopper):
    client.force_login(shopper)
    response = client.post(reverse("vendors:apply"), _application_data(nib="12345", whatsapp="abc"))
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "13 angka" in page
    assert "WhatsApp tidak dikenali" in page
    assert not Vendor.objects.exists()


def test_application_form_cannot_set_status(client, shopper):
    client.force_login(shopper)
    client.post(reverse("vendors:apply"), _application_data(status="approved"))
    assert Vendor.objects.get().status == Vendor.Status.DRAFT


def test_unverified_email_cannot_apply(client, db):
    user = factories.UserFactory(verified=False)
    client.force_login(user)
    response = client.get(reverse("vendors:apply"))
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert client.post(reverse("vendors:apply"), _application_data()).status_code == HTTPStatus.FORBIDDEN
    assert not Vendor.objects.exists()


def test_owner_adds_and_removes_staff(vendor, owner, shopper):
    membership = membership_add(vendor=vendor, user=shopper, actor=owner)
    assert membership.role == VendorMembership.Role.STAFF
    with pytest.raises(ValidationError):
        membership_add(vendor=vendor, user=factories.UserFactory(), actor=shopper)
    membership_remove(membership=membership, actor=owner)
    assert not Vendor.objects.for_user(shopper).exists()
    with pytest.raises(ValidationError):
        membership_remove(membership=vendor.memberships.get(role="owner"), actor=owner)


def test_member_of_two_vendors_switches_between_them(client, owner, vendor):
    second = factories.VendorFactory(name="Tapis Indah")
    VendorMembership.objects.create(vendor=second, user=owner, role=VendorMembership.Role.STAFF)
    client.force_login(owner)
    assert vendor.name in client.get(reverse("vendors:dashboard")).content.decode()
    response = client.post(reverse("vendors:switch"), {"vendor": second.pk})
    assert response.status_code == HTTPStatus.FOUND
    assert "Tapis Indah" in client.get(reverse("vendors:dashboard")).content.decode()


def test_switching_to_a_vendor_one_is_not_member_of_is_404(client, owner):
    stranger = factories.VendorFactory()
    client.force_login(owner)
    assert client.post(reverse("vendors:switch"), {"vendor": stranger.pk}).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("value", ["99999999999999999999999", "-1", "abc", ""])
def test_switching_to_a_nonsense_vendor_id_is_404_not_500(client, owner, value):
    client.force_login(owner)
    assert client.post(reverse("vendors:switch"), {"vendor": value}).status_code == HTTPStatus.NOT_FOUND


def test_nib_of_another_vendor_is_a_friendly_form_error(client, shopper, vendor):
    client.force_login(shopper)
    response = client.post(reverse("vendors:apply"), _application_data(nib=vendor.nib))
    assert response.status_code == HTTPStatus.OK
    assert "sudah terdaftar" in response.content.decode()
    assert Vendor.objects.count() == 1


def test_applicant_without_a_vendor_sees_no_portal_menu_that_leads_back_here(client, shopper):
    client.force_login(shopper)
    page = client.get(reverse("vendors:apply")).content.decode()
    assert reverse("vendors:product-list") not in page
    assert "— pilih kabupaten/kota —" in page
