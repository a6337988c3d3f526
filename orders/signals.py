"""Signals of the orders app for the apps above it (they may not be imported here)."""

from django.dispatch import Signal

# Sent after a commit that raised a product's free stock: kwargs `product_id` and `rise` (units freed or added).
# reviews listens to email shoppers whose favourite is back in stock.
stock_raised = Signal()
