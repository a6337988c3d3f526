"""Forms of the Dinas console. They validate input only; decisions go through the services."""

import re

from django import forms
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from console.selectors import with_places_taken
from sentra.forms import DateInput, ReasonForm
from vendors.models import Centre, ShopUnit, UnitAssignment, Vendor

UNIT_CODE = re.compile(r"[A-Z0-9]+(?:[-./][A-Z0-9]+)*")


def decision_form(data=None, *, required: bool, prefix: str | None = None) -> ReasonForm:
    """The note that goes with a Dinas decision; required where the decision needs a reason."""
    label = _("Alasan / catatan untuk pemilik")
    return ReasonForm(data, required=required, label=label, max_length=2000, prefix=prefix)


class ShopUnitForm(forms.ModelForm):
    class Meta:
        model = ShopUnit
        fields = ["code", "block", "grid_row", "grid_col", "capacity", "reserved_kind", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, centre: Centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.centre = centre
        for name in ("grid_row", "grid_col", "capacity"):
            self.fields[name].validators.append(MinValueValidator(1))
            self.fields[name].widget.attrs["min"] = 1

    def _siblings(self):
        return ShopUnit.objects.filter(centre=self.instance.centre).exclude(pk=self.instance.pk)

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip().upper()
        if not UNIT_CODE.fullmatch(code):
            raise forms.ValidationError(_("Kode unit memakai huruf, angka, dan tanda hubung, misalnya A-03."))
        if self._siblings().filter(code__iexact=code).exists():
            raise forms.ValidationError(_("Kode unit %(code)s sudah dipakai.") % {"code": code})
        return code

    def clean(self) -> dict:
        data = super().clean()
        row, col = data.get("grid_row"), data.get("grid_col")
        if row and col and self._siblings().filter(grid_row=row, grid_col=col).exists():
            self.add_error(
                "grid_col", _("Posisi baris %(row)s kolom %(col)s sudah dipakai unit lain.") % {"row": row, "col": col}
            )
        capacity = data.get("capacity")
        if capacity and self.instance.pk:
            taken = UnitAssignment.objects.active().filter(unit=self.instance).count()
            if capacity < taken:
                self.add_error(
                    "capacity",
                    _("Kapasitas tidak boleh kurang dari %(n)s UMKM yang sedang menempati unit ini.") % {"n": taken},
                )
        return data


class AssignForm(forms.Form):
    vendor = forms.ModelChoiceField(
        label=_("UMKM"),
        queryset=Vendor.objects.approved().only("pk", "name").order_by("name"),
        error_messages={
            "invalid_choice": _("Pilih UMKM yang sudah disetujui; UMKM ini tidak ada atau tidak berstatus disetujui.")
        },
    )
    start_on = forms.DateField(label=_("Mulai"), widget=DateInput(), initial=timezone.localdate)
    end_on = forms.DateField(label=_("Hari terakhir (opsional)"), widget=DateInput(), required=False)
    note = forms.CharField(label=_("Catatan"), max_length=200, required=False)

    def __init__(self, *args, centre: Centre | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if centre is not None and "vendor" in self.fields:  # a unit takes the vendors of its own centre only
            self.fields["vendor"].queryset = self.fields["vendor"].queryset.filter(centre=centre)

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start_on"), data.get("end_on")
        if start and end and end < start:
            self.add_error("end_on", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        return data


class VendorAssignForm(AssignForm):
    """Assign from the vendor's page: the unit is chosen, the vendor is fixed."""

    unit = forms.ModelChoiceField(label=_("Unit"), queryset=ShopUnit.objects.select_related("centre").order_by("code"))
    field_order = ["unit", "start_on", "end_on", "note"]

    def __init__(self, *args, centre: Centre | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["vendor"]
        units = ShopUnit.objects.all() if centre is None else ShopUnit.objects.filter(centre=centre)
        self.fields["unit"].widget = FullUnitsDisabledSelect()
        self.fields["unit"].queryset = with_places_taken(units)  # the units of the vendor's centre; fills the widget
        self.fields["unit"].label_from_instance = unit_label


def unit_label(unit: ShopUnit) -> str:
    """A unit choice that says how full it is, e.g. "A-03 — 1 of 2 places taken"; a full one says so."""
    label = ngettext(
        "%(code)s — %(taken)s dari %(capacity)s tempat terisi",
        "%(code)s — %(taken)s dari %(capacity)s tempat terisi",
        unit.capacity,
    ) % {"code": unit.code, "taken": unit.taken, "capacity": unit.capacity}
    label = f"{label} ({unit.get_reserved_kind_display()})" if unit.reserved_kind else label
    return f"{label} — {_('penuh')}" if unit.taken >= unit.capacity else label


class FullUnitsDisabledSelect(forms.Select):
    """Full units stay in the list, disabled, with "penuh" in their label (issue 16): Dinas sees why."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        unit = getattr(value, "instance", None)
        if unit is not None and unit.taken >= unit.capacity and not selected:
            option["attrs"]["disabled"] = True
        return option


class AssignmentEndForm(forms.Form):
    end_on = forms.DateField(
        label=_("Hari terakhir di unit"),
        widget=DateInput(),
        initial=timezone.localdate,
        help_text=_("Tempat menjadi kosong mulai hari berikutnya."),
    )


class MoveForm(forms.Form):
    to_unit = forms.ModelChoiceField(label=_("Pindah ke unit"), queryset=ShopUnit.objects.none())
    on = forms.DateField(label=_("Mulai di unit baru"), widget=DateInput(), initial=timezone.localdate)

    def __init__(self, *args, assignment: UnitAssignment, **kwargs):
        super().__init__(*args, **kwargs)
        units = ShopUnit.objects.filter(centre_id=assignment.unit.centre_id).exclude(pk=assignment.unit_id)
        self.fields["to_unit"].queryset = with_places_taken(units)
        self.fields["to_unit"].label_from_instance = unit_label


class VendorCentreForm(ReasonForm):
    """Move a vendor to another centre of the staff member's scope, with a reason (a confirmation step follows)."""

    def __init__(self, data=None, *, vendor: Vendor, centres, **kwargs):
        super().__init__(data, required=True, label=_("Alasan pemindahan"), max_length=2000, **kwargs)
        choices = Centre.objects.filter(pk__in=[c.pk for c in centres]).exclude(pk=vendor.centre_id)
        self.fields["centre"] = forms.ModelChoiceField(
            label=_("Pindah ke sentra"),
            queryset=choices,
            error_messages={"invalid_choice": _("Pilih sentra dalam wilayah kerja Anda, selain sentra UMKM ini.")},
        )
        self.fields["confirm"] = forms.BooleanField(required=False, widget=forms.HiddenInput)
        self.order_fields(["centre", "reason"])
