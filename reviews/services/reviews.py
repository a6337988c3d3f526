"""Writing reviews: create, edit, reply, vote (services take `actor=`, raise DomainError, run in a transaction).

A review's rating counts on the product (catalog.Product.rating_avg / rating_count, the copy cards and sorts
read) only while it is visible: every change of rating or status refreshes that copy in the same transaction.
"""

import datetime
import logging
import re
from collections.abc import Sequence
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, F
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.cards import sold_label  # noqa: F401 (re-exported: the label of Product.sold_count)
from catalog.models import Product
from reviews.models import BODY_MAX, EDIT_WINDOW, MAX_PHOTOS, REPLY_MAX, Review, ReviewDecision, ReviewPhoto, ReviewVote
from reviews.selectors import reviewable_lines
from sentra.cache import invalidate_pages
from sentra.exceptions import DomainError
from sentra.images import clean_photo

logger = logging.getLogger(__name__)

# Words that hold a review for Dinas staff to read before it shows (whole words, any case). Short on purpose:
# insults and slurs shoppers commonly type; anything subtler is reported by readers.
BLOCKLIST = ("anjing", "babi", "bangsat", "bajingan", "brengsek", "goblok", "tolol", "kontol", "memek", "ngentot")
BLOCKED = re.compile(r"\b(" + "|".join(BLOCKLIST) + r")\b", re.IGNORECASE)


def _clean(rating, body: str, *, photos: int = 0) -> str:
    if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
        raise DomainError(_("Nilai harus antara 1 dan 5 bintang."))
    body = (body or "").strip()
    if len(body) > BODY_MAX:
        raise DomainError(_("Ulasan paling banyak %(max)d karakter.") % {"max": BODY_MAX})
    if photos > MAX_PHOTOS:
        raise DomainError(_("Paling banyak %(max)d foto per ulasan.") % {"max": MAX_PHOTOS})
    if photos and not body:
        raise DomainError(_("Tulis sedikit ulasan untuk menemani foto Anda."))
    return body


def is_blocked(text: str) -> bool:
    """Whether `text` has a word of the blocklist (the review waits for moderation)."""
    return bool(BLOCKED.search(text or ""))


def create_review(*, actor, line_id: int, rating: int, body: str = "", photos: Sequence = ()) -> Review:
    """Review a collected line. Anyone but its shopper (or a line not reviewable) gets a 404."""
    body = _clean(rating, body, photos=len(photos))
    cleaned = [clean_photo(upload) for upload in photos]  # before the transaction: decoding takes a while
    with transaction.atomic():
        line = reviewable_lines(actor).select_for_update(of=("self",)).filter(pk=line_id).first()
        if line is None:
            raise Http404
        status = Review.Status.HELD if is_blocked(body) else Review.Status.VISIBLE
        review = Review.objects.create(
            line=line, product=line.product, shopper=actor, rating=rating, body=body, status=status
        )
        if status == Review.Status.HELD:
            ReviewDecision.objects.create(review=review, action=ReviewDecision.Action.HOLD, reason=body[:200])
        _add_photos(review, cleaned)
        refresh_product_rating(review.product_id)
    return review


def update_review(*, actor, review_id: int, rating: int, body: str = "", photos: Sequence = ()) -> Review:
    """Edit one's own review within 7 days of writing it (new photos are added); anyone else gets a 404."""
    review = Review.objects.filter(pk=review_id, shopper_id=actor.pk or 0).first()
    if review is None:
        raise Http404
    body = _clean(rating, body, photos=review.photos.count() + len(photos))
    cleaned = [clean_photo(upload) for upload in photos]
    with transaction.atomic():
        review = Review.objects.select_for_update().get(pk=review.pk)
        if timezone.now() > review.created_at + EDIT_WINDOW:
            raise DomainError(_("Ulasan hanya bisa diubah dalam 7 hari setelah ditulis."))
        review.rating, review.body = rating, body
        fields = ["rating", "body", "updated_at"]
        if review.status == Review.Status.VISIBLE and is_blocked(body):
            review.status = Review.Status.HELD
            fields.append("status")
            ReviewDecision.objects.create(review=review, action=ReviewDecision.Action.HOLD, reason=body[:200])
        review.save(update_fields=fields)
        _add_photos(review, cleaned)
        refresh_product_rating(review.product_id)
    return review


def can_edit(review: Review, now: datetime.datetime | None = None) -> bool:
    return (now or timezone.now()) <= review.created_at + EDIT_WINDOW


def _add_photos(review: Review, cleaned: list) -> None:
    start = review.photos.count()
    for position, content in enumerate(cleaned, start=start + 1):
        photo = ReviewPhoto(review=review, position=position)
        try:
            photo.image.save(content.name, content, save=False)
            photo.save()
            photo.thumb_320.generate()
            photo.large_1280.generate()
        except Exception:
            logger.exception("review photo upload failed review=%s", review.pk)
            photo.image.delete(save=False)
            raise


def refresh_product_rating(product_id: int) -> None:
    """Copy the average and number of the product's visible reviews onto it; pages show it after commit."""
    stats = Review.objects.visible().filter(product_id=product_id).aggregate(n=Count("pk"), avg=Avg("rating"))
    average = Decimal(str(round(stats["avg"] or 0, 2)))
    Product.objects.filter(pk=product_id).update(rating_count=stats["n"], rating_avg=average)
    transaction.on_commit(invalidate_pages)


@transaction.atomic
def review_reply(*, actor, vendor, review_id: int, body: str) -> Review:
    """The vendor answers a visible review of its product, once and publicly; other reviews are a 404."""
    review = Review.objects.select_for_update().filter(pk=review_id, product__vendor=vendor).first()
    if review is None:
        raise Http404
    body = (body or "").strip()
    if not body:
        raise DomainError(_("Tulis balasan Anda."))
    if len(body) > REPLY_MAX:
        raise DomainError(_("Balasan paling banyak %(max)d karakter.") % {"max": REPLY_MAX})
    if review.replied_at is not None:
        raise DomainError(_("Ulasan ini sudah Anda balas; balasan hanya sekali."))
    if review.status != Review.Status.VISIBLE:
        raise DomainError(_("Ulasan ini sedang tidak tampil, jadi belum bisa dibalas."))
    review.reply, review.replied_at, review.replied_by = body, timezone.now(), actor
    review.save(update_fields=["reply", "replied_at", "replied_by", "updated_at"])
    transaction.on_commit(invalidate_pages)
    return review


def review_vote(*, actor, review: Review) -> bool:
    """Count `actor` finding a visible review helpful, once; False when they had already (or it is their own)."""
    if review.shopper_id == actor.pk or review.status != Review.Status.VISIBLE:
        return False
    try:
        with transaction.atomic():
            ReviewVote.objects.create(review=review, user=actor)
    except IntegrityError:
        return False
    Review.objects.filter(pk=review.pk).update(helpful_count=F("helpful_count") + 1)
    return True
