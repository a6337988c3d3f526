"""Stars, the product page's review block, the favourite heart and the share button (templates/reviews/partials)."""

from decimal import Decimal

from django import template
from django.db.models import OuterRef, Subquery
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from catalog.cards import rating_text, sold_label

from ..models import Favourite, Review, ReviewPhoto
from ..selectors import line_review_states

register = template.Library()

PRODUCT_PAGE_REVIEWS = 5


@register.simple_tag
def stars(value) -> SafeString:
    """Five stars filled to the nearest whole star, read out as "4,5 dari 5 bintang"."""
    value = Decimal(value or 0)
    full = int(value.quantize(Decimal(1), rounding="ROUND_HALF_UP"))
    label = gettext("%(value)s dari 5 bintang") % {"value": rating_text(value)}
    return mark_safe(  # noqa: S308 (digits and a translated label without markup)
        f'<span class="stars" role="img" aria-label="{label}">{"★" * full}{"☆" * (5 - full)}</span>'
    )


@register.filter
def terjual(count: int) -> str:
    return sold_label(count or 0)


@register.filter
def rating(average) -> str:
    return rating_text(average or 0)


@register.inclusion_tag("reviews/partials/product_reviews.html", takes_context=True)
def product_review_block(context, product) -> dict:
    """The first reviews on the product page: one query, only when the product has visible reviews."""
    reviews = []
    if product.rating_count:
        # The first photo of each review comes in the same query (a subquery): the page stays within 8 queries.
        first = ReviewPhoto.objects.filter(review=OuterRef("pk")).order_by("position", "pk").values("image")[:1]
        rows = (
            Review.objects.visible()
            .of_product(product)
            .select_related("shopper")
            .annotate(first_photo=Subquery(first))
            .ordered("membantu")[:PRODUCT_PAGE_REVIEWS]
        )
        for review in rows:
            review.photo_list = [ReviewPhoto(image=review.first_photo, width=1, height=1)] if review.first_photo else []
            reviews.append(review)
    return {"product": product, "reviews": reviews, "request": context.get("request"), "user": context.get("user")}


@register.inclusion_tag("reviews/partials/favourite_form.html", takes_context=True)
def favourite_button(context, product) -> dict:
    """The product page's heart: a POST form that saves or removes (htmx swaps it in place); signed-in shoppers
    see whether it is saved (one query)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    saved = bool(user and user.is_authenticated and Favourite.objects.filter(user=user, product=product).exists())
    next_url = request.get_full_path() if request else product.get_absolute_url()
    return {"product": product, "saved": saved, "next_url": next_url, "csrf_token": context.get("csrf_token")}


@register.simple_tag
def line_reviews(user, reservation) -> dict:
    """{line pk: {"review": Review | None, "reviewable": bool}} for a collected reservation of `user`."""
    return line_review_states(user, reservation)


@register.filter
def state_of(states: dict, pk: int):
    return states.get(pk)
