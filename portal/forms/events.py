"""Portal event forms: apply with the products brought, take stock to the stall, bring it back."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sales.services.events import MAX_TRANSFER


class EventApplyForm(forms.Form):
    products = forms.ModelMultipleChoiceField(
        label=_("Produk yang dibawa"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih minimal satu produk yang dibawa.")},
    )
    note = forms.CharField(
        label=_("Catatan untuk Dinas (kebutuhan listrik, tenda, jumlah penjaga…)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, products, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["products"].queryset = products


def _quantity(label: str, most: int) -> forms.IntegerField:
    bad = _("Jumlah harus angka bulat 0 sampai %(most)d.") % {"most": most}
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=most,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": "0", "min": 0}),
        error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), bad),
    )


class StockSendForm(forms.Form):
    """A quantity for each product the vendor brings (only stocked ones)."""

    def __init__(self, *args, products, **kwargs):
        super().__init__(*args, **kwargs)
        self.products = list(products)
        for product in self.products:
            self.fields[f"qty_{product.pk}"] = _quantity(product.name, MAX_TRANSFER)

    def quantity_fields(self):
        return [(product, self[f"qty_{product.pk}"]) for product in self.products]

    def items(self) -> dict[int, int]:
        return {p.pk: self.cleaned_data.get(f"qty_{p.pk}") or 0 for p in self.products}


class StockReturnForm(forms.Form):
    """How many of each product on the stall come back; the rest is recorded missing (with a note)."""

    reason = forms.CharField(
        label=_("Keterangan stok yang hilang atau rusak"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for row in self.rows:
            field = _quantity(row.product.name, row.on_stall)
            field.initial = row.on_stall
            self.fields[f"back_{row.product_id}"] = field

    def quantity_fields(self):
        return [(row, self[f"back_{row.product_id}"]) for row in self.rows]

    def returned(self) -> dict[int, int]:
        return {r.product_id: self.cleaned_data.get(f"back_{r.product_id}") or 0 for r in self.rows}
