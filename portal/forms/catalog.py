"""Forms of the owner portal's product, photo and certificate pages. They validate input only and list their
fields explicitly: vendor, status, verification and stock held by reservations are never settable here."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from catalog.models import Category, Certificate, Product
from catalog.services.certificates import clean_scan
from catalog.validators import normalize_pirt
from orders.models import StockMovement
from orders.services.stock import ADJUST_REASONS
from sentra.fields import ModelMultipleIdsField
from sentra.forms import DateInput
from sentra.images import ALLOWED_FORMATS, check_upload_size

IMAGE_ACCEPT = ",".join(f"image/{fmt.lower()}" for fmt in ALLOWED_FORMATS)
SCAN_ACCEPT = "application/pdf,image/jpeg,image/png"


DESCRIPTION_LIMIT = 3000
LIMITS = (("price", 100, 100_000_000), ("stock_on_hand", 0, 99_999), ("lead_time_days", 0, 60))


class WholeNumberField(forms.IntegerField):
    """A whole number as Indonesians write it: `25.000`, `Rp 25.000` and `25,000` all mean 25000.

    Django's IntegerField would read `25.000` as 25 (it drops a trailing `.000` as a decimal part)."""

    grouped = re.compile(r"[+-]?\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"(?i)^\s*rp\.?", "", value).replace(" ", "")
            if self.grouped.fullmatch(value):
                value = re.sub(r"[.,]", "", value)
            elif value and not re.fullmatch(r"[+-]?\d+", value):
                raise ValidationError(_("Tulis angka bulat saja, contoh: 25000."), code="invalid")
        return super().to_python(value)


class ProductForm(forms.ModelForm):
    """A new product: details and the stock counted today."""

    category = forms.ModelChoiceField(
        label=_("Kategori"),
        queryset=Category.objects.select_related("parent").order_by("parent__position", "position", "name"),
        empty_label=_("— pilih kategori —"),
    )

    class Meta:
        model = Product
        fields = [
            "name",
            "category",
            "price",
            "sale_unit",
            "stock_on_hand",
            "made_to_order",
            "lead_time_days",
            "description",
        ]
        field_classes = {"price": WholeNumberField, "stock_on_hand": WholeNumberField}
        labels = {"price": _("Harga (Rp)"), "stock_on_hand": _("Stok sekarang")}
        widgets = {
            # Text, not number: a number input would send `25.000.000` as nothing at all.
            "price": forms.TextInput(attrs={"inputmode": "numeric"}),
            "stock_on_hand": forms.TextInput(attrs={"inputmode": "numeric"}),
            "lead_time_days": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "price": _("Harga per satuan, tanpa titik. Contoh: 25000"),
            "sale_unit": _("Contoh: pcs, pak, 250 g, kg, lembar"),
            "made_to_order": _("Centang bila produk dibuat setelah dipesan (misalnya kain tapis)."),
            "lead_time_days": _("Berapa hari pembuatannya. Hanya untuk produk pesanan."),
            "description": _("Bahan, rasa, ukuran, cara simpan. Tulisan biasa saja."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_time_days"].required = False
        # Sane bounds (the database's would be 2 billion, or none at all on SQLite), with messages that say them.
        for name, low, high in LIMITS:
            if name in self.fields:
                field = self.fields[name]
                kept = [v for v in field.validators if not isinstance(v, MinValueValidator | MaxValueValidator)]
                field.validators = [*kept, MinValueValidator(low), MaxValueValidator(high)]
                field.widget.attrs.update(min=low, max=high)
        self.fields["description"].validators.append(MaxLengthValidator(DESCRIPTION_LIMIT))  # a text column
        self.fields["description"].widget.attrs["maxlength"] = DESCRIPTION_LIMIT

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("made_to_order"):
            if not cleaned.get("lead_time_days") and "lead_time_days" not in self.errors:
                self.add_error("lead_time_days", _("Isi lama pembuatan, minimal 1 hari."))
        else:
            cleaned["lead_time_days"] = 0
        return cleaned


class ProductEditForm(ProductForm):
    """Editing details; stock changes go through the stock adjustment (so they are recorded)."""

    class Meta(ProductForm.Meta):
        fields = [f for f in ProductForm.Meta.fields if f != "stock_on_hand"]


class StockAdjustForm(forms.Form):
    REASONS = [(reason.value, reason.label) for reason in StockMovement.Reason if reason in ADJUST_REASONS]

    delta = WholeNumberField(
        label=_("Jumlah"),
        min_value=-9999,
        max_value=9999,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("Tambah: angka biasa (5). Kurangi: pakai tanda minus (-2)."),
    )
    reason = forms.ChoiceField(label=_("Alasan"), choices=REASONS)
    note = forms.CharField(label=_("Catatan (boleh kosong)"), max_length=200, required=False)

    def clean_delta(self) -> int:
        delta = self.cleaned_data["delta"]
        if delta == 0:
            raise forms.ValidationError(_("Jumlah tidak boleh nol."))
        return delta

    def clean(self):
        cleaned = super().clean()
        sign = ADJUST_REASONS.get(cleaned.get("reason"))
        delta = cleaned.get("delta")
        if sign and delta and (delta > 0) != (sign > 0):
            word = _("menambah") if sign > 0 else _("mengurangi")
            self.add_error("delta", _("Alasan ini hanya untuk %(word)s stok.") % {"word": word})
        return cleaned


class ProductStatusForm(forms.Form):
    status = forms.ChoiceField(choices=[(Product.Status.PUBLISHED, ""), (Product.Status.DRAFT, "")])


class PhotoUploadForm(forms.Form):
    image = forms.FileField(
        label=_("Foto"),
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
        help_text=_("Foto dari kamera ponsel boleh langsung. JPG, PNG, atau WebP, maksimal 8 MB."),
    )
    alt_text = forms.CharField(
        label=_("Keterangan foto"),
        max_length=160,
        required=False,
        help_text=_("Apa yang terlihat di foto, untuk pembeli yang memakai pembaca layar."),
    )

    def clean_image(self) -> UploadedFile:
        image = self.cleaned_data["image"]
        check_upload_size(image)
        return image


class PhotoEditForm(forms.Form):
    alt_text = forms.CharField(label=_("Keterangan foto"), max_length=160, required=False)
    position = forms.IntegerField(label=_("Urutan"), min_value=0, max_value=99)


class CertificateForm(forms.ModelForm):
    scan = forms.FileField(
        label=_("Pindaian / foto sertifikat"),
        widget=forms.ClearableFileInput(attrs={"accept": SCAN_ACCEPT}),
        help_text=_("PDF, JPG, atau PNG, maksimal 8 MB. Hanya Anda dan Dinas yang bisa melihatnya."),
    )
    products = ModelMultipleIdsField(
        label=_("Produk yang dicakup"),
        queryset=Product.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Untuk halal dan P-IRT: pilih produk yang tercantum di sertifikat."),
    )

    class Meta:
        model = Certificate
        fields = [
            "kind",
            "halal_stage",
            "number",
            "holder_name",
            "competence",
            "issued_on",
            "valid_until",
            "products",
        ]  # `scan` is a plain form field: the service stores it under a safe name
        widgets = {"issued_on": DateInput(), "valid_until": DateInput(), "kind": forms.RadioSelect}
        help_texts = {
            "number": _(
                "P-IRT: 15 angka (1234567890123-45). Halal: diawali ID. Halal yang masih diproses boleh kosong."
            ),
            "halal_stage": _("Hanya untuk halal."),
            "holder_name": _("Hanya untuk BNSP: nama orang yang tercantum di sertifikat."),
            "valid_until": _("Halal boleh kosong (berlaku selama resep tidak berubah)."),
        }

    def __init__(self, *args, vendor, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.vendor = vendor
        self.fields["kind"].choices = Certificate.Kind.choices
        self.fields["halal_stage"].choices = [("", _("— bukan halal —")), *Certificate.HalalStage.choices]
        self.fields["products"].queryset = vendor.products.exclude(status=Product.Status.ARCHIVED).order_by("name")
        if self.instance.pk:
            self.fields["scan"].required = False
            self.fields["scan"].help_text = _("Kosongkan bila pindaian tidak berubah.")

    def clean(self):
        cleaned = super().clean()
        kind, number = cleaned.get("kind"), (cleaned.get("number") or "").strip()
        if kind == Certificate.Kind.PIRT:
            number = normalize_pirt(number)
        if number and kind != Certificate.Kind.BNSP:
            taken = Certificate.objects.filter(kind=kind, number=number).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("number", _("Nomor sertifikat ini sudah terdaftar. Hubungi Dinas bila ini keliru."))
                # add_error drops the number from cleaned_data; keep it on the instance so the model's format
                # check sees what was typed instead of reporting a blank number as well.
                self.instance.number = number
        return cleaned

    def clean_scan(self):
        scan = self.cleaned_data.get("scan")
        if not isinstance(scan, UploadedFile):
            return None
        clean_scan(scan)  # type and size by content; the service stores it
        return scan


class ProductQuickEditForm(forms.Form):
    """Price and stock counted now, edited in the product list's row (issue 16). Stock is a count, not a change:
    the view books the difference in the stock ledger as a correction."""

    price = WholeNumberField(
        label=_("Harga (Rp)"),
        min_value=LIMITS[0][1],
        max_value=LIMITS[0][2],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    stock_on_hand = WholeNumberField(
        label=_("Stok"),
        min_value=LIMITS[1][1],
        max_value=LIMITS[1][2],
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
