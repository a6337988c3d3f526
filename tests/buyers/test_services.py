"""Buyer organisations, price tiers, orders, drops, stock holds and faktur: every rule and error path."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from buyers.models import BuyerOrder, Invoice, Occurrence, Organisation, OrganisationEvent, PriceTier
from buyers.services import occurrences as drops
from buyers.services.invoices import invoice_mark_paid
from buyers.services.orders import Wanted, occurrences_generate, order_place, order_resume, orders_schedule
from buyers.services.organisations import organisation_register, organisation_review, price_tier_set
from catalog.models import Product
from orders.models import StockMovement
from orders.services import OutOfStock
from sentra.exceptions import DomainError
from sentra.states import IllegalTransition, ReasonRequired
from tests import factories

pytestmark = pytest.mark.django_db
TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def test_registration_makes_a_submitted_organisation_with_its_first_contact_and_an_audit_row(buyer):
    organisation = organisation_register(
        actor=buyer, name="Hotel Emersia", kind="hotel", address="Jl. Raden Intan", regency=factories.regency("18.71")
    )
    assert organisation.status == Organisation.Status.SUBMITTED
    assert organisation.memberships.get().user == buyer
    assert OrganisationEvent.objects.filter(organisation=organisation, actor=buyer).exists()


def test_a_user_already_contact_of_an_organisation_cannot_register_another(organisation, buyer):
    with pytest.raises(DomainError, match="sudah terdaftar"):
        organisation_register(actor=buyer, name="Lagi", kind="cafe", address="x", regency=organisation.regency)


def test_a_malformed_npwp_is_refused_with_a_clear_message(db):
    with pytest.raises(DomainError, match="NPWP"):
        organisation_register(
            actor=factories.UserFactory(),
            name="Kafe",
            kind="cafe",
            address="x",
            regency=factories.regency(),
            npwp="12-3",
        )


def test_dinas_verifies_and_suspends_with_a_reason_each_decision_recorded(dinas_user):
    organisation = factories.OrganisationFactory(status="submitted")
    organisation_review(organisation=organisation, to="verified", actor=dinas_user)
    with pytest.raises(ReasonRequired):
        organisation_review(organisation=organisation, to="suspended", actor=dinas_user)
    organisation_review(organisation=organisation, to="suspended", actor=dinas_user, reason="Tidak membayar")
    organisation.refresh_from_db()
    assert organisation.status == "suspended"
    assert list(organisation.events.values_list("to_status", flat=True)) == ["suspended", "verified"]
    with pytest.raises(IllegalTransition):
        organisation_review(organisation=organisation, to="rejected", actor=dinas_user, reason="x")


def test_wholesale_tier_must_be_cheaper_than_the_shelf_price(product, owner):
    with pytest.raises(DomainError, match="lebih murah"):
        price_tier_set(product=product, min_quantity=10, price=product.price, actor=owner)
    with pytest.raises(DomainError):
        price_tier_set(product=product, min_quantity=1, price=100, actor=owner)
    price_tier_set(product=product, min_quantity=10, price=20000, actor=owner)
    price_tier_set(product=product, min_quantity=10, price=19000, actor=owner)
    assert list(PriceTier.objects.values_list("min_quantity", "price")) == [(10, 19000)]


def test_an_order_agrees_the_wholesale_price_reached_and_makes_its_drop(organisation, product, owner):
    price_tier_set(product=product, min_quantity=5, price=21000, actor=owner)
    price_tier_set(product=product, min_quantity=10, price=20000, actor=owner)
    order = factories.buyer_order(organisation, product, quantity=6)
    assert order.lines.get().unit_price == 21000
    drop = order.occurrences.get()
    assert (drop.date, drop.status, drop.total) == (TOMORROW, "pending", 6 * 21000)


def test_an_unverified_organisation_cannot_order(product):
    organisation = factories.OrganisationFactory(status="submitted")
    with pytest.raises(DomainError, match="belum diverifikasi"):
        factories.buyer_order(organisation, product)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start_date": timezone.localdate()}, "paling cepat besok"),
        ({"kind": "standing", "end_date": TOMORROW - datetime.timedelta(days=1)}, "tidak boleh sebelum"),
        ({"kind": "standing", "end_date": TOMORROW + datetime.timedelta(days=400), "weekdays": [0]}, "satu tahun"),
        ({"kind": "standing", "end_date": TOMORROW + datetime.timedelta(days=9)}, "salah satu"),
        ({"kind": "standing", "end_date": TOMORROW, "weekdays": [1], "every_days": 2}, "salah satu"),
        ({"lines": []}, "paling sedikit satu"),
        ({"quantity": 0}, "harus 1 sampai"),
        ({"fulfilment": "delivery", "address": "", "org_address": ""}, "Alamat kirim"),
    ],
)
def test_bad_orders_are_refused_with_a_clear_message(organisation, product, changes, message):
    if "org_address" in changes:
        Organisation.objects.filter(pk=organisation.pk).update(address="")
        organisation.refresh_from_db()
    quantity = changes.pop("quantity", 2)
    arguments = {
        "organisation": organisation,
        "vendor": product.vendor,
        "kind": "one_off",
        "lines": [Wanted(product, quantity)],
        "start_date": TOMORROW,
        "fulfilment": "pickup",
        "actor": None,
    }
    changes.pop("org_address", None)
    arguments |= changes
    with pytest.raises(DomainError, match=message):
        order_place(**arguments)
    assert not BuyerOrder.objects.exists()


def test_another_vendors_product_cannot_be_ordered(organisation, product):
    other = factories.ProductFactory()
    with pytest.raises(DomainError, match="tidak dijual"):
        order_place(
            organisation=organisation,
            vendor=product.vendor,
            kind="one_off",
            lines=[Wanted(other, 1)],
            start_date=TOMORROW,
            fulfilment="pickup",
            actor=None,
        )


def test_a_standing_order_generates_its_weekdays_and_generating_again_makes_nothing_new(organisation, product):
    start = TOMORROW
    order = order_place(
        organisation=organisation,
        vendor=product.vendor,
        kind="standing",
        lines=[Wanted(product, 1)],
        start_date=start,
        end_date=start + datetime.timedelta(days=30),
        weekdays=[start.weekday()],
        fulfilment="pickup",
        actor=None,
    )
    dates = list(order.occurrences.values_list("date", flat=True))
    assert dates == [start, start + datetime.timedelta(days=7)]  # 14 days ahead
    assert occurrences_generate(order=order, until=start + datetime.timedelta(days=13)) == []
    assert orders_schedule(until=start + datetime.timedelta(days=14)) == 1
    call_command("schedule_buyer_orders", "--days", "22", stdout=io.StringIO())
    assert order.occurrences.count() == 4


def test_every_n_days_schedule(organisation, product):
    order = order_place(
        organisation=organisation,
        vendor=product.vendor,
        kind="standing",
        lines=[Wanted(product, 1)],
        start_date=TOMORROW,
        end_date=TOMORROW + datetime.timedelta(days=10),
        every_days=3,
        fulfilment="pickup",
        actor=None,
    )
    assert [(d - TOMORROW).days for d in order.occurrences.values_list("date", flat=True)] == [0, 3, 6, 9]


def test_confirming_holds_stock_with_a_ledger_row_and_tells_the_buyer(
    drop, product, owner, buyer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        drops.occurrence_confirm(occurrence=drop, actor=owner)
    product.refresh_from_db()
    assert (product.stock_on_hand, product.stock_reserved) == (10, 3)
    movement = StockMovement.objects.get(reason="reserved")
    assert (movement.held_delta, movement.note, movement.actor) == (3, drop.code, owner)
    assert [m.to for m in mail.outbox] == [[buyer.email]]


def test_confirming_more_than_available_is_refused_and_holds_nothing(drop, product, owner):
    Product.objects.filter(pk=product.pk).update(stock_on_hand=2)
    with pytest.raises(OutOfStock):
        drops.occurrence_confirm(occurrence=drop, actor=owner)
    drop.refresh_from_db()
    product.refresh_from_db()
    assert (drop.status, product.stock_reserved) == ("pending", 0)
    assert not StockMovement.objects.exists()


def test_delivering_takes_stock_off_and_issues_consecutive_faktur(organisation, product, owner):
    first = factories.buyer_order(organisation, product, quantity=2).occurrences.get()
    second = factories.buyer_order(organisation, product, quantity=1, days=2).occurrences.get()
    for drop in (first, second):
        drops.occurrence_confirm(occurrence=drop, actor=owner)
        drops.occurrence_deliver(occurrence=drop, actor=owner)
    product.refresh_from_db()
    assert (product.stock_on_hand, product.stock_reserved) == (7, 0)
    assert product.sold_count == 3  # "terjual N" counts the B2B units delivered
    invoices = Invoice.objects.order_by("number")
    assert [i.number for i in invoices] == [1, 2]
    assert [i.amount for i in invoices] == [50000, 25000]
    assert invoices[0].due_on == timezone.localdate() + datetime.timedelta(days=14)
    assert not invoices[0].is_paid


def test_paying_a_faktur_records_the_day_once(drop, owner):
    drops.occurrence_confirm(occurrence=drop, actor=owner)
    invoice = drops.occurrence_deliver(occurrence=drop, actor=owner)
    with pytest.raises(DomainError, match="antara"):
        invoice_mark_paid(invoice=invoice, paid_on=timezone.localdate() + datetime.timedelta(days=1), actor=owner)
    invoice_mark_paid(invoice=invoice, paid_on=timezone.localdate(), actor=owner)
    assert Invoice.objects.get().is_paid
    with pytest.raises(DomainError, match="sudah tercatat lunas"):
        invoice_mark_paid(invoice=invoice, paid_on=timezone.localdate(), actor=owner)


def test_cancelling_a_confirmed_drop_releases_its_stock(drop, product, owner):
    drops.occurrence_confirm(occurrence=drop, actor=owner)
    drops.occurrence_cancel(occurrence=drop, actor=owner, reason="Truk rusak")
    product.refresh_from_db()
    assert product.stock_reserved == 0
    assert StockMovement.objects.filter(reason="released", held_delta=-3).exists()


def test_a_proposal_needs_the_buyers_agreement_before_stock_is_held(drop, product, owner, buyer):
    line = drop.lines.get()
    with pytest.raises(DomainError, match="antara 0"):
        drops.occurrence_propose(occurrence=drop, quantities={line.pk: 5}, reason="x", actor=owner)
    drops.occurrence_propose(occurrence=drop, quantities={line.pk: 1}, reason="Pisang kurang", actor=owner)
    product.refresh_from_db()
    assert product.stock_reserved == 0
    drops.occurrence_accept(occurrence=drop, actor=buyer)
    drop.refresh_from_db()
    product.refresh_from_db()
    assert (drop.status, drop.lines.get().quantity, product.stock_reserved) == ("confirmed", 1, 1)


def test_declining_needs_a_reason(drop, owner):
    with pytest.raises(ReasonRequired):
        drops.occurrence_decline(occurrence=drop, actor=owner, reason=" ")
    drops.occurrence_decline(occurrence=drop, actor=owner, reason="Libur")
    assert Occurrence.objects.get().status == "declined"


def test_an_archived_product_pauses_the_standing_order_and_tells_both_sides(
    organisation, product, owner, buyer, django_capture_on_commit_callbacks
):
    order = factories.buyer_order(
        organisation, product, kind="standing", end_date=TOMORROW + datetime.timedelta(days=30), every_days=1
    )
    Product.objects.filter(pk=product.pk).update(status=Product.Status.ARCHIVED)
    with django_capture_on_commit_callbacks(execute=True):
        orders_schedule(until=TOMORROW + datetime.timedelta(days=20))
    order.refresh_from_db()
    assert order.status == BuyerOrder.Status.PAUSED
    assert "tidak dijual lagi" in order.status_note
    assert not order.occurrences.filter(status="pending").exists()
    assert sorted(mail.outbox[0].to) == sorted([buyer.email, owner.email])
    with pytest.raises(DomainError, match="tidak dijual lagi"):
        order_resume(order=order, actor=buyer)
    Product.objects.filter(pk=product.pk).update(status=Product.Status.PUBLISHED)
    order_resume(order=order, actor=buyer)
    order.refresh_from_db()
    assert order.status == "active"


def test_a_sold_out_product_pauses_the_order(organisation, product):
    order = factories.buyer_order(
        organisation, product, kind="standing", end_date=TOMORROW + datetime.timedelta(days=30), every_days=1
    )
    Product.objects.filter(pk=product.pk).update(stock_on_hand=0)
    orders_schedule(until=TOMORROW + datetime.timedelta(days=20))
    order.refresh_from_db()
    assert (order.status, order.status_note) == ("paused", f"Stok habis: {product.name}.")


def test_tomorrows_drops_are_mailed_to_the_vendor_once(drop, owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert drops.occurrences_remind() == 1
        assert drops.occurrences_remind() == 0
    assert mail.outbox[0].to == [owner.email]
    assert drop.code in mail.outbox[0].body


def test_a_drop_unconfirmed_after_the_cutoff_is_flagged_to_both_once(
    drop, django_capture_on_commit_callbacks, settings
):
    settings.SENTRA_B2B_CUTOFF_HOUR = 17
    today = timezone.localdate()
    before = timezone.make_aware(datetime.datetime.combine(today, datetime.time(16, 0)))
    after = timezone.make_aware(datetime.datetime.combine(today, datetime.time(17, 30)))
    with django_capture_on_commit_callbacks(execute=True):
        assert drops.occurrences_flag_late(now=before) == 0
        assert drops.occurrences_flag_late(now=after) == 1
        assert drops.occurrences_flag_late(now=after) == 0
    drop.refresh_from_db()
    assert drop.late_flagged_at == after
    assert len(mail.outbox[0].to) == 2
