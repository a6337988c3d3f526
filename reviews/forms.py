"""Forms of the public review pages: write or edit a review, report one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sentra.exceptions import DomainError
from sentra.images import ALLOWED_FORMATS, check_upload_size

from .models import BODY_MAX, MAX_PHOTOS

PHOTO_ACCEPT = ",".join(f"image/{fmt.lower()}" for fmt in ALLOWED_FORMATS)
STAR_CHOICES = [(n, "★" * n + "☆" * (5 - n) + f" {n}") for n in range(5, 0, -1)]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to MAX_PHOTOS files, each within the product photo size limit (cleaned later by sentra.images)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": PHOTO_ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > MAX_PHOTOS:
            raise forms.ValidationError(_("Paling banyak %(max)d foto per ulasan.") % {"max": MAX_PHOTOS})
        cleaned = []
        for upload in files:
            upload = super().clean(upload, initial)
            try:
                check_upload_size(upload)
            except DomainError as error:
                raise forms.ValidationError(error.messages) from None
            cleaned.append(upload)
        return cleaned


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Nilai"),
        choices=STAR_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Pilih nilai 1 sampai 5 bintang."),
            "invalid_choice": _("Nilai harus antara 1 dan 5 bintang."),
        },
    )
    body = forms.CharField(
        label=_("Ulasan"),
        required=False,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": BODY_MAX}),
        help_text=_("Boleh kosong. Paling banyak 1.000 karakter; wajib bila menambah foto."),
    )
    photos = PhotosField(
        label=_("Foto (paling banyak 3)"),
        required=False,
        help_text=_("JPG, PNG atau WebP, paling besar 8 MB per foto."),
    )

    def __init__(self, *args, photos_left: int = MAX_PHOTOS, **kwargs):
        super().__init__(*args, **kwargs)
        self.photos_left = photos_left
        if photos_left <= 0:
            del self.fields["photos"]

    def clean_photos(self):
        photos = self.cleaned_data.get("photos") or []
        if len(photos) > self.photos_left:
            raise forms.ValidationError(_("Paling banyak %(max)d foto per ulasan.") % {"max": MAX_PHOTOS})
        return photos


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan laporan"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        help_text=_("Misalnya: kata kasar, bukan tentang produk, data pribadi, iklan."),
        error_messages={"required": _("Tulis alasan laporan Anda.")},
    )
