"""Reads of the counter-sale and event screens that reach into the catalogue."""

import re

from django.db.models import Prefetch, QuerySet

from catalog.models import Product
from vendors.models import Vendor

from .models import Event, EventApplication, EventStock
from .services import SELLABLE

PRODUCT_URL = re.compile(r"/produk/(?P<slug>[-\w]+)/?")
LIST_LIMIT = 60


def counter_products(vendor: Vendor, query: str = "") -> QuerySet:
    """The vendor's products that can be sold over the counter, matching a name or a scanned/pasted label URL."""
    rows = Product.objects.filter(vendor=vendor, status__in=SELLABLE).only(
        "pk", "name", "price", "sale_unit", "stock_on_hand", "stock_reserved", "made_to_order", "slug", "vendor_id"
    )
    query = (query or "").strip()[:200]
    if match := PRODUCT_URL.search(query):
        rows = rows.filter(slug=match["slug"])
    elif query:
        rows = rows.filter(name__icontains=query)
    return rows.order_by("name")


def event_vendors(event) -> list:
    """The accepted vendors of `event` with their stall and the products they bring (published ones), by stall."""
    published = Product.objects.published().only("pk", "name", "slug", "price", "sale_unit", "vendor_id")
    return list(
        EventApplication.objects.accepted()
        .filter(event=event, vendor__status=Vendor.Status.APPROVED)
        .select_related("vendor__regency", "stall")
        .prefetch_related(Prefetch("products", published.order_by("name"), to_attr="shown_products"))
        .order_by("stall__code", "vendor__name")
    )


def running_stalls(vendor: Vendor) -> list:
    """The vendor's accepted applications at running events (where its counter sales may be recorded)."""
    return list(
        EventApplication.objects.accepted()
        .filter(vendor=vendor, event__status=Event.Status.RUNNING)
        .select_related("event", "stall")
        .order_by("event__starts_on")
    )


def stall_stock(applications) -> list[dict]:
    """What is on each stall of these applications: event name, stall code, and (product name, units) rows."""
    rows = EventStock.objects.filter(application__in=list(applications), on_stall__gt=0).select_related("product")
    by_application: dict[int, list] = {}
    for row in rows.order_by("product__name"):
        by_application.setdefault(row.application_id, []).append((row.product.name, row.on_stall))
    return [{"event": a.event.name, "stall": a.stall.code, "rows": by_application.get(a.pk, [])} for a in applications]
