"""The counter-sale form: a quantity per listed product, how the buyer paid, and a token against double taps."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from sales.models import CounterSale
from sales.services import MAX_QUANTITY
from sentra.forms import DateInput, ReasonForm

QTY_FIELD = re.compile(r"qty_(\d{1,18})")


class CounterSaleForm(forms.Form):
    payment = forms.ChoiceField(
        label=_("Pembayaran"),
        choices=CounterSale.Payment.choices,
        widget=forms.RadioSelect,
        initial=CounterSale.Payment.CASH,
        error_messages={"required": _("Pilih cara pembayaran.")},
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, data=None, *, products, stalls=(), **kwargs):
        super().__init__(data, **kwargs)
        self.products = list(products)
        self.stalls = {str(a.event_id): a for a in stalls}
        if self.stalls:  # a running event where the vendor has a stall: sell there (from the stall's stock)
            choices = [("", _("Toko / unit sendiri"))] + [
                (key, _("%(event)s · lapak %(stall)s") % {"event": a.event.name, "stall": a.stall.code})
                for key, a in self.stalls.items()
            ]
            self.fields["place"] = forms.ChoiceField(
                label=_("Tempat penjualan"), choices=choices, required=False, widget=forms.RadioSelect
            )
        bad_quantity = _("Jumlah harus angka bulat 0 sampai %(most)d.") % {"most": MAX_QUANTITY}
        for product in self.products:
            self.fields[f"qty_{product.pk}"] = forms.IntegerField(
                label=product.name,
                min_value=0,
                max_value=MAX_QUANTITY,
                required=False,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": "0", "min": 0}),
                error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), bad_quantity),
            )

    def quantity_fields(self):
        """(product, bound quantity field) for each listed product."""
        return [(product, self[f"qty_{product.pk}"]) for product in self.products]

    def clean(self):
        cleaned = super().clean()
        items = {}
        for key, value in self.data.items():
            match = QTY_FIELD.fullmatch(key)
            if not match:
                continue
            quantity = cleaned.get(key) if key in self.fields else _whole(value)
            if quantity is None and key not in self.fields:
                raise forms.ValidationError(_("Jumlah harus angka bulat 0 sampai %(most)d.") % {"most": MAX_QUANTITY})
            if quantity:
                items[int(match[1])] = quantity
        if not items and not self.errors:
            raise forms.ValidationError(_("Isi jumlah minimal satu produk."))
        cleaned["items"] = items
        chosen = self.stalls.get(cleaned.get("place") or "")
        cleaned["event"] = chosen.event if chosen else None
        return cleaned


def _whole(value) -> int | None:
    """A quantity posted for a product the page did not list (the list changed meanwhile); None when bad."""
    text = str(value).strip()
    if not text:
        return 0
    if not text.isdigit() or not 0 <= int(text) <= MAX_QUANTITY:
        return None
    return int(text)


class SaleSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Cari produk atau tempel tautan label"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class SaleDayForm(forms.Form):
    tanggal = forms.DateField(label=_("Tanggal"), required=False, widget=DateInput())


def sale_void_form(data=None) -> ReasonForm:
    """Why a counter sale is voided; kept in the sale's audit trail."""
    return ReasonForm(
        data,
        required=True,
        label=_("Alasan pembatalan"),
        help_text=_("Contoh: salah input jumlah, pembeli batal membeli."),
        max_length=300,
    )
