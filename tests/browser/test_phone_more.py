"""Phone first (issue 16), more checks per role at 360×740 and 1280×800: tap targets ≥ 44×44 px (WCAG 2.2 2.5.8,
inline text links excepted), chart labels ≥ 12 px on a phone, page weight (SPEC §10), no third-party requests,
and the service worker's offline page."""

import gzip

import pytest

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
JOURNEYS = [
    (None, ["/", "/katalog/", "/katalog/?q=keripik", "/umkm/", "/denah/", "/keranjang/"]),
    ("pembeli@sentra.test", ["/reservasi/", "/reservasi/?tab=selesai"]),
    ("umkm@sentra.test", ["/toko/", "/toko/produk/", "/toko/reservasi/", "/toko/laporan/"]),
    ("dinas@sentra.test", ["/dinas/", "/dinas/umkm/", "/dinas/unit/"]),
]

# Everything that can be tapped, visible; a link inside running text is exempt (WCAG 2.5.8 "inline").
SMALL_TARGETS = """() => {
  const inline = (el) => {
    if (el.tagName !== "A") return false;
    const parent = el.parentElement;
    const text = [...parent.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent.trim()).join("");
    return text.length > 0 && getComputedStyle(el).display === "inline";
  };
  const small = [];
  const tappable = "main a[href], main button, main input:not([type=hidden]), main select, main summary, "
    + "header a, header button, header summary, header input";
  for (const el of document.querySelectorAll(tappable)) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === "hidden") continue;
    if (el.closest("details:not([open]) > :not(summary)")) continue;
    if (el.closest("svg, .visually-hidden, table, .breadcrumb, .unit-list, .timeline")) continue;
    if (el.matches(".card h3 a")) continue;  // stretched over the whole card (::after, inset 0)
    if (inline(el)) continue;
    if (["checkbox", "radio"].includes(el.type) && el.closest("label")) {
      const label = el.closest("label").getBoundingClientRect();
      if (label.height >= 24) continue;
    }
    if (box.width < 44 - 0.5 || box.height < 44 - 0.5) {
      const name = (el.innerText || el.value || el.name || "").trim().slice(0, 30);
      small.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
  }
  return small;
}"""


@pytest.mark.parametrize("size", SIZES)
def test_tap_targets_are_at_least_44_px(page, live_server, demo, size):
    page.set_viewport_size(SIZES[size])
    problems = []
    for email, paths in JOURNEYS:
        page.context.clear_cookies()
        if email:
            sign_in(page, live_server.url, email, next_path=paths[0])
        for path in paths:
            page.goto(live_server.url + path)
            problems += [f"{path} ({email or 'anon'}): {p}" for p in page.evaluate(SMALL_TARGETS)]
    assert problems == []


def test_chart_labels_are_at_least_12_px_on_a_phone(page, live_server, demo):
    page.set_viewport_size(SIZES["phone"])
    for email, path in (("dinas@sentra.test", "/dinas/"), ("umkm@sentra.test", "/toko/laporan/")):
        page.context.clear_cookies()
        sign_in(page, live_server.url, email, next_path=path)
        page.goto(live_server.url + path)
        sizes = page.evaluate("""() => [...document.querySelectorAll("svg.chart text")]
            .filter((t) => t.getBoundingClientRect().width > 0)
            .map((t) => {
              const svg = t.ownerSVGElement;
              const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
              return parseFloat(getComputedStyle(t).fontSize) * scale;
            })""")
        assert sizes, f"{path}: no chart drawn"
        assert min(sizes) >= 12, f"{path}: chart text {min(sizes):.1f}px"


def test_page_weight_and_no_third_party_requests(page, live_server, demo):
    """SPEC §10: catalogue HTML ≤ 60 KB; CSS + JS ≤ 60 KB compressed; no web fonts; nothing from another host."""
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.set_viewport_size(SIZES["phone"])
    response = page.goto(live_server.url + "/katalog/")
    assert len(response.body()) <= 60 * 1024
    assets = [url for url in requests if url.endswith((".css", ".js"))]
    compressed = sum(len(gzip.compress(page.request.get(url).body())) for url in set(assets))
    assert compressed <= 60 * 1024, f"CSS+JS {compressed} bytes gzip"
    assert not [url for url in requests if url.endswith((".woff", ".woff2", ".ttf", ".otf"))]
    assert all(url.startswith(live_server.url) or url.startswith("data:") for url in requests), requests


def test_the_service_worker_keeps_seen_pages_and_shows_an_offline_page(page, live_server, demo):
    base = live_server.url
    page.goto(base + "/katalog/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now controlled by the worker: this visit is remembered
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.goto(base + "/umkm/")
    page.context.set_offline(True)
    try:
        page.goto(base + "/umkm/")
        assert page.locator("h1").inner_text().startswith("UMKM")
        page.goto(base + "/produk/tidak-pernah-dibuka/")
        assert "Sinyal sedang hilang" in page.locator("main").inner_text()
    finally:
        page.context.set_offline(False)
