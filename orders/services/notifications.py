"""Reservation emails (Indonesian, plain text + simple HTML): queued when the transaction commits, built and
sent by the task worker (`send_reservation_emails`), so no request waits for them."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django_tasks import task

from orders.models import Reservation
from orders.selectors import reservation_pickup_points
from vendors.selectors import PickupPoint, vendor_members

KINDS = ("placed", "ready", "cancelled", "expired")


def notify(reservation: Reservation, kind: str, *, to_vendor: bool | None = None) -> None:
    """Queue the `kind` email to the shopper (and the vendor's members) for when the transaction commits.

    The vendor hears about new reservations and cancellations it did not make itself.
    """
    assert kind in KINDS, kind
    to_vendor = kind == "placed" if to_vendor is None else to_vendor
    _enqueue_on_commit([reservation.pk], kind, to_vendor)


def notify_placed(reservations: list[Reservation]) -> None:
    """Queue the emails of a new checkout (shopper and vendors) for when the transaction commits."""
    _enqueue_on_commit([reservation.pk for reservation in reservations], "placed", True)


def notify_centre_closed(sender=None, *, centre_id: int, dates, **kwargs) -> int:
    """A centre closes on `dates`: email the shoppers of open reservations picked up there then. Their pickup
    date and hold stay as they are (the vendor arranges the handover); return how many reservations."""
    pks = list(
        Reservation.objects.open()
        .filter(pickup_centre_id=centre_id, pickup_date__in=list(dates))
        .values_list("pk", flat=True)
    )
    if pks:
        send_reservation_emails.enqueue(pks, "centre_closed", False)
    return len(pks)


def _enqueue_on_commit(pks: list[int], kind: str, to_vendor: bool) -> None:
    # After the commit: the worker must find the rows. The emails are built by the worker, not the request.
    transaction.on_commit(lambda: send_reservation_emails.enqueue(pks, kind, to_vendor))


@task()
def send_reservation_emails(pks: list[int], kind: str, to_vendor: bool) -> int:
    """Build and send the `kind` emails of these reservations (a task the worker runs); return how many."""
    reservations = list(Reservation.objects.filter(pk__in=pks).with_lines().order_by("pk"))
    vendor_ids = {reservation.vendor_id for reservation in reservations}
    points = reservation_pickup_points(reservations)  # the place fixed when each was placed
    members = vendor_members(vendor_ids) if to_vendor else {}
    sent = 0
    for reservation in reservations:
        recipients = _addresses(members.get(reservation.vendor_id, {}))
        sent += _send(reservation, points[reservation.pk], kind, recipients)
    return sent


def _send(reservation: Reservation, point: PickupPoint, kind: str, vendor_recipients: list[str]) -> int:
    """Send the shopper's email, and the vendor's to `vendor_recipients` if any; return how many."""
    with translation.override(settings.LANGUAGE_CODE):
        messages = [_message(reservation, point, kind, reservation.shopper.email, shopper_url(reservation), False)]
        if vendor_recipients:
            messages.append(_message(reservation, point, kind, vendor_recipients, vendor_url(reservation), True))
    for message in messages:
        message.send()
    return len(messages)


def shopper_url(reservation: Reservation) -> str:
    return settings.SITE_URL.rstrip("/") + reservation.get_absolute_url()


def vendor_url(reservation: Reservation) -> str:
    """The owner portal's page for this reservation (falls back to the portal's list, then its home)."""
    for name, kwargs in (("vendors:reservation-detail", {"code": reservation.code}), ("vendors:reservation-list", {})):
        try:
            return settings.SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return settings.SITE_URL.rstrip("/") + "/toko/"


def _addresses(members: dict[int, str]) -> list[str]:
    return sorted({email for email in members.values() if email})


def _message(
    reservation: Reservation, point: PickupPoint, kind: str, to, url: str, for_vendor: bool
) -> EmailMultiAlternatives:
    context = {
        "reservation": reservation,
        "point": point,
        "url": url,
        "for_vendor": for_vendor,
        "SITE_URL": settings.SITE_URL,
    }
    subject = context["subject"] = " ".join(render_to_string(f"emails/orders/{kind}_subject.txt", context).split())
    body = render_to_string(f"emails/orders/{kind}.txt", context)
    html = render_to_string(f"emails/orders/{kind}.html", context)
    message = EmailMultiAlternatives(subject, body, None, [to] if isinstance(to, str) else to)
    message.attach_alternative(html, "text/html")
    return message
