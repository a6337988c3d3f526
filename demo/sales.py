"""Demo counter sales (issue 19): `umkm@sentra.test` rang up three sales at the counter today (cash, QRIS and
transfer) and voided one of them, so the day summary, a receipt, the void page and a voided receipt all have
data. Everything goes through `sales.services`, so the stock ledger gets its `counter_sold`/`counter_voided`
rows like a real sale."""

from catalog.models import Product
from sales.models import CounterSale
from sales.services import sale_record, sale_void
from vendors.models import Vendor

from .data import UMKM_VENDOR_SLUG

PAYMENTS = [CounterSale.Payment.CASH, CounterSale.Payment.QRIS, CounterSale.Payment.TRANSFER]
VOID_REASON = "Salah input jumlah; pembeli hanya mengambil satu."


def build_sales() -> list[CounterSale]:
    """Record the demo counter sales of the UMKM account's vendor and void the last one."""
    vendor = Vendor.objects.get(slug=UMKM_VENDOR_SLUG)
    owner = vendor.memberships.get(role="owner").user
    published = Product.objects.filter(vendor=vendor, status=Product.Status.PUBLISHED, price__gt=0)
    shelf = [p for p in published.filter(made_to_order=False).order_by("pk") if p.stock_available][:4]
    if not shelf:
        return []
    wanted = [{0: 2, 1: 1}, {2: 1}, {3: 3}]  # basket → {shelf position: quantity}
    baskets = [
        {shelf[i % len(shelf)].pk: min(q, shelf[i % len(shelf)].stock_available) for i, q in basket.items()}
        for basket in wanted
    ]
    sales = [
        sale_record(vendor=vendor, actor=owner, items=items, payment=payment, token=f"demo-{index}")
        for index, (items, payment) in enumerate(zip(baskets, PAYMENTS, strict=True))
    ]
    sales[-1] = sale_void(sale=sales[-1], actor=owner, reason=VOID_REASON)
    return sales
