"""Verified reviews (one per collected reservation line, written by that line's shopper), their photos, votes,
reports and moderation record, and shoppers' favourites."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFit

from catalog.models import Product
from orders.models import ReservationLine

BODY_MAX = 1000
EDIT_WINDOW = datetime.timedelta(days=7)  # a review may be edited this long after it was written
REPLY_MAX = 1000
MAX_PHOTOS = 3


class ReviewQuerySet(models.QuerySet):
    def visible(self) -> "ReviewQuerySet":
        return self.filter(status=Review.Status.VISIBLE)

    def of_product(self, product) -> "ReviewQuerySet":
        return self.filter(product=product)

    def of_vendor(self, vendor) -> "ReviewQuerySet":
        return self.filter(product__vendor=vendor)

    def for_page(self) -> "ReviewQuerySet":
        """With the shopper's name and the photos, for a list of reviews."""
        return self.select_related("shopper").prefetch_related("photos")

    def ordered(self, sort: str) -> "ReviewQuerySet":
        if sort == "membantu":
            return self.order_by("-helpful_count", "-created_at", "-pk")
        return self.order_by("-created_at", "-pk")

    def moderation_queue(self) -> "ReviewQuerySet":
        """Held reviews and visible ones with an open report, oldest first."""
        reported = Q(status=Review.Status.VISIBLE, reports__resolved_at__isnull=True, reports__isnull=False)
        return (
            self.filter(Q(status=Review.Status.HELD) | reported)
            .distinct()
            .select_related("shopper", "product", "product__vendor")
            .order_by("created_at", "pk")
        )


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
    helpful_count = models.PositiveIntegerField(_("membantu"), default=0, editable=False)
    reply = models.TextField(_("balasan penjual"), max_length=REPLY_MAX, blank=True)
    replied_at = models.DateTimeField(_("dibalas pada"), null=True, blank=True, editable=False)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("ulasan")
        verbose_name_plural = _("ulasan")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["product", "status", "-created_at"], name="review_product_status"),
            models.Index(fields=["product", "status", "-helpful_count"], name="review_product_helpful"),
            models.Index(fields=["status", "created_at"], name="review_status_created"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"),
        ]
        permissions = [("moderate_review", _("Dapat memoderasi ulasan"))]

    def __str__(self) -> str:
        return f"{self.rating}★ {self.product_id}"

    @property
    def shopper_name(self) -> str:
        """The shopper as other shoppers see them: first name and an initial, never the email."""
        user = self.shopper
        first, last = (user.first_name or "").strip(), (user.last_name or "").strip()
        if first:
            return f"{first} {last[:1]}." if last else first
        return _("Pembeli terverifikasi")


class ReviewPhoto(models.Model):
    """A photo of a review, cleaned like product photos (sentra.images); its rendition is made at upload."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("foto"), upload_to="reviews/%Y/%m/", width_field="width", height_field="height")
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    position = models.PositiveSmallIntegerField(default=0)

    thumb_320 = ImageSpecField(
        source="image", processors=[ResizeToFit(320, 320)], format="WEBP", options={"quality": 72}
    )
    large_1280 = ImageSpecField(
        source="image", processors=[ResizeToFit(1280, 1280)], format="WEBP", options={"quality": 80}
    )

    class Meta:
        verbose_name = _("foto ulasan")
        verbose_name_plural = _("foto ulasan")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.image.name


class ReviewVote(models.Model):
    """A signed-in user found a review helpful (once per user and review)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "user"], name="reviewvote_once_per_user")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.review_id}"


class ReviewReport(models.Model):
    """Someone signed in says a review breaks the rules; open until Dinas staff decide."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("alasan"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("laporan ulasan")
        verbose_name_plural = _("laporan ulasan")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["review", "reporter"], name="reviewreport_once_per_user")]

    def __str__(self) -> str:
        return f"{self.reporter_id} → {self.review_id}"


class ReviewDecision(models.Model):
    """The audit trail of moderation: who hid, restored or released a review, when and why."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Disembunyikan")
        RESTORE = "restore", _("Ditampilkan lagi")
        HOLD = "hold", _("Ditahan otomatis")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="decisions")
    action = models.CharField(_("tindakan"), max_length=10, choices=Action)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("alasan"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("keputusan ulasan")
        verbose_name_plural = _("keputusan ulasan")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.review_id}: {self.action}"


class Favourite(models.Model):
    """A product a shopper saved; `notified_at` is the last back-in-stock email (at most one a day)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourites")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="favourites")
    created_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("favorit")
        verbose_name_plural = _("favorit")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "product"], name="favourite_once_per_product")]

    def __str__(self) -> str:
        return f"{self.user_id} ♥ {self.product_id}"
