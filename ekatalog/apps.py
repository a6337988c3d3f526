from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EkatalogConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ekatalog"
    verbose_name = _("e-Katalog")
