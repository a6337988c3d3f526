"""Phone first (issue 16): at 360×740 and 1280×800, per role, no horizontal overflow and a header ≤ 112 px."""

import pytest

from tests.browser.conftest import screenshot, sign_in

# Like every browser test: the demo rows are rolled back by serializing the database, so the next test finds
# the Site, content types and groups the migrations made (a plain flush would delete them).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
PAGES = [
    (None, "/katalog/"),
    ("pembeli@sentra.test", "/reservasi/"),
    ("umkm@sentra.test", "/toko/"),
    ("dinas@sentra.test", "/dinas/"),
    ("dinas@sentra.test", "/dinas/mitra/"),
    ("dinas@sentra.test", "/dinas/program/laporan/"),
    ("umkm@sentra.test", "/toko/jual/"),
    ("umkm@sentra.test", "/toko/program/"),
    ("pembeli@sentra.test", "/mitra/"),
]


@pytest.mark.parametrize("size", SIZES)
def test_no_horizontal_overflow(page, live_server, demo, csp_violations, size):
    page.set_viewport_size(SIZES[size])
    base = live_server.url
    for email, path in PAGES:
        page.context.clear_cookies()
        if email:
            sign_in(page, base, email, next_path=path)
        page.goto(base + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} as {email}: {overflow}px horizontal overflow at {size}"
        screenshot(page, f"phone-{size}-{(email or 'anon').split('@')[0]}-{path.strip('/').replace('/', '-')}")
    assert csp_violations == []


@pytest.mark.parametrize("size", SIZES)
def test_the_header_is_at_most_112_px(page, live_server, demo, size):
    page.set_viewport_size(SIZES[size])
    base = live_server.url
    for email, path in PAGES:
        page.context.clear_cookies()
        if email:
            sign_in(page, base, email, next_path=path)
        page.goto(base + path)
        height = page.locator("header.site-header").bounding_box()["height"]
        assert height <= 112, f"{path} as {email}: header {height}px at {size}"


@pytest.mark.parametrize("size", SIZES)
def test_the_first_product_card_is_above_the_fold_on_catalogue_and_search(page, live_server, demo, size):
    """Results first: the filter panel is a button ("Filter (n)"), so the first card shows without scrolling."""
    page.set_viewport_size(SIZES[size])
    for path in ("/katalog/", "/katalog/?q=keripik", "/katalog/?q=keripik&sertifikat=halal&tersedia=on"):
        page.goto(live_server.url + path)
        box = page.locator("#results .card").first.bounding_box()
        assert box is not None, f"{path}: no product card"
        assert box["y"] + 120 <= SIZES[size]["height"], f"{path}: first card starts at {box['y']}px at {size}"
        assert page.locator("#results .chip").count() >= (0 if path == "/katalog/" else 2)


def test_the_filter_sheet_opens_and_closes_on_a_phone(page, live_server, demo):
    page.set_viewport_size(SIZES["phone"])
    page.goto(live_server.url + "/katalog/?q=keripik")
    assert not page.locator("#filter-form").is_visible()
    page.locator("details.filters summary").click()
    form = page.locator("#filter-form")
    assert form.is_visible()
    box = form.bounding_box()
    assert box["x"] == 0 and box["width"] == SIZES["phone"]["width"]  # a sheet over the page, not in the flow
    page.locator("details.filters summary").click()
    assert not form.is_visible()
    page.set_viewport_size(SIZES["desktop"])
    page.reload()
    assert form.is_visible()  # a sidebar from 960 px
