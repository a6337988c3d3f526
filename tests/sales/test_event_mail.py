"""Emails to the vendor's members when Dinas accepts, declines or moves an application to another stall: sent
once the decision is committed, never for a rolled-back one, and not at all for a vendor without an email."""

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from sales.services import events as svc
from tests import factories
from tests.sales.event_factories import ApplicationFactory, EventFactory, StallFactory, accepted
from vendors.models import VendorMembership

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


@pytest.fixture
def staff_member(vendor):
    user = factories.UserFactory(username="staf-toko")
    VendorMembership.objects.create(vendor=vendor, user=user, role=VendorMembership.Role.STAFF)
    return user


@pytest.fixture
def event():
    return EventFactory(name="Bazar Ramadan Kotabumi", venue_name="Alun-alun Kotabumi")


def test_accepting_emails_every_member_the_stall_dates_venue_and_portal_link(
    settings, dinas_user, owner, staff_member, vendor, event, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://sentra.example"
    stall = StallFactory(event=event, code="A-07")
    application = ApplicationFactory(event=event, vendor=vendor)

    with django_capture_on_commit_callbacks(execute=True):
        svc.application_accept(application=application, actor=dinas_user, stall=stall)

    [email] = mail.outbox
    assert email.to == [owner.email, staff_member.email]
    assert "diterima" in email.subject and event.name in email.subject
    assert "A-07" in email.body and "Alun-alun Kotabumi" in email.body
    assert f"{event.starts_on.day} " in email.body and f"{event.ends_on.day} " in email.body
    assert "https://sentra.example" + reverse("vendors:event-detail", kwargs={"slug": event.slug}) in email.body


def test_declining_emails_the_reason(dinas_user, owner, vendor, event, django_capture_on_commit_callbacks):
    application = ApplicationFactory(event=event, vendor=vendor)

    with django_capture_on_commit_callbacks(execute=True):
        svc.application_decline(application=application, actor=dinas_user, reason="  Lapak sudah penuh semua ")

    [email] = mail.outbox
    assert email.to == [owner.email]
    assert "belum dapat diterima" in email.subject and event.name in email.subject
    assert "Lapak sudah penuh semua" in email.body


def test_moving_to_another_stall_emails_the_new_stall_but_the_same_stall_sends_nothing(
    dinas_user, owner, vendor, event, django_capture_on_commit_callbacks
):
    application = accepted(event, vendor, stall=StallFactory(event=event, code="A-01"))
    other = StallFactory(event=event, code="C-03")

    with django_capture_on_commit_callbacks(execute=True):
        svc.stall_assign(application=application, actor=dinas_user, stall=application.stall)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        svc.stall_assign(application=application, actor=dinas_user, stall=other)

    [email] = mail.outbox
    assert email.to == [owner.email] and "dipindahkan" in email.subject and "C-03" in email.body


def test_nothing_is_sent_before_the_commit_nor_for_a_rolled_back_decision(
    dinas_user, vendor, event, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(event=event, vendor=vendor)

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Rollback), transaction.atomic():
        svc.application_decline(application=application, actor=dinas_user, reason="Tidak lengkap")
        assert mail.outbox == []
        raise Rollback

    assert callbacks == [] and mail.outbox == []
    application.refresh_from_db()
    assert application.status == application.Status.SUBMITTED


def test_a_vendor_without_any_member_email_gets_no_mail_and_no_error(
    dinas_user, event, django_capture_on_commit_callbacks
):
    user = factories.UserFactory(username="tanpa-surel", email="")
    vendor = factories.VendorFactory(owner=user)
    application = ApplicationFactory(event=event, vendor=vendor)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        svc.application_accept(application=application, actor=dinas_user, stall=StallFactory(event=event))

    assert len(callbacks) == 1 and mail.outbox == []
