"""Forms of the console's pembinaan pages. They validate input only; decisions go through programs.services."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Category, Certificate
from catalog.services.certificates import SCAN_ERROR
from programs.forms import RupiahField
from programs.models import AidRecord, DataRound, FundingSource, Meeting, MonitoringVisit, Participant, Programme
from sentra.fields import ModelMultipleIdsField
from sentra.forms import DateInput
from sentra.images import ALLOWED_FORMATS
from vendors.models import Regency, Vendor

IMAGE_ACCEPT = ",".join(f"image/{fmt.lower()}" for fmt in ALLOWED_FORMATS)
SCAN_ACCEPT = "application/pdf,image/jpeg,image/png"
TEXT_MAX = 2000


def _regions() -> ModelMultipleIdsField:
    return ModelMultipleIdsField(
        label=_("Khusus kabupaten/kota"),
        queryset=Regency.objects.order_by("code"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kosongkan bila terbuka untuk semua kabupaten/kota."),
    )


class ProgrammeForm(forms.ModelForm):
    """A programme's call and who may join; status is never set here (decisions: programme_action)."""

    regions = _regions()
    vendor_kinds = forms.MultipleChoiceField(
        label=_("Khusus jenis usaha"),
        choices=Vendor.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kosongkan bila terbuka untuk semua jenis."),
    )
    sectors = ModelMultipleIdsField(
        label=_("Khusus sektor"),
        queryset=Category.objects.roots().order_by("position", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kosongkan bila terbuka untuk semua sektor."),
    )

    class Meta:
        model = Programme
        fields = [
            "name",
            "kind",
            "scheme",
            "description",
            "organiser",
            "partner",
            "funding",
            "location",
            "apply_until",
            "starts_on",
            "ends_on",
            "quota",
            "monitoring_months",
            "regions",
            "vendor_kinds",
            "sectors",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_MAX}),
            "apply_until": DateInput(),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quota"].widget.attrs.update(min=1, max=Programme.MAX_QUOTA)
        self.fields["monitoring_months"].widget.attrs.update(min=0, max=Programme.MAX_MONITORING_MONTHS)

    def clean_description(self) -> str:
        text = self.cleaned_data["description"].strip()
        if len(text) > TEXT_MAX:
            raise forms.ValidationError(_("Uraian paling banyak 2000 karakter."))
        return text


class ProgrammeFilterForm(forms.Form):
    """The programme list's filters; bad values fall back to "all"."""

    q = forms.CharField(label=_("Cari nama program"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua status")), *Programme.Status.choices]
    )
    jenis = forms.ChoiceField(
        label=_("Jenis"), required=False, choices=[("", _("Semua jenis")), *Programme.Kind.choices]
    )

    def filter(self, programmes):
        if not self.is_valid():
            return programmes
        data = self.cleaned_data
        if data["q"].strip():
            programmes = programmes.filter(name__icontains=data["q"].strip())
        if data["status"]:
            programmes = programmes.filter(status=data["status"])
        return programmes.filter(kind=data["jenis"]) if data["jenis"] else programmes


class VendorSearchForm(forms.Form):
    q = forms.CharField(label=_("Cari nama usaha atau NIB"), required=False, max_length=100)

    def vendors(self, limit: int | None = 30):
        """Vendors (not rejected or archived) whose name or NIB contains the text; none without text. With
        `limit=None` the queryset stays open (to narrow it further before slicing)."""
        text = self.cleaned_data["q"].strip() if self.is_valid() else ""
        if not text:
            return Vendor.objects.none()
        rows = Vendor.objects.exclude(status__in=[Vendor.Status.REJECTED, Vendor.Status.ARCHIVED])
        rows = rows.filter(Q(name__icontains=text) | Q(nib__contains=text))
        rows = rows.select_related("regency").order_by("name")
        return rows if limit is None else rows[:limit]


class EnrolForm(forms.Form):
    vendor = forms.ModelChoiceField(
        queryset=Vendor.objects.exclude(status__in=[Vendor.Status.REJECTED, Vendor.Status.ARCHIVED]),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("UMKM ini tidak ada atau sudah ditolak/diarsipkan.")},
    )
    reason = forms.CharField(label=_("Catatan untuk pemilik"), required=False, max_length=500)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Hasil"), choices=Participant.Outcome.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Catatan"), required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    certificate = forms.ModelChoiceField(
        label=_("Sertifikat yang diperoleh"),
        queryset=Certificate.objects.none(),
        required=False,
        empty_label=_("— belum ada / tidak ada —"),
        help_text=_("Sertifikat yang diajukan UMKM ini di Sentra; hanya untuk peserta yang lulus."),
    )

    def __init__(self, *args, participant: Participant, **kwargs):
        super().__init__(*args, **kwargs)
        certificates = Certificate.objects.of_vendor(participant.vendor_id).exclude(status=Certificate.Status.REJECTED)
        if kind := participant.programme.certificate_kind:
            certificates = certificates.filter(kind=kind)
        self.fields["certificate"].queryset = certificates.order_by("-created_at")


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["held_on", "topic"]
        widgets = {"held_on": DateInput()}


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Hadir"), required=False, widget=forms.CheckboxSelectMultiple, choices=[]
    )

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(str(p.pk), p.vendor.name) for p in participants]


class VisitForm(forms.ModelForm):
    photo = forms.FileField(
        label=_("Foto"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
        help_text=_("JPG, PNG, atau WebP, maksimal 8 MB."),
    )

    class Meta:
        model = MonitoringVisit
        fields = ["visited_on", "note"]
        widgets = {"visited_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_MAX})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visited_on"].initial = timezone.localdate


class AidForm(forms.Form):
    """One aid item; `confirm_repeat` is asked only after the warning about an earlier item of the same kind."""

    programme = forms.ModelChoiceField(
        label=_("Program (opsional)"),
        queryset=Programme.objects.filter(
            status__in=[Programme.Status.OPEN, Programme.Status.RUNNING, Programme.Status.FINISHED]
        ).order_by("-starts_on"),
        required=False,
        empty_label=_("— di luar program —"),
    )
    kind = forms.ChoiceField(label=_("Jenis bantuan"), choices=AidRecord.Kind.choices)
    item = forms.CharField(label=_("Barang/bantuan"), max_length=160, help_text=_("Contoh: mesin penggiling kopi."))
    quantity = forms.IntegerField(label=_("Jumlah"), min_value=1, max_value=AidRecord.QUANTITY_CEILING, initial=1)
    unit = forms.CharField(label=_("Satuan"), max_length=30, initial="unit")
    value = RupiahField(label=_("Nilai (Rp)"), ceiling=AidRecord.VALUE_CEILING, help_text=_("Contoh: 7.500.000"))
    handed_over_on = forms.DateField(label=_("Tanggal serah terima"), widget=DateInput(), initial=timezone.localdate)
    funding = forms.ChoiceField(label=_("Sumber dana"), choices=FundingSource.choices)
    document = forms.FileField(
        label=_("Berita acara serah terima"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": SCAN_ACCEPT}),
        help_text=SCAN_ERROR,
    )
    photo = forms.FileField(
        label=_("Foto serah terima"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
        help_text=_("JPG, PNG, atau WebP, maksimal 8 MB."),
    )
    note = forms.CharField(
        label=_("Catatan"), required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirm_repeat = forms.BooleanField(
        label=_("Saya sudah melihat bantuan sebelumnya; bantuan ini tetap diberikan."), required=False
    )


class AidFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari UMKM atau barang"), required=False, max_length=100)
    jenis = forms.ChoiceField(
        label=_("Jenis"), required=False, choices=[("", _("Semua jenis")), *AidRecord.Kind.choices]
    )
    dana = forms.ChoiceField(
        label=_("Sumber dana"), required=False, choices=[("", _("Semua sumber")), *FundingSource.choices]
    )
    daerah = forms.ModelChoiceField(
        label=_("Kabupaten/kota"), queryset=Regency.objects.all(), required=False, empty_label=_("Semua daerah")
    )

    def filter(self, records):
        if not self.is_valid():
            return records
        data = self.cleaned_data
        if text := data["q"].strip():
            records = records.filter(Q(vendor__name__icontains=text) | Q(item__icontains=text))
        if data["jenis"]:
            records = records.filter(kind=data["jenis"])
        if data["dana"]:
            records = records.filter(funding=data["dana"])
        return records.filter(vendor__regency=data["daerah"]) if data["daerah"] else records


class CandidateForm(forms.Form):
    """Who to put in an aid proposal; bad values fall back to "any"."""

    CERTIFICATES = [("", _("Tidak dipersoalkan")), *Certificate.Kind.choices, ("none", _("Belum punya sertifikat"))]
    EARLIER = [
        ("", _("Tidak dipersoalkan")),
        ("none", _("Belum menerima dalam 3 tahun")),
        ("some", _("Sudah menerima dalam 3 tahun")),
    ]

    daerah = forms.ModelChoiceField(
        label=_("Kabupaten/kota"), queryset=Regency.objects.all(), required=False, empty_label=_("Semua daerah")
    )
    sektor = forms.ModelChoiceField(
        label=_("Sektor"), queryset=Category.objects.roots(), required=False, empty_label=_("Semua sektor")
    )
    sertifikat = forms.ChoiceField(label=_("Sertifikat berlaku"), required=False, choices=CERTIFICATES)
    bantuan = forms.ChoiceField(label=_("Bantuan sebelumnya"), required=False, choices=EARLIER)
    jenis_bantuan = forms.ChoiceField(
        label=_("Jenis bantuan sebelumnya"), required=False, choices=[("", _("Semua jenis")), *AidRecord.Kind.choices]
    )

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "regency": data.get("daerah"),
            "sector": data.get("sektor"),
            "certificate": data.get("sertifikat", ""),
            "earlier_aid": data.get("bantuan", ""),
            "aid_kind": data.get("jenis_bantuan", ""),
        }


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=160, initial=_("Pendataan UMKM terdampak"))
    description = forms.CharField(
        label=_("Keterangan untuk pemilik"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    questions = forms.MultipleChoiceField(
        label=_("Pertanyaan"),
        choices=DataRound.Question.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=DataRound.Question.values,
        error_messages={"required": _("Pilih minimal satu pertanyaan.")},
    )
    opens_on = forms.DateField(label=_("Dibuka"), widget=DateInput(), initial=timezone.localdate)
    closes_on = forms.DateField(label=_("Ditutup"), widget=DateInput())
    regions = _regions()

    def clean(self) -> dict:
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("Tanggal tutup tidak boleh sebelum tanggal buka."))
        return data
