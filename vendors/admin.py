"""The admin of centres, regions, units and vendors.

The admin edits data, never decisions: a status, a tenancy or anything else only a service or a transition
table may change is shown read-only here, with a link to the screen that decides it (the Dinas console), and
a history revert cannot restore it either. Audit rows are shown, never added, changed or deleted. The pieces
shared with the catalog and orders admins (`ReadOnly`, `RuledHistoryAdmin`, `column`, `links`) live here, in
the lowest app with an admin."""

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import display_for_field, unquote
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from sentra.exceptions import DomainError

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


def column(name: str, description) -> Callable[[models.Model], str]:
    """A list or read-only inline column of field `name` under a translated header (for the fields that
    have no verbose_name of their own), shown as the admin shows the field itself."""

    @admin.display(description=description, ordering=name)
    def show(obj) -> str:
        return display_for_field(getattr(obj, name), obj._meta.get_field(name), "-")

    show.__name__ = name
    return show


def links(*pairs: tuple[str, object]) -> str:
    """Links (url, text) to the screens where a decision is made, separated by a middle dot."""
    return format_html_join(" · ", '<a href="{}">{}</a>', pairs)


class LabelledFields:
    """Form labels for the model fields without a verbose_name of their own (`labels`: name -> label)."""

    labels: dict[str, str] = {}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name in self.labels:
            field.label = self.labels[db_field.name]
        return field


class ReadOnly:
    """Rows only a service writes (audit trails, tenancies, the ledger): shown, never added, changed or
    deleted in the admin, so no "delete selected" action is offered either. For admins and inlines alike."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RuledHistoryAdmin(SimpleHistoryAdmin):
    """A SimpleHistoryAdmin that never writes what a service or a transition table governs.

    `kept_fields` are read-only and never written: a save writes every other column, so a history revert
    (which saves a whole past version) brings the data back but leaves status, stock and stored copies as
    they are, and says so. A revert moves `status` only through `revert_status()`. Saving a past version
    needs the change permission (simple-history itself asks only for the view permission)."""

    kept_fields: tuple[str, ...] = ()

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + [name for name in self.kept_fields if name not in readonly]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if request.method == "POST" and not self.has_change_permission(request, obj):
            raise PermissionDenied
        with transaction.atomic():  # unlike the change view, simple-history's view runs outside a transaction
            return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        if not change or not self.kept_fields:
            return super().save_model(request, obj, form, change)
        kept = [obj._meta.get_field(name) for name in self.kept_fields]
        stored = type(obj)._default_manager.get(pk=obj.pk)
        version = {field.name: getattr(obj, field.attname) for field in kept}  # a past version's, in a revert
        for field in kept:
            setattr(obj, field.attname, getattr(stored, field.attname))
        obj._history_user = request.user
        obj.save(update_fields=[f.name for f in obj._meta.concrete_fields if not f.primary_key and f not in kept])
        if version.get("status", obj.status) != obj.status:
            self._move_status(request, obj, version["status"])
        if left := [str(f.verbose_name) for f in kept if version[f.name] != getattr(obj, f.attname)]:
            message = gettext("Dikembalikan tanpa %(fields)s: itu hanya berubah lewat layarnya sendiri.")
            self.message_user(request, message % {"fields": ", ".join(left)}, messages.WARNING)

    def _move_status(self, request, obj, status: str) -> None:
        try:
            with transaction.atomic():
                self.revert_status(request, obj, status)
        except DomainError as error:  # the transition table (or the service) refused the move
            self.message_user(request, str(error), messages.WARNING)

    def revert_status(self, request, obj, status: str) -> None:
        """Move `obj` to a past version's `status` through its service or transition, or raise DomainError.
        By default a revert keeps the status: it changes only where it is decided."""


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
class ShopUnitAdmin(RuledHistoryAdmin):
    list_display = ["code", "centre", "block", "capacity", "reserved_kind", "grid_row", "grid_col"]
    list_filter = ["centre", "reserved_kind", "block"]
    search_fields = ["code", "notes"]
    readonly_fields = ["console_link"]
    inlines = [UnitAssignmentInline]

    @admin.display(description=_("Konsol Dinas"))
    def console_link(self, unit: ShopUnit) -> str:
        return links((reverse("console:unit-detail", args=[unit.pk]), unit)) if unit.pk else ""


@admin.register(UnitAssignment)
class UnitAssignmentAdmin(ReadOnly, RuledHistoryAdmin):
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
class VendorAdmin(RuledHistoryAdmin):
    """Status decisions (approve, suspend, archive…) are made in the console; here they are read-only."""

    form = VendorAdminForm
    list_display = ["name", "kind", "regency", "status", "nib", "accepts_qris", "updated_at"]
    list_filter = ["status", "kind", "regency", "accepts_qris"]
    search_fields = ["name", "nib", "slug", "memberships__user__email"]
    prepopulated_fields = {"slug": ["name"]}
    kept_fields = ("status", "status_note", "status_changed_at", "submitted_at", "bnsp_until")
    readonly_fields = ["decision", "created_at", "updated_at"]
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
class VendorEventAdmin(ReadOnly, admin.ModelAdmin):
    list_display = [column("vendor", _("UMKM")), "from_status", "to_status", column("actor", _("oleh")), "created_at"]
    list_filter = ["to_status"]
    search_fields = ["vendor__name", "reason"]
    list_select_related = ["vendor", "actor"]
    date_hierarchy = "created_at"


@admin.register(VendorMembership)
class VendorMembershipAdmin(LabelledFields, admin.ModelAdmin):
    list_display = [column("vendor", _("UMKM")), column("user", _("Akun")), "role", "is_active", "created_at"]
    list_filter = ["role", "is_active"]
    search_fields = ["vendor__name", "user__email"]
    list_select_related = ["vendor", "user"]
    raw_id_fields = ["user", "vendor"]
    labels = {"vendor": _("UMKM"), "user": _("Akun")}
