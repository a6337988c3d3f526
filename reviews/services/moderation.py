"""Moderation: reports by signed-in users; Dinas staff hide or restore a review with a reason (ReviewDecision
is the audit trail). A hidden or held review counts nowhere: not on the product, its cards or its store."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reviews.models import Review, ReviewDecision, ReviewReport
from sentra.exceptions import DomainError

from .reviews import refresh_product_rating

REPORT_MAX = 500


def review_report(*, actor, review: Review, reason: str) -> ReviewReport:
    """Report a review for Dinas staff to look at; once per user and review."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Tulis alasan laporan Anda."))
    if review.shopper_id == actor.pk:
        raise DomainError(_("Anda tidak bisa melaporkan ulasan Anda sendiri."))
    try:
        with transaction.atomic():
            return ReviewReport.objects.create(review=review, reporter=actor, reason=reason[:REPORT_MAX])
    except IntegrityError:
        raise DomainError(_("Anda sudah melaporkan ulasan ini. Terima kasih, Dinas akan memeriksanya.")) from None


@transaction.atomic
def review_hide(*, actor, review: Review, reason: str) -> Review:
    """Hide a review (visible or held) from every page and count; closes its open reports."""
    return _decide(review, Review.Status.HIDDEN, ReviewDecision.Action.HIDE, actor=actor, reason=reason)


@transaction.atomic
def review_restore(*, actor, review: Review, reason: str) -> Review:
    """Show a hidden or held review again (reports found groundless are closed)."""
    return _decide(review, Review.Status.VISIBLE, ReviewDecision.Action.RESTORE, actor=actor, reason=reason)


def _decide(review: Review, to: str, action: str, *, actor, reason: str) -> Review:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Alasan wajib diisi."))
    review = Review.objects.select_for_update().get(pk=review.pk)
    reported = review.reports.filter(resolved_at__isnull=True)
    if review.status == to and not reported.exists():
        raise DomainError(_("Ulasan ini sudah berstatus %(status)s.") % {"status": review.get_status_display()})
    review.status = to
    review.save(update_fields=["status", "updated_at"])
    reported.update(resolved_at=timezone.now())
    ReviewDecision.objects.create(review=review, action=action, actor=actor, reason=reason)
    refresh_product_rating(review.product_id)
    return review
