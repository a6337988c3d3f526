"""reservation_place: one reservation per vendor, all or none, every rule of SPEC §5."""

import datetime

import pytest
from django.core import mail
from django.db.models import Sum
from django.test import override_settings
from django.utils import timezone, translation

from catalog.models import Product
from orders import services
from orders.models import Reservation, ReservationEvent, StockMovement
from orders.services import (
    EmailNotVerified,
    EmptyCart,
    InvalidQuantity,
    LimitExceeded,
    OutOfStock,
    OwnProduct,
    PickupDateInvalid,
    ProductUnavailable,
    VendorUnavailable,
)
from tests import factories
from vendors.models import ClosedDate, Vendor

pytestmark = pytest.mark.django_db


def reserved(product) -> int:
    product.refresh_from_db()
    return product.stock_reserved


def test_placing_a_cart_of_two_vendors_makes_two_reservations(place, stocked, other_product, shopper):
    placed = place({stocked: 2, other_product: 3})

    assert [r.vendor for r in placed] == sorted([stocked.vendor, other_product.vendor], key=lambda v: v.pk)
    assert {r.status for r in placed} == {Reservation.Status.PLACED}
    assert reserved(stocked) == 2
    assert reserved(other_product) == 3
    assert Reservation.objects.filter(shopper=shopper).count() == 2


def test_lines_keep_a_snapshot_of_name_unit_and_price(place, stocked):
    (reservation,) = place({stocked: 2})
    Product.objects.filter(pk=stocked.pk).update(name="Nama Baru", price=99000)

    line = reservation.lines.get()
    assert (line.product_name, line.sale_unit, line.unit_price, line.quantity) == (
        "Keripik Pisang Coklat",
        "pak",
        25000,
        2,
    )
    assert reservation.total == 50000


def test_placing_writes_a_ledger_row_and_a_timeline_event(place, stocked, shopper):
    (reservation,) = place({stocked: 2})

    movement = StockMovement.objects.get(reservation=reservation)
    assert (movement.held_delta, movement.on_hand_delta, movement.reason) == (2, 0, StockMovement.Reason.RESERVED)
    assert movement.actor == shopper
    event = ReservationEvent.objects.get(reservation=reservation)
    assert (event.from_status, event.to_status, event.actor) == ("", Reservation.Status.PLACED, shopper)


def test_the_hold_ends_at_closing_time_on_the_pickup_date(place, stocked, pickup_day):
    (reservation,) = place({stocked: 1})

    assert reservation.pickup_date == pickup_day
    assert timezone.localtime(reservation.hold_until) == timezone.make_aware(
        datetime.datetime.combine(pickup_day, datetime.time(17))
    )


def test_out_of_stock_names_the_product_and_writes_nothing(place, stocked, other_product):
    with pytest.raises(OutOfStock, match="Stok Kopi Robusta Lampung tidak cukup: tinggal 8"):
        place({stocked: 2, other_product: 9})

    assert reserved(stocked) == 0
    assert not Reservation.objects.exists()
    assert not StockMovement.objects.exists()


def test_sold_out_product_says_stok_habis(place, stocked):
    Product.objects.filter(pk=stocked.pk).update(stock_on_hand=0)
    with pytest.raises(OutOfStock, match="Stok habis: Keripik Pisang Coklat"):
        place({stocked: 1})


def test_held_stock_is_not_available_to_the_next_shopper(place, stocked):
    place({stocked: 4})
    with pytest.raises(OutOfStock, match="tinggal 1"):
        place({stocked: 2}, shopper=factories.UserFactory())


@pytest.mark.parametrize("quantity", [0, -1, "3", 2.5, None, True])
def test_a_quantity_that_is_not_a_positive_whole_number_is_refused(place, stocked, quantity):
    with pytest.raises(InvalidQuantity):
        place({stocked: quantity})
    assert reserved(stocked) == 0


@override_settings(SENTRA_MAX_QUANTITY_PER_LINE=3)
def test_a_line_above_the_quantity_limit_is_refused(place, stocked):
    with pytest.raises(LimitExceeded, match="Maksimal 3"):
        place({stocked: 4})


def test_an_empty_cart_is_refused(place):
    with pytest.raises(EmptyCart):
        place({})


@override_settings(SENTRA_MAX_OPEN_RESERVATIONS=2)
def test_a_shopper_cannot_hold_more_open_reservations_than_the_limit(place, stocked, other_product, vendor):
    third = factories.ProductFactory(vendor=factories.VendorFactory(), stock_on_hand=3)
    place({stocked: 1, other_product: 1})

    with pytest.raises(LimitExceeded, match="maksimal 2"):
        place({third: 1})


@override_settings(SENTRA_MAX_OPEN_RESERVATIONS=1)
def test_the_open_reservation_limit_message_counts_in_english_too(place, stocked, other_product):
    place({stocked: 1})

    with translation.override("en"), pytest.raises(LimitExceeded) as raised:
        place({other_product: 1})

    assert "becomes 1 reservation (" in str(raised.value)


@override_settings(SENTRA_MAX_OPEN_RESERVATIONS=1)
def test_closed_reservations_do_not_count_towards_the_limit(place, stocked, shopper):
    (first,) = place({stocked: 1})
    services.reservation_cancel(reservation=first, actor=shopper, reason="Salah pilih")

    assert place({stocked: 1})


def test_a_shopper_without_a_verified_email_cannot_reserve(place, stocked):
    with pytest.raises(EmailNotVerified):
        place({stocked: 1}, shopper=factories.UserFactory(verified=False))
    assert not Reservation.objects.exists()


def test_a_vendor_member_cannot_reserve_its_own_products(place, stocked, owner):
    with pytest.raises(OwnProduct, match="Keripik Pisang Coklat"):
        place({stocked: 1}, shopper=owner)


@pytest.mark.parametrize("status", [Vendor.Status.SUSPENDED, Vendor.Status.ARCHIVED, Vendor.Status.SUBMITTED])
def test_a_vendor_that_is_not_approved_takes_no_new_reservations(place, stocked, vendor, status):
    Vendor.objects.filter(pk=vendor.pk).update(status=status)
    with pytest.raises(VendorUnavailable):
        place({stocked: 1})


def test_a_vendor_on_holiday_takes_no_new_reservations(place, stocked, vendor):
    Vendor.objects.filter(pk=vendor.pk).update(on_holiday=True)
    with pytest.raises(VendorUnavailable):
        place({stocked: 1})


@pytest.mark.parametrize("status", [Product.Status.DRAFT, Product.Status.HIDDEN, Product.Status.ARCHIVED])
def test_a_product_that_is_not_published_cannot_be_reserved(place, stocked, status):
    Product.objects.filter(pk=stocked.pk).update(status=status)
    with pytest.raises(ProductUnavailable, match="Keripik Pisang Coklat"):
        place({stocked: 1})


def test_a_product_that_does_not_exist_cannot_be_reserved(place, stocked):
    with pytest.raises(ProductUnavailable):
        place({stocked: 1, 999999: 1})
    assert reserved(stocked) == 0


def test_a_pickup_date_in_the_past_is_refused(place, stocked):
    with pytest.raises(PickupDateInvalid):
        place({stocked: 1}, pickup_date=timezone.localdate() - datetime.timedelta(days=1))


def test_a_pickup_date_on_a_closed_day_is_refused(place, stocked, centre, pickup_day):
    ClosedDate.objects.create(centre=centre, date=pickup_day, reason="Idulfitri")
    with pytest.raises(PickupDateInvalid):
        place({stocked: 1}, pickup_date=pickup_day)


def test_a_pickup_date_beyond_the_window_of_open_days_is_refused(place, stocked, centre):
    window = services.pickup_dates(centre, now=timezone.now())
    assert len(window) == 7
    place({stocked: 1}, pickup_date=window[-1])
    with pytest.raises(PickupDateInvalid):
        place({stocked: 1}, pickup_date=window[-1] + datetime.timedelta(days=1))


def test_a_closed_day_does_not_count_towards_the_window(centre):
    now = timezone.now()
    before = services.pickup_dates(centre, now=now)
    ClosedDate.objects.create(centre=centre, date=before[2])

    after = services.pickup_dates(centre, now=now)
    assert before[2] not in after
    assert len(after) == 7
    assert after[-1] == before[-1] + datetime.timedelta(days=1)


def test_today_is_offered_only_until_the_centre_closes(centre):
    today = timezone.localdate()
    morning = timezone.make_aware(datetime.datetime.combine(today, datetime.time(9)))
    evening = timezone.make_aware(datetime.datetime.combine(today, datetime.time(17, 30)))

    assert services.pickup_dates(centre, now=morning)[0] == today
    assert services.pickup_dates(centre, now=evening)[0] == today + datetime.timedelta(days=1)


def test_made_to_order_holds_no_stock_and_waits_for_its_lead_time(place, vendor, unit, centre):
    tapis = factories.ProductFactory(vendor=vendor, made_to_order=True, lead_time_days=3, stock_on_hand=0)
    offered = services.pickup_dates(centre, now=timezone.now(), lead_days=3)
    assert offered[0] == timezone.localdate() + datetime.timedelta(days=3)

    with pytest.raises(PickupDateInvalid):
        place({tapis: 2}, pickup_date=offered[0] - datetime.timedelta(days=1))
    (reservation,) = place({tapis: 2}, pickup_date=offered[0])

    assert reservation.lines.get().made_to_order
    assert reserved(tapis) == 0
    assert not StockMovement.objects.exists()


def test_a_made_to_order_item_pushes_the_pickup_date_of_the_whole_checkout(place, stocked, other_vendor, pickup_day):
    tapis = factories.ProductFactory(vendor=other_vendor, made_to_order=True, lead_time_days=4)
    with pytest.raises(PickupDateInvalid):
        place({stocked: 1, tapis: 1}, pickup_date=pickup_day)
    assert reserved(stocked) == 0


def test_an_overdue_hold_never_blocks_a_new_reservation(place, stocked, django_capture_on_commit_callbacks):
    (old,) = place({stocked: 5}, shopper=factories.UserFactory())
    past = timezone.now() - datetime.timedelta(hours=1)
    Reservation.objects.filter(pk=old.pk).update(placed_at=past - datetime.timedelta(days=1), hold_until=past)

    with django_capture_on_commit_callbacks(execute=True):
        (new,) = place({stocked: 5})

    old.refresh_from_db()
    assert old.status == Reservation.Status.EXPIRED
    assert reserved(stocked) == 5
    assert StockMovement.objects.filter(reservation=old).aggregate(Sum("held_delta"))["held_delta__sum"] == 0
    assert any(old.code in m.subject + m.body and "kedaluwarsa" in m.subject.lower() for m in mail.outbox)


def test_a_double_submitted_checkout_makes_one_set_of_reservations(place, stocked, other_product):
    first = place({stocked: 2, other_product: 1}, checkout_token="same")
    second = place({stocked: 2, other_product: 1}, checkout_token="same")

    assert [r.pk for r in first] == [r.pk for r in second]
    assert Reservation.objects.count() == 2
    assert reserved(stocked) == 2


def test_an_error_after_stock_was_taken_rolls_everything_back(place, stocked, other_product, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ReservationEvent.objects, "bulk_create", explode)  # the last write, after the stock hold
    with pytest.raises(RuntimeError):
        place({stocked: 2, other_product: 1})

    assert reserved(stocked) == 0
    assert reserved(other_product) == 0
    assert not Reservation.objects.exists()
    assert not StockMovement.objects.exists()


def test_a_vendor_without_a_unit_uses_the_main_centre(place, centre, pickup_day):
    loose = factories.ProductFactory(vendor=factories.VendorFactory(), stock_on_hand=2)
    (reservation,) = place({loose: 1})
    assert reservation.pickup_date == pickup_day


def test_placing_emails_the_shopper_and_the_vendor_members(
    place, stocked, shopper, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        (reservation,) = place({stocked: 2})

    to = {m.to[0]: m for m in mail.outbox}
    assert set(to) == {shopper.email, owner.email}
    assert "http://testserver" not in to[shopper.email].body
    assert reservation.get_absolute_url() in to[shopper.email].body
    assert reservation.code in to[owner.email].body
    assert to[shopper.email].alternatives[0][1] == "text/html"


def test_the_vendors_html_email_carries_the_pickup_code_and_the_shoppers_whatsapp(
    place, stocked, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        (reservation,) = place({stocked: 2})

    (to_vendor,) = [m for m in mail.outbox if m.to == [owner.email]]
    html = to_vendor.alternatives[0][0]
    assert reservation.code in html
    assert reservation.contact_phone in html
    assert f"<title>{to_vendor.subject}</title>" in html


def test_the_shoppers_email_says_which_unit_and_until_when(
    place, stocked, shopper, centre, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        place({stocked: 1})

    (to_shopper,) = [m for m in mail.outbox if m.to == [shopper.email]]
    for text in (to_shopper.body, to_shopper.alternatives[0][0]):
        assert f"Ambil di unit A-01, {centre.name}" in text
        assert "WIB" in text


def test_no_email_leaves_before_the_transaction_commits(place, stocked, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        place({stocked: 1})
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_placing_a_reservation_takes_a_bounded_number_of_queries(
    place, stocked, other_product, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30):
        place({stocked: 1, other_product: 1})


def test_a_lead_time_counts_open_days_only(centre):
    now = timezone.now()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    ClosedDate.objects.create(centre=centre, date=tomorrow, reason="Libur nasional")

    assert services.earliest_pickup_date(centre, now=now, lead_days=2) == tomorrow + datetime.timedelta(days=2)


def test_the_conditional_update_refuses_an_oversell_even_if_the_check_was_skipped(place, stocked, monkeypatch):
    """A missed lock or stale read (the SQLite case without row locks) still cannot hold more than on hand."""
    from orders.services import reserve

    place({stocked: 4}, shopper=factories.UserFactory())
    monkeypatch.setattr(reserve, "_check_products", lambda *args: None)

    with pytest.raises(OutOfStock, match="tinggal 1"):
        place({stocked: 2})
    assert reserved(stocked) == 4
    assert Reservation.objects.count() == 1


def test_the_conditional_update_names_the_short_product_and_holds_none_of_the_cart(place, stocked, vendor, monkeypatch):
    from orders.services import reserve

    short = factories.ProductFactory(vendor=vendor, name="Kopi Luwak", stock_on_hand=2)
    monkeypatch.setattr(reserve, "_check_products", lambda *args: None)

    with pytest.raises(OutOfStock, match="Kopi Luwak"):
        place({stocked: 1, short: 3})
    assert (reserved(stocked), reserved(short)) == (0, 0)
    assert not StockMovement.objects.exists()


def test_a_vendor_in_another_centre_is_held_until_that_centres_closing_time(
    place, centre, pickup_day, django_capture_on_commit_callbacks
):
    other = factories.CentreFactory(slug="metro", name="Sentra Metro", hours=False)
    for weekday in range(7):
        other.opening_hours.create(weekday=weekday, opens=datetime.time(9), closes=datetime.time(15))
    far = factories.VendorFactory()
    factories.UnitAssignmentFactory(vendor=far, unit=factories.ShopUnitFactory(centre=other, code="M-07"))
    product = factories.ProductFactory(vendor=far, stock_on_hand=3)

    with django_capture_on_commit_callbacks(execute=True):
        (reservation,) = place({product: 1})

    assert timezone.localtime(reservation.hold_until).time() == datetime.time(15)
    (to_shopper,) = [m for m in mail.outbox if m.to == [reservation.shopper.email]]
    assert "Ambil di unit M-07, Sentra Metro" in to_shopper.body
