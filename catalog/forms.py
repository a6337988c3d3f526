"""Public forms of the catalogue: the quantity form on a product page (the cart validates with it too)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

QUANTITY_ERRORS = {
    "required": _("Isi jumlahnya."),
    "invalid": _("Jumlah harus berupa angka bulat."),
    "min_value": _("Jumlah minimal 1."),
    "max_value": _("Maksimal %(limit_value)s per produk."),
}


# A product pk that is missing, negative or not a number was not sent by our pages: one message for all.
PRODUCT_ERRORS = dict.fromkeys(("required", "invalid", "min_value"), _("Produk tidak ditemukan."))


class CartLineForm(forms.Form):
    """Add to cart or change a line: product pk and quantity (prices never come from the form)."""

    product = forms.IntegerField(min_value=1, widget=forms.HiddenInput, error_messages=PRODUCT_ERRORS)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit = settings.SENTRA_MAX_QUANTITY_PER_LINE  # read per form: tests and deployments change it
        self.fields["quantity"] = forms.IntegerField(
            label=_("Jumlah"), min_value=1, max_value=limit, initial=1, error_messages=QUANTITY_ERRORS
        )
        self.fields["quantity"].widget.attrs["inputmode"] = "numeric"
