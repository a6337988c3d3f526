"""The admin of reservations and the stock ledger: read-only (see vendors/admin.py). Reservations move only
through the services (stock!), on the owner's reservation screen; the ledger is append-only."""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sentra.admin import ReadOnly, RuledHistoryAdmin, column, links
from vendors.admin import CentreScoped

from .models import Reservation, ReservationEvent, ReservationLine, StockMovement


class ReadOnlyInline(ReadOnly, admin.TabularInline):
    extra = 0
    can_delete = False


class ReservationLineInline(ReadOnlyInline):
    model = ReservationLine
    fields = ["product", "product_name", "sale_unit", "unit_price", "quantity"]
    readonly_fields = fields


class ReservationEventInline(ReadOnlyInline):
    model = ReservationEvent
    fields = [
        column("from_status", _("dari")),
        column("to_status", _("menjadi")),
        column("actor", _("oleh")),
        column("reason", _("alasan")),
        column("created_at", _("waktu")),
    ]
    readonly_fields = fields


@admin.register(Reservation)
class ReservationAdmin(CentreScoped, ReadOnly, RuledHistoryAdmin):
    centre_path = "vendor__centre"
    """Read-only, a history revert too: status, total, pickup code and hold change only through the services."""

    list_display = ["code", "vendor", "shopper", "status", "pickup_date", "total", "placed_at"]
    list_filter = ["status", "pickup_date", "vendor__regency"]
    search_fields = ["code", "contact_name", "shopper__email", "vendor__name"]
    list_select_related = ["vendor", "shopper"]
    readonly_fields = ["screens"]
    date_hierarchy = "placed_at"
    inlines = [ReservationLineInline, ReservationEventInline]

    @admin.display(description=_("Tindakan"))
    def screens(self, reservation: Reservation) -> str:
        """The owner's reservation page, where it is made ready, handed over or cancelled."""
        return links((reverse("vendors:reservation-detail", args=[reservation.code]), _("Portal UMKM")))


@admin.register(StockMovement)
class StockMovementAdmin(ReadOnly, admin.ModelAdmin):
    """The ledger is append-only: no add, change or delete here."""

    list_display = ["product", "on_hand_delta", "held_delta", "reason", "reservation", "actor", "created_at"]
    list_filter = ["reason"]
    search_fields = ["product__name", "reservation__code", "note"]
    list_select_related = ["product", "reservation", "actor"]
    date_hierarchy = "created_at"
