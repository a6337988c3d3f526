"""Pembinaan in Chromium (issue 18): the owner answers the open pendataan round on a 360 px phone and finds the
programmes; the programme pages have no serious accessibility violation and break no Content Security Policy."""

import pytest
from playwright.sync_api import expect

from programs.models import DataAnswer, DataRound, Programme
from tests.browser.conftest import screenshot, sign_in
from tests.browser.test_accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SMALL_PHONE = {"width": 360, "height": 740}


def test_the_owner_answers_the_pendataan_round_on_a_small_phone(page, live_server, demo, csp_violations):
    base = live_server.url
    page.set_viewport_size(SMALL_PHONE)
    sign_in(page, base, "umkm@sentra.test", "/toko/program/")
    screenshot(page, "programs-portal-phone")
    page.get_by_role("button", name="Isi sekarang").first.click()

    page.fill("input[name=turnover]", "4.500.000")
    page.fill("input[name=workers]", "3")
    page.get_by_label("Berjalan, omzet menurun").check()
    page.get_by_label("Pemasaran / pembeli sepi").check()
    page.get_by_label("Modal / stimulus").check()
    screenshot(page, "programs-round-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]
    page.get_by_role("button", name="Kirim jawaban").click()

    expect(page.locator("body")).to_contain_text("jawaban Anda tersimpan")
    answer = DataAnswer.objects.get(round=DataRound.objects.get(status="open"), vendor__slug="keripik-pisang-yuli")
    assert (answer.turnover, answer.needs) == (4_500_000, ["modal"])
    assert csp_violations == []


def test_the_programme_pages_have_no_serious_accessibility_violation(page, live_server, demo, csp_violations):
    base = live_server.url
    bnsp = Programme.objects.get(kind=Programme.Kind.BNSP)
    found = []
    page.goto(f"{base}/program/")
    found += serious_violations(page)
    for email, paths in [
        ("umkm@sentra.test", ["/toko/program/", f"/toko/program/pendataan/{DataRound.objects.get(status='open').pk}/"]),
        ("dinas@sentra.test", ["/dinas/program/", f"/dinas/program/{bnsp.pk}/", "/dinas/program/laporan/"]),
    ]:
        page.context.clear_cookies()
        sign_in(page, base, email)
        for path in paths:
            page.goto(f"{base}{path}")
            found += serious_violations(page)
            screenshot(page, f"programs-a11y-{email.split('@')[0]}-{len(found)}")

    assert found == []
    assert csp_violations == []
