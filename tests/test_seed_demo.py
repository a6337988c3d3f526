"""manage.py seed_demo (SPEC §8): idempotent, guarded by DEBUG, demo accounts work, every state is present."""

import datetime
import io
import random
from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone

from buyers.models import Invoice, Occurrence, OccurrenceLine, Organisation
from catalog.models import Certificate, Product, ProductImage
from catalog.services.products import product_image_delete
from demo.builder import demo_counts
from demo.catalog import ProductMaker
from demo.data import ACCOUNTS, DEMO_PASSWORD, FORMER_STAFF, UMKM_VENDOR_SLUG
from demo.products import PRODUCT_TYPES
from orders.models import Reservation, ReservationEvent, ReservationLine, StockMovement
from sentra.whatsapp import normalize_phone
from vendors.models import ShopUnit, UnitAssignment, Vendor, VendorEvent

SMALL = ["--products", "40"]


@pytest.fixture
def skip_renditions(monkeypatch):
    """Encoding thumbnails dominates a seed's time; test_renditions_are_made_once_per_distinct_photo covers it."""
    monkeypatch.setattr(ProductMaker, "make_renditions", lambda self: None)


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, *SMALL, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.usefixtures("skip_renditions")
def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        seed()
    assert not Vendor.objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("skip_renditions")
def test_seed_demo_runs_with_debug_off_when_forced_and_prints_the_accounts(settings):
    settings.DEBUG = False
    output = seed("--force")
    assert "Demo data created." in output
    assert Vendor.objects.filter(slug=UMKM_VENDOR_SLUG).exists()
    assert DEMO_PASSWORD in output
    for account in ACCOUNTS:
        assert account.email in output


@pytest.mark.django_db
@pytest.mark.usefixtures("skip_renditions")
def test_seed_demo_twice_creates_nothing_new(settings):
    settings.DEBUG = True
    assert not Vendor.objects.exists()
    seed()
    first = demo_counts()
    output = seed()
    assert demo_counts() == first
    assert "nothing created" in output


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """Seed once for the read-only checks of one class; everything is rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(ProductMaker, "make_renditions", lambda self: None)
        call_command("seed_demo", "--force", *SMALL, stdout=io.StringIO(), stderr=io.StringIO())
        patch.undo()
        yield
        transaction.set_rollback(True)


# Grouped in a class so the seeded database (class-scoped fixture) is shared by these checks only.
@pytest.mark.usefixtures("demo")
@pytest.mark.django_db
class TestSeededDemo:
    @pytest.mark.parametrize("email", [account.email for account in ACCOUNTS])
    def test_demo_account_can_log_in_with_the_demo_password(self, client, email):
        response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
        assert response.status_code == HTTPStatus.FOUND
        assert client.session.get("_auth_user_id")

    def test_demo_accounts_have_their_roles(self):
        users = {u.email: u for u in get_user_model().objects.filter(email__endswith="@sentra.test")}
        assert users["admin@sentra.test"].is_superuser
        dinas = users["dinas@sentra.test"]
        assert dinas.is_staff and dinas.groups.filter(name="Dinas").exists()
        assert Vendor.objects.for_user(users["calon@sentra.test"]).get().status == Vendor.Status.SUBMITTED
        assert users["pembeli@sentra.test"].emailaddress_set.get().verified

    def test_umkm_account_owns_an_approved_vendor_with_unit_products_certificates_and_reservations(self):
        vendor = Vendor.objects.get(memberships__user__email="umkm@sentra.test", memberships__role="owner")
        assert vendor.status == Vendor.Status.APPROVED
        assert UnitAssignment.objects.active().filter(vendor=vendor).exists()
        assert vendor.products.filter(status=Product.Status.PUBLISHED).exists()
        assert vendor.certificates.filter(status=Certificate.Status.VERIFIED).exists()
        assert vendor.reservations.exists()
        assert vendor.memberships.filter(role="staff", is_active=True).exists()

    def test_pembeli_has_reservations_in_several_states(self):
        statuses = set(
            Reservation.objects.filter(shopper__email="pembeli@sentra.test").values_list("status", flat=True)
        )
        assert len(statuses) >= 4
        assert statuses & set(Reservation.OPEN_STATUSES)

    @pytest.mark.parametrize(
        ("model", "field", "values"),
        [
            (Vendor, "status", Vendor.Status.values),
            (Vendor, "kind", Vendor.Kind.values),
            (Product, "status", Product.Status.values),
            (Reservation, "status", Reservation.Status.values),
            (Certificate, "status", Certificate.Status.values),
            (Certificate, "kind", Certificate.Kind.values),
            (Certificate, "halal_stage", Certificate.HalalStage.values),
        ],
    )
    def test_every_state_is_present(self, model, field, values):
        assert set(values) <= set(model.objects.values_list(field, flat=True))

    def test_lapas_vendor_has_no_nib_and_sits_in_the_lapas_unit(self):
        lapas = Vendor.objects.get(kind=Vendor.Kind.LAPAS)
        assert lapas.name == "Karya warga binaan Lapas Kotabumi"
        assert lapas.nib == ""
        assert UnitAssignment.objects.active().get(vendor=lapas).unit.reserved_kind == "lapas"

    def test_vendors_have_valid_unique_identifiers_and_whatsapp_numbers(self):
        for vendor in Vendor.objects.all():
            vendor.full_clean()
            assert normalize_phone(vendor.whatsapp) == vendor.whatsapp
        nibs = [n for n in Vendor.objects.values_list("nib", flat=True) if n]
        assert len(nibs) == len(set(nibs))

    def test_vendor_status_history_is_recorded_with_actors(self):
        for vendor in Vendor.objects.exclude(status=Vendor.Status.DRAFT):
            events = list(VendorEvent.objects.filter(vendor=vendor).order_by("created_at", "pk"))
            assert events[-1].to_status == vendor.status
            assert all(e.actor_id for e in events)
        assert not VendorEvent.objects.filter(vendor__status=Vendor.Status.DRAFT).exists()

    def test_seeded_rows_pass_model_validation(self):
        """SQLite ignores max_length; PostgreSQL does not."""
        for model in (ShopUnit, Product, Reservation, ReservationLine):
            for row in model.objects.all():
                row.full_clean(validate_constraints=False)

    def test_units_are_never_over_capacity(self):
        assert 20 <= ShopUnit.objects.count() <= 30
        assert ShopUnit.objects.filter(reserved_kind="lapas").count() == 1
        for unit in ShopUnit.objects.with_current_vendors():
            assert len(unit.current_assignments) <= unit.capacity

    def test_certificates_cover_expiring_expired_and_foreign_region_cases(self):
        assert Certificate.objects.expiring(60).exists()
        assert Certificate.objects.filter(status="verified", valid_until__lt=timezone.localdate()).exists()
        pirt = list(Certificate.objects.filter(kind=Certificate.Kind.PIRT).select_related("vendor__regency"))
        assert any(c.pirt_region_mismatch for c in pirt)
        assert sum(not c.pirt_region_mismatch for c in pirt) > 1
        for certificate in Certificate.objects.all():
            certificate.full_clean()

    def test_stock_reserved_matches_open_reservations_and_never_exceeds_stock(self):
        open_lines = ReservationLine.objects.filter(
            reservation__status__in=Reservation.OPEN_STATUSES, made_to_order=False
        )
        confirmed_drops = OccurrenceLine.objects.filter(
            occurrence__status=Occurrence.Status.CONFIRMED, product__made_to_order=False
        )
        for product in Product.objects.all():
            held = open_lines.filter(product=product).aggregate(q=Sum("quantity"))["q"] or 0
            held += confirmed_drops.filter(product=product).aggregate(q=Sum("quantity"))["q"] or 0
            assert product.stock_reserved == held
            assert 0 <= product.stock_reserved <= product.stock_on_hand

    def test_stock_ledger_explains_every_product_stock(self):
        assert StockMovement.objects.filter(reason=StockMovement.Reason.RESTOCK).exists()
        for product in Product.objects.all():
            totals = StockMovement.objects.filter(product=product).aggregate(
                on_hand=Sum("on_hand_delta"), held=Sum("held_delta")
            )
            assert (totals["on_hand"] or 0) == product.stock_on_hand
            assert (totals["held"] or 0) == product.stock_reserved

    def test_stock_ledger_never_runs_below_zero_in_time_order(self):
        balances = {}
        for move in StockMovement.objects.order_by("created_at", "pk"):
            on_hand, held = balances.get(move.product_id, (0, 0))
            on_hand, held = on_hand + move.on_hand_delta, held + move.held_delta
            assert on_hand >= 0 and held >= 0, move
            balances[move.product_id] = (on_hand, held)

    def test_reservations_snapshot_lines_and_record_each_step(self):
        for reservation in Reservation.objects.prefetch_related("lines", "events"):
            assert reservation.total == sum(line.subtotal for line in reservation.lines.all())
            steps = [e.to_status for e in reservation.events.all()]
            assert steps[0] == Reservation.Status.PLACED and steps[-1] == reservation.status
            assert reservation.hold_until >= reservation.placed_at

    def test_every_product_but_one_has_a_generated_photo_shared_by_its_product_type(self):
        photoless = Product.objects.filter(images__isnull=True).select_related("vendor").get()
        assert photoless.status == Product.Status.PUBLISHED and photoless.vendor.is_public
        names = set(ProductImage.objects.values_list("image", flat=True))
        assert len(names) < ProductImage.objects.count()
        image = ProductImage.objects.first()
        assert image.image.storage.exists(image.image.name)
        assert (image.width, image.height) == (800, 800)

    def test_deleting_one_demo_photo_keeps_the_file_other_products_share(self, django_capture_on_commit_callbacks):
        shared = ProductImage.objects.values("image").annotate(rows=Count("pk")).filter(rows__gt=1).order_by("image")[0]
        image = ProductImage.objects.filter(image=shared["image"]).first()
        name = image.image.name
        with django_capture_on_commit_callbacks(execute=True):
            product_image_delete(image=image, actor=None)
        assert image.image.storage.exists(name)

    def test_the_expiry_job_released_the_expired_holds_without_an_actor(self):
        expired = Reservation.objects.filter(status=Reservation.Status.EXPIRED)
        assert expired.filter(vendor__slug=UMKM_VENDOR_SLUG).exists()
        for reservation in expired.prefetch_related("events", "movements"):
            assert [e.actor_id for e in reservation.events.all() if e.to_status == "expired"] == [None]
            releases = [m for m in reservation.movements.all() if m.reason == StockMovement.Reason.RELEASED]
            assert all(m.actor_id is None and m.created_at == reservation.expired_at for m in releases)

    def test_a_deleted_members_reservation_steps_and_ledger_rows_keep_no_actor(self):
        assert not get_user_model().objects.filter(email=FORMER_STAFF.email).exists()
        vendor = Vendor.objects.get(slug=UMKM_VENDOR_SLUG)
        unsigned = StockMovement.objects.filter(product__vendor=vendor, actor__isnull=True)
        assert unsigned.filter(reason=StockMovement.Reason.RESTOCK).exists()
        assert unsigned.filter(reason=StockMovement.Reason.COLLECTED).exists()
        steps = ReservationEvent.objects.filter(reservation__vendor=vendor, actor__isnull=True)
        assert {Reservation.Status.READY, Reservation.Status.COLLECTED} <= set(
            steps.values_list("to_status", flat=True)
        )

    def test_an_archived_vendor_keeps_products_and_a_past_tenancy(self):
        archived = Vendor.objects.filter(status=Vendor.Status.ARCHIVED, products__isnull=False).distinct()
        assert UnitAssignment.objects.filter(vendor__in=archived, end_on__isnull=False).exists()
        assert not UnitAssignment.objects.active().filter(vendor__status=Vendor.Status.ARCHIVED).exists()

    def test_every_certificate_has_its_own_private_scan(self):
        names = list(Certificate.objects.values_list("scan", flat=True))
        assert all(names) and len(set(names)) == len(names)


@pytest.mark.django_db
def test_renditions_are_made_once_per_distinct_photo():
    maker = ProductMaker(rng=random.Random(1), dinas=None)
    name = maker.picture(PRODUCT_TYPES["kopi-luwak"])
    assert maker.picture(PRODUCT_TYPES["kopi-luwak"]) == name
    maker.make_renditions()
    image = ProductImage(image=name)
    for rendition in (image.thumb_320, image.thumb_640, image.large_1280):
        assert rendition.storage.exists(rendition.name)
    assert image.thumb_320.storage.size(image.thumb_320.name) <= 30_000


@pytest.mark.django_db
@pytest.mark.usefixtures("skip_renditions")
def test_dry_run_builds_and_counts_but_saves_nothing(settings):
    settings.DEBUG = True
    output = seed("--dry-run")
    assert "nothing was saved" in output
    assert "produk: 40" in output
    assert not Vendor.objects.exists()


@pytest.mark.usefixtures("demo")
@pytest.mark.django_db
class TestSeededBuyers:
    def test_hotel_account_is_the_contact_of_a_verified_hotel_with_two_standing_orders(self):
        hotel = Organisation.objects.get(memberships__user__email="hotel@sentra.test")
        assert hotel.is_verified and hotel.kind == Organisation.Kind.HOTEL
        assert hotel.orders.filter(kind="standing", status="active").count() == 2
        assert {o.vendor.slug for o in hotel.orders.all()} >= {UMKM_VENDOR_SLUG}

    def test_a_verified_restaurant_has_one_off_orders(self):
        restaurant = Organisation.objects.get(kind=Organisation.Kind.RESTAURANT)
        assert restaurant.is_verified
        assert restaurant.orders.filter(kind="one_off").count() >= 2

    def test_a_month_of_drops_in_every_state_and_faktur_paid_and_unpaid(self):
        today = timezone.localdate()
        assert set(Occurrence.Status.values) <= set(Occurrence.objects.values_list("status", flat=True))
        assert Occurrence.objects.filter(date__lte=today - datetime.timedelta(days=28)).exists()
        assert Invoice.objects.filter(paid_on__isnull=False).exists()
        assert Invoice.objects.filter(paid_on__isnull=True).exists()
        assert Invoice.objects.count() == Occurrence.objects.filter(status="delivered").count()

    def test_invoice_numbers_of_each_vendor_run_without_gaps(self):
        for vendor_id in set(Invoice.objects.values_list("vendor", flat=True)):
            numbers = sorted(Invoice.objects.filter(vendor=vendor_id).values_list("number", flat=True))
            assert numbers == list(range(1, len(numbers) + 1))

    def test_tomorrows_drop_of_the_umkm_account_waits_for_confirmation(self):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        drop = Occurrence.objects.get(order__vendor__slug=UMKM_VENDOR_SLUG, date=tomorrow, order__kind="standing")
        assert drop.status == Occurrence.Status.PENDING


@pytest.mark.usefixtures("demo")
@pytest.mark.django_db
def test_demo_has_ekatalog_ready_products_products_with_gaps_and_every_dinas_decision():
    from ekatalog.models import ProductListing
    from ekatalog.selectors import checklist

    states = checklist()
    assert sum(state.ready for state in states) >= 10  # a dozen with the default 400 products
    assert any(state.product_gaps for state in states) and any(state.vendor_gaps for state in states)
    assert set(ProductListing.Status.values) <= set(ProductListing.objects.values_list("status", flat=True))
    assert all(listing.events.exists() for listing in ProductListing.objects.exclude(status="draft"))
