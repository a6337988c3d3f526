"""The admin of reviews and favourites: read-only. A review is written, edited and answered by its shopper and
vendor, and hidden, restored or released only in the Dinas console (reviews.services keeps the moderation
record and the product's rating); a favourite is saved and removed by its shopper."""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sentra.admin import ReadOnly, column, links

from .models import Favourite, Review, ReviewDecision, ReviewPhoto, ReviewReport


class ReviewPhotoInline(ReadOnly, admin.TabularInline):
    model = ReviewPhoto
    extra = 0
    can_delete = False
    fields = ["image", column("width", _("lebar")), column("height", _("tinggi"))]
    readonly_fields = fields


class ReviewReportInline(ReadOnly, admin.TabularInline):
    model = ReviewReport
    extra = 0
    can_delete = False
    fields = [
        column("reporter", _("pelapor")),
        "reason",
        column("created_at", _("waktu")),
        column("resolved_at", _("selesai")),
    ]
    readonly_fields = fields


class ReviewDecisionInline(ReadOnly, admin.TabularInline):
    model = ReviewDecision
    extra = 0
    can_delete = False
    fields = ["action", column("actor", _("oleh")), "reason", column("created_at", _("waktu"))]
    readonly_fields = fields


@admin.register(Review)
class ReviewAdmin(ReadOnly, admin.ModelAdmin):
    list_display = [
        "__str__",
        "product",
        column("shopper", _("pembeli")),
        "rating",
        "status",
        "helpful_count",
        column("created_at", _("ditulis")),
    ]
    list_filter = ["status", "rating"]
    search_fields = ["product__name", "shopper__email", "body"]
    list_select_related = ["product", "shopper"]
    date_hierarchy = "created_at"
    readonly_fields = ["moderation"]
    inlines = [ReviewPhotoInline, ReviewReportInline, ReviewDecisionInline]

    @admin.display(description=_("Keputusan"))
    def moderation(self, review: Review) -> str:
        return links((reverse("console:review-detail", args=[review.pk]), _("Konsol Dinas")))


@admin.register(ReviewReport)
class ReviewReportAdmin(ReadOnly, admin.ModelAdmin):
    list_display = [
        "__str__",
        column("reporter", _("pelapor")),
        column("created_at", _("waktu")),
        column("resolved_at", _("selesai")),
    ]
    list_select_related = ["review", "reporter"]
    search_fields = ["reason", "reporter__email"]


@admin.register(Favourite)
class FavouriteAdmin(ReadOnly, admin.ModelAdmin):
    list_display = [
        "__str__",
        column("user", _("pembeli")),
        column("product", _("produk")),
        column("created_at", _("disimpan")),
        column("notified_at", _("email stok terakhir")),
    ]
    list_select_related = ["user", "product"]
    search_fields = ["user__email", "product__name"]
