"""What real use leaves behind, which every page must still show: a member who left (the reservation steps
and ledger rows they made keep no actor) and a published product whose photos were all removed."""

from catalog.models import Product
from orders.models import StockMovement
from orders.services.stock import stock_adjust
from vendors.models import Vendor, VendorMembership

from .accounts import AccountMaker
from .data import FORMER_STAFF

PHOTOLESS_VENDOR = "aksesori-siger-kotabumi"  # approved, without a unit: its first product lost its photos
FORMER_STAFF_RESTOCK = 6


def hire_former_staff(accounts: AccountMaker, vendor: Vendor):
    """Return the staff member of `vendor` who will handle a few reservations and a restock, then leave."""
    user = accounts.ensure(FORMER_STAFF)
    VendorMembership.objects.create(vendor=vendor, user=user, role=VendorMembership.Role.STAFF)
    return user


def former_staff_leaves(user, products: list[Product]) -> None:
    """The member restocks the vendor's first ready-made product, then their account is deleted.

    They cancelled nothing: the change history keeps `cancelled_by` (unlike `actor`, not set to NULL), and a
    history row pointing at a deleted user breaks `dumpdata --natural-foreign`, the backup of docs/operations.md.
    """
    stocked = [p for p in products if not p.made_to_order and p.status == Product.Status.PUBLISHED]
    if stocked:
        stock_adjust(
            product=stocked[0],
            delta=FORMER_STAFF_RESTOCK,
            reason=StockMovement.Reason.RESTOCK,
            note="Kiriman dari rumah produksi.",
            actor=user,
        )
    user.delete()  # memberships go with it; reservation steps and ledger rows keep no actor (SET_NULL)


def photoless_product(catalogue: dict[int, list[Product]], vendors: dict[str, Vendor]) -> Product | None:
    """The published product that is listed without any photo."""
    products = catalogue.get(vendors[PHOTOLESS_VENDOR].pk, [])
    return next((p for p in products if p.status == Product.Status.PUBLISHED), None)
