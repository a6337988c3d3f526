from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The owner portal (/toko/): screens over the vendors, catalog and orders apps; it owns no rows."""

    name = "portal"
    verbose_name = _("Portal UMKM")
