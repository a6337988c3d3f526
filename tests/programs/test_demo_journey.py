"""The issue's "done when", on the demo data: dinas@ opens a programme, umkm@ applies from a phone, staff select
them, record attendance and an outcome, hand over aid (warned about the earlier equipment) and download reports."""

import datetime
import io
from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from demo.catalog import ProductMaker
from demo.data import UMKM_VENDOR_SLUG
from programs.models import AidRecord, Attendance, DataAnswer, DataRound, Participant, Programme
from vendors.models import Vendor

PHONE = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Mobile Safari"


@pytest.fixture
def demo(db, monkeypatch):
    monkeypatch.setattr(ProductMaker, "make_renditions", lambda self: None)
    call_command("seed_demo", "--force", "--products", "40", stdout=io.StringIO(), stderr=io.StringIO())


def _login(client, email):
    client.force_login(get_user_model().objects.get(email=email))
    return client


def test_the_demo_holds_what_the_issue_lists(demo):
    bnsp = Programme.objects.get(kind=Programme.Kind.BNSP, status=Programme.Status.FINISHED)
    assert bnsp.participants.selected().count() == 20
    assert bnsp.participants.filter(certificate__isnull=False).exists()
    assert Programme.objects.filter(kind=Programme.Kind.HALAL, status=Programme.Status.OPEN).exists()
    assert Programme.objects.filter(kind=Programme.Kind.TRAINING, status=Programme.Status.RUNNING).exists()
    assert AidRecord.objects.count() == 6
    assert set(DataRound.objects.values_list("status", flat=True)) == {"open", "closed"}
    umkm = Vendor.objects.get(slug=UMKM_VENDOR_SLUG)
    assert umkm.programme_participations.filter(status=Participant.Status.APPLIED).exists()
    assert umkm.programme_participations.filter(outcome=Participant.Outcome.PASSED).exists()


def test_dinas_and_umkm_walk_the_whole_programme_on_the_demo(demo, client, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    staff = _login(client, "dinas@sentra.test")
    staff.post(
        reverse("console:programme-create"),
        {
            "name": "Pelatihan Kemasan Produk",
            "kind": "pelatihan",
            "organiser": "Dinas Koperasi UMKM",
            "funding": "apbd_kab",
            "starts_on": today.isoformat(),
            "ends_on": (today + datetime.timedelta(days=5)).isoformat(),
            "quota": "15",
            "monitoring_months": "0",
        },
    )
    programme = Programme.objects.get(name="Pelatihan Kemasan Produk")
    staff.post(reverse("console:programme-action", args=[programme.pk, "buka"]), {"reason": ""})

    owner = _login(client, "umkm@sentra.test")
    listing = owner.get(reverse("vendors:programme-list"), HTTP_USER_AGENT=PHONE)
    assert "Pelatihan Kemasan Produk" in listing.content.decode()
    owner.post(reverse("vendors:programme-apply", args=[programme.pk]), {"motivation": "Kemasan kami kurang menarik"})
    place = Participant.objects.get(programme=programme, vendor__slug=UMKM_VENDOR_SLUG)
    data_round = DataRound.objects.get(status="open")
    answer = {"turnover": "3.000.000", "workers": "2", "business_status": "normal", "main_problem": "pemasaran"}
    owner.post(reverse("vendors:round-answer", args=[data_round.pk]), answer | {"needs": ["pemasaran"]})
    assert DataAnswer.objects.filter(round=data_round, vendor=place.vendor).exists()

    staff = _login(client, "dinas@sentra.test")
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(reverse("console:participant-action", args=[place.pk, "pilih"]), {"reason": "Selamat bergabung"})
    staff.post(reverse("console:programme-action", args=[programme.pk, "mulai"]), {"reason": ""})
    staff.post(reverse("console:meeting-add", args=[programme.pk]), {"held_on": today.isoformat(), "topic": "Label"})
    meeting = programme.meetings.get()
    staff.post(reverse("console:meeting-attendance", args=[meeting.pk]), {"present": [str(place.pk)]})
    staff.post(reverse("console:participant-outcome", args=[place.pk]), {"outcome": "lulus"})

    place.refresh_from_db()
    assert (place.status, place.outcome) == (Participant.Status.SELECTED, Participant.Outcome.PASSED)
    assert Attendance.objects.get(meeting=meeting).present

    aid_url = reverse("console:aid-create", args=[place.vendor_id])
    aid = {
        "kind": "peralatan",
        "item": "Mesin press plastik",
        "quantity": "1",
        "unit": "unit",
        "value": "3.250.000",
        "handed_over_on": today.isoformat(),
        "funding": "apbd_kab",
        "programme": str(programme.pk),
    }
    warned = staff.post(aid_url, aid)
    assert warned.status_code == HTTPStatus.BAD_REQUEST and "Mesin perajang singkong" in warned.content.decode()
    assert staff.post(aid_url, aid | {"confirm_repeat": "on"}).status_code == HTTPStatus.FOUND

    for url in (
        reverse("console:programme-xlsx", args=["semua"]),
        reverse("console:aid-candidates") + "?unduh=xlsx",
        reverse("console:round-xlsx", args=[data_round.pk]),
    ):
        response = staff.get(url)
        assert response.status_code == HTTPStatus.OK
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
