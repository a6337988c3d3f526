from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Centre,
    ClosedDate,
    OpeningHours,
    Regency,
    ShopUnit,
    UnitAssignment,
    Vendor,
    VendorEvent,
    VendorMembership,
)
from .signals import vendor_changed


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class ClosedDateInline(admin.TabularInline):
    model = ClosedDate
    extra = 0


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    list_display = ["name", "regency", "phone"]
    search_fields = ["name", "address"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OpeningHoursInline, ClosedDateInline]


@admin.register(Regency)
class RegencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]


class UnitAssignmentInline(admin.TabularInline):
    model = UnitAssignment
    extra = 0
    autocomplete_fields = ["vendor"]
    readonly_fields = ["assigned_by", "created_at"]


@admin.register(ShopUnit)
class ShopUnitAdmin(SimpleHistoryAdmin):
    list_display = ["code", "centre", "block", "capacity", "reserved_kind", "grid_row", "grid_col"]
    list_filter = ["centre", "reserved_kind", "block"]
    search_fields = ["code", "notes"]
    inlines = [UnitAssignmentInline]


@admin.register(UnitAssignment)
class UnitAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "vendor", "start_on", "end_on", "assigned_by"]
    list_filter = ["unit__centre", "end_on"]
    search_fields = ["unit__code", "vendor__name"]
    autocomplete_fields = ["vendor", "unit"]
    readonly_fields = ["assigned_by", "created_at"]
    date_hierarchy = "start_on"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.assigned_by = request.user
        super().save_model(request, obj, form, change)


class VendorMembershipInline(admin.TabularInline):
    model = VendorMembership
    extra = 0
    raw_id_fields = ["user"]


class VendorEventInline(admin.TabularInline):
    model = VendorEvent
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "actor", "reason", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Vendor)
class VendorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "regency", "status", "nib", "accepts_qris", "updated_at"]
    list_filter = ["status", "kind", "regency", "accepts_qris"]
    search_fields = ["name", "nib", "slug", "memberships__user__email"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["status", "status_note", "status_changed_at", "submitted_at", "created_at", "updated_at"]
    filter_horizontal = ["categories"]
    inlines = [VendorMembershipInline, VendorEventInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "regency", "nib", "categories"]}),
        (
            _("Profil"),
            {"fields": ["story", "address", "whatsapp", "logo", "accepts_qris", "opening_note", "on_holiday"]},
        ),
        (
            _("Status"),
            {"fields": ["status", "status_note", "status_changed_at", "submitted_at", "created_at", "updated_at"]},
        ),
    ]

    def save_model(self, request, obj, form, change):
        # Compared with the stored row, not the form: a history revert also restores the status and region.
        before = Vendor.objects.filter(pk=obj.pk).values_list("status", "regency_id").first() if change else None
        super().save_model(request, obj, form, change)
        if before is not None and before != (obj.status, obj.regency_id):
            vendor_changed.send(sender=Vendor, vendor_ids=[obj.pk])  # the catalogue's copy of approval and region


@admin.register(VendorEvent)
class VendorEventAdmin(admin.ModelAdmin):
    list_display = ["vendor", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["to_status"]
    search_fields = ["vendor__name", "reason"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(VendorMembership)
class VendorMembershipAdmin(admin.ModelAdmin):
    list_display = ["vendor", "user", "role", "is_active", "created_at"]
    list_filter = ["role", "is_active"]
    search_fields = ["vendor__name", "user__email"]
    raw_id_fields = ["user", "vendor"]
