"""Reads for reservations: the reservations one checkout made."""

from orders.models import Reservation


def checkout_reservations(shopper, token: str) -> list[Reservation]:
    """The reservations one checkout form made (empty when the token is new): double submits find them."""
    if not token or not shopper.is_authenticated:
        return []
    return list(Reservation.objects.filter(shopper=shopper, checkout_token=token).order_by("pk"))
