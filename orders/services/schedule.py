"""Pickup dates and hold deadlines from the centre's opening hours and closed dates (SPEC §5)."""

import datetime

from django.conf import settings
from django.utils import timezone

from vendors.models import Centre


def earliest_pickup_date(centre: Centre, *, now: datetime.datetime, lead_days: int = 0) -> datetime.date | None:
    """Return the first day a reservation can be picked up: today while still open, else the next open day.

    A made-to-order product pushes it to the `lead_days`-th open day after today.
    """
    today = timezone.localtime(now).date()
    if lead_days > 0:
        days = centre.open_days(today + datetime.timedelta(days=1), lead_days)
        return days[-1] if len(days) == lead_days else None
    closing = centre.closing_at(today)
    start = today if closing and now < closing else today + datetime.timedelta(days=1)
    days = centre.open_days(start, 1)
    return days[0] if days else None


def pickup_dates(centre: Centre | None, *, now: datetime.datetime, lead_days: int = 0) -> list[datetime.date]:
    """Return the dates a shopper may choose: the next SENTRA_PICKUP_WINDOW_DAYS open days from the earliest."""
    if centre is None:
        return []
    first = earliest_pickup_date(centre, now=now, lead_days=lead_days)
    if first is None:
        return []
    return centre.open_days(first, settings.SENTRA_PICKUP_WINDOW_DAYS)


def common_pickup_dates(
    centres: list[Centre | None], *, now: datetime.datetime, lead_days: int = 0
) -> list[datetime.date]:
    """Return the dates valid at every centre of a checkout (usually there is one centre)."""
    if not centres:
        return []
    allowed = set(pickup_dates(centres[0], now=now, lead_days=lead_days))
    for centre in centres[1:]:
        allowed &= set(pickup_dates(centre, now=now, lead_days=lead_days))
    return sorted(allowed)


def hold_deadline(centre: Centre, day: datetime.date) -> datetime.datetime | None:
    """Return when a hold for pickup on `day` ends: the centre's closing time that day."""
    return centre.closing_at(day)
