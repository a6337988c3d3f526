from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsoleConfig(AppConfig):
    """The Dinas console (/dinas/): screens over the vendors, catalog and orders apps; it owns no rows."""

    name = "console"
    verbose_name = _("Konsol Dinas")
