from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Reservation, ReservationEvent, ReservationLine, StockMovement


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReservationLineInline(ReadOnlyInline):
    model = ReservationLine
    fields = ["product", "product_name", "sale_unit", "unit_price", "quantity"]
    readonly_fields = fields


class ReservationEventInline(ReadOnlyInline):
    model = ReservationEvent
    fields = ["from_status", "to_status", "actor", "reason", "created_at"]
    readonly_fields = fields


@admin.register(Reservation)
class ReservationAdmin(SimpleHistoryAdmin):
    """Reservations change only through the services (stock!), so the admin shows them read-only."""

    list_display = ["code", "vendor", "shopper", "status", "pickup_date", "total", "placed_at"]
    list_filter = ["status", "pickup_date", "vendor__regency"]
    search_fields = ["code", "contact_name", "shopper__email", "vendor__name"]
    list_select_related = ["vendor", "shopper"]
    date_hierarchy = "placed_at"
    inlines = [ReservationLineInline, ReservationEventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StockMovement)
class StockMovementAdmin(admin.ModelAdmin):
    """The ledger is append-only: no add, change or delete here."""

    list_display = ["product", "on_hand_delta", "held_delta", "reason", "reservation", "actor", "created_at"]
    list_filter = ["reason"]
    search_fields = ["product__name", "reservation__code", "note"]
    list_select_related = ["product", "reservation", "actor"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
