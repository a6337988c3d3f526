"""Dinas revokes a verified certificate: a reason is required, the owner's members are emailed, the badge goes at
once (stored dates, product page, catalogue filter), and only a verified certificate can be revoked."""

import datetime
from http import HTTPStatus

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalog.models import Certificate
from catalog.services.certificates import certificate_update
from catalog.services.review import certificate_revoke
from sentra.states import IllegalTransition, ReasonRequired
from tests import factories
from vendors.models import VendorMembership

pytestmark = pytest.mark.django_db

C = Certificate.Status
REASON = "Nomor sertifikat dicabut BPJPH pada 1 Desember"


@pytest.fixture
def verified(product):
    return factories.CertificateFactory(
        vendor=product.vendor, products=[product], valid_until=timezone.localdate() + datetime.timedelta(days=200)
    )


@pytest.fixture
def staff_member(vendor):
    user = factories.UserFactory(username="staf-toko")
    VendorMembership.objects.create(vendor=vendor, user=user, role=VendorMembership.Role.STAFF)
    return user


@pytest.fixture
def console(dinas_user) -> Client:
    client = Client()
    client.force_login(dinas_user)
    return client


def _revoke_url(certificate: Certificate) -> str:
    return reverse("console:certificate-revoke", args=[certificate.pk])


def _halal_filter(client) -> set[int]:
    response = client.get(reverse("catalog:product-list"), {"sertifikat": "halal"})
    return {card.pk for card in response.context["page"].object_list}


def test_revoking_records_who_why_and_when_and_emails_every_member(
    verified, owner, staff_member, dinas_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=verified, actor=dinas_user, reason=f"  {REASON} ")

    verified.refresh_from_db()
    assert (verified.status, verified.reviewed_by, verified.review_note) == (C.REVOKED, dinas_user, REASON)
    assert verified.reviewed_at is not None
    record = verified.history.first()  # the audit row: the certificate's history, as for verify and reject
    assert (record.status, record.history_user, record.review_note) == (C.REVOKED, dinas_user, REASON)
    [email] = mail.outbox
    assert set(email.to) == {owner.email, staff_member.email}
    assert "dicabut" in email.subject
    assert REASON in email.body and "tidak lagi tampil" in email.body


def test_a_revoked_badge_is_gone_at_once_from_the_stored_dates_the_product_page_and_the_filter(
    client, centre, verified, product, dinas_user
):
    assert product.pk in _halal_filter(client)
    assert "badge-halal" in client.get(product.get_absolute_url()).content.decode()

    certificate_revoke(certificate=verified, actor=dinas_user, reason=REASON)

    product.refresh_from_db()
    assert product.halal_until is None and not product.has_halal
    assert product.pk not in _halal_filter(client)
    assert "badge-halal" not in client.get(product.get_absolute_url()).content.decode()


def test_revoking_a_bnsp_certificate_clears_the_vendors_stored_date(vendor, dinas_user):
    bnsp = factories.CertificateFactory(
        vendor=vendor,
        kind=Certificate.Kind.BNSP,
        halal_stage="",
        number="",
        holder_name="Ibu Sum",
        valid_until=timezone.localdate() + datetime.timedelta(days=365),
    )
    vendor.refresh_from_db()
    assert vendor.has_bnsp

    certificate_revoke(certificate=bnsp, actor=dinas_user, reason=REASON)

    vendor.refresh_from_db()
    assert vendor.bnsp_until is None


@pytest.mark.parametrize("reason", ["", "   "])
def test_revoking_needs_a_reason(verified, product, dinas_user, reason):
    with pytest.raises(ReasonRequired):
        certificate_revoke(certificate=verified, actor=dinas_user, reason=reason)

    verified.refresh_from_db()
    product.refresh_from_db()
    assert verified.status == C.VERIFIED
    assert product.has_halal


@pytest.mark.parametrize("status", [C.SUBMITTED, C.REJECTED, C.REVOKED])
def test_only_a_verified_certificate_can_be_revoked(vendor, dinas_user, status):
    certificate = factories.CertificateFactory(vendor=vendor, status=status, review_note="catatan lama")

    with pytest.raises(IllegalTransition):
        certificate_revoke(certificate=certificate, actor=dinas_user, reason=REASON)

    certificate.refresh_from_db()
    assert (certificate.status, certificate.review_note) == (status, "catatan lama")


def test_the_owner_may_correct_a_revoked_certificate_and_send_it_back_to_dinas(verified, owner, dinas_user):
    certificate_revoke(certificate=verified, actor=dinas_user, reason=REASON)

    certificate_update(certificate=verified, actor=owner, number="ID18110000000999")

    verified.refresh_from_db()
    assert verified.status == C.SUBMITTED


# --- the console ----------------------------------------------------------------------------------------


def test_the_detail_of_a_verified_certificate_offers_cabut_and_the_revoke_page_asks_for_a_reason(console, verified):
    detail = console.get(reverse("console:certificate-detail", args=[verified.pk])).content.decode()
    assert f'href="{_revoke_url(verified)}"' in detail

    response = console.get(_revoke_url(verified))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert f'action="{_revoke_url(verified)}"' in html and 'name="revoke-reason"' in html
    assert "Ya, cabut sertifikat" in html
    verified.refresh_from_db()
    assert verified.status == C.VERIFIED  # a GET only asks


def test_dinas_revokes_from_the_console_with_a_reason(
    console, verified, product, owner, dinas_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = console.post(_revoke_url(verified), {"revoke-reason": REASON}, follow=True)

    assert response.redirect_chain == [(reverse("console:certificate-detail", args=[verified.pk]), HTTPStatus.FOUND)]
    html = response.content.decode()
    assert "Sertifikat dicabut" in html and "Dicabut" in html and REASON in html
    verified.refresh_from_db()
    product.refresh_from_db()
    assert (verified.status, verified.reviewed_by) == (C.REVOKED, dinas_user)
    assert product.halal_until is None
    assert mail.outbox[0].to == [owner.email]


def test_revoking_from_the_console_without_a_reason_is_refused_with_a_message(console, verified):
    response = console.post(_revoke_url(verified), {"revoke-reason": " "})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Alasan wajib diisi." in response.content.decode()
    verified.refresh_from_db()
    assert verified.status == C.VERIFIED
    assert not mail.outbox


@pytest.mark.parametrize("status", [C.SUBMITTED, C.REJECTED, C.REVOKED])
def test_revoking_a_certificate_that_is_not_verified_is_refused_cleanly(console, vendor, status):
    certificate = factories.CertificateFactory(vendor=vendor, status=status)

    posted = console.post(_revoke_url(certificate), {"revoke-reason": REASON})
    asked = console.get(_revoke_url(certificate))

    assert posted.status_code == HTTPStatus.BAD_REQUEST
    assert asked.status_code == HTTPStatus.OK
    label = certificate.get_status_display()
    message = f"Hanya sertifikat terverifikasi yang dapat dicabut; status sertifikat ini {label}."
    assert message in posted.content.decode() and message in asked.content.decode()
    assert 'name="revoke-reason"' not in asked.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == status


@pytest.mark.parametrize("who", ["owner", "shopper", "staff"])
def test_only_dinas_may_revoke(client, verified, owner, shopper, who):
    users = {"owner": owner, "shopper": shopper, "staff": factories.UserFactory(username="admin-lain", is_staff=True)}
    client.force_login(users[who])

    for response in (client.get(_revoke_url(verified)), client.post(_revoke_url(verified), {"revoke-reason": REASON})):
        assert response.status_code == HTTPStatus.FORBIDDEN

    verified.refresh_from_db()
    assert verified.status == C.VERIFIED


def test_anonymous_visitors_are_sent_to_log_in_and_a_missing_certificate_is_404(client, console, verified):
    response = client.post(_revoke_url(verified), {"revoke-reason": REASON})
    assert response.status_code == HTTPStatus.FOUND and reverse("account_login") in response.url

    missing = console.post(reverse("console:certificate-revoke", args=[verified.pk + 1000]), {"revoke-reason": "x"})
    assert missing.status_code == HTTPStatus.NOT_FOUND
    verified.refresh_from_db()
    assert verified.status == C.VERIFIED


# --- the owner's portal --------------------------------------------------------------------------------


def test_the_owners_certificate_list_shows_dicabut_with_the_reason(client, verified, owner, dinas_user):
    certificate_revoke(certificate=verified, actor=dinas_user, reason=REASON)
    client.force_login(owner)

    html = client.get(reverse("vendors:certificate-list")).content.decode()

    assert "Dicabut" in html and REASON in html
