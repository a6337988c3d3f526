"""`make screens` (issue 16): every role's journey at 360×740 and 1280×800 as PNGs in screens/ (not committed),
so a person can look. Skipped unless SENTRA_SCREENS names the directory (the Makefile sets it)."""

import os
import re
from pathlib import Path

import pytest

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
JOURNEYS = {
    "pengunjung": (None, ["/", "/katalog/", "/katalog/?q=keripik&sertifikat=halal", "/umkm/", "/denah/"]),
    "pembeli": ("pembeli@sentra.test", ["/reservasi/", "/reservasi/?tab=selesai", "/keranjang/checkout/"]),
    "pemilik": ("umkm@sentra.test", ["/toko/", "/toko/produk/", "/toko/reservasi/", "/toko/laporan/", "/toko/jual/"]),
    "dinas": ("dinas@sentra.test", ["/dinas/", "/dinas/umkm/", "/dinas/sertifikat/", "/dinas/unit/"]),
}
DIRECTORY = os.environ.get("SENTRA_SCREENS", "")


@pytest.mark.skipif(not DIRECTORY, reason="make screens sets SENTRA_SCREENS")
@pytest.mark.parametrize("role", JOURNEYS)
def test_screens(page, live_server, demo, role):
    out = Path(DIRECTORY)
    out.mkdir(parents=True, exist_ok=True)
    email, paths = JOURNEYS[role]
    if email:
        sign_in(page, live_server.url, email, next_path=paths[0])
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        for path in paths:
            page.goto(live_server.url + path)
            name = re.sub(r"[^a-z0-9]+", "-", f"{role}-{size}-{path}".lower()).strip("-")
            page.screenshot(path=str(out / f"{name}.png"), full_page=True)
            page.screenshot(path=str(out / f"{name}-fold.png"))  # what shows without scrolling
