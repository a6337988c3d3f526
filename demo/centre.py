"""The demo centre in Kotabumi: opening hours, closed dates and the ruko units on the floor plan."""

import datetime

from django.utils import timezone

from vendors.models import Centre, ClosedDate, OpeningHours, Regency, ShopUnit

from .data import BLOCKS, CENTRE, FIXED_HOLIDAYS, OPENING_HOURS, UNITS


def ensure_centre() -> Centre:
    """Return the demo centre with its weekly hours and the next national holidays as closed dates."""
    fields = {k: v for k, v in CENTRE.items() if k not in {"slug", "regency"}}
    centre, _ = Centre.objects.get_or_create(
        slug=CENTRE["slug"], defaults={**fields, "regency": Regency.objects.get(code=CENTRE["regency"])}
    )
    for weekday, (opens, closes) in OPENING_HOURS.items():
        OpeningHours.objects.get_or_create(centre=centre, weekday=weekday, defaults={"opens": opens, "closes": closes})
    for day, reason in upcoming_holidays(timezone.localdate()):
        ClosedDate.objects.get_or_create(centre=centre, date=day, defaults={"reason": reason})
    return centre


def upcoming_holidays(today: datetime.date, count: int = 3) -> list[tuple[datetime.date, str]]:
    """Return the next `count` fixed-date national holidays after `today`."""
    dates = [
        (datetime.date(year, month, day), name)
        for year in (today.year, today.year + 1)
        for month, day, name in FIXED_HOLIDAYS
    ]
    return sorted(d for d in dates if d[0] > today)[:count]


def ensure_units(centre: Centre) -> dict[str, ShopUnit]:
    """Return the ruko units by code: block letter = floor plan row, number = column."""
    units = {}
    for code, capacity, reserved_kind, notes in UNITS:
        block = code.split("-")[0]
        units[code], _ = ShopUnit.objects.get_or_create(
            centre=centre,
            code=code,
            defaults={
                "block": BLOCKS[block],
                "grid_row": "ABC".index(block) + 1,
                "grid_col": int(code.split("-")[1]),
                "capacity": capacity,
                "reserved_kind": reserved_kind,
                "notes": notes,
            },
        )
    return units
