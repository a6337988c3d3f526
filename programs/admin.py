"""The admin of pembinaan: read-only. Programmes, decisions on participants, aid and pendataan are made in the
Dinas console, which records who decided; the admin shows the rows and their audit trail, and links there.
Scans and photos are private: they are left out here and served only by the permission-checked views."""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sentra.admin import ReadOnly, links

from .models import AidRecord, DataRound, Participant, ParticipantEvent, Programme, ProgrammeEvent


class ReadOnlyInline(ReadOnly, admin.TabularInline):
    extra = 0
    can_delete = False


class ProgrammeEventInline(ReadOnlyInline):
    model = ProgrammeEvent
    fields = readonly_fields = ["from_status", "to_status", "actor", "reason", "created_at"]


class ParticipantEventInline(ReadOnlyInline):
    model = ParticipantEvent
    fields = readonly_fields = ["from_status", "to_status", "outcome", "actor", "reason", "created_at"]


@admin.register(Programme)
class ProgrammeAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["name", "kind", "status", "starts_on", "ends_on", "quota", "funding"]
    list_filter = ["kind", "status", "funding"]
    search_fields = ["name", "organiser", "partner", "scheme"]
    readonly_fields = ["screens"]
    date_hierarchy = "starts_on"
    inlines = [ProgrammeEventInline]

    @admin.display(description=_("Tindakan"))
    def screens(self, programme: Programme) -> str:
        return links((reverse("console:programme-detail", args=[programme.pk]), _("Konsol Dinas")))


@admin.register(Participant)
class ParticipantAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["vendor", "programme", "status", "outcome", "source", "created_at"]
    list_filter = ["status", "outcome", "source", "programme__kind"]
    search_fields = ["vendor__name", "programme__name"]
    list_select_related = ["vendor", "programme"]
    readonly_fields = ["screens"]
    inlines = [ParticipantEventInline]

    @admin.display(description=_("Tindakan"))
    def screens(self, participant: Participant) -> str:
        return links((reverse("console:participant-detail", args=[participant.pk]), _("Konsol Dinas")))


@admin.register(AidRecord)
class AidRecordAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["item", "vendor", "kind", "value", "funding", "handed_over_on", "granted_by"]
    list_filter = ["kind", "funding", "vendor__regency"]
    search_fields = ["item", "vendor__name"]
    list_select_related = ["vendor", "granted_by"]
    exclude = ["document", "photo"]
    date_hierarchy = "handed_over_on"


@admin.register(DataRound)
class DataRoundAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["title", "status", "opens_on", "closes_on", "created_by"]
    list_filter = ["status"]
    search_fields = ["title"]
