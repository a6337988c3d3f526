"""Forms of the e-Katalog pages: the owner's listing data and legal data."""

from django import forms

from .models import ProductListing, SupplierProfile
from .services import LISTING_EDITABLE


class ListingForm(forms.ModelForm):
    class Meta:
        model = ProductListing
        fields = LISTING_EDITABLE
        widgets = {"specification": forms.Textarea(attrs={"rows": 4})}


class ProfileForm(forms.ModelForm):
    class Meta:
        model = SupplierProfile
        fields = ["npwp", "sikap_id"]
