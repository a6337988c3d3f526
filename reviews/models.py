"""Verified reviews: one per collected reservation line, written by that line's shopper."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalog.models import Product
from orders.models import ReservationLine

BODY_MAX = 1000


class Review(models.Model):
    class Status(models.TextChoices):
        VISIBLE = "visible", _("Tampil")
        HELD = "held", _("Ditahan untuk diperiksa")
        HIDDEN = "hidden", _("Disembunyikan")

    line = models.OneToOneField(ReservationLine, on_delete=models.PROTECT, related_name="review")
    product = models.ForeignKey(Product, verbose_name=_("produk"), on_delete=models.PROTECT, related_name="reviews")
    shopper = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews")
    rating = models.PositiveSmallIntegerField(_("nilai"))
    body = models.TextField(_("ulasan"), max_length=BODY_MAX, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.VISIBLE)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ulasan")
        verbose_name_plural = _("ulasan")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["product", "status", "-created_at"], name="review_product_status")]
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.rating}★ {self.product_id}"
