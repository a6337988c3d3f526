"""End-to-end journeys in Chromium (issue 7): a tourist reserves on a phone, the owner hands over, an applicant
is approved and placed on the floor plan, and no page breaks the Content Security Policy."""

import re

import pytest
from playwright.sync_api import expect

from catalog.models import Product
from orders.models import Reservation
from tests.browser.conftest import PHONE, screenshot, sign_in
from vendors.models import ShopUnit, UnitAssignment, Vendor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _listed_products(page) -> list[Product]:
    """The available, ready-made products listed on the page, in page order."""
    hrefs = page.locator("#results a[href^='/produk/']").evaluate_all("links => links.map(a => a.pathname)")
    slugs = list(dict.fromkeys(href.strip("/").split("/")[-1] for href in hrefs))
    products = Product.objects.filter(slug__in=slugs, made_to_order=False).select_related("vendor")
    available = {p.slug: p for p in products if p.stock_on_hand - p.stock_reserved >= 2}
    return [available[slug] for slug in slugs if slug in available]


def test_a_tourist_on_a_phone_searches_filters_reserves_and_sees_the_pickup_qr(page, live_server, demo, csp_violations):
    base = live_server.url
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/")
    screenshot(page, "home-phone")
    page.fill("#site-q", "keripik")
    page.locator("#site-q").press("Enter")
    expect(page).to_have_url(re.compile(r"q=keripik"))

    if page.locator("details.filters[open]").count() == 0:
        page.locator("details.filters summary").click()
    page.locator("#filter-form input[name=sertifikat][value=halal]").check()
    page.locator("#filter-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"sertifikat=halal"))
    expect(page.locator("#results")).to_contain_text("eripik")
    screenshot(page, "catalogue-keripik-halal-phone")

    first = _listed_products(page)[0]
    page.goto(f"{base}/katalog/?q=keripik")
    second = next(p for p in _listed_products(page) if p.vendor_id != first.vendor_id)
    for product in (first, second):
        page.goto(f"{base}{product.get_absolute_url()}")
        page.locator("form.cart-form button[type=submit]").click()
        expect(page.locator(".messages")).to_contain_text(product.name)
    screenshot(page, "product-phone")

    page.goto(f"{base}/keranjang/")
    screenshot(page, "cart-phone")
    page.goto(f"{base}/keranjang/checkout/")
    expect(page).to_have_url(re.compile(r"/akun/login/"))
    page.fill("input[name=login]", "pembeli@sentra.test")
    page.fill("input[name=password]", "sentra-demo")
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/keranjang/checkout/"))

    before = Reservation.objects.filter(shopper__email="pembeli@sentra.test").count()
    page.locator("input[name=pickup_date]").first.check()
    page.fill("input[name=contact_name]", "Rina Wisatawan")
    page.fill("input[name=contact_phone]", "081234567890")
    screenshot(page, "checkout-phone")
    page.get_by_role("button", name="Pesan sekarang").click()
    page.wait_for_load_state()

    assert Reservation.objects.filter(shopper__email="pembeli@sentra.test").count() == before + 2
    newest = Reservation.objects.filter(shopper__email="pembeli@sentra.test").order_by("-pk").first()
    page.goto(f"{base}{newest.get_absolute_url()}")
    expect(page.locator("main svg").first).to_be_visible()
    expect(page.locator("main")).to_contain_text(newest.code)
    screenshot(page, "reservation-qr-phone")
    assert csp_violations == []


def test_the_owner_marks_a_reservation_ready_and_hands_it_over_by_code(page, live_server, demo, csp_violations):
    base = live_server.url
    reservation = Reservation.objects.filter(
        vendor__memberships__user__email="umkm@sentra.test", status=Reservation.Status.PLACED
    ).first()
    assert reservation is not None, "the demo owner has a placed reservation"
    sign_in(page, base, "umkm@sentra.test", "/toko/")
    screenshot(page, "owner-dashboard")

    page.goto(f"{base}/toko/reservasi/{reservation.code}/")
    page.get_by_role("button", name="Tandai siap diambil").click()
    page.wait_for_load_state()
    reservation.refresh_from_db()
    assert reservation.status == Reservation.Status.READY

    page.goto(f"{base}/toko/reservasi/ambil/")
    page.fill("input[name=code]", reservation.code.lower())
    page.get_by_role("button", name="Periksa pesanan").click()
    page.wait_for_load_state()
    reservation.refresh_from_db()
    assert reservation.status == Reservation.Status.READY  # the code only opens the review
    screenshot(page, "owner-handover-review")
    page.get_by_role("button", name="Serahkan", exact=True).click()
    page.wait_for_load_state()
    reservation.refresh_from_db()
    assert reservation.status == Reservation.Status.COLLECTED
    screenshot(page, "owner-collected")
    assert csp_violations == []


def test_an_applicant_is_approved_placed_in_a_unit_and_appears_on_the_floor_plan(
    context, live_server, demo, csp_violations
):
    base = live_server.url
    vendor = Vendor.objects.get(memberships__user__email="calon@sentra.test")
    applicant = context.new_page()
    sign_in(applicant, base, "calon@sentra.test", "/toko/daftar/")
    expect(applicant.locator("main")).to_contain_text(vendor.name)
    screenshot(applicant, "applicant-status")
    applicant.close()
    context.clear_cookies()

    dinas = context.new_page()
    sign_in(dinas, base, "dinas@sentra.test", f"/dinas/umkm/{vendor.pk}/")
    screenshot(dinas, "dinas-vendor-detail")
    dinas.goto(f"{base}/dinas/umkm/{vendor.pk}/setujui/")
    dinas.locator("main form button[type=submit]").click()
    dinas.wait_for_load_state()
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.APPROVED

    free = next(
        unit
        for unit in ShopUnit.objects.filter(reserved_kind="").order_by("code")
        if UnitAssignment.objects.active().filter(unit=unit).count() < unit.capacity
    )
    dinas.goto(f"{base}/dinas/umkm/{vendor.pk}/")
    dinas.locator("select[name=unit]").select_option(str(free.pk))
    dinas.get_by_role("button", name="Tempatkan").click()
    dinas.wait_for_load_state()
    assert UnitAssignment.objects.filter(vendor=vendor, unit=free).exists()

    dinas.goto(f"{base}/denah/")
    expect(dinas.locator("main")).to_contain_text(vendor.name)
    screenshot(dinas, "floor-plan")

    # The Django admin runs under the same policy.
    context.clear_cookies()
    sign_in(dinas, base, "admin@sentra.test", "/admin/")
    for path in ["/admin/", "/admin/vendors/vendor/", f"/admin/vendors/vendor/{vendor.pk}/change/"]:
        dinas.goto(f"{base}{path}")
        expect(dinas.locator("#content")).to_be_visible()
    screenshot(dinas, "admin-vendor-change")
    assert csp_violations == []
