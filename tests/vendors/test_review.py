"""Dinas decisions on vendors: transitions, reasons, audit rows, emails, and what shoppers see."""

import pytest
from django.core import mail

from catalog.models import Product
from orders.models import Reservation
from sentra.states import IllegalTransition, ReasonRequired
from tests import factories
from vendors.models import UnitAssignment, Vendor, VendorEvent
from vendors.services import review

pytestmark = pytest.mark.django_db

S = Vendor.Status


def submitted_vendor(owner):
    return factories.VendorFactory(owner=owner, status=S.SUBMITTED)


@pytest.mark.parametrize(
    ("service", "source", "target", "reason"),
    [
        (review.vendor_approve, S.SUBMITTED, S.APPROVED, None),
        (review.vendor_request_revision, S.SUBMITTED, S.REVISION_REQUESTED, "Foto KTP buram"),
        (review.vendor_reject, S.SUBMITTED, S.REJECTED, "Bukan produk lokal"),
        (review.vendor_suspend, S.APPROVED, S.SUSPENDED, "Produk tidak sesuai"),
        (review.vendor_reinstate, S.SUSPENDED, S.APPROVED, "Sudah diperbaiki"),
        (review.vendor_archive, S.APPROVED, S.ARCHIVED, "Berhenti berjualan"),
        (review.vendor_archive, S.SUSPENDED, S.ARCHIVED, ""),
    ],
)
def test_each_decision_moves_the_vendor_and_records_who_when_and_why(
    service, source, target, reason, owner, dinas_user, django_capture_on_commit_callbacks
):
    vendor = factories.VendorFactory(owner=owner, status=source)
    kwargs = {} if reason is None else {"reason": reason}

    with django_capture_on_commit_callbacks(execute=True):
        service(vendor=vendor, actor=dinas_user, **kwargs)

    vendor.refresh_from_db()
    assert vendor.status == target
    event = VendorEvent.objects.get(vendor=vendor)
    assert (event.from_status, event.to_status, event.actor, event.reason) == (source, target, dinas_user, reason or "")
    assert event.created_at is not None
    assert vendor.status_note == (reason or "")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [owner.email]
    assert vendor.name in mail.outbox[0].subject
    if reason:
        assert reason in mail.outbox[0].body


def test_the_email_is_sent_only_when_the_transaction_commits(owner, dinas_user, django_capture_on_commit_callbacks):
    vendor = submitted_vendor(owner)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        review.vendor_approve(vendor=vendor, actor=dinas_user)

    assert mail.outbox == []
    assert callbacks


@pytest.mark.parametrize(
    ("service", "source"),
    [
        (review.vendor_request_revision, S.SUBMITTED),
        (review.vendor_reject, S.SUBMITTED),
        (review.vendor_suspend, S.APPROVED),
    ],
)
def test_a_decision_that_needs_a_reason_refuses_an_empty_one_and_changes_nothing(
    service, source, owner, dinas_user, django_capture_on_commit_callbacks
):
    vendor = factories.VendorFactory(owner=owner, status=source)

    with pytest.raises(ReasonRequired), django_capture_on_commit_callbacks(execute=True):
        service(vendor=vendor, actor=dinas_user, reason="   ")

    vendor.refresh_from_db()
    assert vendor.status == source
    assert not VendorEvent.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("service", "source"),
    [
        (review.vendor_approve, S.REJECTED),
        (review.vendor_approve, S.DRAFT),
        (review.vendor_approve, S.APPROVED),
        (review.vendor_reject, S.APPROVED),
        (review.vendor_suspend, S.SUBMITTED),
        (review.vendor_reinstate, S.ARCHIVED),
        (review.vendor_archive, S.SUBMITTED),
        (review.vendor_request_revision, S.REVISION_REQUESTED),
    ],
)
def test_an_illegal_decision_is_refused_and_changes_nothing(service, source, owner, dinas_user):
    vendor = factories.VendorFactory(owner=owner, status=source)

    with pytest.raises(IllegalTransition):
        service(vendor=vendor, actor=dinas_user, reason="alasan")  # reason is accepted by every service

    vendor.refresh_from_db()
    assert vendor.status == source
    assert not VendorEvent.objects.exists()


def test_suspension_hides_the_vendors_products_at_once_and_reinstating_shows_them_again(product, dinas_user):
    assert Product.objects.published().filter(pk=product.pk).exists()

    review.vendor_suspend(vendor=product.vendor, actor=dinas_user, reason="Pemeriksaan")
    assert not Product.objects.published().filter(pk=product.pk).exists()

    review.vendor_reinstate(vendor=product.vendor, actor=dinas_user)
    assert Product.objects.published().filter(pk=product.pk).exists()


def test_suspension_keeps_open_reservations(product, shopper, dinas_user):
    reservation = factories.ReservationFactory(vendor=product.vendor, shopper=shopper)

    review.vendor_suspend(vendor=product.vendor, actor=dinas_user, reason="Pemeriksaan")

    reservation.refresh_from_db()
    assert reservation.status == Reservation.Status.PLACED


def test_cached_public_pages_are_dropped_again_once_the_suspension_commits(
    vendor, dinas_user, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from sentra.cache import GENERATION_KEY

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        review.vendor_suspend(vendor=vendor, actor=dinas_user, reason="Pemeriksaan")
    before_commit = cache.get(GENERATION_KEY, 0)
    for callback in callbacks:
        callback()

    assert cache.get(GENERATION_KEY, 0) > before_commit


def test_archiving_ends_the_vendors_unit_assignment(vendor, dinas_user):
    assignment = factories.UnitAssignmentFactory(vendor=vendor)

    review.vendor_archive(vendor=vendor, actor=dinas_user, reason="Pindah ke luar daerah")

    assert not UnitAssignment.objects.filter(pk=assignment.pk).active().exists()


def test_every_active_member_is_emailed_with_the_owner_first(
    vendor, owner, dinas_user, django_capture_on_commit_callbacks
):
    from vendors.models import VendorMembership

    staff = factories.UserFactory(username="staf")
    VendorMembership.objects.create(vendor=vendor, user=staff)

    with django_capture_on_commit_callbacks(execute=True):
        review.vendor_suspend(vendor=vendor, actor=dinas_user, reason="Pemeriksaan")

    assert mail.outbox[0].to == [owner.email, staff.email]


def test_the_callers_vendor_object_reflects_the_new_status(dinas_user, owner):
    vendor = submitted_vendor(owner)

    returned = review.vendor_approve(vendor=vendor, actor=dinas_user)

    assert returned.status == vendor.status == S.APPROVED


def test_an_application_without_a_valid_nib_cannot_be_approved(owner, dinas_user):
    from django.core.exceptions import ValidationError

    vendor = factories.VendorFactory(owner=owner, status=S.SUBMITTED, nib="")

    with pytest.raises(ValidationError, match="NIB wajib diisi"):
        review.vendor_approve(vendor=vendor, actor=dinas_user)
    vendor.refresh_from_db()
    assert vendor.status == S.SUBMITTED


def test_a_lapas_application_needs_no_nib(owner, dinas_user):
    vendor = factories.VendorFactory(owner=owner, status=S.SUBMITTED, nib="", kind=Vendor.Kind.LAPAS)

    review.vendor_approve(vendor=vendor, actor=dinas_user)

    assert vendor.status == S.APPROVED
