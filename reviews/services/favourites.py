"""Favourites: a shopper saves products; when a saved product that was sold out is back in stock, an email
(at most one a day per shopper and product) goes through the mail queue."""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from catalog.models import Product
from reviews.models import Favourite

logger = logging.getLogger(__name__)

NOTICE_INTERVAL = datetime.timedelta(days=1)


def favourite_toggle(*, actor, product: Product) -> bool:
    """Save `product` to the shopper's favourites, or remove it when saved; True when it is saved now."""
    deleted, _rows = Favourite.objects.filter(user=actor, product=product).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Favourite.objects.create(user=actor, product=product)
    except IntegrityError:  # saved by a second tap at the same time
        pass
    return True


def notify_back_in_stock(*, product_id: int, rise: int, now: datetime.datetime | None = None) -> int:
    """After stock of a product rose by `rise`: if it had none free before, email the shoppers who saved it.

    Runs after the stock change committed (orders.signals.stock_raised). Returns the number of emails queued."""
    product = Product.objects.published().select_related("vendor").filter(pk=product_id).first()
    if product is None or product.made_to_order:
        return 0
    available = product.stock_available
    if available <= 0 or available - rise > 0:
        return 0  # still sold out, or was never sold out
    now = now or timezone.now()
    due = Q(notified_at__isnull=True) | Q(notified_at__lt=now - NOTICE_INTERVAL)
    favourites = list(Favourite.objects.filter(due, product=product).select_related("user"))
    sent = 0
    for favourite in favourites:
        # Claim the notice with a conditional UPDATE: two stock changes at once send one email.
        if not Favourite.objects.filter(due, pk=favourite.pk).update(notified_at=now):
            continue
        if favourite.user.email:
            _send(favourite.user, product)
            sent += 1
    return sent


def _send(user, product: Product) -> None:
    url = settings.SITE_URL.rstrip("/") + product.get_absolute_url()
    with translation.override(settings.LANGUAGE_CODE):
        context = {"user": user, "product": product, "url": url}
        subject = render_to_string("emails/reviews/back_in_stock_subject.txt", context).strip()
        body = render_to_string("emails/reviews/back_in_stock.txt", context)
    send_mail(subject, body, None, [user.email])


def on_stock_raised(sender, *, product_id: int, rise: int, **kwargs) -> None:
    """orders.signals.stock_raised: a stock change committed; a failing email never breaks the stock change."""
    try:
        notify_back_in_stock(product_id=product_id, rise=rise)
    except Exception:
        logger.exception("back-in-stock notice failed product=%s", product_id)
