"""The admin of centres, regions, units and vendors.

The admin edits data, never decisions: a status, a tenancy or anything else only a service or a transition
table may change is shown read-only here, with a link to the screen that decides it (the Dinas console), and
a history revert cannot restore it either. Audit rows are shown, never added, changed or deleted (the shared
pieces: sentra/admin.py)."""

from django import forms
from django.contrib import admin
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sentra.admin import LabelledFields, ReadOnly, RuledHistoryAdmin, column, links

from .access import in_scope
from .models import (
    Centre,
    ClosedDate,
    OpeningHours,
    Regency,
    ShopUnit,
    StaffScope,
    UnitAssignment,
    Vendor,
    VendorEvent,
    VendorMembership,
    VendorMove,
)
from .signals import centre_days_closed, vendor_changed


class CentreScoped:
    """Dinas staff see in the admin only the rows of their centres (the console's rule, vendors.access.in_scope);
    `centre_path` leads from a row to its centre. Superusers see every row."""

    centre_path = "centre"

    def get_queryset(self, request):
        return in_scope(request.user, super().get_queryset(request), self.centre_path)


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class ClosedDateInline(admin.TabularInline):
    model = ClosedDate
    extra = 0


@admin.register(Centre)
class CentreAdmin(CentreScoped, admin.ModelAdmin):
    centre_path = "pk"
    list_display = ["name", "town", "regency", "is_default", "phone"]
    search_fields = ["name", "address"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OpeningHoursInline, ClosedDateInline]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is ClosedDate:
            added = [row.date for row in formset.new_objects]
            if added:
                centre_id = form.instance.pk
                transaction.on_commit(lambda: centre_days_closed.send(sender=Centre, centre_id=centre_id, dates=added))


@admin.register(Regency)
class RegencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]


@admin.display(description=_("Konsol Dinas"))
def tenancy_links(assignment: UnitAssignment) -> str:
    """Where a tenancy is given, ended or moved: the console's unit and vendor pages."""
    if not assignment.pk:
        return ""
    return links(
        (reverse("console:unit-detail", args=[assignment.unit_id]), assignment.unit),
        (reverse("console:vendor-detail", args=[assignment.vendor_id]), assignment.vendor),
    )


class UnitAssignmentInline(ReadOnly, admin.TabularInline):
    """Tenancies are given, ended and moved in the console (vendors.services.units keeps the rules)."""

    model = UnitAssignment
    extra = 0
    fields = ["vendor", "start_on", "end_on", "assigned_by", "note", tenancy_links]
    readonly_fields = fields


@admin.register(ShopUnit)
class ShopUnitAdmin(CentreScoped, RuledHistoryAdmin):
    list_display = ["code", "centre", "block", "capacity", "reserved_kind", "grid_row", "grid_col"]
    list_filter = ["centre", "reserved_kind", "block"]
    search_fields = ["code", "notes"]
    readonly_fields = ["console_link"]
    inlines = [UnitAssignmentInline]

    @admin.display(description=_("Konsol Dinas"))
    def console_link(self, unit: ShopUnit) -> str:
        return links((reverse("console:unit-detail", args=[unit.pk]), unit)) if unit.pk else ""


@admin.register(UnitAssignment)
class UnitAssignmentAdmin(CentreScoped, ReadOnly, RuledHistoryAdmin):
    centre_path = "unit__centre"
    """Read-only: only vendors.services.units places a vendor (capacity, approval, the units reserved for
    Lapas and others), through the console's unit and vendor pages linked here."""

    list_display = ["unit", "vendor", "start_on", "end_on", "assigned_by", tenancy_links]
    list_filter = ["unit__centre", "end_on"]
    search_fields = ["unit__code", "vendor__name"]
    list_select_related = ["unit", "vendor", "assigned_by"]
    fields = ["unit", "vendor", "start_on", "end_on", "assigned_by", "note", "created_at", tenancy_links]
    readonly_fields = fields
    date_hierarchy = "start_on"


class VendorMembershipInline(LabelledFields, admin.TabularInline):
    model = VendorMembership
    extra = 0
    raw_id_fields = ["user"]
    labels = {"user": _("Akun")}


class VendorEventInline(ReadOnly, admin.TabularInline):
    model = VendorEvent
    extra = 0
    fields = ["from_status", "to_status", column("actor", _("oleh")), "reason", "created_at"]
    readonly_fields = fields


class VendorAdminForm(forms.ModelForm):
    """Refuses a kind the vendor's units do not allow (a unit reserved for Lapas keeps Lapas vendors)."""

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        if self.instance.pk:
            today = timezone.localdate()
            held = UnitAssignment.objects.of_vendor(self.instance).exclude(end_on__lt=today).select_related("unit")
            unit = next((a.unit for a in held if a.unit.reserved_kind not in ("", kind)), None)
            if unit is not None:
                raise forms.ValidationError(
                    _("Unit %(code)s khusus untuk %(kind)s: akhiri atau pindahkan penempatannya di konsol Dinas dulu.")
                    % {"code": unit.code, "kind": unit.get_reserved_kind_display()}
                )
        return kind


@admin.register(Vendor)
class VendorAdmin(CentreScoped, RuledHistoryAdmin):
    """Status decisions (approve, suspend, archive…) are made in the console; here they are read-only."""

    form = VendorAdminForm
    list_display = ["name", "kind", "regency", "centre", "status", "nib", "accepts_qris", "updated_at"]
    list_filter = ["status", "kind", "regency", "accepts_qris"]
    search_fields = ["name", "nib", "slug", "memberships__user__email"]
    prepopulated_fields = {"slug": ["name"]}
    # centre: moved in the console (with a reason and a VendorMove row), never here
    kept_fields = ("status", "status_note", "status_changed_at", "submitted_at", "bnsp_until", "centre")
    readonly_fields = ["decision", "created_at", "updated_at"]
    filter_horizontal = ["categories"]
    inlines = [VendorMembershipInline, VendorEventInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "regency", "centre", "nib", "categories"]}),
        (
            _("Profil"),
            {"fields": ["story", "address", "whatsapp", "logo", "accepts_qris", "opening_note", "on_holiday"]},
        ),
        (
            _("Status"),
            {
                "fields": [
                    "status",
                    "decision",
                    "status_note",
                    "status_changed_at",
                    "submitted_at",
                    "bnsp_until",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    @admin.display(description=_("Keputusan"))
    def decision(self, vendor: Vendor) -> str:
        return links((reverse("console:vendor-detail", args=[vendor.pk]), _("Konsol Dinas"))) if vendor.pk else ""

    def save_model(self, request, obj, form, change):
        # Compared with the stored row, not the form: a history revert also restores the region.
        before = Vendor.objects.filter(pk=obj.pk).values_list("regency_id", flat=True).first() if change else None
        super().save_model(request, obj, form, change)
        if before is not None and before != obj.regency_id:
            vendor_changed.send(sender=Vendor, vendor_ids=[obj.pk])  # the catalogue's copy of the region


@admin.register(VendorEvent)
class VendorEventAdmin(CentreScoped, ReadOnly, admin.ModelAdmin):
    centre_path = "vendor__centre"
    list_display = [column("vendor", _("UMKM")), "from_status", "to_status", column("actor", _("oleh")), "created_at"]
    list_filter = ["to_status"]
    search_fields = ["vendor__name", "reason"]
    list_select_related = ["vendor", "actor"]
    date_hierarchy = "created_at"


@admin.register(VendorMove)
class VendorMoveAdmin(CentreScoped, ReadOnly, admin.ModelAdmin):
    centre_path = "vendor__centre"
    list_display = [column("vendor", _("UMKM")), "from_centre", "to_centre", column("actor", _("oleh")), "created_at"]
    search_fields = ["vendor__name", "reason"]
    list_select_related = ["vendor", "actor", "from_centre", "to_centre"]


@admin.register(StaffScope)
class StaffScopeAdmin(RuledHistoryAdmin):
    """Which centres each Dinas account works on (superusers only: the Dinas group has no permission here)."""

    list_display = [column("user", _("Akun")), "whole_province", "note"]
    list_filter = ["whole_province", "centres"]
    search_fields = ["user__email", "user__username"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    filter_horizontal = ["centres"]


@admin.register(VendorMembership)
class VendorMembershipAdmin(CentreScoped, LabelledFields, admin.ModelAdmin):
    centre_path = "vendor__centre"
    list_display = [column("vendor", _("UMKM")), column("user", _("Akun")), "role", "is_active", "created_at"]
    list_filter = ["role", "is_active"]
    search_fields = ["vendor__name", "user__email"]
    list_select_related = ["vendor", "user"]
    raw_id_fields = ["user", "vendor"]
    labels = {"vendor": _("UMKM"), "user": _("Akun")}
