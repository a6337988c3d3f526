"""Forms of the e-Katalog pages: the owner's listing data and legal data."""

from django import forms

from .models import ProductListing, SupplierProfile


class ListingForm(forms.ModelForm):
    class Meta:
        model = ProductListing
        fields = [
            "brand",
            "specification",
            "packaging",
            "unit",
            "min_order",
            "monthly_capacity",
            "price_regency",
            "price_province",
            "shelf_life_days",
            "local_content",
            "tkdn_percent",
            "tkdn_number",
        ]
        widgets = {"specification": forms.Textarea(attrs={"rows": 4})}


class ProfileForm(forms.ModelForm):
    class Meta:
        model = SupplierProfile
        fields = ["npwp", "sikap_id"]
