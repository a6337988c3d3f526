"""Signals the vendors app sends for the apps above it, which it may not import (README: Code map).

`vendor_changed` is sent inside the transaction of a write that changed a vendor's approval or region; the
catalogue connects `catalog.services.vendor_copy.vendor_copy_refresh` to it so its copy on the product rows
follows in the same transaction.
"""

from django.dispatch import Signal

vendor_changed = Signal()  # kwargs: vendor_ids (a list of Vendor pks)

# Sent after the commit that added closed dates to a centre; the reservations app tells the shoppers whose open
# reservations are picked up there on those days (they keep their date and hold: nothing is moved for them).
centre_days_closed = Signal()  # kwargs: centre_id (a Centre pk), dates (a list of datetime.date)
