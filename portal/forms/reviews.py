from django import forms
from django.utils.translation import gettext_lazy as _

from reviews.models import REPLY_MAX


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Balasan"),
        max_length=REPLY_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": REPLY_MAX}),
        help_text=_("Tampil untuk semua pengunjung di bawah ulasan. Balasan hanya sekali dan tidak bisa diubah."),
        error_messages={"required": _("Tulis balasan Anda.")},
    )
