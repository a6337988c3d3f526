"""Form fields of pembinaan both surfaces use: whole rupiah typed the way people write it."""

import re

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from sentra.money import format_rupiah

GROUPING = re.compile(r"^(?:rp\.?)?\s*([0-9][0-9.\s]*)(?:,-|,00)?$", re.IGNORECASE)


class RupiahField(forms.IntegerField):
    """Whole rupiah: accepts "25000", "25.000", "Rp25.000" and "Rp 25.000,-"; refuses decimals and minus."""

    default_error_messages = {"invalid": _("Tulis nilai dalam rupiah tanpa sen, misalnya 2500000 atau 2.500.000.")}

    def __init__(self, *, ceiling: int, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
        super().__init__(**kwargs)
        self.validators.append(MinValueValidator(0, message=_("Nilai tidak boleh negatif.")))
        message = _("Nilai paling banyak %(limit)s.") % {"limit": format_rupiah(ceiling)}
        self.validators.append(MaxValueValidator(ceiling, message=message))

    def to_python(self, value):
        if value in self.empty_values:
            return None
        match = GROUPING.match(str(value).strip()[:40])
        if not match:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        digits = re.sub(r"[.\s]", "", match.group(1))
        if len(digits) > 15:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(digits)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        for name in ("min", "max", "step"):  # a text box (dots allowed), not a number spinner
            attrs.pop(name, None)
        return attrs
