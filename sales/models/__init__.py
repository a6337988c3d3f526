"""Counter sales (at the unit or at an event stall) and events with their stalls, applications and stock."""

from .counter import (
    SALE_PREFIX,
    CounterSale,
    CounterSaleEvent,
    CounterSaleLine,
    CounterSaleQuerySet,
    day_bounds,
    new_receipt_token,
    new_sale_code,
)
from .events import Event, EventApplication, EventLog, EventStock, Stall

__all__ = [
    "SALE_PREFIX",
    "CounterSale",
    "CounterSaleEvent",
    "CounterSaleLine",
    "CounterSaleQuerySet",
    "Event",
    "EventApplication",
    "EventLog",
    "EventStock",
    "Stall",
    "day_bounds",
    "new_receipt_token",
    "new_sale_code",
]
