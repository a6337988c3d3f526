"""Writes of the sales app: counter sales (`counter`) and events with their applications and stock (`events`)."""

from .counter import MAX_QUANTITY, SELLABLE, OutOfStock, SaleError, sale_record, sale_void

__all__ = ["MAX_QUANTITY", "SELLABLE", "OutOfStock", "SaleError", "sale_record", "sale_void"]
