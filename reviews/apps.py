from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reviews"
    verbose_name = _("Ulasan")

    def ready(self) -> None:
        from orders.signals import stock_raised

        from .services.favourites import on_stock_raised

        stock_raised.connect(on_stock_raised, dispatch_uid="reviews-back-in-stock")
