"""Forms of the cart and checkout. They validate input only; the services decide."""

import datetime
import uuid

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from orders.services.errors import CheckoutConflict
from sentra.whatsapp import normalize_phone


class CartRemoveForm(forms.Form):
    product = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


def _date_label(day: datetime.date) -> str:
    return formats.date_format(day, "l, j F Y")


class CheckoutForm(forms.Form):
    pickup_date = forms.TypedChoiceField(
        label=_("Tanggal ambil"),
        coerce=datetime.date.fromisoformat,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Tanggal ambil tidak tersedia. Pilih salah satu tanggal yang ditawarkan.")},
    )
    contact_name = forms.CharField(label=_("Nama pemesan"), max_length=120)
    contact_phone = forms.CharField(
        label=_("Nomor WhatsApp"), max_length=20, help_text=_("Untuk dihubungi UMKM bila ada kendala, mis. 0812…")
    )
    note = forms.CharField(
        label=_("Catatan untuk UMKM"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    checkout_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, dates: list[datetime.date], **kwargs) -> None:
        kwargs.setdefault("initial", {}).setdefault("checkout_token", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)
        self.fields["pickup_date"].choices = [(day.isoformat(), _date_label(day)) for day in dates]
        if dates:
            self.fields["pickup_date"].initial = dates[0].isoformat()

    def clean_contact_phone(self) -> str:
        try:
            return normalize_phone(self.cleaned_data["contact_phone"])
        except ValueError:
            raise forms.ValidationError(_("Nomor WhatsApp tidak valid. Contoh: 0812 3456 7890.")) from None

    def clean(self) -> dict:
        """A missing or overlong token was not written by our page: ask for a reload, naming no field."""
        cleaned = super().clean()
        if not 0 < len(cleaned.get("checkout_token", "")) <= 64:
            self.add_error(None, str(CheckoutConflict()))
        return cleaned
