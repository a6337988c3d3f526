"""Reservation services: place, mark ready, collect, cancel, expire (see SPEC §5)."""

from .errors import (
    CheckoutConflict,
    EmailNotVerified,
    EmptyCart,
    InvalidQuantity,
    LimitExceeded,
    OutOfStock,
    OwnProduct,
    PickupDateInvalid,
    ProductUnavailable,
    ReservationClosed,
    ReservationError,
    ReservationNotFound,
    VendorUnavailable,
)
from .expiry import reservation_expire_overdue
from .pickup import normalize_code, reservation_cancel, reservation_collect, reservation_mark_ready
from .reserve import checkout_lead_days, reservation_place
from .schedule import common_pickup_dates, earliest_pickup_date, hold_deadline, pickup_dates

__all__ = [
    "CheckoutConflict",
    "EmailNotVerified",
    "EmptyCart",
    "InvalidQuantity",
    "LimitExceeded",
    "OutOfStock",
    "OwnProduct",
    "PickupDateInvalid",
    "ProductUnavailable",
    "ReservationClosed",
    "ReservationError",
    "ReservationNotFound",
    "VendorUnavailable",
    "checkout_lead_days",
    "common_pickup_dates",
    "earliest_pickup_date",
    "hold_deadline",
    "normalize_code",
    "pickup_dates",
    "reservation_cancel",
    "reservation_collect",
    "reservation_expire_overdue",
    "reservation_mark_ready",
    "reservation_place",
]
