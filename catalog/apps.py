from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "catalog"
    verbose_name = _("Katalog")  # the admin shows it as a section title

    def ready(self) -> None:
        from vendors.signals import vendor_changed

        from .services.vendor_copy import on_vendor_changed

        vendor_changed.connect(on_vendor_changed, dispatch_uid="catalog.vendor_copy")
