from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "catalog"
    verbose_name = _("Katalog")  # the admin shows it as a section title

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete

        from vendors.signals import vendor_changed

        from .models import Certificate
        from .services.badges import on_certificate_deleted, on_certificate_products_changed
        from .services.vendor_copy import on_vendor_changed

        vendor_changed.connect(on_vendor_changed, dispatch_uid="catalog.vendor_copy")
        # Stored badge dates follow covered products and deletions wherever they happen (with Certificate.save()).
        m2m_changed.connect(
            on_certificate_products_changed, sender=Certificate.products.through, dispatch_uid="catalog.badges.m2m"
        )
        post_delete.connect(on_certificate_deleted, sender=Certificate, dispatch_uid="catalog.badges.delete")
