"""Forms of the buyer pages (/mitra/) and the pieces the portal and console reuse for buyer orders."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sentra.forms import DateInput

from .models import BuyerOrder, Organisation, PriceTier

WEEKDAYS = [
    (0, _("Senin")),
    (1, _("Selasa")),
    (2, _("Rabu")),
    (3, _("Kamis")),
    (4, _("Jumat")),
    (5, _("Sabtu")),
    (6, _("Minggu")),
]
MAX_PRODUCTS = 60


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "npwp", "regency", "address", "phone"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}


class OrderForm(forms.Form):
    """An order's schedule and delivery; the quantities come as one field per product of the vendor."""

    kind = forms.ChoiceField(label=_("Jenis pesanan"), choices=BuyerOrder.Kind.choices, widget=forms.RadioSelect)
    start_date = forms.DateField(label=_("Tanggal kirim / mulai"), widget=DateInput())
    end_date = forms.DateField(label=_("Sampai (pesanan rutin)"), widget=DateInput(), required=False)
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Hari kirim (pesanan rutin)"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    every_days = forms.IntegerField(label=_("Atau setiap N hari"), min_value=1, max_value=60, required=False)
    fulfilment = forms.ChoiceField(
        label=_("Pengiriman"), choices=BuyerOrder.Fulfilment.choices, widget=forms.RadioSelect
    )
    address = forms.CharField(
        label=_("Alamat kirim"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kosongkan untuk memakai alamat organisasi."),
    )
    note = forms.CharField(label=_("Catatan untuk UMKM"), required=False, max_length=300)

    def __init__(self, *args, products=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.products = list(products)[:MAX_PRODUCTS]
        for product in self.products:
            self.fields[f"qty_{product.pk}"] = forms.IntegerField(
                label=product.name, min_value=0, max_value=10_000, required=False
            )
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        self.fields["start_date"].initial = tomorrow

    def rows(self, tiers: dict) -> list[tuple]:
        """(product, its quantity field, its wholesale tiers) per product, for the order table."""
        return [(product, self[f"qty_{product.pk}"], tiers.get(product.pk, [])) for product in self.products]

    def schedule_fields(self):
        return [self[name] for name in self.fields if not name.startswith("qty_")]

    def wanted(self) -> list[tuple]:
        return [
            (product, self.cleaned_data.get(f"qty_{product.pk}") or 0)
            for product in self.products
            if self.cleaned_data.get(f"qty_{product.pk}")
        ]


class ProposalForm(forms.Form):
    """Other quantities a vendor proposes for a drop, with the reason the buyer reads."""

    reason = forms.CharField(label=_("Alasan perubahan"), max_length=300)

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        for line in self.lines:
            self.fields[f"line_{line.pk}"] = forms.IntegerField(
                label=line.product_name, min_value=0, max_value=line.quantity, initial=line.quantity
            )

    def quantities(self) -> dict[int, int]:
        return {line.pk: self.cleaned_data[f"line_{line.pk}"] for line in self.lines}


class PriceTierForm(forms.ModelForm):
    class Meta:
        model = PriceTier
        fields = ["min_quantity", "price"]


class PaidForm(forms.Form):
    paid_on = forms.DateField(label=_("Tanggal dibayar"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paid_on"].initial = timezone.localdate()


class MonthForm(forms.Form):
    """The month of a statement, `bulan=2026-11`; the current month when absent or wrong."""

    bulan = forms.CharField(required=False, max_length=7)

    def month(self) -> datetime.date:
        today = timezone.localdate().replace(day=1)
        if not self.is_valid():
            return today
        try:
            return datetime.datetime.strptime(self.cleaned_data["bulan"], "%Y-%m").date()
        except ValueError:
            return today


class ContactForm(forms.Form):
    email = forms.EmailField(label=_("Email akun kontak baru"), max_length=254)
