"""Forms of the console's event pages. They validate input only; decisions go through sales.services.events."""

from django import forms
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from sales.models import Event, Stall
from sales.services.events import EVENT_FIELDS
from sentra.forms import DateInput
from vendors.models import Centre


class EventForm(forms.ModelForm):
    """An event's details; its status is never set here (decisions: event_action)."""

    class Meta:
        model = Event
        fields = list(EVENT_FIELDS)  # the fields the services take: name … closing time, never the status
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "opens_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, centres=None, **kwargs):
        """`centres`: the centres the staff member works on (None: all of them, and province-wide events)."""
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = Centre.objects.order_by("name")
        self.fields["centre"].empty_label = _("Tingkat provinsi (semua sentra)")
        if centres is not None:  # staff of some centres: an event of one of theirs, never a forged or other one
            self.fields["centre"].queryset = Centre.objects.filter(pk__in=[c.pk for c in centres]).order_by("name")
            self.fields["centre"].required = True
            self.fields["centre"].empty_label = None
        self.fields["description"].max_length = 4000

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("Jam tutup harus sesudah jam buka."))
        return data


class StallForm(forms.Form):
    code = forms.CharField(label=_("Kode lapak"), max_length=12)
    capacity = forms.IntegerField(label=_("Kapasitas (UMKM)"), min_value=1, max_value=20, initial=1)
    notes = forms.CharField(label=_("Catatan"), max_length=200, required=False)


class StallChoiceForm(forms.Form):
    """The stall an accepted vendor gets, among the event's stalls (with how many places are taken)."""

    stall = forms.ModelChoiceField(label=_("Lapak"), queryset=Stall.objects.none(), empty_label=None)
    reason = forms.CharField(
        label=_("Catatan untuk pemilik"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, event: Event, with_reason: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        stalls = list(event.stalls.all())
        taken = dict(event.applications.accepted().values_list("stall").annotate(n=Count("pk")).order_by())
        self.fields["stall"].queryset = event.stalls.all()
        self.fields["stall"].label_from_instance = lambda s: (
            _("%(code)s (terisi %(taken)d dari %(cap)d)")
            % {
                "code": s.code,
                "taken": taken.get(s.pk, 0),
                "cap": s.capacity,
            }
        )
        free = next((s for s in stalls if taken.get(s.pk, 0) < s.capacity), None)
        if free is not None:
            self.fields["stall"].initial = free.pk
        if not with_reason:
            del self.fields["reason"]
