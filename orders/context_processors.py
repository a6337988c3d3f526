"""Template context for every page: how many products are in the cart (for the header badge)."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from orders.cart import Cart


def cart(request: HttpRequest) -> dict:
    """Expose `cart_count` lazily: the session is read only when a template shows it."""
    session = getattr(request, "session", None)
    if session is None:
        return {"cart_count": 0}
    return {"cart_count": SimpleLazyObject(lambda: len(Cart(session)))}
