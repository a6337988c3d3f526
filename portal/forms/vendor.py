"""Forms of the owner portal's business pages (application, profile, reservations). They validate input only
and list their fields explicitly: status, unit, owner, verification and membership are never settable here."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from catalog.models import Category
from orders.services import is_pickup_code, normalize_code
from sentra.fields import ModelMultipleIdsField
from sentra.forms import ReasonForm
from sentra.images import ALLOWED_FORMATS, check_upload_size
from sentra.whatsapp import normalize_phone
from vendors.models import Centre, Vendor

IMAGE_ACCEPT = ",".join(f"image/{fmt.lower()}" for fmt in ALLOWED_FORMATS)
TEXT_LIMITS = (("story", 3000), ("address", 500))


class CategoryChoiceField(ModelMultipleIdsField):
    def label_from_instance(self, obj: Category) -> str:
        return str(obj)


class VendorProfileForm(forms.ModelForm):
    """What an approved (or suspended) vendor may change at any time. `logo` is a plain form field: the
    service re-encodes and stores it."""

    logo = forms.FileField(
        label=_("Logo atau foto usaha"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
        help_text=_("JPG, PNG, atau WebP, maksimal 8 MB."),
    )
    categories = CategoryChoiceField(
        label=_("Jenis produk yang dijual"),
        queryset=Category.objects.select_related("parent").order_by("parent__position", "position", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Vendor
        fields = ["story", "address", "whatsapp", "categories", "accepts_qris", "opening_note", "on_holiday"]
        widgets = {
            "story": forms.Textarea(attrs={"rows": 5}),
            "address": forms.Textarea(attrs={"rows": 3}),
            "whatsapp": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "placeholder": "0812…"}),
        }
        help_texts = {
            "story": _("Ceritakan usaha Anda: sejak kapan, bahan dari mana, apa yang khas."),
            "whatsapp": _("Contoh: 0812 3456 7890. Pembeli akan menghubungi nomor ini."),
            "on_holiday": _("Centang bila toko sedang tutup sementara."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, limit in TEXT_LIMITS:  # text columns have no length of their own
            if name in self.fields:
                self.fields[name].validators.append(MaxLengthValidator(limit))
                self.fields[name].widget.attrs["maxlength"] = limit

    def clean_whatsapp(self) -> str:
        raw = self.cleaned_data.get("whatsapp", "").strip()
        if not raw:
            return ""
        try:
            return normalize_phone(raw)
        except ValueError:
            raise forms.ValidationError(
                _("Nomor WhatsApp tidak dikenali. Tulis seperti 0812 3456 7890."), code="phone"
            ) from None

    def clean_logo(self) -> UploadedFile | None:
        """Only a new upload counts; the service opens and re-encodes it (sentra.images.clean_photo)."""
        logo = self.cleaned_data.get("logo")
        if not isinstance(logo, UploadedFile):
            return None
        check_upload_size(logo)
        return logo


class VendorApplicationForm(VendorProfileForm):
    """The application: identity of the business plus its profile."""

    class Meta(VendorProfileForm.Meta):
        fields = ["name", "kind", "regency", "centre", "nib", "story", "address", "whatsapp", "categories"]
        widgets = {
            **VendorProfileForm.Meta.widgets,
            "nib": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 13}),
        }
        help_texts = {
            **VendorProfileForm.Meta.help_texts,
            "nib": _("13 angka dari OSS. Wajib untuk UMKM dan koperasi; kelompok dan Lapas boleh kosong."),
            "regency": _("Kabupaten/kota tempat produk dibuat."),
            "centre": _("Sentra tempat Anda ingin berjualan; Dinas sentra itu yang memeriksa pengajuan."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regency"].empty_label = _("— pilih kabupaten/kota —")
        centre = self.fields["centre"]
        centre.empty_label = None  # the default centre comes first (Centre.Meta.ordering)
        centre.error_messages["invalid_choice"] = _("Pilih salah satu sentra dari daftar.")
        centre.required = False  # left out: the default centre

    def clean_centre(self):
        return self.cleaned_data.get("centre") or Centre.objects.order_by("-is_default", "pk").first()

    def clean_nib(self) -> str:
        nib = "".join(self.cleaned_data.get("nib", "").split())
        if nib and Vendor.objects.filter(nib=nib).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("NIB ini sudah terdaftar untuk UMKM lain. Hubungi Dinas bila ini keliru."))
        return nib


class VendorSwitchForm(forms.Form):
    # Bounded: an id beyond the database's integer range would crash the lookup instead of giving 404.
    vendor = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)


class PickupCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kode ambil"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocapitalize": "characters",
                "autocomplete": "off",
                "placeholder": "SOL-7K3QX",
                "spellcheck": "false",
            }
        ),
        help_text=_("Minta pembeli menunjukkan kode atau QR di ponselnya."),
    )

    def clean_code(self) -> str:
        """Accept the code typed loosely (`sol 7k3qx`, `7K3QX`); refuse what cannot be a pickup code."""
        code = self.cleaned_data["code"]
        if not is_pickup_code(code):
            raise forms.ValidationError(
                _("Kode ambil terdiri dari SOL- dan 5 huruf/angka, misalnya SOL-7K3QX."), code="shape"
            )
        return normalize_code(code)


class ReservationFilterForm(forms.Form):
    VIEWS = [("open", _("Perlu diproses")), ("done", _("Selesai"))]
    tampil = forms.ChoiceField(choices=VIEWS, required=False)


def vendor_cancel_form(data=None) -> ReasonForm:
    """The owner's reason for cancelling a reservation; the shopper reads it."""
    return ReasonForm(
        data,
        required=True,
        label=_("Alasan pembatalan"),
        help_text=_("Pembeli akan membaca alasan ini. Contoh: stok habis, toko tutup hari itu."),
        max_length=300,
    )


def undo_handover_form(data=None) -> ReasonForm:
    """Why a hand-over is undone (optional); it shows in the reservation's timeline, which the shopper reads."""
    return ReasonForm(
        data,
        required=False,
        label=_("Alasan (boleh dikosongkan)"),
        help_text=_("Tampil di riwayat pesanan, juga bagi pembeli. Contoh: pesanan lain yang terserahkan."),
        max_length=300,
    )
