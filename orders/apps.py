from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "orders"
    verbose_name = _("Reservasi")  # the admin shows it as a section title

    def ready(self) -> None:
        from vendors.signals import centre_days_closed

        from .services.notifications import notify_centre_closed

        centre_days_closed.connect(notify_centre_closed, dispatch_uid="orders.centre_closed")
