"""Emails to buyers and vendors about orders and drops: plain text through the mail queue, after the commit."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from vendors.models import Vendor


def organisation_emails(organisation) -> list[str]:
    rows = organisation.memberships.filter(is_active=True).exclude(user__email="")
    return list(rows.values_list("user__email", flat=True))


def vendor_emails(vendor: Vendor) -> list[str]:
    rows = vendor.memberships.filter(is_active=True).exclude(user__email="")
    return list(rows.values_list("user__email", flat=True))


def notify(template: str, recipients: list[str], context: dict) -> None:
    """Queue the email `emails/buyers/<template>.txt` (first line = subject) to `recipients` on commit."""
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject, _, body = render_to_string(f"emails/buyers/{template}.txt", context).strip().partition("\n")
    transaction.on_commit(lambda: send_mail(subject.strip(), body.strip(), None, recipients))


def notify_both(template: str, order, context: dict) -> None:
    """Tell the buyer's contacts and the vendor's members the same news."""
    context = {"order": order, "site_url": settings.SITE_URL, **context}
    notify(template, organisation_emails(order.organisation) + vendor_emails(order.vendor), context)
