"""Dinas decisions on a vendor: approve, ask for revision, reject, suspend, reinstate, archive."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from sentra.cache import invalidate_pages
from sentra.exceptions import clean_or_refuse
from vendors.models import UnitAssignment, Vendor, VendorEvent, VendorMembership


def vendor_recipients(vendor: Vendor) -> list[str]:
    """Return the email addresses of the vendor's active members, owner first."""
    members = (
        VendorMembership.objects.filter(vendor=vendor, is_active=True)
        .select_related("user")
        .order_by("role", "created_at")  # "owner" sorts before "staff"
    )
    return list(dict.fromkeys(m.user.email for m in members if m.user.email))


def notify_vendor(vendor: Vendor, template: str, context: dict) -> None:
    """Email the vendor's members from `emails/console/<template>_{subject,body}.txt`."""
    recipients = vendor_recipients(vendor)
    if not recipients:
        return
    context = {"vendor": vendor, "site_url": settings.SITE_URL, **context}
    with translation.override(settings.LANGUAGE_CODE):  # owners read Indonesian, whatever the staff's language
        subject = render_to_string(f"emails/console/{template}_subject.txt", context).strip()
        body = render_to_string(f"emails/console/{template}_body.txt", context)
    send_mail(subject, body, None, recipients)


def _decide(vendor: Vendor, to: str, *, actor, reason: str = "") -> VendorEvent:
    locked = Vendor.objects.select_for_update().get(pk=vendor.pk)
    event = locked.transition(to, actor=actor, reason=reason.strip())
    for field in ("status", "status_note", "status_changed_at"):
        setattr(vendor, field, getattr(locked, field))
    context = {"event": event, "portal_url": f"{settings.SITE_URL}/toko/"}
    transaction.on_commit(lambda: notify_vendor(locked, "vendor_status", context))
    if Vendor.Status.APPROVED in (event.from_status, event.to_status):
        # The save signal already dropped cached pages, but a visitor may re-cache the old page before commit.
        transaction.on_commit(invalidate_pages)
    return event


@transaction.atomic
def vendor_approve(*, vendor: Vendor, actor, reason: str = "") -> Vendor:
    """Accept a submitted application (its NIB must be valid): the vendor and its published products go public."""
    clean_or_refuse(Vendor.objects.get(pk=vendor.pk), full=False)  # NIB present and well-formed for UMKM and koperasi
    _decide(vendor, Vendor.Status.APPROVED, actor=actor, reason=reason)
    return vendor


@transaction.atomic
def vendor_request_revision(*, vendor: Vendor, actor, reason: str) -> Vendor:
    """Send a submitted application back to the owner with a note on what to fix."""
    _decide(vendor, Vendor.Status.REVISION_REQUESTED, actor=actor, reason=reason)
    return vendor


@transaction.atomic
def vendor_reject(*, vendor: Vendor, actor, reason: str) -> Vendor:
    """Refuse a submitted application for good, with the reason."""
    _decide(vendor, Vendor.Status.REJECTED, actor=actor, reason=reason)
    return vendor


@transaction.atomic
def vendor_suspend(*, vendor: Vendor, actor, reason: str) -> Vendor:
    """Freeze an approved vendor: its products disappear at once; open reservations stay."""
    _decide(vendor, Vendor.Status.SUSPENDED, actor=actor, reason=reason)
    return vendor


@transaction.atomic
def vendor_reinstate(*, vendor: Vendor, actor, reason: str = "") -> Vendor:
    """Lift a suspension: the vendor and its published products are public again."""
    _decide(vendor, Vendor.Status.APPROVED, actor=actor, reason=reason)
    return vendor


@transaction.atomic
def vendor_archive(*, vendor: Vendor, actor, reason: str = "") -> Vendor:
    """Retire a vendor for good; its unit assignments end yesterday, so its places are free today."""
    _decide(vendor, Vendor.Status.ARCHIVED, actor=actor, reason=reason)
    today = timezone.localdate()
    current = UnitAssignment.objects.select_for_update().filter(vendor=vendor)
    current = current.filter(Q(end_on__isnull=True) | Q(end_on__gte=today))
    for assignment in current:
        assignment._history_user = actor
        if assignment.start_on >= today:  # never took effect
            assignment.delete()
            continue
        assignment.end_on = today - datetime.timedelta(days=1)
        assignment.save(update_fields=["end_on"])
    return vendor
