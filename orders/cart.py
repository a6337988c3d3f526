"""The shopping cart: product pk -> quantity in the session (anonymous visitors too; kept across login)."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalog.models import Product
from orders.services import checkout_lead_days, common_pickup_dates
from sentra.exceptions import DomainError
from vendors.models import Vendor
from vendors.selectors import PickupPoint, vendor_pickup_points

SESSION_KEY = "sentra_cart"
LOW_STOCK = 5  # "tinggal 2" from this many units down


class CartError(DomainError):
    """A cart change that cannot be made; the message is shown to the shopper."""


@dataclass
class CartLine:
    product: Product
    quantity: int
    problem: str = ""  # blocks checkout: unavailable, not enough stock
    warning: str = ""  # informative: low stock, lead time

    @property
    def subtotal(self) -> int:
        return self.product.price * self.quantity


@dataclass
class CartGroup:
    """The lines of one vendor: they become one reservation, picked up at one unit."""

    vendor: Vendor
    point: PickupPoint
    lines: list[CartLine] = field(default_factory=list)

    @property
    def subtotal(self) -> int:
        return sum(line.subtotal for line in self.lines)


@dataclass
class CartSummary:
    groups: list[CartGroup]

    @property
    def lines(self) -> list[CartLine]:
        return [line for group in self.groups for line in group.lines]

    @property
    def total(self) -> int:
        return sum(group.subtotal for group in self.groups)

    @property
    def count(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def has_problems(self) -> bool:
        return any(line.problem for line in self.lines)

    @property
    def centres(self) -> list:
        """The distinct centres the cart's reservations are picked up at, in the order of the groups."""
        seen: dict = {}
        for group in self.groups:
            if group.point.centre is not None:
                seen.setdefault(group.point.centre.pk, group.point.centre)
        return list(seen.values())

    @property
    def spans_centres(self) -> bool:
        """Products of vendors at more than one centre: the shopper picks up at each of them."""
        return len(self.centres) > 1

    @property
    def products(self) -> list[Product]:
        return [line.product for line in self.lines]

    @property
    def lead_days(self) -> int:
        """The longest made-to-order lead time: it sets the earliest pickup date of the whole checkout."""
        return checkout_lead_days(self.products)

    @property
    def waits_for_made_to_order(self) -> bool:
        """Ready-stock lines wait for a made-to-order one: one checkout has one pickup date."""
        return self.lead_days > 0 and any(not product.made_to_order for product in self.products)


class Cart:
    """Read and change the cart kept in `session`. Every change is checked against the current stock."""

    def __init__(self, session) -> None:
        self.session = session
        self._items = self._load(session.get(SESSION_KEY))

    @staticmethod
    def _load(raw) -> dict[int, int]:
        """Keep only sane entries: the session may hold anything an old version wrote."""
        items = {}
        if isinstance(raw, dict):
            for key, value in raw.items():
                if str(key).isdigit() and isinstance(value, int) and value > 0:
                    items[int(key)] = value
        return items

    def __len__(self) -> int:
        return len(self._items)

    def quantities(self) -> dict[int, int]:
        return dict(self._items)

    def quantity_of(self, product_pk: int) -> int:
        return self._items.get(product_pk, 0)

    def add(self, product: Product, quantity: int) -> int:
        """Add `quantity` of `product`; return the new quantity in the cart."""
        return self.set(product, self.quantity_of(product.pk) + quantity)

    def set(self, product: Product, quantity: int) -> int:
        """Set the quantity of `product` after checking availability and the per-line limit."""
        problem = line_problem(product, quantity)
        if problem:
            raise CartError(problem)
        self._items[product.pk] = quantity
        self._save()
        return quantity

    def remove(self, product_pk: int) -> None:
        self._items.pop(product_pk, None)
        self._save()

    def remove_many(self, product_pks) -> None:
        for pk in product_pks:
            self._items.pop(pk, None)
        self._save()

    def clear(self) -> None:
        self._items = {}
        self._save()

    def _save(self) -> None:
        self.session[SESSION_KEY] = {str(pk): q for pk, q in self._items.items()}
        self.session.modified = True

    def summary(self, user=None) -> CartSummary:
        """Group the lines by vendor with unit, problems and warnings, in a constant number of queries.

        With `user`, products of the user's own business are flagged: a member cannot reserve them.
        """
        products = Product.objects.filter(pk__in=self._items).with_card_data()
        points = vendor_pickup_points({p.vendor_id for p in products})
        own = set(Vendor.objects.for_user(user).values_list("pk", flat=True)) if user and products else set()
        groups: dict[int, CartGroup] = {}
        for product in sorted(products, key=lambda p: (p.vendor.name, p.vendor_id, p.name, p.pk)):
            quantity = self._items[product.pk]
            problem = _("Produk usaha Anda sendiri tidak bisa dipesan.") if product.vendor_id in own else ""
            group = groups.setdefault(product.vendor_id, CartGroup(product.vendor, points[product.vendor_id]))
            group.lines.append(
                CartLine(product, quantity, problem or line_problem(product, quantity), line_warning(product, quantity))
            )
        if len(products) != len(self._items):  # deleted products vanish quietly
            self.remove_many(set(self._items) - {p.pk for p in products})
        return CartSummary(list(groups.values()))


def line_problem(product: Product, quantity: int) -> str:
    """Return why `quantity` of `product` cannot be reserved now ('' when it can)."""
    limit = settings.SENTRA_MAX_QUANTITY_PER_LINE
    if not product.is_public or product.vendor.on_holiday:
        return _("Produk ini sedang tidak tersedia.")
    if quantity < 1:
        return _("Jumlah minimal 1.")
    if quantity > limit:
        return _("Maksimal %(limit)d per produk.") % {"limit": limit}
    if not product.made_to_order and quantity > product.stock_available:
        if not product.stock_available:
            return _("Stok habis.")
        return _("Stok tidak cukup: tinggal %(count)d.") % {"count": product.stock_available}
    return ""


def line_warning(product: Product, quantity: int) -> str:
    """Return a note worth knowing before checkout: lead time or low stock."""
    if product.made_to_order:
        days = product.lead_time_days
        return ngettext("Dibuat sesuai pesanan: %(days)d hari.", "Dibuat sesuai pesanan: %(days)d hari.", days) % {
            "days": days
        }
    if 0 < product.stock_available <= LOW_STOCK:
        return _("Tinggal %(count)d.") % {"count": product.stock_available}
    return ""


def checkout_pickup_dates(summary: CartSummary, *, now) -> list:
    """The pickup dates a checkout of this cart may choose (every vendor's centre open, lead times met)."""
    centres = [group.point.centre for group in summary.groups]
    return common_pickup_dates(centres, now=now, lead_days=summary.lead_days)
