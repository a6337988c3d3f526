"""The admin of institutional buyers: read-only (see orders/admin.py). Organisations are verified in the Dinas
console, orders and drops move only through the services (stock holds!), invoices are numbered per vendor by the
services; the admin shows the rows and their audit trail, and links to the screens where they are decided."""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sentra.admin import ReadOnly, links

from .models import (
    BuyerOrder,
    BuyerOrderLine,
    Invoice,
    Occurrence,
    OccurrenceEvent,
    OccurrenceLine,
    Organisation,
    OrganisationEvent,
    OrganisationMembership,
)


class ReadOnlyInline(ReadOnly, admin.TabularInline):
    extra = 0
    can_delete = False


class MembershipInline(ReadOnlyInline):
    model = OrganisationMembership
    fields = readonly_fields = ["user", "role", "is_active", "created_at"]


class OrganisationEventInline(ReadOnlyInline):
    model = OrganisationEvent
    fields = readonly_fields = ["from_status", "to_status", "actor", "reason", "created_at"]


class BuyerOrderLineInline(ReadOnlyInline):
    model = BuyerOrderLine
    fields = readonly_fields = ["product", "quantity", "unit_price"]


class OccurrenceLineInline(ReadOnlyInline):
    model = OccurrenceLine
    fields = readonly_fields = ["product", "product_name", "sale_unit", "quantity", "proposed_quantity", "unit_price"]


class OccurrenceEventInline(ReadOnlyInline):
    model = OccurrenceEvent
    fields = readonly_fields = ["from_status", "to_status", "actor", "reason", "created_at"]


@admin.register(Organisation)
class OrganisationAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["name", "kind", "regency", "status", "created_at"]
    list_filter = ["status", "kind", "regency"]
    search_fields = ["name", "npwp", "phone"]
    list_select_related = ["regency"]
    readonly_fields = ["screens"]
    inlines = [MembershipInline, OrganisationEventInline]

    @admin.display(description=_("Tindakan"))
    def screens(self, organisation: Organisation) -> str:
        return links((reverse("console:buyer-detail", args=[organisation.pk]), _("Konsol Dinas")))


@admin.register(BuyerOrder)
class BuyerOrderAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["pk", "organisation", "vendor", "kind", "status", "start_date", "end_date"]
    list_filter = ["status", "kind", "fulfilment"]
    search_fields = ["organisation__name", "vendor__name"]
    list_select_related = ["organisation", "vendor"]
    date_hierarchy = "start_date"
    inlines = [BuyerOrderLineInline]


@admin.register(Occurrence)
class OccurrenceAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["code", "order", "date", "status"]
    list_filter = ["status"]
    search_fields = ["order__organisation__name", "order__vendor__name"]
    list_select_related = ["order__organisation", "order__vendor"]
    date_hierarchy = "date"
    inlines = [OccurrenceLineInline, OccurrenceEventInline]


@admin.register(Invoice)
class InvoiceAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["display_number", "vendor", "organisation", "issued_on", "due_on", "amount", "paid_on"]
    list_filter = ["issued_on", "paid_on"]
    search_fields = ["vendor__name", "organisation__name"]
    list_select_related = ["vendor", "organisation"]
    date_hierarchy = "issued_on"
