"""The admin of counter sales: read-only; a sale is recorded and voided only through the services (stock!)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from sentra.admin import ReadOnly, column

from .models import CounterSale, CounterSaleEvent, CounterSaleLine


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
