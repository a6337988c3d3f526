from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuyersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "buyers"
    verbose_name = _("Mitra institusi")
