"""Writing reviews (services take `actor=`, raise DomainError, run in a transaction)."""

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from sentra.exceptions import DomainError

from .models import BODY_MAX, Review
from .selectors import reviewable_lines


@transaction.atomic
def create_review(*, actor, line_id: int, rating: int, body: str = "") -> Review:
    """Review a collected line. Anyone but its shopper (or a line not reviewable) gets a 404."""
    line = reviewable_lines(actor).select_for_update(of=("self",)).filter(pk=line_id).first()
    if line is None:
        raise Http404
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise DomainError(_("Nilai harus antara 1 dan 5 bintang."))
    body = (body or "").strip()
    if len(body) > BODY_MAX:
        raise DomainError(_("Ulasan paling banyak %(max)d karakter.") % {"max": BODY_MAX})
    return Review.objects.create(line=line, product=line.product, shopper=actor, rating=rating, body=body)


def sold_label(count: int) -> str:
    """'terjual 7', 'terjual 120', 'terjual 1rb+', 'terjual 12rb+' as shoppers expect; '' for none."""
    if count <= 0:
        return ""
    if count < 1000:
        return _("terjual %(n)d") % {"n": count}
    return _("terjual %(n)drb+") % {"n": count // 1000}
