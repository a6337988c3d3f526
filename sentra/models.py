"""The one site-wide model: what a person told us at sign-up beyond allauth's email (issue 16).

The name lives on auth.User (first_name, shown everywhere through the `person` template filter); the optional
WhatsApp number, for a vendor to reach the shopper, lives here and pre-fills checkout."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("pengguna"), on_delete=models.CASCADE, related_name="profile"
    )
    whatsapp = models.CharField(_("nomor WhatsApp"), max_length=20, blank=True, help_text=_("Format +62…"))

    class Meta:
        verbose_name = _("profil")
        verbose_name_plural = _("profil")

    def __str__(self) -> str:
        return str(self.user)
