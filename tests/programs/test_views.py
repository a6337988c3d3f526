"""Pages of pembinaan: the console's programme, participant, attendance, outcome and aid screens, the owner's
portal pages, the reports' .xlsx and the public page; access, the happy path and bad input."""

import datetime
import io
from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from programs.models import AidRecord, Attendance, DataAnswer, DataRound, Participant, Programme, ProgrammeEvent
from tests import factories

from .factories import (
    AidRecordFactory,
    DataRoundFactory,
    MeetingFactory,
    ParticipantFactory,
    ProgrammeFactory,
    RunningProgrammeFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def staff(client, dinas_user):
    client.force_login(dinas_user)
    return client


@pytest.fixture
def member(client, owner, vendor):
    client.force_login(owner)
    return client


def _programme_post(**overrides) -> dict:
    start = TODAY() + datetime.timedelta(days=20)
    data = {
        "name": "Kursus Sangrai Kopi",
        "kind": "pelatihan",
        "organiser": "Dinas Koperasi UMKM",
        "funding": "apbd_kab",
        "apply_until": (start - datetime.timedelta(days=2)).isoformat(),
        "starts_on": start.isoformat(),
        "ends_on": (start + datetime.timedelta(days=10)).isoformat(),
        "quota": "10",
        "monitoring_months": "0",
    }
    return data | overrides


# --- the console ------------------------------------------------------------------------------------------


def test_staff_create_a_draft_programme_and_open_it_after_a_confirmation_page(staff, dinas_user):
    response = staff.post(reverse("console:programme-create"), _programme_post())
    programme = Programme.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert programme.status == Programme.Status.DRAFT

    action = reverse("console:programme-action", args=[programme.pk, "buka"])
    assert staff.get(action).status_code == HTTPStatus.OK  # the confirmation page changes nothing
    assert Programme.objects.get().status == Programme.Status.DRAFT
    staff.post(action, {"reason": ""})

    assert Programme.objects.get().status == Programme.Status.OPEN
    event = ProgrammeEvent.objects.filter(programme=programme).first()
    assert (event.to_status, event.actor) == (Programme.Status.OPEN, dinas_user)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_on": TODAY().isoformat()}, "Tanggal selesai tidak boleh sebelum tanggal mulai."),
        ({"quota": "0"}, "Kuota peserta antara 1 dan 5.000."),
        ({"kind": "bnsp"}, "Tuliskan skema kompetensi BNSP"),
        ({"starts_on": "31-31-2026"}, "Masukkan tanggal yang valid"),
    ],
)
def test_a_bad_programme_form_says_why_in_indonesian(staff, overrides, message):
    response = staff.post(reverse("console:programme-create"), _programme_post(**overrides))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message.lower() in response.content.decode().lower()
    assert not Programme.objects.exists()


def test_cancelling_a_programme_needs_a_reason(staff):
    programme = ProgrammeFactory()
    url = reverse("console:programme-action", args=[programme.pk, "batalkan"])

    assert staff.post(url, {"reason": ""}).status_code == HTTPStatus.BAD_REQUEST
    staff.post(url, {"reason": "Anggaran dialihkan"})

    programme.refresh_from_db()
    assert (programme.status, programme.status_note) == (Programme.Status.CANCELLED, "Anggaran dialihkan")


def test_staff_select_an_applicant_and_the_owner_is_emailed(staff, vendor, django_capture_on_commit_callbacks):
    place = ParticipantFactory(vendor=vendor)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(reverse("console:participant-action", args=[place.pk, "pilih"]), {"reason": "Cocok"})

    assert response.status_code == HTTPStatus.FOUND
    place.refresh_from_db()
    assert place.status == Participant.Status.SELECTED
    assert len(mail.outbox) == 1 and "Cocok" in mail.outbox[0].body


def test_declining_without_a_reason_is_refused_with_a_message(staff, vendor):
    place = ParticipantFactory(vendor=vendor)

    response = staff.post(reverse("console:participant-action", args=[place.pk, "tolak"]), {"reason": ""})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    place.refresh_from_db()
    assert place.status == Participant.Status.APPLIED


def test_selecting_past_the_quota_shows_a_message_not_an_error(staff):
    programme = ProgrammeFactory(quota=1)
    ParticipantFactory(programme=programme, status=Participant.Status.SELECTED)
    place = ParticipantFactory(programme=programme)

    response = staff.post(reverse("console:participant-action", args=[place.pk, "pilih"]), {"reason": ""})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "sudah penuh" in response.content.decode()


def test_staff_record_attendance_of_a_meeting(staff):
    meeting = MeetingFactory()
    came, missed = (
        ParticipantFactory(programme=meeting.programme, status=Participant.Status.SELECTED) for _ in range(2)
    )
    url = reverse("console:meeting-attendance", args=[meeting.pk])
    assert came.vendor.name in staff.get(url).content.decode()

    staff.post(url, {"present": [str(came.pk)]})

    assert dict(Attendance.objects.values_list("participant_id", "present")) == {came.pk: True, missed.pk: False}


def test_staff_add_a_meeting_outside_the_programme_dates_and_see_why_it_is_refused(staff):
    programme = RunningProgrammeFactory()
    late = (programme.ends_on + datetime.timedelta(days=1)).isoformat()

    response = staff.post(reverse("console:meeting-add", args=[programme.pk]), {"held_on": late, "topic": "Cupping"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Tanggal pertemuan harus di antara" in response.content.decode()


def test_staff_record_an_outcome_linked_to_the_vendors_certificate(staff, vendor):
    programme = RunningProgrammeFactory(kind=Programme.Kind.BNSP, scheme="Barista")
    place = ParticipantFactory(programme=programme, vendor=vendor, status=Participant.Status.SELECTED)
    certificate = factories.CertificateFactory(vendor=vendor, kind="bnsp", halal_stage="", holder_name="Siti")

    response = staff.post(
        reverse("console:participant-outcome", args=[place.pk]), {"outcome": "lulus", "certificate": certificate.pk}
    )

    assert response.status_code == HTTPStatus.FOUND
    place.refresh_from_db()
    assert (place.outcome, place.certificate) == (Participant.Outcome.PASSED, certificate)


def test_an_outcome_for_an_applicant_is_refused_on_the_page(staff, vendor):
    place = ParticipantFactory(programme=RunningProgrammeFactory(), vendor=vendor)

    response = staff.post(reverse("console:participant-outcome", args=[place.pk]), {"outcome": "lulus"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    place.refresh_from_db()
    assert place.outcome == ""


def _aid_post(**overrides) -> dict:
    data = {
        "kind": "peralatan",
        "item": "Mesin penggiling kopi",
        "quantity": "1",
        "unit": "unit",
        "value": "Rp7.500.000",
        "handed_over_on": TODAY().isoformat(),
        "funding": "apbn",
    }
    return data | overrides


def test_aid_of_a_kind_received_in_three_years_shows_the_earlier_record_before_it_is_granted(staff, vendor):
    AidRecordFactory(vendor=vendor, item="Mesin sangrai lama", handed_over_on=TODAY() - datetime.timedelta(days=400))
    url = reverse("console:aid-create", args=[vendor.pk])

    warned = staff.post(url, _aid_post())
    assert warned.status_code == HTTPStatus.BAD_REQUEST
    assert "Mesin sangrai lama" in warned.content.decode()
    assert AidRecord.objects.count() == 1

    granted = staff.post(url, _aid_post(confirm_repeat="on"))
    assert granted.status_code == HTTPStatus.FOUND
    record = AidRecord.objects.latest("pk")
    assert (record.value, record.repeat_confirmed) == (7_500_000, True)


@pytest.mark.parametrize(
    ("value", "message"),
    [("-5000", "Tulis nilai dalam rupiah"), ("2000000000", "Nilai paling banyak"), ("7,5 juta", "Tulis nilai")],
)
def test_a_bad_aid_value_is_refused_with_a_message(staff, vendor, value, message):
    response = staff.post(reverse("console:aid-create", args=[vendor.pk]), _aid_post(value=value))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in response.content.decode()
    assert not AidRecord.objects.exists()


def test_the_aid_register_sums_the_value_in_rupiah(staff, django_assert_max_num_queries):
    AidRecordFactory(value=7_500_000)
    AidRecordFactory(value=2_500_000)

    with django_assert_max_num_queries(15):
        response = staff.get(reverse("console:aid-list"))

    assert "Rp10.000.000" in response.content.decode()


def test_the_programme_list_reads_a_fixed_number_of_queries(staff, django_assert_max_num_queries):
    for _ in range(5):
        ParticipantFactory(programme=ProgrammeFactory())

    with django_assert_max_num_queries(12):
        assert staff.get(reverse("console:programme-list")).status_code == HTTPStatus.OK


def _sheets(response) -> dict:
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def test_the_programme_and_aid_reports_download_as_xlsx(staff, vendor):
    programme = RunningProgrammeFactory(name="Kursus Sangrai")
    ParticipantFactory(programme=programme, vendor=vendor, status=Participant.Status.SELECTED)
    AidRecordFactory(vendor=vendor, value=7_500_000, handed_over_on=TODAY())
    period = {"dari": (TODAY() - datetime.timedelta(days=60)).isoformat(), "sampai": TODAY().isoformat()}

    response = staff.get(reverse("console:programme-xlsx", args=["semua"]), period)

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheets = _sheets(response)
    assert any(row[0] == "Kursus Sangrai" for row in sheets["Program"][1:])
    assert any(row[1] == vendor.name for row in sheets["Peserta"][1:])
    assert any(7_500_000 in row for row in sheets["Bantuan"][1:])


def test_pembinaan_reports_count_the_staff_members_centres_only(client, vendor):
    """Issue 17: staff of another centre find none of this vendor's participation or aid in the reports and their
    downloads (programmes stay listed, province-wide, with counts of their centres); province staff see it."""
    programme = RunningProgrammeFactory(name="Kursus Sangrai")
    ParticipantFactory(programme=programme, vendor=vendor, status=Participant.Status.SELECTED)
    AidRecordFactory(vendor=vendor, value=7_500_000, handed_over_on=TODAY())
    period = {"dari": (TODAY() - datetime.timedelta(days=60)).isoformat(), "sampai": TODAY().isoformat()}
    other = factories.CentreFactory(slug="provinsi", name="Sentra UMKM Provinsi Lampung", town="Bandar Lampung")
    factories.CentreFactory()  # the vendor's (default) centre exists before the other one is chosen
    client.force_login(factories.DinasUserFactory(username="dinas-bdl", centres=[other]))
    sheets = _sheets(client.get(reverse("console:programme-xlsx", args=["semua"]), period))
    assert [row[10:12] for row in sheets["Program"][1:] if row[0] == "Kursus Sangrai"] == [(0, 0)]
    assert sheets["Peserta"][1:] == [] and sheets["Bantuan"][1:] == []
    page = client.get(reverse("console:programme-reports"), period)
    assert page.status_code == HTTPStatus.OK and "Rp7.500.000" not in page.content.decode()
    client.force_login(factories.DinasUserFactory(username="provinsi"))
    sheets = _sheets(client.get(reverse("console:programme-xlsx", args=["semua"]), period))
    assert any(row[1] == vendor.name for row in sheets["Peserta"][1:])
    assert any(7_500_000 in row for row in sheets["Bantuan"][1:])


def test_the_aid_candidate_list_filters_out_earlier_aid_and_downloads(staff, vendor):
    helped = factories.VendorFactory(name="Sudah Dibantu")
    AidRecordFactory(vendor=helped)

    response = staff.get(reverse("console:aid-candidates"), {"bantuan": "none", "unduh": "xlsx"})

    names = [row[0] for row in _sheets(response)["Calon penerima"][1:]]
    assert vendor.name in names and "Sudah Dibantu" not in names


def test_an_unknown_report_is_404(staff):
    assert staff.get(reverse("console:programme-xlsx", args=["gaji"])).status_code == HTTPStatus.NOT_FOUND


def test_owners_cannot_open_the_console_pages(member, vendor):
    place = ParticipantFactory(vendor=vendor)
    for url in (reverse("console:programme-list"), reverse("console:participant-detail", args=[place.pk])):
        assert member.get(url).status_code == HTTPStatus.FORBIDDEN


# --- the portal -------------------------------------------------------------------------------------------


def test_an_owner_applies_from_the_portal_with_a_motivation(member, vendor):
    programme = ProgrammeFactory(name="Fasilitasi Halal")
    assert "Fasilitasi Halal" in member.get(reverse("vendors:programme-list")).content.decode()

    response = member.post(reverse("vendors:programme-apply", args=[programme.pk]), {"motivation": "Produk baru"})

    place = Participant.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert (place.vendor, place.motivation, place.status) == (vendor, "Produk baru", Participant.Status.APPLIED)
    history = member.get(reverse("vendors:programme-list")).content.decode()
    assert reverse("vendors:participation-detail", args=[place.pk]) in history


def test_applying_twice_shows_a_message(member, vendor):
    programme = ProgrammeFactory()
    ParticipantFactory(programme=programme, vendor=vendor)

    response = member.post(reverse("vendors:programme-apply", args=[programme.pk]), {"motivation": ""})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert Participant.objects.count() == 1


def test_a_draft_programme_is_hidden_from_owners(member):
    draft = ProgrammeFactory(status=Programme.Status.DRAFT)

    assert member.get(reverse("vendors:programme-detail", args=[draft.pk])).status_code == HTTPStatus.NOT_FOUND
    assert member.post(reverse("vendors:programme-apply", args=[draft.pk])).status_code == HTTPStatus.NOT_FOUND


def test_an_owner_sees_only_their_own_places_aid_and_files(member, vendor, other_vendor):
    mine = ParticipantFactory(vendor=vendor)
    theirs = ParticipantFactory(vendor=other_vendor)
    their_aid = AidRecordFactory(vendor=other_vendor)

    assert member.get(reverse("vendors:participation-detail", args=[mine.pk])).status_code == HTTPStatus.OK
    for url in (
        reverse("vendors:participation-detail", args=[theirs.pk]),
        reverse("vendors:aid-detail", args=[their_aid.pk]),
        reverse("vendors:aid-file", args=[their_aid.pk, "foto"]),
    ):
        assert member.get(url).status_code == HTTPStatus.NOT_FOUND


def test_an_owner_answers_a_pendataan_round_in_one_form(member, vendor):
    data_round = DataRoundFactory()
    url = reverse("vendors:round-answer", args=[data_round.pk])
    answers = {
        "turnover": "4.500.000",
        "workers": "3",
        "business_status": "menurun",
        "main_problem": "modal",
        "needs": ["modal", "pelatihan"],
    }

    assert member.get(url).status_code == HTTPStatus.OK
    assert member.post(url, answers | {"turnover": "banyak"}).status_code == HTTPStatus.BAD_REQUEST
    assert member.post(url, answers).status_code == HTTPStatus.FOUND

    answer = DataAnswer.objects.get()
    assert (answer.vendor, answer.turnover, answer.needs) == (vendor, 4_500_000, ["modal", "pelatihan"])


# --- the public page --------------------------------------------------------------------------------------


def test_the_public_page_lists_open_programmes_and_finished_counts_without_names(client):
    ProgrammeFactory(name="Fasilitasi P-IRT Gratis")
    finished = RunningProgrammeFactory(name="BNSP Kriya 2025", status=Programme.Status.FINISHED)
    place = ParticipantFactory(programme=finished, status=Participant.Status.SELECTED)

    page = client.get(reverse("programs:programme-list")).content.decode()

    assert "Fasilitasi P-IRT Gratis" in page and "BNSP Kriya 2025" in page
    assert place.vendor.name not in page


def test_aid_and_programme_steps_appear_on_the_vendors_console_timeline(staff, vendor):
    AidRecordFactory(vendor=vendor, item="Mesin perajang", value=8_500_000)
    place = ParticipantFactory(vendor=vendor, programme=ProgrammeFactory(name="Fasilitasi Halal"))
    place.events.create(to_status=Participant.Status.APPLIED)

    page = staff.get(reverse("console:vendor-detail", args=[vendor.pk])).content.decode()

    assert "Bantuan diserahkan: Mesin perajang (Rp8.500.000)" in page
    assert "Program Fasilitasi Halal: Mendaftar" in page


def test_staff_edit_a_programme_and_who_may_join(staff):
    programme = ProgrammeFactory()
    region = factories.regency("18.04")

    response = staff.post(
        reverse("console:programme-edit", args=[programme.pk]),
        _programme_post(name="Kursus Sangrai Lanjutan", regions=[region.pk], vendor_kinds=["koperasi"]),
    )

    assert response.status_code == HTTPStatus.FOUND
    programme.refresh_from_db()
    assert (programme.name, programme.vendor_kinds) == ("Kursus Sangrai Lanjutan", ["koperasi"])
    assert list(programme.regions.all()) == [region]


def test_the_programme_page_reads_a_fixed_number_of_queries(staff, django_assert_max_num_queries):
    programme = RunningProgrammeFactory()
    for _ in range(8):
        ParticipantFactory(programme=programme, status=Participant.Status.SELECTED)
    MeetingFactory(programme=programme)

    with django_assert_max_num_queries(20):
        assert staff.get(reverse("console:programme-detail", args=[programme.pk])).status_code == HTTPStatus.OK


def test_the_owners_programme_page_reads_a_fixed_number_of_queries(member, vendor, django_assert_max_num_queries):
    for _ in range(5):
        ProgrammeFactory()
        ParticipantFactory(vendor=vendor)
        AidRecordFactory(vendor=vendor)

    with django_assert_max_num_queries(20):
        assert member.get(reverse("vendors:programme-list")).status_code == HTTPStatus.OK


def test_staff_open_and_close_a_pendataan_round_after_a_confirmation(staff, owner, vendor):
    response = staff.post(
        reverse("console:round-create"),
        {
            "title": "Pendataan UMKM terdampak 2026",
            "questions": ["omzet", "kebutuhan"],
            "opens_on": TODAY().isoformat(),
            "closes_on": (TODAY() + datetime.timedelta(days=14)).isoformat(),
        },
    )
    data_round = DataRound.objects.get()
    assert response.status_code == HTTPStatus.FOUND and data_round.questions == ["omzet", "kebutuhan"]
    assert vendor.name in staff.get(reverse("console:round-detail", args=[data_round.pk])).content.decode()

    close = reverse("console:round-close", args=[data_round.pk])
    assert staff.get(close).status_code == HTTPStatus.OK
    staff.post(close, {"reason": ""})

    data_round.refresh_from_db()
    assert data_round.status == DataRound.Status.CLOSED


def test_a_round_closing_before_it_opens_is_refused_with_a_message(staff):
    response = staff.post(
        reverse("console:round-create"),
        {
            "title": "Pendataan",
            "questions": ["omzet"],
            "opens_on": TODAY().isoformat(),
            "closes_on": (TODAY() - datetime.timedelta(days=1)).isoformat(),
        },
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Tanggal tutup tidak boleh sebelum tanggal buka." in response.content.decode()
