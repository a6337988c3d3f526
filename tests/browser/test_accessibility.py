"""Accessibility (issue 7, item 8): axe finds no serious or critical violation on the key pages in both
languages; the reservation journey works with the keyboard alone, with a visible focus; touch targets ≥ 24 px."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from catalog.models import Product
from orders.models import Reservation
from tests.browser.conftest import PHONE, screenshot, sign_in
from vendors.models import Centre

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SERIOUS = {"serious", "critical"}


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    assert results.response["testEngine"]["name"] == "axe-core"
    return [
        f"{page.url} {violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']][:5]}"
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


def _public_product() -> Product:
    return Product.objects.filter(status="published", vendor__status="approved", made_to_order=False).first()


# The header and footer show "Buka sekarang" or "Tutup" by the clock: each state is checked (its colours differ).
@pytest.mark.parametrize("language, centre_open", [("id", False), ("en", True)])
def test_key_pages_have_no_serious_accessibility_violations(
    context, live_server, demo, language, centre_open, csp_violations, monkeypatch
):
    monkeypatch.setattr(Centre, "is_open_at", lambda self, moment: centre_open)
    base = live_server.url
    cookie = {"name": "django_language", "value": language, "url": base}
    context.add_cookies([cookie])
    page = context.new_page()
    product = _public_product()
    found: list[str] = []

    for path in ["/", "/katalog/", "/katalog/?q=keripik", product.get_absolute_url()]:
        page.goto(f"{base}{path}")
        assert page.locator(".pill-open" if centre_open else ".pill-closed").count() > 0
        found += serious_violations(page)
    page.goto(f"{base}{product.get_absolute_url()}")
    page.locator("form.cart-form button[type=submit]").click()
    page.goto(f"{base}/keranjang/")
    found += serious_violations(page)

    for email, paths in [
        ("pembeli@sentra.test", [Reservation.objects.filter(shopper__email="pembeli@sentra.test").first()]),
        ("umkm@sentra.test", ["/toko/", "/toko/produk/baru/"]),
        ("dinas@sentra.test", ["/dinas/", "/dinas/umkm/?status=submitted"]),
    ]:
        context.clear_cookies()
        context.add_cookies([cookie])
        sign_in(page, base, email)
        for path in paths:
            page.goto(f"{base}{path if isinstance(path, str) else path.get_absolute_url()}")
            found += serious_violations(page)
            screenshot(page, f"a11y-{language}-{email.split('@')[0]}-{len(found)}")

    assert found == []
    assert csp_violations == []


FOCUS_VISIBLE = """() => {
  const el = document.activeElement, style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  return outline || (style.boxShadow && style.boxShadow !== "none");
}"""

SMALL_TARGETS = """() => {
  const selector = "button, input:not([type=hidden]), select, textarea, summary, [role=button], nav a, .pagination a";
  return [...document.querySelectorAll(selector)].filter((el) => {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === "hidden") return false;
    // A checkbox or radio with a label is operated through its label as well (WCAG 2.5.8 spacing exception).
    if (["checkbox", "radio"].includes(el.type) && el.labels && el.labels.length) return false;
    return box.width < 24 || box.height < 24;
  }).map((el) => `${el.tagName.toLowerCase()}#${el.id}.${el.className} ${el.textContent.trim().slice(0, 30)}`);
}"""


def tab_to(page, selector: str, limit: int = 150) -> None:
    """Press Tab until `selector` has the focus, and check that the focus can be seen."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            assert page.evaluate(FOCUS_VISIBLE), f"focus on {selector} is not visible at {page.url}"
            return
    raise AssertionError(f"Tab never reached {selector} at {page.url}")


def test_a_shopper_reserves_with_the_keyboard_alone_and_sees_the_focus(page, live_server, demo):
    base = live_server.url
    product = _public_product()
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/akun/login/?next={product.get_absolute_url()}")
    tab_to(page, "input[name=login]")
    page.keyboard.type("pembeli@sentra.test")
    tab_to(page, "input[name=password]")
    page.keyboard.type("sentra-demo")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"^[^?]*{product.get_absolute_url()}$"))
    assert page.evaluate(SMALL_TARGETS) == []

    tab_to(page, "form.cart-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "a[href='/keranjang/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/keranjang/")
    assert page.evaluate(SMALL_TARGETS) == []
    tab_to(page, "a[href='/keranjang/checkout/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/keranjang/checkout/")
    assert page.evaluate(SMALL_TARGETS) == []

    before = Reservation.objects.filter(shopper__email="pembeli@sentra.test").count()
    tab_to(page, "input[name=pickup_date]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=contact_name]")
    page.keyboard.press("Control+A")
    page.keyboard.type("Rina Wisatawan")
    tab_to(page, "input[name=contact_phone]")
    page.keyboard.press("Control+A")
    page.keyboard.type("081234567890")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/reservasi/**")

    assert Reservation.objects.filter(shopper__email="pembeli@sentra.test").count() == before + 1
    screenshot(page, "keyboard-reservation")


def test_touch_targets_are_at_least_24_px_on_a_phone(page, live_server, demo):
    base = live_server.url
    page.set_viewport_size(PHONE)
    small: list[str] = []
    for path in ["/", "/katalog/?q=keripik", _public_product().get_absolute_url(), "/umkm/", "/denah/"]:
        page.goto(f"{base}{path}")
        small += [f"{path}: {target}" for target in page.evaluate(SMALL_TARGETS)]
    sign_in(page, base, "umkm@sentra.test")
    for path in ["/toko/", "/toko/produk/", "/toko/produk/baru/", "/toko/reservasi/"]:
        page.goto(f"{base}{path}")
        small += [f"{path}: {target}" for target in page.evaluate(SMALL_TARGETS)]

    assert small == []
