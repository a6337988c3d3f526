"""Fetch-and-authorise helpers for counter sales: 404 alike for "missing" and "not yours"."""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from vendors.models import Vendor
from vendors.selectors import centres_for

from .models import CounterSale, Event, EventApplication


def access_sale(user, code: str, *, vendor: Vendor) -> CounterSale:
    """Return counter sale `code` of `vendor` with its lines, to an active member of the vendor; else 404."""
    rows = CounterSale.objects.with_lines().filter(
        vendor=vendor, vendor__memberships__user_id=user.pk, vendor__memberships__is_active=True
    )
    return get_object_or_404(rows, code=(code or "").strip().upper())


def access_receipt(token: str) -> CounterSale:
    """Return the sale behind a buyer's receipt link (the token is the secret), else 404."""
    return get_object_or_404(CounterSale.objects.with_lines(), receipt_token=token)


def events_in_scope(user, rows, path: str = "centre"):
    """`rows` narrowed to the events Dinas staff `user` works on: those of their centres and the province-wide ones
    (no centre); every event for province staff and superusers. The console's centre rule (issue 17)."""
    ids = centres_for(user)
    if ids is None:
        return rows
    return rows.filter(Q(**{f"{path}__isnull": True}) | Q(**{f"{path}__in": ids}))


def access_event(user, pk: int):
    """Return event `pk` to Dinas staff (the console's guard checked the role) when it is of one of their centres
    or province-wide; 404 when missing or another centre's."""
    return get_object_or_404(events_in_scope(user, Event.objects.select_related("centre")), pk=pk)


def access_application(user, pk: int):
    """Return event application `pk` with its event and vendor to Dinas staff of the event's centre; else 404."""
    rows = EventApplication.objects.select_related("event", "vendor", "stall")
    return get_object_or_404(events_in_scope(user, rows, "event__centre"), pk=pk)


def access_public_event(slug: str):
    """Return an event shoppers may see (not a draft) by slug, else 404."""
    return get_object_or_404(Event.objects.public().select_related("centre"), slug=slug)


def access_vendor_event(slug: str, *, vendor: Vendor):
    """Return an event the vendor may see in the portal: open for applications, or one it applied to; else 404."""
    rows = Event.objects.public().filter(Q(status=Event.Status.OPEN) | Q(applications__vendor=vendor)).distinct()
    return get_object_or_404(rows, slug=slug)
