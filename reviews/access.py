"""Fetch-and-authorise helpers for reviews: a 404 alike for missing and not yours."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Review
from .selectors import reviewable_lines


def access_reviewable_line(user, line_id: int):
    """A collected line of `user`'s that they may review now (within 60 days, not reviewed, not their own shop)."""
    line = reviewable_lines(user).filter(pk=line_id).first()
    if line is None:
        raise Http404
    return line


def access_own_review(user, pk: int) -> Review:
    """One of `user`'s own reviews."""
    return get_object_or_404(Review.objects.select_related("product"), pk=pk, shopper_id=user.pk or 0)


def access_visible_review(pk: int) -> Review:
    """A review anyone may see (to vote on or report)."""
    return get_object_or_404(Review.objects.visible().select_related("product"), pk=pk)


def access_vendor_review(vendor, pk: int) -> Review:
    """A review of one of `vendor`'s products."""
    return get_object_or_404(Review.objects.of_vendor(vendor).select_related("product", "shopper"), pk=pk)
