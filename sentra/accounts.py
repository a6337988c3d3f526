"""User accounts (allauth): facts several apps ask, and the adapter that tunes allauth for Sentra."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django import forms
from django.utils.translation import gettext_lazy as _

from sentra.whatsapp import normalize_phone


def has_verified_email(user) -> bool:
    """True when the signed-in user has confirmed at least one email address."""
    return user.is_authenticated and EmailAddress.objects.filter(user=user, verified=True).exists()


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter with failed logins counted per account *and* address.

    allauth refuses every login to an account after its `login_failed` key limit, the right password too, so
    a stranger guessing an owner's password from anywhere could lock the owner out. Keyed by account and
    address, the stranger only slows down their own guessing; the owner logs in from their own phone. The
    per-address limit (`10/m/ip`) still caps a stranger's guesses across accounts.
    allauth has no public hook for this key: `_get_login_attempts_cache_key` is its private method
    (tests/test_rate_limits.py fails if allauth stops calling it).
    """

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{key}:{self.get_client_ip(request)}"


class SignupForm(forms.Form):
    """Sign-up asks for a name (shown to vendors and Dinas instead of "rina.baru") and an optional WhatsApp
    number; allauth calls `signup()` after it created the user (ACCOUNT_SIGNUP_FORM_CLASS)."""

    name = forms.CharField(
        label=_("Nama lengkap"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Dipakai di reservasi dan oleh Dinas; bukan nama pengguna."),
    )
    whatsapp = forms.CharField(
        label=_("Nomor WhatsApp (boleh kosong)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        help_text=_("Agar UMKM bisa menghubungi Anda soal pesanan, mis. 0812 3456 7890."),
    )
    field_order = ["name", "email", "whatsapp", "password1", "password2"]

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Tulis nama Anda."))
        return name

    def clean_whatsapp(self) -> str:
        raw = self.cleaned_data["whatsapp"].strip()
        if not raw:
            return ""
        try:
            return normalize_phone(raw)
        except ValueError:
            raise forms.ValidationError(_("Nomor WhatsApp tidak valid. Contoh: 0812 3456 7890.")) from None

    def signup(self, request, user) -> None:
        user.first_name = self.cleaned_data["name"]
        user.save(update_fields=["first_name"])
        from sentra.models import Profile

        Profile.objects.update_or_create(user=user, defaults={"whatsapp": self.cleaned_data.get("whatsapp", "")})


def person_name(user) -> str:
    """How a person is shown: the name given at sign-up, else the username (older accounts)."""
    if user is None:
        return ""
    return (user.get_full_name() or "").strip() or user.get_username()


def saved_whatsapp(user) -> str:
    from sentra.models import Profile

    return Profile.objects.filter(user=user).values_list("whatsapp", flat=True).first() or ""
