"""The admin of counter sales and events: read-only. A sale is recorded and voided, an event moved, an
application decided, a stall assigned and stock sent or brought back only through the services (stock and the
audit trail!); the admin shows the rows and links to the Dinas console, where those decisions are made."""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sentra.admin import ReadOnly, column, links

from .models import CounterSale, CounterSaleEvent, CounterSaleLine, Event, EventApplication, EventLog, EventStock, Stall


class CounterSaleLineInline(ReadOnly, admin.TabularInline):
    model = CounterSaleLine
    extra = 0
    can_delete = False
    fields = ["product", "product_name", "sale_unit", "unit_price", "quantity"]
    readonly_fields = fields


class CounterSaleEventInline(ReadOnly, admin.TabularInline):
    model = CounterSaleEvent
    extra = 0
    can_delete = False
    fields = [
        column("from_status", _("dari")),
        column("to_status", _("menjadi")),
        column("actor", _("oleh")),
        column("reason", _("alasan")),
        column("created_at", _("waktu")),
    ]
    readonly_fields = fields


@admin.register(CounterSale)
class CounterSaleAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["code", "vendor", "status", "payment", "total", "sold_at"]
    list_filter = ["status", "payment"]
    search_fields = ["code", "vendor__name"]
    list_select_related = ["vendor"]
    date_hierarchy = "sold_at"
    exclude = ["token"]
    inlines = [CounterSaleLineInline, CounterSaleEventInline]


class ReadOnlyInline(ReadOnly, admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True


class StallInline(ReadOnlyInline):
    model = Stall
    fields = readonly_fields = ["code", "capacity", "notes"]


class EventApplicationInline(ReadOnlyInline):
    model = EventApplication
    fk_name = "event"
    fields = readonly_fields = ["vendor", "status", "stall", "applied_at", "decided_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("vendor", "stall")


class EventStockInline(ReadOnlyInline):
    model = EventStock
    show_change_link = False
    fields = readonly_fields = ["product", "sent", "sold", "returned", "missing", "on_stall"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("product")


class EventLogInline(ReadOnlyInline):
    model = EventLog
    show_change_link = False
    fields = readonly_fields = [
        column("action", _("tindakan")),
        column("from_status", _("dari")),
        column("to_status", _("menjadi")),
        column("detail", _("rincian")),
        column("actor", _("oleh")),
        column("reason", _("alasan")),
        column("created_at", _("waktu")),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class ApplicationLogInline(EventLogInline):
    fk_name = "application"


@admin.register(Event)
class EventAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["name", "kind", "status", "centre", "venue_name", "starts_on", "ends_on"]
    list_filter = ["status", "kind", "centre"]
    search_fields = ["name", "slug", "organiser", "venue_name"]
    list_select_related = ["centre"]
    readonly_fields = ["screens"]
    date_hierarchy = "starts_on"
    inlines = [StallInline, EventApplicationInline, EventLogInline]

    @admin.display(description=_("Tindakan"))
    def screens(self, event: Event) -> str:
        return links((reverse("console:event-detail", args=[event.pk]), _("Konsol Dinas")))


@admin.register(Stall)
class StallAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["code", "event", "capacity", "notes"]
    list_filter = ["event__status"]
    search_fields = ["code", "event__name"]
    list_select_related = ["event"]


@admin.register(EventApplication)
class EventApplicationAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["vendor", "event", "status", "stall", "applied_at", "decided_at"]
    list_filter = ["status", "event__status"]
    search_fields = ["vendor__name", "event__name", "stall__code"]
    list_select_related = ["vendor", "event", "stall"]
    readonly_fields = ["screens"]
    inlines = [EventStockInline, ApplicationLogInline]

    @admin.display(description=_("Tindakan"))
    def screens(self, application: EventApplication) -> str:
        return links((reverse("console:event-detail", args=[application.event_id]), _("Konsol Dinas")))


@admin.register(EventStock)
class EventStockAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["product", "application", "sent", "sold", "returned", "missing", "on_stall"]
    list_filter = ["application__event__status"]
    search_fields = ["product__name", "application__vendor__name", "application__event__name"]
    list_select_related = ["product", "application__vendor", "application__event"]
