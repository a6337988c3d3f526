"""Counter sales: lines at today's prices, the stock ledger, all or nothing, and voiding the same day."""

import datetime

import pytest
from django.utils import timezone

from catalog.models import Product
from orders.models import StockMovement
from sales.models import CounterSale, CounterSaleEvent
from sales.services import OutOfStock, SaleError, sale_record, sale_void
from tests import factories

pytestmark = pytest.mark.django_db


def record(vendor, owner, items, payment=CounterSale.Payment.CASH, **kwargs):
    return sale_record(vendor=vendor, actor=owner, items=items, payment=payment, **kwargs)


def test_a_sale_writes_lines_at_todays_prices_and_takes_the_stock_off_the_shelf(vendor, owner):
    keripik = factories.ProductFactory(vendor=vendor, price=25000, stock_on_hand=10)
    kopi = factories.ProductFactory(vendor=vendor, price=40000, stock_on_hand=3)

    sale = record(vendor, owner, {keripik.pk: 2, kopi.pk: 1}, payment=CounterSale.Payment.QRIS)

    assert sale.total == 90000 and sale.payment == "qris" and sale.status == CounterSale.Status.SOLD
    assert sorted((line.product_id, line.unit_price, line.quantity) for line in sale.lines.all()) == [
        (keripik.pk, 25000, 2),
        (kopi.pk, 40000, 1),
    ]
    keripik.refresh_from_db(), kopi.refresh_from_db()
    assert (keripik.stock_on_hand, kopi.stock_on_hand) == (8, 2)
    ledger = StockMovement.objects.filter(reason=StockMovement.Reason.COUNTER_SOLD, note=sale.code)
    assert sorted(ledger.values_list("product_id", "on_hand_delta")) == [(keripik.pk, -2), (kopi.pk, -1)]
    assert CounterSaleEvent.objects.filter(sale=sale, to_status="sold", actor=owner).exists()


def test_later_price_changes_leave_the_sale_alone(vendor, owner, product):
    sale = record(vendor, owner, {product.pk: 1})
    Product.objects.filter(pk=product.pk).update(price=99000)
    assert sale.lines.get().unit_price == 25000 and CounterSale.objects.get(pk=sale.pk).total == 25000


def test_a_sale_never_takes_what_shoppers_have_reserved(vendor, owner):
    product = factories.ProductFactory(vendor=vendor, stock_on_hand=3, stock_reserved=2)
    with pytest.raises(OutOfStock, match="tinggal 1"):
        record(vendor, owner, {product.pk: 2})
    product.refresh_from_db()
    assert product.stock_on_hand == 3 and not CounterSale.objects.exists()


def test_one_short_line_writes_nothing_at_all(vendor, owner):
    plenty = factories.ProductFactory(vendor=vendor, stock_on_hand=10)
    short = factories.ProductFactory(vendor=vendor, stock_on_hand=1)
    with pytest.raises(OutOfStock):
        record(vendor, owner, {plenty.pk: 2, short.pk: 5})
    plenty.refresh_from_db()
    assert plenty.stock_on_hand == 10
    assert not CounterSale.objects.exists() and not StockMovement.objects.filter(reason="counter_sold").exists()


def test_made_to_order_products_sell_without_touching_stock(vendor, owner):
    cake = factories.ProductFactory(vendor=vendor, stock_on_hand=0, made_to_order=True, lead_time_days=2)
    sale = record(vendor, owner, {cake.pk: 2})
    cake.refresh_from_db()
    assert sale.total == 50000 and cake.stock_on_hand == 0


def test_another_vendors_product_is_refused(vendor, owner):
    other = factories.ProductFactory()
    with pytest.raises(SaleError, match="tidak ditemukan"):
        record(vendor, owner, {other.pk: 1})
    other.refresh_from_db()
    assert other.stock_on_hand == 10


@pytest.mark.parametrize("status", [Product.Status.ARCHIVED, Product.Status.HIDDEN])
def test_archived_or_hidden_products_are_refused(vendor, owner, status):
    product = factories.ProductFactory(vendor=vendor, status=status)
    with pytest.raises(SaleError, match="tidak bisa dijual"):
        record(vendor, owner, {product.pk: 1})


def test_a_missing_product_is_refused(vendor, owner):
    with pytest.raises(SaleError, match="tidak ditemukan"):
        record(vendor, owner, {987654: 1})


@pytest.mark.parametrize("quantity", [0, -1, 1000, "2", 1.5, True, None])
def test_quantities_must_be_sane_whole_numbers(vendor, owner, product, quantity):
    with pytest.raises(SaleError, match="antara 1 dan 999"):
        record(vendor, owner, {product.pk: quantity})


def test_an_empty_sale_and_an_unknown_payment_kind_are_refused(vendor, owner, product):
    with pytest.raises(SaleError, match="minimal satu"):
        record(vendor, owner, {})
    with pytest.raises(SaleError) as error:
        record(vendor, owner, {product.pk: 1}, payment="bitcoin")
    assert "payment" in error.value.error_dict


def test_a_suspended_vendor_cannot_record_sales(owner):
    vendor = factories.VendorFactory(owner=owner, status="suspended")
    product = factories.ProductFactory(vendor=vendor)
    with pytest.raises(SaleError, match="disetujui"):
        record(vendor, owner, {product.pk: 1})


def test_the_same_form_sent_twice_records_one_sale(vendor, owner, product):
    first = record(vendor, owner, {product.pk: 1}, token="abc")
    again = record(vendor, owner, {product.pk: 1}, token="abc")
    product.refresh_from_db()
    assert first.pk == again.pk and CounterSale.objects.count() == 1 and product.stock_on_hand == 9


def test_voiding_puts_the_stock_back_with_an_audit_row(vendor, owner, product):
    sale = record(vendor, owner, {product.pk: 3})
    sale_void(sale=sale, actor=owner, reason="Salah input")
    product.refresh_from_db()
    sale.refresh_from_db()
    assert product.stock_on_hand == 10
    assert (sale.status, sale.voided_by, sale.void_reason) == (CounterSale.Status.VOIDED, owner, "Salah input")
    assert StockMovement.objects.get(reason=StockMovement.Reason.COUNTER_VOIDED).on_hand_delta == 3
    assert CounterSaleEvent.objects.filter(
        sale=sale, from_status="sold", to_status="voided", reason="Salah input"
    ).exists()


def test_a_sale_cannot_be_voided_twice(vendor, owner, product):
    sale = record(vendor, owner, {product.pk: 3})
    sale_void(sale=sale, actor=owner, reason="Salah input")
    with pytest.raises(SaleError, match="sudah dibatalkan"):
        sale_void(sale=sale, actor=owner, reason="Lagi")
    product.refresh_from_db()
    assert product.stock_on_hand == 10 and StockMovement.objects.filter(reason="counter_voided").count() == 1


def test_voiding_needs_a_reason_and_the_same_day(vendor, owner, product):
    sale = record(vendor, owner, {product.pk: 1})
    with pytest.raises(SaleError) as error:
        sale_void(sale=sale, actor=owner, reason="  ")
    assert "reason" in error.value.error_dict
    CounterSale.objects.filter(pk=sale.pk).update(sold_at=timezone.now() - datetime.timedelta(days=1))
    sale.refresh_from_db()
    with pytest.raises(SaleError, match="hari yang sama"):
        sale_void(sale=sale, actor=owner, reason="Terlambat")
    assert CounterSale.objects.get(pk=sale.pk).status == CounterSale.Status.SOLD


def test_the_day_summary_counts_sales_and_rupiah_by_payment_kind_without_voided_ones(vendor, owner):
    product = factories.ProductFactory(vendor=vendor, price=10000, stock_on_hand=50)
    record(vendor, owner, {product.pk: 1})
    record(vendor, owner, {product.pk: 2}, payment=CounterSale.Payment.QRIS)
    record(vendor, owner, {product.pk: 3}, payment=CounterSale.Payment.TRANSFER)
    sale_void(sale=record(vendor, owner, {product.pk: 4}), actor=owner, reason="Batal")

    summary = CounterSale.objects.for_vendor(vendor).on_day(timezone.localdate()).summary()

    assert (summary["count"], summary["total"], summary["voided"]) == (3, 60000, 1)
    assert [row["total"] for row in summary["by_payment"]] == [10000, 20000, 30000]
    assert sum(row["total"] for row in summary["by_payment"]) == summary["total"]
