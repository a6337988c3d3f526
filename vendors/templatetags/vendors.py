"""Template helpers of the vendors app: a centre's opening hours as rows, a centre by its pk."""

from typing import Any

from django import template

from vendors.models import Centre, OpeningHours
from vendors.selectors import all_centres

register = template.Library()


@register.filter
def centre_of(centre_id: Any) -> Centre | None:
    """The centre with this pk, from the cached list (no query): `{{ vendor.centre_id|centre_of }}`."""
    return next((c for c in all_centres() if c.pk == centre_id), None)


@register.simple_tag
def opening_hours_rows(centre: Any) -> list[dict]:
    """Group a centre's weekly hours into rows like 'Senin–Jumat 08.00–17.00' (days without hours: closed)."""
    if centre is None:
        return []
    by_day = {h.weekday: h for h in centre.opening_hours.all()}
    rows: list[dict] = []
    for weekday in range(7):
        hours = by_day.get(weekday)
        key = (hours.opens, hours.closes) if hours else None
        if rows and rows[-1]["key"] == key:
            rows[-1]["last"] = weekday
        else:
            rows.append({"key": key, "first": weekday, "last": weekday, "hours": hours})
    for row in rows:
        row["days"] = _day_range(row["first"], row["last"])
    return rows


def _day_range(first: int, last: int) -> str:
    names = dict(OpeningHours.Weekday.choices)
    return str(names[first]) if first == last else f"{names[first]}–{names[last]}"
