"""Form pieces every surface shares: the date widget, the period of a report, a written reason, and the one
way a domain error lands on a form."""

import datetime
from collections.abc import Sequence

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sentra.exceptions import DomainError


class DateInput(forms.DateInput):
    """The browser's date picker; the value in ISO form, as the picker needs it."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def add_domain_error(form: forms.Form, error: DomainError, field: str | None = None) -> None:
    """Show a domain error on the form: on the fields it names, else on `field` (None: the whole form)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field, error.messages)


def _weeks_label(weeks: int) -> str:
    if weeks % 13 == 0 and weeks >= 13:
        months = weeks * 3 // 13
        return ngettext("%(n)s bulan terakhir", "%(n)s bulan terakhir", months) % {"n": months}
    return ngettext("%(n)s minggu terakhir", "%(n)s minggu terakhir", weeks) % {"n": weeks}


class PeriodForm(forms.Form):
    """The period a report covers: one of the page's presets in weeks (`periode`), or from/to dates (`dari`,
    `sampai`) where the page offers them. Bad input falls back to the default; the form never refuses."""

    periode = forms.TypedChoiceField(label=_("Periode"), coerce=int, required=False)
    dari = forms.DateField(label=_("Dari tanggal"), widget=DateInput(), required=False)
    sampai = forms.DateField(label=_("Sampai tanggal"), widget=DateInput(), required=False)

    def __init__(self, data=None, *, weeks: Sequence[int] = (), default_weeks: int = 0, dates: bool = False):
        if data is not None and "minggu" in data and "periode" not in data:  # links made before `periode`
            data = data.copy()
            data["periode"] = data["minggu"]
        super().__init__(data, initial={"periode": default_weeks or None})
        self.default_weeks = default_weeks
        if weeks:
            self.fields["periode"].choices = [(n, _weeks_label(n)) for n in weeks]
        else:
            del self.fields["periode"]
        if not dates:
            del self.fields["dari"], self.fields["sampai"]

    def _data(self) -> dict:
        return self.cleaned_data if self.is_bound and self.is_valid() else {}

    def weeks(self) -> int:
        """The chosen preset, or the default one."""
        return self._data().get("periode") or self.default_weeks

    def swapped(self) -> bool:
        """True when "dari" came after "sampai": range() swaps them, and the page says so (issue 16)."""
        data = self._data()
        return bool(data.get("dari") and data.get("sampai") and data["dari"] > data["sampai"])

    def range(self) -> tuple[datetime.date, datetime.date]:
        """First and last day: the dates when given, else the preset's weeks up to today, else this year."""
        today = timezone.localdate()
        data = self._data()
        if data.get("dari") or data.get("sampai"):
            start = data.get("dari") or today.replace(month=1, day=1)
            end = data.get("sampai") or today
            return (start, end) if start <= end else (end, start)
        if weeks := self.weeks():
            return today - datetime.timedelta(weeks=weeks) + datetime.timedelta(days=1), today
        return today.replace(month=1, day=1), today


class ReasonForm(forms.Form):
    """The written reason that goes with a decision or a cancellation; required where the rule needs one."""

    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, required: bool, label=None, help_text=None, max_length: int = 500, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.required, field.max_length = required, max_length
        field.validators.append(MaxLengthValidator(max_length))
        field.widget.attrs["maxlength"] = max_length
        field.label = label or field.label
        field.help_text = help_text or ""
        field.error_messages["required"] = _("Alasan wajib diisi.")

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if self.fields["reason"].required and not reason:
            raise forms.ValidationError(self.fields["reason"].error_messages["required"], code="required")
        return reason
