"""Dinas turnover split by channel: reservasi, counter, event (sales.channels) and B2B (buyers.selectors), combined
here because sales and buyers sit side by side in the layers and may not import each other. Every row's total
is the sum of its channels; the old `sold_offline` units are counted apart, without value."""

import datetime
from collections import defaultdict

from buyers.selectors import b2b_turnover
from sales.channels import B2B, CHANNELS, channel_rows, legacy_units

B2B_KEYS = {"region": "vendor_region", "vendor": "vendor_id", "day": "day", "centre": "vendor_centre"}
SALES_KEYS = {"region": "region_code", "vendor": "vendor_pk", "day": "day", "centre": "centre_pk"}


def turnover_by(start: datetime.date, end: datetime.date, key: str | None = None, centres=None) -> dict:
    """{key value: {reservasi, counter, event, b2b, total, legacy_units}} for `key` region / vendor / day / centre /
    None (one row under the key None), of `centres` (pks; None: every centre)."""
    field = SALES_KEYS.get(key)
    keys = [field] if field else []
    table: dict = defaultdict(lambda: dict.fromkeys((*CHANNELS, "total", "legacy_units"), 0))
    for row in channel_rows(start=start, end=end, keys=keys, centres=centres):
        table[row.get(field)][row["channel"]] += row["revenue"] or 0
    if key is None:
        rows = b2b_turnover(start=start, end=end, centres=centres)
        b2b = [{"key": None, "amount": sum(r["amount"] or 0 for r in rows)}]
    else:
        b2b = b2b_turnover(start=start, end=end, group_by=B2B_KEYS[key], centres=centres)
    for row in b2b:
        if row["amount"]:
            table[row["key"]][B2B] += row["amount"]
    for row in legacy_units(start=start, end=end, keys=keys, centres=centres):
        table[row.get(field)]["legacy_units"] += row["units"] or 0
    for figures in table.values():
        figures["total"] = sum(figures[c] for c in CHANNELS)
    return dict(table)
