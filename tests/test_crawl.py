"""Crawl every page each role can reach over the demo data (system-made rows included): none may answer 5xx.

The demo holds what real use leaves behind: holds the expiry job released (no actor), rows of a deleted
member, an archived vendor with products and a past tenancy, expired certificates, a product without photo.
Each role starts at the site's home pages and follows every same-site `<a href>` breadth-first, visiting at
most a few pages per URL pattern (pages differing only in an object's id or slug render the same template).
"""

import io
from collections import Counter, deque
from html.parser import HTMLParser
from http import HTTPStatus
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone

from catalog.models import Certificate, Product
from demo.catalog import ProductMaker
from demo.data import UMKM_VENDOR_SLUG
from orders.models import Reservation, StockMovement
from vendors.models import UnitAssignment, Vendor

START_PAGES = ["/", "/katalog/", "/umkm/", "/denah/", "/keranjang/", "/reservasi/", "/toko/", "/dinas/", "/sitemap.xml"]
START_PAGES += ["/program/", "/toko/program/", "/dinas/program/", "/dinas/program/bantuan/"]  # pembinaan
START_PAGES += ["/dinas/program/pendataan/"]
START_PAGES += ["/toko/jual/ringkasan/"]  # counter sales: the day summary links every sale, void and receipt
START_PAGES += ["/acara/", "/toko/acara/", "/dinas/acara/"]  # events: public, portal, console
START_PAGES += [
    "/mitra/",
    "/mitra/daftar/",
    "/toko/mitra/",
    "/toko/mitra/rekap/",
    "/dinas/mitra/",
    "/dinas/mitra/laporan/",
    "/toko/e-katalog/",
    "/dinas/e-katalog/",
]
START_PAGES += ["/sentra/kotabumi/", "/sentra/provinsi-lampung/", "/dinas/laporan/", "/dinas/laporan/provinsi/"]
START_PAGES += ["/favorit/", "/toko/ulasan/", "/dinas/ulasan/", "/dinas/ulasan/?status=hidden"]  # reviews
START_PAGES += ["/offline/", "/keranjang/selesai/"]  # issue 16: offline page; confirmation (no codes: to the list)
ROLES = [
    None,
    "pembeli@sentra.test",
    "umkm@sentra.test",
    "calon@sentra.test",
    "dinas@sentra.test",
    "provinsi@sentra.test",
    "dinas.bdl@sentra.test",
    "admin@sentra.test",
    "hotel@sentra.test",
]
# Every role in Indonesian; the public site, the portal and the console once more in English, where a
# translation with a wrong placeholder would break the page.
CRAWLS = [(email, "id") for email in ROLES] + [
    (email, "en") for email in (None, "umkm@sentra.test", "dinas@sentra.test")
]
SKIPPED_PREFIXES = ("/akun/logout", "/i18n/", "/admin/", f"/{settings.MEDIA_URL}", f"/{settings.STATIC_URL}")
MAX_PAGES_PER_ROLE = 400
MAX_PAGES_PER_PATTERN = 3
# URL arguments that pick one object out of many: pages differing only in these count as one pattern.
OBJECT_KWARGS = {"pk", "image_pk", "code"}
OBJECT_SLUG_VIEWS = {"catalog:product-detail", "catalog:vendor-detail"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The small demo data set, seeded once for this module and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(ProductMaker, "make_renditions", lambda self: None)  # thumbnails dominate the seed's time
        call_command("seed_demo", "--force", "--products", "40", stdout=io.StringIO(), stderr=io.StringIO())
        patch.undo()
        yield
        transaction.set_rollback(True)


class LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)


def links_of(response) -> list[str]:
    if "html" not in response.get("Content-Type", ""):
        return []
    parser = LinkParser()
    parser.feed(response.content.decode())
    return parser.links


def same_site_path(base: str, href: str) -> str | None:
    """The path and query of `href` (relative to `base`) when it points into this site and is worth a GET."""
    url = urlsplit(urljoin(f"http://testserver{base}", href))
    if url.scheme not in {"http", "https"} or url.hostname not in {"testserver", urlsplit(settings.SITE_URL).hostname}:
        return None
    if url.path.startswith(SKIPPED_PREFIXES):
        return None
    return url.path + (f"?{url.query}" if url.query else "")


def pattern_of(path: str) -> tuple:
    """What makes a page a different page: its view, its non-object arguments and the names of its query keys."""
    url = urlsplit(path)
    try:
        match = resolve(url.path)
    except Resolver404:
        return ("404", url.path)
    ignored = OBJECT_KWARGS | ({"slug"} if match.view_name in OBJECT_SLUG_VIEWS else set())
    kwargs = tuple(sorted((k, v) for k, v in match.kwargs.items() if k not in ignored))
    query = tuple(sorted({key for key, _ in parse_qsl(url.query, keep_blank_values=True)}))
    return (match.view_name, kwargs, query)


def pages_of_unsigned_rows() -> list[str]:
    """The pages showing the demo's rows nobody signed or that lost a relation, which sampling could miss."""
    umkm = Vendor.objects.get(slug=UMKM_VENDOR_SLUG)
    unsigned = StockMovement.objects.filter(product__vendor=umkm, actor__isnull=True)
    handled_unsigned = Reservation.objects.filter(vendor=umkm, events__actor__isnull=True).distinct()
    archived = Vendor.objects.filter(status=Vendor.Status.ARCHIVED)
    ended = UnitAssignment.objects.filter(vendor__in=archived, end_on__isnull=False)
    certificates = Certificate.objects.filter(
        Q(valid_until__lt=timezone.localdate()) | Q(valid_until__isnull=True) | ~Q(status=Certificate.Status.VERIFIED)
    )
    photoless = Product.objects.filter(images__isnull=True)
    expired = Reservation.objects.filter(status=Reservation.Status.EXPIRED, shopper__email="pembeli@sentra.test")
    return [
        *(  # every page of each such product's stock history (30 rows a page, newest first)
            reverse("vendors:product-stock", args=[pk]) + (f"?halaman={page}" if page > 1 else "")
            for pk in set(unsigned.values_list("product", flat=True))
            for page in range(1, StockMovement.objects.filter(product_id=pk).count() // 30 + 2)
        ),
        *(reverse("vendors:reservation-detail", args=[r.code]) for r in handled_unsigned),
        *(reverse("orders:reservation-detail", args=[r.code]) for r in expired),
        *(reverse("console:vendor-detail", args=[v.pk]) for v in archived),
        *(reverse("console:unit-detail", args=[a.unit_id]) for a in ended),
        *(reverse("console:certificate-detail", args=[c.pk]) for c in certificates),
        *(p.get_absolute_url() for p in photoless),
        *(p.get_absolute_url() for p in Product.objects.filter(vendor__in=archived)[:2]),
        *(v.get_absolute_url() for v in archived),
    ]


def crawl(client, start: list[str]) -> tuple[dict[str, int], list[str]]:
    """Visit pages breadth-first from `start` (each of them, then a few per pattern); return statuses, failures."""
    queue, seen = deque((path, "start") for path in start), set(start)
    per_pattern: Counter = Counter()
    statuses, failures = {}, []
    while queue and len(statuses) < MAX_PAGES_PER_ROLE:
        path, referrer = queue.popleft()
        pattern = pattern_of(path)
        if per_pattern[pattern] >= MAX_PAGES_PER_PATTERN and referrer != "start":
            continue
        per_pattern[pattern] += 1
        try:
            response = client.get(path)
        except Exception as error:  # noqa: BLE001 - collect every broken page, not just the first
            failures.append(f"{path} (linked from {referrer}): {type(error).__name__}: {error}")
            continue
        statuses[path] = response.status_code
        if response.status_code >= HTTPStatus.INTERNAL_SERVER_ERROR:
            failures.append(f"{path} (linked from {referrer}): {response.status_code}")
        hrefs = [response["Location"]] if response.has_header("Location") else links_of(response)
        for href in hrefs:
            target = same_site_path(path, href)
            if target and target not in seen:
                seen.add(target)
                queue.append((target, path))
    return statuses, failures


def with_a_full_cart(client):
    """Put a product of a vendor without unit or photo and one of the documented vendor in the cart."""
    published = Product.objects.filter(status=Product.Status.PUBLISHED, made_to_order=False)
    for product in (published.get(images__isnull=True), published.filter(vendor__slug=UMKM_VENDOR_SLUG).first()):
        response = client.post(reverse("orders:cart-add"), {"product": product.pk, "quantity": 1})
        assert response.status_code == HTTPStatus.FOUND
    return client


def signed_in(client, email: str | None):
    if email:
        client.force_login(get_user_model().objects.get(email=email))
    return client


@pytest.mark.usefixtures("demo")
@pytest.mark.django_db
class TestCrawl:
    @pytest.mark.parametrize(
        ("email", "language"), CRAWLS, ids=[f"{(e or 'anonymous').split('@')[0]}-{lang}" for e, lang in CRAWLS]
    )
    def test_no_page_the_role_can_reach_answers_5xx(self, client, email, language):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # a translation's bad placeholder 500s too
        statuses, failures = crawl(with_a_full_cart(signed_in(client, email)), START_PAGES + pages_of_unsigned_rows())
        assert not failures, "\n".join(failures)
        assert Counter(statuses.values())[HTTPStatus.OK] >= 20  # the crawl really got somewhere

    def test_the_owner_sees_who_moved_stock_even_when_nobody_or_a_deleted_member_did(self, client):
        signed_in(client, "umkm@sentra.test")
        pages = [client.get(path) for path in pages_of_unsigned_rows() if "/stok/" in path]
        assert pages and all(page.status_code == HTTPStatus.OK for page in pages)
        text = "".join(page.content.decode() for page in pages)
        assert "Sistem" in text and "Akun dihapus" in text

    def test_the_owner_reaches_every_counter_sale_page(self, client):
        statuses, failures = crawl(signed_in(client, "umkm@sentra.test"), START_PAGES)
        assert not failures, "\n".join(failures)
        reached = {pattern_of(path)[0] for path, status in statuses.items() if status == HTTPStatus.OK}
        wanted = {"vendors:sale-create", "vendors:sale-summary", "vendors:sale-detail", "vendors:sale-void"}
        assert wanted | {"sales:receipt"} <= reached, wanted - reached

    def test_the_demo_centres_work_for_their_staff_and_the_shopper(self, client):
        """Issue 17's "done when": dinas.bdl approves and places the provincial centre's applicant and cannot open
        a Kotabumi vendor; provinsi compares both centres; the shopper has reservations at both."""
        from vendors.models import Centre, ShopUnit

        province = Centre.objects.get(slug="provinsi-lampung")
        applicant = Vendor.objects.get(slug="sambal-mesuji-pedas")
        signed_in(client, "dinas.bdl@sentra.test")
        approve = reverse("console:vendor-action", kwargs={"pk": applicant.pk, "action": "setujui"})
        assert client.post(approve, {"reason": "Berkas lengkap."}).status_code == HTTPStatus.FOUND
        unit = ShopUnit.objects.get(centre=province, code="Q-02")
        assign = reverse("console:vendor-assign", kwargs={"pk": applicant.pk})
        assert client.post(assign, {"unit": unit.pk, "start_on": timezone.localdate().isoformat()}).status_code == 302
        assert UnitAssignment.objects.active().filter(vendor=applicant, unit=unit).exists()
        kotabumi_vendor = Vendor.objects.get(slug=UMKM_VENDOR_SLUG)
        assert client.get(reverse("console:vendor-detail", kwargs={"pk": kotabumi_vendor.pk})).status_code == 404
        signed_in(client, "provinsi@sentra.test")
        rows = client.get(reverse("console:province-report")).context["rows"]
        assert [row[0] for row in rows[:-1]] == ["Sentra Oleh-oleh Kotabumi", "Sentra UMKM Provinsi Lampung"]
        shopper = Reservation.objects.filter(shopper__email="pembeli@sentra.test")
        assert set(shopper.values_list("pickup_centre__slug", flat=True)) == {"kotabumi", "provinsi-lampung"}

    def test_the_hotel_reaches_every_buyer_page_over_the_demo_drops(self, client):
        statuses, failures = crawl(signed_in(client, "hotel@sentra.test"), START_PAGES)
        assert not failures, "\n".join(failures)
        reached = {pattern_of(path)[0] for path, status in statuses.items() if status == HTTPStatus.OK}
        wanted = {
            "buyers:dashboard",
            "buyers:order-create",
            "buyers:order-detail",
            "buyers:occurrence-detail",
            "buyers:delivery-note",
            "buyers:invoice",
            "buyers:statement",
        }
        assert wanted <= reached, wanted - reached

    @pytest.mark.parametrize(
        ("email", "wanted"),
        [
            ("umkm@sentra.test", {"vendors:ekatalog", "vendors:ekatalog-profile", "vendors:ekatalog-product"}),
            ("dinas@sentra.test", {"console:ekatalog", "console:ekatalog-detail", "console:ekatalog-decide"}),
        ],
    )
    def test_the_owner_and_dinas_reach_the_ekatalog_pages(self, client, email, wanted):
        statuses, failures = crawl(signed_in(client, email), START_PAGES)
        assert not failures, "\n".join(failures)
        reached = {pattern_of(path)[0] for path, status in statuses.items() if status == HTTPStatus.OK}
        assert wanted <= reached, wanted - reached

    def test_the_owner_and_dinas_reach_every_event_page(self, client):
        wanted = {
            "umkm@sentra.test": {
                "sales:event-list",
                "sales:event-detail",
                "vendors:event-list",
                "vendors:event-detail",
            },
            "dinas@sentra.test": {
                "console:event-list",
                "console:event-detail",
                "console:event-create",
                "console:event-edit",
                "console:event-action",
                "console:event-report",
                "console:event-report-xlsx",
                "console:event-application-accept",
                "console:event-application-decline",
                "console:event-application-stall",
            },
        }
        for email, names in wanted.items():
            statuses, failures = crawl(signed_in(client, email), START_PAGES)
            assert not failures, "\n".join(failures)
            reached = {pattern_of(path)[0] for path, status in statuses.items() if status == HTTPStatus.OK}
            assert names <= reached, names - reached

    def test_no_admin_changelist_or_change_page_answers_5xx(self, client):
        signed_in(client, "admin@sentra.test")
        failures = []
        for path in admin_pages():
            try:
                status = client.get(path).status_code
            except Exception as error:  # noqa: BLE001
                failures.append(f"{path}: {type(error).__name__}: {error}")
                continue
            if status >= HTTPStatus.INTERNAL_SERVER_ERROR:
                failures.append(f"{path}: {status}")
        assert not failures, "\n".join(failures)


def admin_pages() -> list[str]:
    """Each registered model's changelist and add page, and the change and history pages of one row."""
    pages = []
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages += [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
        row = row_missing_a_relation(model)
        for view in ("change", "history") if row is not None else ():
            try:
                pages.append(reverse(f"{prefix}_{view}", args=[row.pk]))
            except NoReverseMatch:
                continue
    return pages


def row_missing_a_relation(model):
    """A row whose optional foreign key is empty (an actor the system was, a deleted user), else the first."""
    rows = model._default_manager.order_by("pk")
    optional = [f.name for f in model._meta.get_fields() if f.many_to_one and f.null and f.concrete]
    missing = Q()
    for name in optional:
        missing |= Q(**{f"{name}__isnull": True})
    return (rows.filter(missing).first() if optional else None) or rows.first()
