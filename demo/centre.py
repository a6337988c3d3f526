"""The demo centres, Kotabumi's and the provincial one in Bandar Lampung: opening hours, closed dates and the ruko
units on each floor plan."""

import datetime

from django.utils import timezone

from vendors.models import Centre, ClosedDate, OpeningHours, Regency, ShopUnit

from .data import (
    BLOCKS,
    CENTRE,
    FIXED_HOLIDAYS,
    OPENING_HOURS,
    PROVINCE_BLOCKS,
    PROVINCE_CENTRE,
    PROVINCE_OPENING_HOURS,
    PROVINCE_UNITS,
    UNITS,
)


def ensure_centre(spec: dict = CENTRE, hours: dict = OPENING_HOURS) -> Centre:
    """Return a demo centre (Kotabumi's by default) with its weekly hours and the next national holidays as
    closed dates."""
    fields = {k: v for k, v in spec.items() if k not in {"slug", "regency"}}
    centre, _ = Centre.objects.get_or_create(
        slug=spec["slug"], defaults={**fields, "regency": Regency.objects.get(code=spec["regency"])}
    )
    for weekday, (opens, closes) in hours.items():
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


def ensure_units(centre: Centre, units=UNITS, blocks=BLOCKS) -> dict[str, ShopUnit]:
    """Return the ruko units by code: block letter = floor plan row (in the order of `blocks`), number = column."""
    rows = list(blocks)
    made = {}
    for code, capacity, reserved_kind, notes in units:
        block = code.split("-")[0]
        made[code], _ = ShopUnit.objects.get_or_create(
            centre=centre,
            code=code,
            defaults={
                "block": blocks[block],
                "grid_row": rows.index(block) + 1,
                "grid_col": int(code.split("-")[1]),
                "capacity": capacity,
                "reserved_kind": reserved_kind,
                "notes": notes,
            },
        )
    return made


def ensure_province_centre() -> tuple[Centre, dict[str, ShopUnit]]:
    """The provincial Sentra UMKM in Bandar Lampung and its units (blocks P and Q, two floors)."""
    centre = ensure_centre(PROVINCE_CENTRE, PROVINCE_OPENING_HOURS)
    return centre, ensure_units(centre, PROVINCE_UNITS, PROVINCE_BLOCKS)
