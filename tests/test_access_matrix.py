"""The access matrix of SPEC §7: role × every URL name of the project × expected outcome.

URL names come from the URLconf itself, so a new URL without a row in MATRIX fails
`test_every_url_name_of_the_project_has_a_row_in_the_matrix`. Each cell is a subtest. Object URLs are tried
against the role's own object ("own") and against another vendor's or shopper's ("other"); a cell written
`200/404` means own → 200, other → 404. A single value applies to every target the role has.

Outcomes: 200, 400, 403, 404, `login` (redirect to sign in), `apply` (redirect to the vendor application),
302 (any other redirect: POST/redirect/GET, or a page that sends you elsewhere).
"""

import io
from dataclasses import dataclass
from http import HTTPStatus

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, get_resolver, reverse
from PIL import Image

from catalog.models import Product
from catalog.services.certificates import certificate_submit
from orders.models import StockMovement
from sales.services import sale_record
from tests import factories
from vendors.models import Vendor, VendorMove

ROLES = ("anonymous", "unverified", "shopper", "pending", "member", "dinas", "superuser")


def url_names(patterns=None, namespace: str | None = None):
    """Yield every URL name of the project, namespaced (`catalog:home`), walking include()s recursively."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace and (f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace)
            yield from url_names(pattern.url_patterns, inner or namespace)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


# --- the world every role looks at --------------------------------------------------------------------


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return buffer.getvalue()


def _certificate(vendor: Vendor, actor, number: str):
    scan = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    return certificate_submit(vendor=vendor, actor=actor, kind="halal", halal_stage="granted", number=number, scan=scan)


def _shop(centre, owner, code: str, status=Vendor.Status.APPROVED, number: str = "ID18110000000000001") -> dict:
    vendor = factories.VendorFactory(owner=owner, status=status)
    factories.UnitAssignmentFactory(vendor=vendor, unit=factories.ShopUnitFactory(centre=centre, code=code))
    product = factories.ProductFactory(
        vendor=vendor, status=Product.Status.PUBLISHED if status == "approved" else Product.Status.DRAFT
    )
    image = product.images.create(image=SimpleUploadedFile("foto.png", _png()), alt_text="Foto")
    return {
        "vendor": vendor,
        "product": product,
        "image": image,
        "certificate": _certificate(vendor, owner, number),
        "unit": vendor.unit_assignments.get().unit,
        "assignment": vendor.unit_assignments.get(),
    }


@dataclass
class World:
    users: dict
    mine: dict  # role -> that role's own objects (shop and/or reservation)
    theirs: dict  # objects of another vendor and another shopper
    public: dict  # a published product and approved vendor anyone may see


@pytest.fixture
def world(centre) -> World:
    owner, stranger = factories.UserFactory(username="anggota"), factories.UserFactory(username="orang-lain")
    pending_owner = factories.UserFactory(username="calon")
    shopper, unverified = factories.UserFactory(username="pembeli"), factories.UserFactory(verified=False)
    users = {
        "anonymous": None,
        "unverified": unverified,
        "shopper": shopper,
        "pending": pending_owner,
        "member": owner,
        "dinas": factories.DinasUserFactory(username="dinas"),
        "superuser": factories.UserFactory(username="root", is_staff=True, is_superuser=True),
    }
    own_shop = _shop(centre, owner, "A-01")
    pending_shop = _shop(centre, pending_owner, "A-02", Vendor.Status.SUBMITTED, "ID18110000000000002")
    other_shop = _shop(centre, stranger, "B-01", number="ID18110000000000003")
    for shop, seller in ((own_shop, owner), (other_shop, stranger)):
        shop["counter_sale"] = sale_record(
            vendor=shop["vendor"], actor=seller, items={shop["product"].pk: 1}, payment="cash"
        )
    own_sale = factories.ReservationLineFactory(
        reservation__vendor=own_shop["vendor"], reservation__shopper=shopper, product=own_shop["product"]
    ).reservation
    other_sale = factories.ReservationLineFactory(
        reservation__vendor=other_shop["vendor"], product=other_shop["product"]
    ).reservation
    unverified_sale = factories.ReservationFactory(vendor=other_shop["vendor"], shopper=unverified)
    mine = {
        "shopper": {"reservation": own_sale},
        "unverified": {"reservation": unverified_sale},
        "member": own_shop | {"reservation": own_sale},
        "pending": pending_shop,
    }
    theirs = other_shop | {"reservation": other_sale}
    own_b2b, other_b2b = _b2b(own_shop, shopper), _b2b(other_shop, factories.UserFactory(username="hotel-lain"))
    mine["member"] |= own_b2b
    mine["shopper"] |= own_b2b
    theirs |= other_b2b
    # Rows the admin lists that nothing above creates: a vendor decision and a stock movement.
    factories.VendorFactory().transition("suspended", actor=users["dinas"], reason="Uji akses")
    VendorMove.objects.create(
        vendor=pending_shop["vendor"], from_centre=centre, to_centre=centre, actor=users["dinas"], reason="Uji akses"
    )
    StockMovement.objects.create(product=other_shop["product"], on_hand_delta=10, reason="initial")
    _queued_task_result()
    _pembinaan(mine["member"], theirs)
    _events(mine["member"], theirs)
    _reviews(own_shop, mine, theirs, shopper, other_shop)
    return World(users=users, mine=mine, theirs=theirs, public=own_shop)


def _reviews(own_shop: dict, mine: dict, theirs: dict, shopper, other_shop: dict) -> None:
    """Collected lines: a reviewed and an open one of `shopper` at the member's shop, the same for another shopper
    at the other shop (reviews app)."""
    from django.utils import timezone

    from reviews.models import Favourite, ReviewReport
    from reviews.services import create_review

    def line(buyer, shop):
        reservation = factories.ReservationFactory(
            vendor=shop["vendor"], shopper=buyer, status="collected", collected_at=timezone.now()
        )
        return factories.ReservationLineFactory(reservation=reservation, product=shop["product"])

    other_shopper = factories.UserFactory(username="pembeli-lain")
    own_review = create_review(actor=shopper, line_id=line(shopper, own_shop).pk, rating=5, body="Enak")
    other_review = create_review(actor=other_shopper, line_id=line(other_shopper, other_shop).pk, rating=4)
    own_shop["review"] = mine["member"]["review"] = own_review
    # Rows the admin lists that no page above creates: a report and a favourite.
    ReviewReport.objects.create(review=other_review, reporter=shopper, reason="Uji akses")
    Favourite.objects.create(user=shopper, product=other_shop["product"])
    mine["shopper"] |= {"review": own_review, "review_line": line(shopper, own_shop)}
    theirs |= {"review": other_review, "review_line": line(other_shopper, other_shop)}


def _b2b(shop: dict, buyer) -> dict:
    """An institutional buyer (contact `buyer`) with a delivered drop from `shop`, its faktur, a wholesale price."""
    from buyers.models import PriceTier
    from buyers.services import occurrences as drops

    organisation = factories.OrganisationFactory(member=buyer)
    order = factories.buyer_order(organisation, shop["product"])
    drop = order.occurrences.get()
    drops.occurrence_confirm(occurrence=drop, actor=None)
    invoice = drops.occurrence_deliver(occurrence=drop, actor=None)
    tier = PriceTier.objects.create(product=shop["product"], min_quantity=10, price=1000)
    from ekatalog.models import ProductListing

    listing = ProductListing.objects.create(product=shop["product"], brand="Merek Uji")
    contact = organisation.memberships.create(user=factories.UserFactory(), role="staff")
    return {
        "organisation": organisation,
        "buyer_order": order,
        "drop": drop,
        "invoice": invoice,
        "tier": tier,
        "listing": listing,
        "contact": contact,
    }


def _pembinaan(own: dict, theirs: dict) -> None:
    """Programmes, places, a meeting, visits, aid and a pendataan round (programs app) for the rows below."""
    from django.core.files.base import ContentFile

    from programs.models import MonitoringVisit, Participant
    from tests.programs.factories import (
        AidRecordFactory,
        DataRoundFactory,
        MeetingFactory,
        ProgrammeFactory,
        RunningProgrammeFactory,
    )

    programme = RunningProgrammeFactory()
    for objects in (own, theirs):
        place = Participant.objects.create(programme=programme, vendor=objects["vendor"], status="selected")
        visit = MonitoringVisit(participant=place, visited_on=programme.starts_on, note="Kunjungan")
        visit.photo.save("foto.png", ContentFile(_png()), save=False)
        visit.save()
        aid = AidRecordFactory(vendor=objects["vendor"])
        aid.photo.save("foto.png", ContentFile(_png()))
        objects |= {"participant": place, "visit": visit, "aid": aid}
    theirs |= {
        "programme": programme,
        "open_programme": ProgrammeFactory(),
        "meeting": MeetingFactory(programme=programme),
        "round": DataRoundFactory(),
    }


def _events(own: dict, theirs: dict) -> None:
    """A running event per vendor with its accepted stall, and an event taking applications (sales app)."""
    from sales.models import Event
    from tests.sales.event_factories import EventFactory, accepted

    for objects in (own, theirs):
        event = EventFactory(status=Event.Status.RUNNING)
        objects |= {"event": event, "event_application": accepted(event, objects["vendor"], [objects["product"]])}
    theirs["open_event"] = EventFactory(status=Event.Status.OPEN)


def _queued_task_result() -> None:
    """A queued email's task row, as the database task backend writes it (the tests run tasks at once)."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.create(
        task_path="sentra.mail.deliver_email",
        args_kwargs={"args": [{"subject": "Uji"}], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        run_after=None,  # due now (the model stores "no delay" as its far-future sentinel)
    )


# --- how each URL is requested --------------------------------------------------------------------------


@dataclass(frozen=True)
class Url:
    """How to request a URL: `scope` says which objects fill its arguments.

    none: no object; public: the published product/vendor; owned: the role's own object and another's;
    staff: any vendor's object (console and admin objects belong to nobody in particular).
    """

    method: str = "get"
    kwargs: object = None  # callable(objects) -> dict
    scope: str = "none"
    data: object = None  # dict, or callable(objects) -> dict


def _pk(key):
    return lambda o: {"pk": o[key].pk}


def _code(o):
    return {"code": o["reservation"].code}


URLS: dict[str, Url] = {
    "catalog:home": Url(),
    "catalog:product-list": Url(),
    "catalog:product-detail": Url(kwargs=lambda o: {"slug": o["product"].slug}, scope="public"),
    "catalog:vendor-list": Url(),
    "catalog:vendor-detail": Url(kwargs=lambda o: {"slug": o["vendor"].slug}, scope="public"),
    "catalog:floor-plan": Url(),
    "catalog:centre-detail": Url(kwargs=lambda o: {"slug": o["unit"].centre.slug}, scope="public"),
    "catalog:centre-floor-plan": Url(kwargs=lambda o: {"slug": o["unit"].centre.slug}, scope="public"),
    "orders:cart": Url(),
    "orders:cart-add": Url("post", scope="public", data=lambda o: {"product": o["product"].pk, "quantity": 1}),
    "orders:cart-update": Url("post", scope="public", data=lambda o: {"product": o["product"].pk, "quantity": 2}),
    "orders:cart-remove": Url("post", scope="public", data=lambda o: {"product": o["product"].pk}),
    "orders:checkout": Url(),
    "orders:reservation-list": Url(),
    "orders:checkout-done": Url(),
    "orders:reservation-reorder": Url("post", kwargs=_code, scope="owned"),
    "orders:reservation-detail": Url(kwargs=_code, scope="owned"),
    "orders:reservation-cancel": Url(kwargs=_code, scope="owned"),
    "vendors:dashboard": Url(),
    "vendors:apply": Url(),
    "vendors:apply-submit": Url("post"),
    "vendors:switch": Url("post", data={"vendor": "999999"}),
    "vendors:profile": Url(),
    "vendors:product-list": Url(),
    "vendors:product-create": Url(),
    "vendors:product-edit": Url(kwargs=_pk("product"), scope="owned"),
    "vendors:product-status": Url("post", kwargs=_pk("product"), scope="owned"),
    "vendors:product-stock": Url(kwargs=_pk("product"), scope="owned"),
    "vendors:product-quick-edit": Url("post", kwargs=_pk("product"), scope="owned"),
    "vendors:product-photos": Url(kwargs=_pk("product"), scope="owned"),
    "vendors:product-photo-edit": Url(
        "post", kwargs=lambda o: {"pk": o["product"].pk, "image_pk": o["image"].pk}, scope="owned"
    ),
    "vendors:product-photo-delete": Url(
        "post", kwargs=lambda o: {"pk": o["product"].pk, "image_pk": o["image"].pk}, scope="owned"
    ),
    "vendors:product-archive": Url(kwargs=_pk("product"), scope="owned"),
    "vendors:product-restore": Url("post", kwargs=_pk("product"), scope="owned"),
    "vendors:certificate-list": Url(),
    "vendors:certificate-create": Url(),
    "vendors:certificate-edit": Url(kwargs=_pk("certificate"), scope="owned"),
    "vendors:certificate-scan": Url(kwargs=_pk("certificate"), scope="owned"),
    "vendors:reservation-list": Url(),
    "vendors:reservation-collect": Url(),
    "vendors:reservation-detail": Url(kwargs=_code, scope="owned"),
    "vendors:reservation-ready": Url("post", kwargs=_code, scope="owned"),
    "vendors:reservation-cancel": Url(kwargs=_code, scope="owned"),
    "vendors:reservation-handover": Url(kwargs=_code, scope="owned"),
    "vendors:reservation-uncollect": Url("post", kwargs=_code, scope="owned"),
    "vendors:labels": Url(),
    "vendors:sales-report": Url(),
    "vendors:sales-report-export": Url(kwargs=lambda o: {"fmt": "csv"}),
    "vendors:sale-create": Url(),
    "vendors:sale-summary": Url(),
    "vendors:sale-detail": Url(kwargs=lambda o: {"code": o["counter_sale"].code}, scope="owned"),
    "vendors:sale-void": Url(kwargs=lambda o: {"code": o["counter_sale"].code}, scope="owned"),
    "sales:receipt": Url(kwargs=lambda o: {"token": o["counter_sale"].receipt_token}, scope="public"),
    "sales:event-list": Url(),
    "sales:event-detail": Url(kwargs=lambda o: {"slug": o["event"].slug}),
    "vendors:event-list": Url(),
    "vendors:event-detail": Url(kwargs=lambda o: {"slug": o["event"].slug}, scope="owned"),
    "vendors:event-apply": Url("post", kwargs=lambda o: {"slug": o["open_event"].slug}),
    "vendors:event-stock-send": Url("post", kwargs=lambda o: {"slug": o["event"].slug}, scope="owned"),
    "vendors:event-stock-return": Url(kwargs=lambda o: {"slug": o["event"].slug}, scope="owned"),
    "console:event-list": Url(),
    "console:event-create": Url(),
    "console:event-detail": Url(kwargs=_pk("event"), scope="staff"),
    "console:event-edit": Url(kwargs=_pk("event"), scope="staff"),
    "console:event-stall-add": Url("post", kwargs=_pk("event"), scope="staff"),
    "console:event-report": Url(kwargs=_pk("event"), scope="staff"),
    "console:event-report-xlsx": Url(kwargs=_pk("event"), scope="staff"),
    "console:event-action": Url(kwargs=lambda o: {"pk": o["event"].pk, "action": "batalkan"}, scope="staff"),
    "console:event-application-accept": Url(kwargs=_pk("event_application"), scope="staff"),
    "console:event-application-decline": Url(kwargs=_pk("event_application"), scope="staff"),
    "console:event-application-stall": Url(kwargs=_pk("event_application"), scope="staff"),
    "reviews:review-create": Url(kwargs=lambda o: {"line_id": o["review_line"].pk}, scope="owned"),
    "reviews:review-edit": Url(kwargs=_pk("review"), scope="owned"),
    "reviews:review-vote": Url("post", kwargs=_pk("review"), scope="public"),
    "reviews:review-report": Url(kwargs=_pk("review"), scope="public"),
    "reviews:product-reviews": Url(kwargs=lambda o: {"slug": o["product"].slug}, scope="public"),
    "reviews:favourite-list": Url(),
    "reviews:favourite-toggle": Url("post", kwargs=_pk("product"), scope="public"),
    "vendors:review-list": Url(),
    "vendors:review-reply": Url(kwargs=_pk("review"), scope="owned"),
    "console:review-queue": Url(),
    "console:review-detail": Url(kwargs=_pk("review"), scope="staff"),
    "console:review-moderate": Url(kwargs=lambda o: {"pk": o["review"].pk, "action": "sembunyikan"}, scope="staff"),
    "buyers:dashboard": Url(),
    "buyers:register": Url(),
    "buyers:resubmit": Url("post"),
    "buyers:order-create": Url(),
    "buyers:order-detail": Url(kwargs=_pk("buyer_order"), scope="owned"),
    "buyers:order-action": Url(kwargs=lambda o: {"pk": o["buyer_order"].pk, "action": "batalkan"}, scope="owned"),
    "buyers:occurrence-detail": Url(kwargs=_pk("drop"), scope="owned"),
    "buyers:occurrence-action": Url(kwargs=lambda o: {"pk": o["drop"].pk, "action": "batalkan"}, scope="owned"),
    "buyers:delivery-note": Url(kwargs=_pk("drop"), scope="owned"),
    "buyers:invoice": Url(kwargs=_pk("invoice"), scope="owned"),
    "buyers:statement": Url(),
    "buyers:contacts": Url(),
    "buyers:contact-remove": Url(kwargs=_pk("contact"), scope="owned"),
    "vendors:b2b-list": Url(),
    "vendors:b2b-statement": Url(),
    "vendors:b2b-detail": Url(kwargs=_pk("drop"), scope="owned"),
    "vendors:b2b-delivery-note": Url(kwargs=_pk("drop"), scope="owned"),
    "vendors:b2b-action": Url(kwargs=lambda o: {"pk": o["drop"].pk, "action": "konfirmasi"}, scope="owned"),
    "vendors:b2b-invoice": Url(kwargs=_pk("invoice"), scope="owned"),
    "vendors:price-tiers": Url(kwargs=_pk("product"), scope="owned"),
    "vendors:price-tier-delete": Url("post", kwargs=_pk("tier"), scope="owned"),
    "vendors:ekatalog": Url(),
    "vendors:ekatalog-profile": Url(),
    "vendors:ekatalog-product": Url(kwargs=_pk("product"), scope="owned"),
    "console:ekatalog": Url(),
    "console:ekatalog-export": Url(),
    "console:ekatalog-detail": Url(kwargs=_pk("listing"), scope="staff"),
    "console:ekatalog-decide": Url(kwargs=lambda o: {"pk": o["listing"].pk, "action": "tolak"}, scope="staff"),
    "console:buyer-list": Url(),
    "console:b2b-report": Url(),
    "console:buyer-detail": Url(kwargs=_pk("organisation"), scope="staff"),
    "console:buyer-action": Url(kwargs=lambda o: {"pk": o["organisation"].pk, "action": "verifikasi"}, scope="staff"),
    "console:dashboard": Url(),
    "console:vendor-list": Url(),
    "console:vendor-detail": Url(kwargs=_pk("vendor"), scope="staff"),
    "console:vendor-assign": Url("post", kwargs=_pk("vendor"), scope="staff"),
    "console:vendor-action": Url(kwargs=lambda o: {"pk": o["vendor"].pk, "action": "bekukan"}, scope="staff"),
    "console:product-action": Url(kwargs=lambda o: {"pk": o["product"].pk, "action": "sembunyikan"}, scope="staff"),
    "console:certificate-list": Url(),
    "console:certificate-detail": Url(kwargs=_pk("certificate"), scope="staff"),
    "console:certificate-verify": Url("post", kwargs=_pk("certificate"), scope="staff"),
    "console:certificate-reject": Url("post", kwargs=_pk("certificate"), scope="staff"),
    "console:certificate-revoke": Url("post", kwargs=_pk("certificate"), scope="staff"),
    "console:unit-list": Url(),
    "console:unit-create": Url(),
    "console:unit-detail": Url(kwargs=_pk("unit"), scope="staff"),
    "console:unit-edit": Url(kwargs=_pk("unit"), scope="staff"),
    "console:unit-assign": Url("post", kwargs=_pk("unit"), scope="staff"),
    "console:assignment-end": Url(kwargs=_pk("assignment"), scope="staff"),
    "console:assignment-move": Url(kwargs=_pk("assignment"), scope="staff"),
    "console:reports": Url(),
    "console:province-report": Url(),
    "console:province-report-xlsx": Url(),
    "console:vendor-move-centre": Url(kwargs=_pk("vendor"), scope="staff"),
    "console:report-xlsx": Url(kwargs=lambda o: {"slug": "umkm"}),
    "console:report-csv": Url(kwargs=lambda o: {"slug": "umkm"}),
    "programs:programme-list": Url(),
    "vendors:programme-list": Url(),
    "vendors:programme-detail": Url(kwargs=_pk("programme")),
    "vendors:programme-apply": Url("post", kwargs=_pk("open_programme"), data={"motivation": "Ingin belajar."}),
    "vendors:participation-detail": Url(kwargs=_pk("participant"), scope="owned"),
    "vendors:aid-detail": Url(kwargs=_pk("aid"), scope="owned"),
    "vendors:aid-file": Url(kwargs=lambda o: {"pk": o["aid"].pk, "which": "foto"}, scope="owned"),
    "vendors:visit-photo": Url(kwargs=_pk("visit"), scope="owned"),
    "vendors:round-answer": Url(kwargs=_pk("round")),
    "console:programme-list": Url(),
    "console:programme-create": Url(),
    "console:programme-detail": Url(kwargs=_pk("programme"), scope="staff"),
    "console:programme-edit": Url(kwargs=_pk("programme"), scope="staff"),
    "console:programme-enrol": Url("post", kwargs=_pk("programme"), scope="staff"),
    "console:meeting-add": Url("post", kwargs=_pk("programme"), scope="staff"),
    "console:programme-action": Url(kwargs=lambda o: {"pk": o["programme"].pk, "action": "batalkan"}, scope="staff"),
    "console:meeting-attendance": Url(kwargs=_pk("meeting"), scope="staff"),
    "console:participant-detail": Url(kwargs=_pk("participant"), scope="staff"),
    "console:participant-outcome": Url("post", kwargs=_pk("participant"), scope="staff"),
    "console:visit-add": Url("post", kwargs=_pk("participant"), scope="staff"),
    "console:participant-action": Url(kwargs=lambda o: {"pk": o["participant"].pk, "action": "tolak"}, scope="staff"),
    "console:programme-umkm-search": Url(),
    "console:programme-umkm-history": Url(kwargs=_pk("vendor"), scope="staff"),
    "console:aid-list": Url(),
    "console:aid-create": Url(kwargs=lambda o: {"vendor_pk": o["vendor"].pk}, scope="staff"),
    "console:aid-detail": Url(kwargs=_pk("aid"), scope="staff"),
    "console:round-list": Url(),
    "console:round-create": Url(),
    "console:round-detail": Url(kwargs=_pk("round"), scope="staff"),
    "console:round-close": Url(kwargs=_pk("round"), scope="staff"),
    "console:round-xlsx": Url(kwargs=_pk("round"), scope="staff"),
    "console:programme-reports": Url(),
    "console:aid-candidates": Url(),
    "console:programme-xlsx": Url(kwargs=lambda o: {"slug": "program"}),
    "account_login": Url(),
    "account_logout": Url(),
    "account_inactive": Url(),
    "account_signup": Url(),
    "account_reauthenticate": Url(),
    "account_email": Url(),
    "account_email_verification_sent": Url(),
    "account_change_password": Url(),
    "account_set_password": Url(),
    "account_reset_password": Url(),
    "account_confirm_login_code": Url(),
    "account_confirm_email": Url(kwargs=lambda o: {"key": "kunci-palsu"}),
    "account_reset_password_from_key_done": Url(),
    "account_reset_password_from_key": Url(kwargs=lambda o: {"uidb36": "1", "key": "kunci-palsu"}),
    "account_reset_password_done": Url(),
    "set_language": Url("post", data={"language": "en"}),
    "healthz": Url(),
    "robots-txt": Url(),
    "service-worker": Url(),
    "web-manifest": Url(),
    "offline": Url(),
    "sitemap": Url(),
    "sitemap-section": Url(kwargs=lambda o: {"section": "produk"}),
    "admin:index": Url(),
    "admin:login": Url(),
    "admin:logout": Url("post"),
    "admin:password_change": Url(),
    "admin:password_change_done": Url(),
    "admin:autocomplete": Url(),
    "admin:jsi18n": Url(),
    "admin:view_on_site": Url(
        kwargs=lambda o: {
            "content_type_id": ContentType.objects.get_for_model(Product).pk,
            "object_id": o["product"].pk,
        },
        scope="staff",
    ),
    "admin:app_list": Url(kwargs=lambda o: {"app_label": "vendors"}),
    "admin:auth_user_password_change": Url(
        kwargs=lambda o: {"id": o["vendor"].memberships.get().user_id}, scope="staff"
    ),
}

# Django admin: one set of URLs per registered model. Dinas staff have the Dinas group's permissions (granted by
# a data migration); this is what they may do in the admin, model by model.
DINAS_ADMIN_PERMISSIONS = {
    "vendors.centre": {"view", "change"},
    "vendors.regency": {"view"},
    "vendors.shopunit": {"view", "add", "change"},
    "vendors.unitassignment": {"view", "add", "change"},
    "vendors.vendor": {"view", "change"},
    "vendors.vendorevent": {"view"},
    "vendors.vendormove": {"view"},
    "vendors.vendormembership": {"view"},
    "catalog.category": {"view", "add", "change"},
    "catalog.product": {"view"},
    "catalog.productimage": {"view"},
    "catalog.certificate": {"view", "change"},
    "orders.reservation": {"view"},
    "orders.stockmovement": {"view"},
    "programs.programme": {"view"},
    "programs.participant": {"view"},
    "programs.aidrecord": {"view"},
    "programs.dataround": {"view"},
    "buyers.organisation": {"view"},
    "buyers.buyerorder": {"view"},
    "buyers.invoice": {"view"},
    "reviews.review": {"view"},  # reviews 0003, with moderate_review
}
# Ledgers nobody writes by hand in the admin, not even a superuser.
ADMIN_NOBODY = {
    "vendors.vendorevent": {"add", "delete"},
    "vendors.vendormove": {"add", "delete"},
    "vendors.unitassignment": {"add", "delete"},  # through the console's services only
    "django_tasks_database.dbtaskresult": {"add", "delete"},  # the task queue's own record
    "orders.reservation": {"add", "delete"},
    "orders.stockmovement": {"add", "delete"},
    "sales.countersale": {"add", "delete"},
    "programs.programme": {"add", "delete"},  # pembinaan is written in the console only (programs/admin.py)
    "programs.participant": {"add", "delete"},
    "programs.aidrecord": {"add", "delete"},
    "programs.dataround": {"add", "delete"},
    "buyers.organisation": {"add", "delete"},  # verified in the console, ordered by buyers (buyers/admin.py)
    "buyers.buyerorder": {"add", "delete"},
    "buyers.occurrence": {"add", "delete"},
    "buyers.invoice": {"add", "delete"},
    "reviews.review": {"add", "delete"},  # moderated in the console only (reviews/admin.py)
    "reviews.reviewreport": {"add", "delete"},
    "reviews.favourite": {"add", "delete"},  # the shopper's own
}
ADMIN_VIEWS = {"changelist": "view", "add": "add", "change": "view", "delete": "delete", "history": "view"}


def _admin_object(model):
    return model._default_manager.order_by("pk").first()


def _admin_urls_and_rows() -> tuple[dict[str, Url], dict[str, str]]:
    urls, rows = {}, {}
    for model in admin.site._registry:
        opts = model._meta
        granted = DINAS_ADMIN_PERMISSIONS.get(opts.label_lower, set())
        views = dict(ADMIN_VIEWS)
        if hasattr(model, "history") and hasattr(admin.site._registry[model], "history_form_view"):
            views["simple_history"] = "view"
        for view, needs in views.items():
            name = f"admin:{opts.app_label}_{opts.model_name}_{view}"
            kwargs = None
            if view in {"change", "delete", "history"}:
                kwargs = lambda o, m=model: {"object_id": _admin_object(m).pk}  # noqa: E731
            elif view == "simple_history":
                kwargs = lambda o, m=model: (  # noqa: E731 - its URL takes positional arguments
                    _admin_object(m).pk,
                    _admin_object(m).history.order_by("pk").first().history_id,
                )
            urls[name] = Url(kwargs=kwargs, scope="staff" if kwargs else "none")
            dinas = "200" if needs in granted or (needs == "view" and "change" in granted) else "403"
            superuser = "403" if view in ADMIN_NOBODY.get(opts.label_lower, set()) else "200"
            if superuser == "403":
                dinas = "403"
            rows[name] = f"login 403 403 403 403 {dinas} {superuser}"
    return urls, rows


ADMIN_URLS, ADMIN_ROWS = _admin_urls_and_rows()
URLS |= ADMIN_URLS


def outcome(client, response) -> str:
    """Name what a response means for the visitor (see the module docstring)."""
    if response.status_code in {HTTPStatus.FOUND, HTTPStatus.MOVED_PERMANENTLY, HTTPStatus.SEE_OTHER}:
        path = response.url.split("?")[0]
        if path == reverse("account_login"):
            return "login"
        if path == reverse("admin:login"):  # the admin sends everyone through its login hand-off
            return outcome(client, client.get(response.url))
        return "apply" if path == reverse("vendors:apply") else "302"
    return str(response.status_code)


def targets(spec: Url, world: World, role: str) -> dict[str, dict]:
    """The object sets a role's request is tried with: own and other, or a single one."""
    if spec.scope == "public":
        return {"it": world.public}
    if spec.scope in {"staff", "none"}:
        return {"it": world.theirs}
    own = world.mine.get(role, {})
    try:
        spec.kwargs(own)
    except KeyError:
        return {"other": world.theirs}
    return {"own": own, "other": world.theirs}


def request(client, name: str, spec: Url, objects: dict):
    arguments = spec.kwargs(objects) if spec.kwargs else {}
    url = reverse(name, args=arguments) if isinstance(arguments, tuple) else reverse(name, kwargs=arguments)
    data = spec.data(objects) if callable(spec.data) else spec.data
    return client.post(url, data or {}) if spec.method == "post" else client.get(url, data)


def observe(client, world: World, role: str, name: str) -> dict[str, str]:
    """Request URL `name` as `role` against each target; return {target: outcome}."""
    spec, user, seen = URLS[name], world.users[role], {}
    for target, objects in targets(spec, world, role).items():
        client.logout()
        if user is not None:
            client.force_login(user)
        seen[target] = outcome(client, request(client, name, spec, objects))
    return seen


# Each row: one URL name; columns: anonymous, unverified, shopper, pending, member, dinas, superuser.
# fmt: off
MATRIX = {
    #                                        anonym.  unverif. shopper  pending  member   dinas    superuser
    "catalog:home":                         "200      200      200      200      200      200      200",
    "catalog:product-list":                 "200      200      200      200      200      200      200",
    "catalog:product-detail":               "200      200      200      200      200      200      200",
    "catalog:vendor-list":                  "200      200      200      200      200      200      200",
    "catalog:vendor-detail":                "200      200      200      200      200      200      200",
    "catalog:floor-plan":                   "200      200      200      200      200      200      200",
    "catalog:centre-detail":                "200      200      200      200      200      200      200",
    "catalog:centre-floor-plan":            "200      200      200      200      200      200      200",
    # before the portal rows: a member's later requests archive the public product
    "reviews:product-reviews":              "200      200      200      200      200      200      200",
    "reviews:favourite-toggle":             "login    302      302      302      302      302      302",
    "orders:cart":                          "200      200      200      200      200      200      200",
    "orders:cart-add":                      "302      302      302      302      302      302      302",
    "orders:cart-update":                   "302      302      302      302      302      302      302",
    "orders:cart-remove":                   "302      302      302      302      302      302      302",
    "orders:checkout":                      "login    302      302      302      302      302      302",
    "orders:reservation-list":              "login    200      200      200      200      200      200",
    "orders:checkout-done":                 "login    302      302      302      302      302      302",
    "orders:reservation-reorder":           "login    302/404  302/404  404      404/404  404      404",
    "orders:reservation-detail":            "login    200/404  200/404  404      404/404  404      404",
    "orders:reservation-cancel":            "login    200/404  200/404  404      404/404  404      404",
    "vendors:dashboard":                    "login    apply    apply    200      200      apply    apply",
    "vendors:apply":                        "login    403      200      200      200      200      200",
    "vendors:apply-submit":                 "login    apply    apply    apply    apply    apply    apply",
    "vendors:switch":                       "login    404      404      404      404      404      404",
    "vendors:profile":                      "login    apply    apply    apply    200      apply    apply",
    "vendors:product-list":                 "login    apply    apply    200      200      apply    apply",
    "vendors:product-create":               "login    apply    apply    200      200      apply    apply",
    "vendors:product-edit":                 "login    apply    apply    200/404  200/404  apply    apply",
    "vendors:product-status":               "login    apply    apply    400/404  400/404  apply    apply",
    "vendors:product-stock":                "login    apply    apply    200/404  200/404  apply    apply",
    "vendors:product-quick-edit":           "login    apply    apply    200/404  200/404  apply    apply",
    "vendors:product-photos":               "login    apply    apply    200/404  200/404  apply    apply",
    "vendors:product-photo-edit":           "login    apply    apply    302/404  302/404  apply    apply",
    "vendors:product-photo-delete":         "login    apply    apply    302/404  302/404  apply    apply",
    "vendors:product-archive":              "login    apply    apply    200/404  200/404  apply    apply",
    "vendors:product-restore":              "login    apply    apply    302/404  302/404  apply    apply",
    "vendors:certificate-list":             "login    apply    apply    200      200      apply    apply",
    "vendors:certificate-create":           "login    apply    apply    200      200      apply    apply",
    "vendors:certificate-edit":             "login    apply    apply    200/404  200/404  apply    apply",
    "vendors:certificate-scan":             "404      404      404      200/404  200/404  200      200",
    "vendors:reservation-list":             "login    apply    apply    200      200      apply    apply",
    "vendors:reservation-collect":          "login    apply    apply    200      200      apply    apply",
    "vendors:reservation-detail":           "login    apply/apply apply/apply 404      200/404  apply    apply",
    "vendors:reservation-ready":            "login    apply/apply apply/apply 404      302/404  apply    apply",
    "vendors:reservation-cancel":           "login    apply/apply apply/apply 404      200/404  apply    apply",
    "vendors:reservation-handover":         "login    apply/apply apply/apply 404      200/404  apply    apply",
    "vendors:reservation-uncollect":        "login    apply/apply apply/apply 404      200/404  apply    apply",
    "vendors:labels":                       "login    apply    apply    200      200      apply    apply",
    "vendors:sales-report":                 "login    apply    apply    200      200      apply    apply",
    "vendors:sales-report-export":          "login    apply    apply    200      200      apply    apply",
    "vendors:sale-create":                  "login    apply    apply    200      200      apply    apply",
    "vendors:sale-summary":                 "login    apply    apply    200      200      apply    apply",
    "vendors:sale-detail":                  "login    apply    apply    404      200/404  apply    apply",
    "vendors:sale-void":                    "login    apply    apply    404      200/404  apply    apply",
    "sales:receipt":                        "200      200      200      200      200      200      200",
    "sales:event-list":                     "200      200      200      200      200      200      200",
    "sales:event-detail":                   "200      200      200      200      200      200      200",
    "vendors:event-list":                   "login    apply    apply    200      200      apply    apply",
    "vendors:event-detail":                 "login    apply    apply    404      200/404  apply    apply",
    "vendors:event-apply":                  "login    apply    apply    400      400      apply    apply",
    "vendors:event-stock-send":             "login    apply    apply    404      400/404  apply    apply",
    "vendors:event-stock-return":           "login    apply    apply    404      200/404  apply    apply",
    "console:event-list":                   "login    403      403      403      403      200      200",
    "console:event-create":                 "login    403      403      403      403      200      200",
    "console:event-detail":                 "login    403      403      403      403      200      200",
    "console:event-edit":                   "login    403      403      403      403      200      200",
    "console:event-stall-add":              "login    403      403      403      403      400      400",
    "console:event-report":                 "login    403      403      403      403      200      200",
    "console:event-report-xlsx":            "login    403      403      403      403      200      200",
    "console:event-action":                 "login    403      403      403      403      200      200",
    "console:event-application-accept":     "login    403      403      403      403      200      200",
    "console:event-application-decline":    "login    403      403      403      403      200      200",
    "console:event-application-stall":      "login    403      403      403      403      200      200",
    "reviews:review-create":                "login    404      200/404  404      404      404      404",
    "reviews:review-edit":                  "login    404      200/404  404      404/404  404      404",
    "reviews:review-vote":                  "login    302      302      302      302      302      302",
    "reviews:review-report":                "login    200      200      200      200      200      200",
    "reviews:favourite-list":               "login    200      200      200      200      200      200",
    "vendors:review-list":                  "login    apply    apply    200      200      apply    apply",
    "vendors:review-reply":                 "login    apply    apply    404      200/404  apply    apply",
    "console:review-queue":                 "login    403      403      403      403      200      200",
    "console:review-detail":                "login    403      403      403      403      200      200",
    "console:review-moderate":              "login    403      403      403      403      200      200",
    "console:dashboard":                    "login    403      403      403      403      200      200",
    "console:vendor-list":                  "login    403      403      403      403      200      200",
    "console:vendor-detail":                "login    403      403      403      403      200      200",
    "console:vendor-assign":                "login    403      403      403      403      400      400",
    "console:vendor-action":                "login    403      403      403      403      200      200",
    "console:product-action":               "login    403      403      403      403      200      200",
    "console:certificate-list":             "login    403      403      403      403      200      200",
    "console:certificate-detail":           "login    403      403      403      403      200      200",
    "console:certificate-verify":           "login    403      403      403      403      302      302",
    "console:certificate-reject":           "login    403      403      403      403      400      400",
    "console:certificate-revoke":           "login    403      403      403      403      400      400",
    "console:unit-list":                    "login    403      403      403      403      200      200",
    "console:unit-create":                  "login    403      403      403      403      200      200",
    "console:unit-detail":                  "login    403      403      403      403      200      200",
    "console:unit-edit":                    "login    403      403      403      403      200      200",
    "console:unit-assign":                  "login    403      403      403      403      400      400",
    "console:assignment-end":               "login    403      403      403      403      200      200",
    "console:assignment-move":              "login    403      403      403      403      200      200",
    "console:reports":                      "login    403      403      403      403      200      200",
    "console:province-report":              "login    403      403      403      403      200      200",
    "console:province-report-xlsx":         "login    403      403      403      403      200      200",
    "console:vendor-move-centre":           "login    403      403      403      403      200      200",
    "console:report-xlsx":                  "login    403      403      403      403      200      200",
    "console:report-csv":                   "login    403      403      403      403      200      200",
    "buyers:dashboard":                     "login    302      200      302      302      302      302",
    "buyers:register":                      "login    200      302      200      200      200      200",
    "buyers:resubmit":                      "login    302      302      302      302      302      302",
    "buyers:order-create":                  "login    302      200      302      302      302      302",
    "buyers:order-detail":                  "login    302      200/404  302      302      302      302",
    "buyers:order-action":                  "login    302      200/404  302      302      302      302",
    "buyers:occurrence-detail":             "login    302      200/404  302      302      302      302",
    "buyers:occurrence-action":             "login    302      200/404  302      302      302      302",
    "buyers:delivery-note":                 "login    302      200/404  302      302      302      302",
    "buyers:invoice":                       "login    302      200/404  302      302      302      302",
    "buyers:statement":                     "login    302      200      302      302      302      302",
    "buyers:contacts":                      "login    302      200      302      302      302      302",
    "buyers:contact-remove":                "login    302      200/404  302      302      302      302",
    "vendors:b2b-list":                     "login    apply    apply    200      200      apply    apply",
    "vendors:b2b-statement":                "login    apply    apply    200      200      apply    apply",
    "vendors:b2b-detail":                   "login    apply    apply    404      200/404  apply    apply",
    "vendors:b2b-delivery-note":            "login    apply    apply    404      200/404  apply    apply",
    "vendors:b2b-action":                   "login    apply    apply    404      302/404  apply    apply",
    "vendors:b2b-invoice":                  "login    apply    apply    404      200/404  apply    apply",
    "vendors:price-tiers":                  "login    apply    apply    200/404  200/404  apply    apply",
    "vendors:price-tier-delete":            "login    apply    apply    404      302/404  apply    apply",
    "vendors:ekatalog":                     "login    apply    apply    200      200      apply    apply",
    "vendors:ekatalog-profile":             "login    apply    apply    200      200      apply    apply",
    "vendors:ekatalog-product":             "login    apply    apply    200/404  200/404  apply    apply",
    "console:ekatalog":                     "login    403      403      403      403      200      200",
    "console:ekatalog-export":              "login    403      403      403      403      200      200",
    "console:ekatalog-detail":              "login    403      403      403      403      200      200",
    "console:ekatalog-decide":              "login    403      403      403      403      200      200",
    "console:buyer-list":                   "login    403      403      403      403      200      200",
    "console:b2b-report":                   "login    403      403      403      403      200      200",
    "console:buyer-detail":                 "login    403      403      403      403      200      200",
    "console:buyer-action":                 "login    403      403      403      403      200      200",
    "programs:programme-list":              "200      200      200      200      200      200      200",
    "vendors:programme-list":               "login    apply    apply    200      200      apply    apply",
    "vendors:programme-detail":             "login    apply    apply    200      200      apply    apply",
    "vendors:programme-apply":              "login    apply    apply    400      302      apply    apply",
    "vendors:participation-detail":         "login    apply    apply    404      200/404  apply    apply",
    "vendors:aid-detail":                   "login    apply    apply    404      200/404  apply    apply",
    "vendors:aid-file":                     "404      404      404      404      200/404  200      200",
    "vendors:visit-photo":                  "404      404      404      404      200/404  200      200",
    "vendors:round-answer":                 "login    apply    apply    200      200      apply    apply",
    "console:programme-list":               "login    403      403      403      403      200      200",
    "console:programme-create":             "login    403      403      403      403      200      200",
    "console:programme-detail":             "login    403      403      403      403      200      200",
    "console:programme-edit":               "login    403      403      403      403      200      200",
    "console:programme-enrol":              "login    403      403      403      403      302      302",
    "console:meeting-add":                  "login    403      403      403      403      400      400",
    "console:programme-action":             "login    403      403      403      403      200      200",
    "console:meeting-attendance":           "login    403      403      403      403      200      200",
    "console:participant-detail":           "login    403      403      403      403      200      200",
    "console:participant-outcome":          "login    403      403      403      403      400      400",
    "console:visit-add":                    "login    403      403      403      403      400      400",
    "console:participant-action":           "login    403      403      403      403      200      200",
    "console:programme-umkm-search":        "login    403      403      403      403      200      200",
    "console:programme-umkm-history":       "login    403      403      403      403      200      200",
    "console:aid-list":                     "login    403      403      403      403      200      200",
    "console:aid-create":                   "login    403      403      403      403      200      200",
    "console:aid-detail":                   "login    403      403      403      403      200      200",
    "console:round-list":                   "login    403      403      403      403      200      200",
    "console:round-create":                 "login    403      403      403      403      200      200",
    "console:round-detail":                 "login    403      403      403      403      200      200",
    "console:round-close":                  "login    403      403      403      403      200      200",
    "console:round-xlsx":                   "login    403      403      403      403      200      200",
    "console:programme-reports":            "login    403      403      403      403      200      200",
    "console:aid-candidates":               "login    403      403      403      403      200      200",
    "console:programme-xlsx":               "login    403      403      403      403      200      200",
    "account_login":                        "200      302      302      302      302      302      302",
    "account_logout":                       "302      200      200      200      200      200      200",
    "account_inactive":                     "200      200      200      200      200      200      200",
    "account_signup":                       "200      302      302      302      302      302      302",
    "account_reauthenticate":               "login    200      200      200      200      200      200",
    "account_email":                        "login    200      200      200      200      200      200",
    "account_email_verification_sent":      "200      200      200      200      200      200      200",
    "account_change_password":              "login    200      200      200      200      200      200",
    "account_set_password":                 "login    302      302      302      302      302      302",
    "account_reset_password":               "200      200      200      200      200      200      200",
    "account_confirm_login_code":           "login    302      302      302      302      302      302",
    "account_confirm_email":                "200      200      200      200      200      200      200",
    "account_reset_password_from_key_done": "200      200      200      200      200      200      200",
    "account_reset_password_from_key":      "200      200      200      200      200      200      200",
    "account_reset_password_done":          "200      200      200      200      200      200      200",
    "set_language":                         "302      302      302      302      302      302      302",
    "healthz":                              "200      200      200      200      200      200      200",
    "robots-txt":                           "200      200      200      200      200      200      200",
    "service-worker":                       "200      200      200      200      200      200      200",
    "web-manifest":                         "200      200      200      200      200      200      200",
    "offline":                              "200      200      200      200      200      200      200",
    "sitemap":                              "200      200      200      200      200      200      200",
    "sitemap-section":                      "200      200      200      200      200      200      200",
    "admin:index":                          "login    403      403      403      403      200      200",
    "admin:login":                          "login    403      403      403      403      302      302",
    "admin:logout":                         "302      302      302      302      302      200      200",
    "admin:password_change":                "login    403      403      403      403      200      200",
    "admin:autocomplete":                   "login    403      403      403      403      403      403",
    "admin:jsi18n":                         "login    403      403      403      403      200      200",
    "admin:password_change_done":           "login    403      403      403      403      200      200",
    "admin:view_on_site":                   "login    403      403      403      403      302      302",
    "admin:auth_user_password_change":      "login    403      403      403      403      403      200",
    "admin:app_list":                       "login    403      403      403      403      200      200",
} | ADMIN_ROWS
# fmt: on


def expected_outcomes(name: str, role: str, target_names) -> dict[str, str]:
    cell = MATRIX[name].split()[ROLES.index(role)]
    if "/" in cell:
        own, other = cell.split("/")
        return {"own": own, "other": other}
    return dict.fromkeys(target_names, cell)


def test_every_url_name_of_the_project_has_a_row_in_the_matrix():
    names = set(url_names())

    assert sorted(names - set(MATRIX)) == [], "add these URL names to MATRIX"
    assert sorted(set(MATRIX) - names) == [], "these MATRIX rows name no URL"
    assert all(len(row.split()) == len(ROLES) for row in MATRIX.values())


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(client, world, role, subtests):
    for name in MATRIX:
        seen = observe(client, world, role, name)
        with subtests.test(url=name, role=role):
            assert seen == expected_outcomes(name, role, seen)
