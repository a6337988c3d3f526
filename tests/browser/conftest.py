"""Browser tests in Debian's Chromium (never `playwright install`) against pytest-django's live_server.

Run them with `pytest -m browser`; they are skipped when Chromium is missing. Screenshots go to test-results/.
"""

import io
import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; the tests also read the database directly.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
RESULTS = Path(__file__).resolve().parents[2] / "test-results"
PASSWORD = "sentra-demo"  # the public password of the demo accounts (SPEC §8)
PHONE = {"width": 390, "height": 844}
NARROW_PHONE = {"width": 360, "height": 780}  # the narrowest phone Sentra is designed for


def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}")
    for item in items:
        if "browser" in item.keywords and not Path(CHROMIUM).exists():
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def demo(transactional_db, monkeypatch, settings):
    """The demo data of SPEC §8, small: 40 products, no thumbnails (their encoding dominates the seed's time)."""
    from demo.catalog import ProductMaker

    monkeypatch.setattr(ProductMaker, "make_renditions", lambda self: None)
    settings.SENTRA_PAGE_CACHE_SECONDS = 0
    call_command("seed_demo", "--force", "--products", "40", stdout=io.StringIO(), stderr=io.StringIO())


def collect_csp_violations(context) -> list[str]:
    """Return a list that fills with the CSP violations reported in the console of every page of `context`."""
    found: list[str] = []

    def watch(page):
        page.on(
            "console",
            lambda message: (
                found.append(f"{page.url}: {message.text}")
                if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text
                else None
            ),
        )

    context.on("page", watch)
    for page in context.pages:
        watch(page)
    return found


@pytest.fixture
def csp_violations(context):
    """Collect CSP violations reported in the console of every page of the test's browser context."""
    return collect_csp_violations(context)


def screenshot(page, name: str) -> None:
    """Save a full-page screenshot as a test artifact in test-results/."""
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower())}.png"), full_page=True)


def sign_in(page, base_url: str, email: str, next_path: str = "/") -> None:
    page.goto(f"{base_url}/akun/login/?next={next_path}")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
