"""Reads for reservations: the reservations one checkout made, where each is picked up."""

from orders.models import Reservation
from vendors.models import ShopUnit
from vendors.selectors import PickupPoint, all_centres, vendor_pickup_points


def checkout_reservations(shopper, token: str) -> list[Reservation]:
    """The reservations one checkout form made (empty when the token is new): double submits find them."""
    if not token or not shopper.is_authenticated:
        return []
    return list(Reservation.objects.filter(shopper=shopper, checkout_token=token).order_by("pk"))


def reservation_pickup_points(reservations) -> dict[int, PickupPoint]:
    """{reservation pk: PickupPoint}: the centre and unit fixed when each was placed (rows from before that
    snapshot fall back on the vendor's current place), in at most two queries."""
    reservations = list(reservations)
    centres = {centre.pk: centre for centre in all_centres()}
    unit_ids = {r.pickup_unit_id for r in reservations if r.pickup_unit_id}
    units = ShopUnit.objects.in_bulk(unit_ids) if unit_ids else {}
    legacy = vendor_pickup_points({r.vendor_id for r in reservations if not r.pickup_centre_id})
    return {
        r.pk: PickupPoint(units.get(r.pickup_unit_id), centres.get(r.pickup_centre_id))
        if r.pickup_centre_id
        else legacy[r.vendor_id]
        for r in reservations
    }
