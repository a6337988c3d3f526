"""Reservation services: place, mark ready, collect, cancel, expire (see SPEC §5).

Rules as implemented:
- `reservation_place` makes one reservation per vendor in one transaction (all or none). It locks the
  shopper's user row (one checkout per shopper at a time), then the overdue reservations holding any
  cart product, then the products, each in pk order; expires those overdue holds first; re-checks
  publication, vendor status, own-vendor membership and availability; and holds stock with a
  conditional UPDATE. Prices, names and units are copied from the database into the lines.
  It takes a constant number of queries whatever the number of lines or vendors (batched reads and
  inserts, one UPDATE for all holds; tests/orders/test_reserve_queries.py), emails included.
- A hold ends at the closing time of the vendor's centre on the pickup date. Pickup dates are the next
  SENTRA_PICKUP_WINDOW_DAYS open days counted from the earliest date the whole cart can be ready:
  today while the centre is still open, or the lead_time_days-th open day after today when the cart
  holds a made-to-order product.
- Made-to-order lines hold no stock (`stock_reserved` is untouched) and collecting them leaves
  `stock_on_hand` alone: they are produced for the shopper. The line's `made_to_order` snapshot decides,
  so toggling the product later cannot unbalance the counters.
- Collect: on hand -q and held -q (ledger reason `collected`); cancel/expire: held -q (`released`).
  A placed reservation handed over at the counter gets its `ready` step recorded first. The portal looks
  the code up first (`reservation_for_code`) and collects only from its review page.
- Undo a hand-over (`reservation_uncollect`): within Reservation.HANDOVER_UNDO_WINDOW (15 minutes), by an
  active member of the vendor: back to ready, on hand +q and held +q (`uncollected`), collected_at cleared,
  the hold kept (or extended to today's closing when it has passed), an event row with the actor.
- The same `checkout_token` returns the reservations it already made (double submit).
- Emails go out in `transaction.on_commit`: placed (shopper + vendor members), ready, cancelled
  (shopper; vendor too when it did not cancel itself), expired.
"""

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
from .pickup import (
    is_pickup_code,
    normalize_code,
    reservation_cancel,
    reservation_collect,
    reservation_for_code,
    reservation_mark_ready,
    reservation_uncollect,
)
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
    "is_pickup_code",
    "normalize_code",
    "pickup_dates",
    "reservation_cancel",
    "reservation_collect",
    "reservation_expire_overdue",
    "reservation_for_code",
    "reservation_mark_ready",
    "reservation_place",
    "reservation_uncollect",
]
