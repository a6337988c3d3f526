"""Writing reviews (services take `actor=`, raise DomainError, run in a transaction)."""

import datetime

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from sentra.exceptions import DomainError

from .models import BODY_MAX, Review
from .selectors import reviewable_lines

EDIT_WINDOW = datetime.timedelta(days=7)


def _clean(rating, body: str) -> str:
    if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
        raise DomainError(_("Nilai harus antara 1 dan 5 bintang."))
    body = (body or "").strip()
    if len(body) > BODY_MAX:
        raise DomainError(_("Ulasan paling banyak %(max)d karakter.") % {"max": BODY_MAX})
    return body


@transaction.atomic
def create_review(*, actor, line_id: int, rating: int, body: str = "") -> Review:
    """Review a collected line. Anyone but its shopper (or a line not reviewable) gets a 404."""
    line = reviewable_lines(actor).select_for_update(of=("self",)).filter(pk=line_id).first()
    if line is None:
        raise Http404
    body = _clean(rating, body)
    return Review.objects.create(line=line, product=line.product, shopper=actor, rating=rating, body=body)


@transaction.atomic
def update_review(*, actor, review_id: int, rating: int, body: str = "") -> Review:
    """Edit one's own review within 7 days of writing it; anyone else gets a 404."""
    review = Review.objects.select_for_update().filter(pk=review_id, shopper_id=actor.pk or 0).first()
    if review is None:
        raise Http404
    if timezone.now() > review.created_at + EDIT_WINDOW:
        raise DomainError(_("Ulasan hanya bisa diubah dalam 7 hari setelah ditulis."))
    review.rating, review.body = rating, _clean(rating, body)
    review.save(update_fields=["rating", "body", "updated_at"])
    return review


def sold_label(count: int) -> str:
    """'terjual 7', 'terjual 120', 'terjual 1rb+', 'terjual 12rb+' as shoppers expect; '' for none."""
    if count <= 0:
        return ""
    if count < 1000:
        return _("terjual %(n)d") % {"n": count}
    return _("terjual %(n)drb+") % {"n": count // 1000}
