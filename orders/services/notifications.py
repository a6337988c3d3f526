"""Reservation emails (Indonesian, plain text + simple HTML), sent only once the transaction commits."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from orders.models import Reservation
from vendors.selectors import PickupPoint, vendor_members, vendor_pickup_points

logger = logging.getLogger(__name__)

KINDS = ("placed", "ready", "cancelled", "expired")


def notify(reservation: Reservation, kind: str, *, to_vendor: bool | None = None) -> None:
    """Queue the `kind` email to the shopper (and the vendor's members) for when the transaction commits.

    The vendor hears about new reservations and cancellations it did not make itself.
    """
    assert kind in KINDS, kind
    to_vendor = kind == "placed" if to_vendor is None else to_vendor
    pk = reservation.pk
    transaction.on_commit(lambda: send_reservation_emails(pk, kind, to_vendor=to_vendor))


def notify_placed(reservations: list[Reservation], points: dict[int, PickupPoint], members: dict[int, dict]) -> None:
    """Queue the emails of a new checkout for when the transaction commits, built from the rows just written.

    Each reservation must carry its shopper, vendor and prefetched lines; `members` is `vendor_members()` of
    the checkout's vendors. Nothing is read again after the commit.
    """
    transaction.on_commit(lambda: _send_placed(reservations, points, members))


def send_reservation_emails(pk: int, kind: str, *, to_vendor: bool) -> None:
    """Render and send the emails now; a mail server failure is logged, never raised after commit."""
    reservation = Reservation.objects.with_lines().get(pk=pk)
    with _failure_logged(reservation, kind):
        point = vendor_pickup_points([reservation.vendor_id])[reservation.vendor_id]
        _send(reservation, point, kind, vendor_emails(reservation) if to_vendor else [])


def _send_placed(reservations: list[Reservation], points: dict[int, PickupPoint], members: dict[int, dict]) -> None:
    for reservation in reservations:
        with _failure_logged(reservation, "placed"):
            recipients = _addresses(members.get(reservation.vendor_id, {}))
            _send(reservation, points[reservation.vendor_id], "placed", recipients)


@contextmanager
def _failure_logged(reservation: Reservation, kind: str) -> Iterator[None]:
    try:
        yield
    except Exception:  # noqa: BLE001 - the reservation is committed; mail trouble must not turn into a 500
        logger.exception("reservation email failed reservation=%s kind=%s", reservation.code, kind)


def _send(reservation: Reservation, point: PickupPoint, kind: str, vendor_recipients: list[str]) -> None:
    """Send the shopper's email, and the vendor's to `vendor_recipients` if any."""
    with translation.override(settings.LANGUAGE_CODE):
        messages = [_message(reservation, point, kind, reservation.shopper.email, shopper_url(reservation), False)]
        if vendor_recipients:
            messages.append(_message(reservation, point, kind, vendor_recipients, vendor_url(reservation), True))
    for message in messages:
        message.send()


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


def vendor_emails(reservation: Reservation) -> list[str]:
    return _addresses(vendor_members([reservation.vendor_id]).get(reservation.vendor_id, {}))


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
