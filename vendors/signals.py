"""Signals the vendors app sends for the apps above it, which it may not import (README: Code map).

`vendor_changed` is sent inside the transaction of a write that changed a vendor's approval or region; the
catalogue connects `catalog.services.vendor_copy.vendor_copy_refresh` to it so its copy on the product rows
follows in the same transaction.
"""

from django.dispatch import Signal

vendor_changed = Signal()  # kwargs: vendor_ids (a list of Vendor pks)
