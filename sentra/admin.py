"""Admin pieces every app's admin shares: the admin edits data, never decisions.

`ReadOnly` for rows only a service writes, `RuledHistoryAdmin` for models whose status, stock or stored copies
change only through a service or a transition table (a history revert cannot restore them either), and small
helpers for translated columns, form labels and links to the screens where decisions are made."""

from collections.abc import Callable

from django.contrib import admin, messages
from django.contrib.admin.utils import display_for_field, unquote
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.html import format_html_join
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin

from sentra.exceptions import DomainError


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
