"""Forms of the owner portal's pembinaan pages: apply to a programme, answer a pendataan round. They validate
input only and list their fields explicitly; status, outcome and who decides are never settable here."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from programs.forms import RupiahField
from programs.models import DataAnswer, DataRound, Participant


class ApplyForm(forms.Form):
    motivation = forms.CharField(
        label=_("Mengapa usaha Anda ingin ikut?"),
        max_length=Participant.MOTIVATION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": Participant.MOTIVATION_MAX}),
        help_text=_("Singkat saja, paling banyak 500 karakter. Boleh dikosongkan."),
    )


def _turnover() -> forms.Field:
    return RupiahField(
        label=_("Omzet rata-rata per bulan (Rp)"),
        ceiling=DataAnswer.TURNOVER_CEILING,
        help_text=_("Perkiraan saja. Contoh: 4.500.000"),
    )


def _workers() -> forms.Field:
    return forms.IntegerField(
        label=_("Jumlah pekerja, termasuk Anda"),
        validators=[MinValueValidator(0), MaxValueValidator(DataAnswer.WORKERS_CEILING)],
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": DataAnswer.WORKERS_CEILING}),
    )


def _choice(label, choices, *, many: bool = False) -> forms.Field:
    if many:
        return forms.MultipleChoiceField(label=label, choices=choices, widget=forms.CheckboxSelectMultiple)
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect)


QUESTION_FIELDS = {
    DataRound.Question.TURNOVER: ("turnover", _turnover),
    DataRound.Question.WORKERS: ("workers", _workers),
    DataRound.Question.STATUS: (
        "business_status",
        lambda: _choice(_("Keadaan usaha sekarang"), DataAnswer.BusinessStatus.choices),
    ),
    DataRound.Question.PROBLEM: (
        "main_problem",
        lambda: _choice(_("Masalah utama usaha Anda"), DataAnswer.Problem.choices),
    ),
    DataRound.Question.NEEDS: (
        "needs",
        lambda: _choice(_("Bantuan yang paling dibutuhkan (boleh pilih beberapa)"), DataAnswer.Need.choices, many=True),
    ),
}


class RoundAnswerForm(forms.Form):
    """Only the round's questions, in the fixed order; every one of them required."""

    def __init__(self, *args, data_round: DataRound, answer: DataAnswer | None = None, **kwargs):
        if answer is not None:
            kwargs.setdefault("initial", {f: getattr(answer, f) for f, _make in QUESTION_FIELDS.values()})
        super().__init__(*args, **kwargs)
        for question, (name, make) in QUESTION_FIELDS.items():
            if data_round.asks(question):
                self.fields[name] = make()
