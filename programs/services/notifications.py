"""Emails to owners about their programme places, sent through the queue once the decision is committed."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from vendors.services.review import vendor_recipients

from ..models import Participant, ParticipantEvent


def notify_participant(participant: Participant, event: ParticipantEvent) -> None:
    """Email the vendor's members about a decision on their place (after commit; the backend queues it)."""
    context = {
        "participant": participant,
        "programme": participant.programme,
        "vendor": participant.vendor,
        "event": event,
        "portal_url": settings.SITE_URL + reverse("vendors:programme-list"),
    }
    transaction.on_commit(lambda: _send(participant, context))


def _send(participant: Participant, context: dict) -> None:
    recipients = vendor_recipients(participant.vendor)
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):  # owners read Indonesian, whatever the staff's language
        subject = render_to_string("emails/programs/participant_decision_subject.txt", context).strip()
        body = render_to_string("emails/programs/participant_decision_body.txt", context)
    send_mail(subject, body, None, recipients)
