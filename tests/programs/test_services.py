"""Services of pembinaan: every rule and error path of programmes, participants, meetings, visits, aid, pendataan."""

import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.utils import timezone
from PIL import Image

from catalog.models import Certificate
from programs import services
from programs.models import (
    AidRecord,
    Attendance,
    DataAnswer,
    DataRound,
    FundingSource,
    Participant,
    ParticipantEvent,
    Programme,
    ProgrammeEvent,
)
from sentra.exceptions import DomainError
from sentra.states import IllegalTransition, ReasonRequired
from tests import factories

from .factories import AidRecordFactory, DataRoundFactory, MeetingFactory, ParticipantFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, "PNG")
    return SimpleUploadedFile("foto.png", buffer.getvalue(), content_type="image/png")


def _programme_fields(**overrides) -> dict:
    start = TODAY() + datetime.timedelta(days=10)
    fields = {
        "name": "Sertifikasi BNSP Pengolahan Kopi",
        "kind": Programme.Kind.BNSP,
        "scheme": "Pengolahan Kopi",
        "funding": FundingSource.APBN,
        "starts_on": start,
        "ends_on": start + datetime.timedelta(days=30),
        "apply_until": start - datetime.timedelta(days=1),
        "quota": 2,
        "monitoring_months": 6,
    }
    return fields | overrides


# --- programmes -----------------------------------------------------------------------------------------


def test_a_new_programme_is_a_draft_with_its_rules_and_an_audit_row(dinas_user):
    region, sector = factories.regency("18.03"), factories.category("makanan")
    keripik = factories.category("keripik")

    programme = services.programme_create(
        actor=dinas_user, regions=[region], sectors=[sector, keripik], vendor_kinds=["umkm"], **_programme_fields()
    )

    assert programme.status == Programme.Status.DRAFT
    assert list(programme.regions.all()) == [region]
    assert list(programme.sectors.all()) == [sector]  # sub-categories are not sectors
    assert ProgrammeEvent.objects.get(programme=programme).actor == dinas_user


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_on": TODAY()}, "ends_on"),
        ({"apply_until": TODAY() + datetime.timedelta(days=90)}, "apply_until"),
        ({"scheme": "  "}, "scheme"),
        ({"quota": 0}, "quota"),
        ({"monitoring_months": 13}, "monitoring_months"),
        ({"vendor_kinds": ["pabrik"]}, "vendor_kinds"),
    ],
)
def test_a_programme_with_bad_dates_or_fields_is_refused(dinas_user, overrides, field):
    with pytest.raises(DomainError) as caught:
        services.programme_create(actor=dinas_user, **_programme_fields(**overrides))

    assert field in caught.value.error_dict
    assert not Programme.objects.exists()


def test_a_programme_goes_from_draft_to_finished_and_each_step_is_recorded(dinas_user):
    programme = services.programme_create(actor=dinas_user, **_programme_fields())

    services.programme_open(programme=programme, actor=dinas_user)
    services.programme_start(programme=programme, actor=dinas_user)
    services.programme_finish(programme=programme, actor=dinas_user, reason="Semua materi tuntas")

    programme.refresh_from_db()
    assert programme.status == Programme.Status.FINISHED
    steps = list(programme.events.order_by("created_at", "pk").values_list("from_status", "to_status"))
    assert steps == [("", "draft"), ("draft", "open"), ("open", "running"), ("running", "finished")]


def test_cancelling_needs_a_reason_and_is_final(dinas_user, programme):
    with pytest.raises(ReasonRequired):
        services.programme_cancel(programme=programme, actor=dinas_user, reason=" ")

    services.programme_cancel(programme=programme, actor=dinas_user, reason="Anggaran dialihkan")

    with pytest.raises(IllegalTransition):
        services.programme_open(programme=programme, actor=dinas_user)
    assert programme.events.get(to_status="cancelled").reason == "Anggaran dialihkan"


def test_a_programme_cannot_skip_steps(dinas_user):
    programme = services.programme_create(actor=dinas_user, **_programme_fields())

    with pytest.raises(IllegalTransition):
        services.programme_finish(programme=programme, actor=dinas_user)


def test_opening_a_programme_whose_call_already_closed_is_refused(dinas_user):
    fields = _programme_fields(
        starts_on=TODAY() - datetime.timedelta(days=5), apply_until=TODAY() - datetime.timedelta(days=6)
    )
    programme = services.programme_create(actor=dinas_user, **fields)

    with pytest.raises(DomainError, match="pendaftaran sudah lewat"):
        services.programme_open(programme=programme, actor=dinas_user)


def test_the_quota_cannot_drop_below_the_places_taken(dinas_user, programme):
    for _ in range(3):
        ParticipantFactory(programme=programme, status=Participant.Status.SELECTED)

    with pytest.raises(DomainError) as caught:
        services.programme_update(programme=programme, actor=dinas_user, quota=2)

    assert "quota" in caught.value.error_dict
    programme.refresh_from_db()
    assert programme.quota == 20


def test_a_finished_programme_cannot_be_edited(dinas_user, programme):
    Programme.objects.filter(pk=programme.pk).update(status=Programme.Status.FINISHED)

    with pytest.raises(DomainError, match="tidak dapat diubah"):
        services.programme_update(programme=programme, actor=dinas_user, name="Baru")


# --- participants ---------------------------------------------------------------------------------------


def test_an_owner_applies_to_an_open_programme_with_a_motivation(owner, vendor, programme):
    participant = services.participant_apply(
        programme=programme, vendor=vendor, actor=owner, motivation="  Ingin naik kelas  "
    )

    assert (participant.status, participant.source, participant.motivation) == ("applied", "owner", "Ingin naik kelas")
    assert participant.events.get().actor == owner


def test_applying_twice_is_refused(owner, vendor, programme):
    services.participant_apply(programme=programme, vendor=vendor, actor=owner)

    with pytest.raises(services.AlreadyParticipant):
        services.participant_apply(programme=programme, vendor=vendor, actor=owner)
    assert Participant.objects.count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"status": Programme.Status.DRAFT},
        {"status": Programme.Status.RUNNING},
        {"apply_until": TODAY() - datetime.timedelta(days=1)},
    ],
)
def test_applying_to_a_programme_not_taking_applications_is_refused(owner, vendor, programme, change):
    Programme.objects.filter(pk=programme.pk).update(**change)

    with pytest.raises(services.NotOpen):
        services.participant_apply(programme=programme, vendor=vendor, actor=owner)


def test_only_approved_vendors_may_apply(owner, programme):
    pending = factories.VendorFactory(owner=owner, status="submitted")

    with pytest.raises(services.NotEligible):
        services.participant_apply(programme=programme, vendor=pending, actor=owner)


@pytest.mark.parametrize("rule", ["region", "kind", "sector"])
def test_a_vendor_outside_who_may_join_cannot_apply(owner, vendor, programme, rule):
    vendor.categories.set([factories.category("keripik")])
    if rule == "region":
        programme.regions.set([factories.regency("18.71")])
    elif rule == "kind":
        Programme.objects.filter(pk=programme.pk).update(vendor_kinds=["koperasi"])
    else:
        programme.sectors.set([factories.category("kerajinan")])

    with pytest.raises(services.NotEligible):
        services.participant_apply(programme=programme, vendor=vendor, actor=owner)


def test_a_vendor_inside_every_rule_may_apply(owner, vendor, programme):
    vendor.categories.set([factories.category("keripik")])
    programme.regions.set([vendor.regency])
    programme.sectors.set([factories.category("makanan")])
    Programme.objects.filter(pk=programme.pk).update(vendor_kinds=["umkm", "kelompok"])

    assert services.participant_apply(programme=programme, vendor=vendor, actor=owner).pk


def test_a_motivation_over_500_characters_is_refused(owner, vendor, programme):
    with pytest.raises(DomainError) as caught:
        services.participant_apply(programme=programme, vendor=vendor, actor=owner, motivation="x" * 501)

    assert "motivation" in caught.value.error_dict


def test_selecting_emails_the_owner_through_the_queue(
    dinas_user, vendor, programme, django_capture_on_commit_callbacks
):
    participant = ParticipantFactory(programme=programme, vendor=vendor)

    with django_capture_on_commit_callbacks(execute=True):
        services.participant_select(participant=participant, actor=dinas_user, reason="Memenuhi syarat")

    participant.refresh_from_db()
    assert participant.status == Participant.Status.SELECTED
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["pemilik@example.test"]
    assert programme.name in mail.outbox[0].subject
    assert "Memenuhi syarat" in mail.outbox[0].body


def test_declining_needs_a_reason_which_the_owner_reads(
    dinas_user, vendor, programme, django_capture_on_commit_callbacks
):
    participant = ParticipantFactory(programme=programme, vendor=vendor)

    with pytest.raises(ReasonRequired):
        services.participant_decline(participant=participant, actor=dinas_user, reason="")
    with django_capture_on_commit_callbacks(execute=True):
        services.participant_decline(participant=participant, actor=dinas_user, reason="Kuota daerah penuh")

    assert "Kuota daerah penuh" in mail.outbox[0].body
    assert participant.events.get().to_status == Participant.Status.DECLINED


def test_a_waitlisted_applicant_can_be_selected_later(dinas_user, programme):
    participant = ParticipantFactory(programme=programme)
    services.participant_waitlist(participant=participant, actor=dinas_user)

    services.participant_select(participant=participant, actor=dinas_user)

    assert list(participant.events.order_by("pk").values_list("to_status", flat=True)) == ["waitlisted", "selected"]


def test_a_declined_applicant_cannot_be_selected(dinas_user, programme):
    participant = ParticipantFactory(programme=programme, status=Participant.Status.DECLINED)

    with pytest.raises(IllegalTransition):
        services.participant_select(participant=participant, actor=dinas_user)


def test_selecting_past_the_quota_is_refused(dinas_user):
    programme = ProgrammeFactory(quota=1)
    ParticipantFactory(programme=programme, status=Participant.Status.SELECTED)
    late = ParticipantFactory(programme=programme)

    with pytest.raises(services.QuotaFull):
        services.participant_select(participant=late, actor=dinas_user)
    late.refresh_from_db()
    assert late.status == Participant.Status.APPLIED


def test_staff_enrol_a_vendor_as_selected_within_the_quota(dinas_user, vendor):
    programme = ProgrammeFactory(quota=1, status=Programme.Status.RUNNING)

    participant = services.participant_enrol(programme=programme, vendor=vendor, actor=dinas_user)

    assert (participant.status, participant.source) == ("selected", "dinas")
    with pytest.raises(services.QuotaFull):
        services.participant_enrol(programme=programme, vendor=factories.VendorFactory(), actor=dinas_user)


def test_enrolling_an_archived_vendor_or_into_a_finished_programme_is_refused(dinas_user, vendor, programme):
    archived = factories.VendorFactory(status="archived")
    with pytest.raises(services.NotEligible):
        services.participant_enrol(programme=programme, vendor=archived, actor=dinas_user)
    Programme.objects.filter(pk=programme.pk).update(status=Programme.Status.FINISHED)
    with pytest.raises(DomainError, match="selesai atau dibatalkan"):
        services.participant_enrol(programme=programme, vendor=vendor, actor=dinas_user)


def test_decisions_on_a_cancelled_programme_are_refused(dinas_user, programme):
    participant = ParticipantFactory(programme=programme)
    Programme.objects.filter(pk=programme.pk).update(status=Programme.Status.CANCELLED)

    with pytest.raises(DomainError):
        services.participant_waitlist(participant=participant, actor=dinas_user)


# --- outcomes -----------------------------------------------------------------------------------------------


@pytest.fixture
def bnsp_place(vendor):
    programme = ProgrammeFactory(kind=Programme.Kind.BNSP, scheme="Barista", status=Programme.Status.RUNNING)
    return ParticipantFactory(programme=programme, vendor=vendor, status=Participant.Status.SELECTED)


def _bnsp(vendor, **kwargs) -> Certificate:
    return factories.CertificateFactory(
        vendor=vendor, kind="bnsp", halal_stage="", number="", holder_name="Siti", **kwargs
    )


def test_a_passed_participant_links_the_certificate_the_programme_produced(dinas_user, vendor, bnsp_place):
    certificate = _bnsp(vendor)

    services.participant_outcome(
        participant=bnsp_place, outcome="lulus", actor=dinas_user, note="Kompeten", certificate=certificate
    )

    bnsp_place.refresh_from_db()
    assert (bnsp_place.outcome, bnsp_place.certificate) == ("lulus", certificate)
    assert certificate.programme_participants.get() == bnsp_place
    assert ParticipantEvent.objects.get(participant=bnsp_place).outcome == "lulus"


@pytest.mark.parametrize("status", ["applied", "waitlisted", "declined"])
def test_an_outcome_only_for_a_selected_participant(dinas_user, running, status):
    participant = ParticipantFactory(programme=running, status=status)

    with pytest.raises(services.NotSelected):
        services.participant_outcome(participant=participant, outcome="lulus", actor=dinas_user)


def test_the_database_refuses_an_outcome_without_selection(running):
    with pytest.raises(IntegrityError):
        ParticipantFactory(programme=running, status="applied", outcome="lulus")


def test_an_outcome_before_the_programme_runs_is_refused(dinas_user, programme):
    participant = ParticipantFactory(programme=programme, status="selected")

    with pytest.raises(DomainError, match="setelah program berjalan"):
        services.participant_outcome(participant=participant, outcome="lulus", actor=dinas_user)


def test_an_unknown_outcome_is_refused(dinas_user, bnsp_place):
    with pytest.raises(DomainError) as caught:
        services.participant_outcome(participant=bnsp_place, outcome="juara", actor=dinas_user)

    assert "outcome" in caught.value.error_dict


@pytest.mark.parametrize("case", ["failed", "another vendor", "wrong kind", "taken"])
def test_a_certificate_that_cannot_be_the_outcome_is_refused(dinas_user, vendor, bnsp_place, case):
    outcome, certificate = "lulus", _bnsp(vendor)
    if case == "failed":
        outcome = "tidak_lulus"
    elif case == "another vendor":
        certificate = _bnsp(factories.VendorFactory())
    elif case == "wrong kind":
        certificate = factories.CertificateFactory(vendor=vendor)
    else:
        other = ParticipantFactory(programme=ProgrammeFactory(status="running"), vendor=vendor, status="selected")
        services.participant_outcome(participant=other, outcome="lulus", actor=dinas_user, certificate=certificate)

    with pytest.raises(DomainError) as caught:
        services.participant_outcome(participant=bnsp_place, outcome=outcome, actor=dinas_user, certificate=certificate)

    assert "certificate" in caught.value.error_dict


def test_a_withdrawal_is_recorded_and_can_be_corrected(dinas_user, bnsp_place):
    services.participant_outcome(participant=bnsp_place, outcome="mundur", actor=dinas_user, note="Sakit")
    services.participant_outcome(participant=bnsp_place, outcome="tidak_lulus", actor=dinas_user)

    bnsp_place.refresh_from_db()
    assert bnsp_place.outcome == "tidak_lulus"
    assert bnsp_place.events.count() == 2


# --- meetings, attendance, visits ---------------------------------------------------------------------------


def test_a_meeting_is_within_the_programme_dates(dinas_user, running):
    with pytest.raises(DomainError) as caught:
        services.meeting_add(
            programme=running, held_on=running.ends_on + datetime.timedelta(days=1), topic="Kemasan", actor=dinas_user
        )
    assert "held_on" in caught.value.error_dict

    meeting = services.meeting_add(programme=running, held_on=running.starts_on, topic="Kemasan", actor=dinas_user)
    assert meeting.programme == running


def test_a_meeting_needs_a_topic(dinas_user, running):
    with pytest.raises(DomainError) as caught:
        services.meeting_add(programme=running, held_on=running.starts_on, topic="  ", actor=dinas_user)
    assert "topic" in caught.value.error_dict


def test_attendance_is_recorded_for_every_selected_participant_and_replaced_on_a_second_record(dinas_user):
    meeting = MeetingFactory()
    came, absent = (ParticipantFactory(programme=meeting.programme, status="selected") for _ in range(2))
    ParticipantFactory(programme=meeting.programme, status="applied")

    services.meeting_record_attendance(meeting=meeting, present=[came.pk], actor=dinas_user)
    services.meeting_record_attendance(meeting=meeting, present=[came.pk, absent.pk], actor=dinas_user)

    rows = dict(Attendance.objects.filter(meeting=meeting).values_list("participant", "present"))
    assert rows == {came.pk: True, absent.pk: True}


def test_attendance_of_someone_not_selected_is_refused(dinas_user):
    meeting = MeetingFactory()
    applicant = ParticipantFactory(programme=meeting.programme, status="applied")

    with pytest.raises(services.NotSelected):
        services.meeting_record_attendance(meeting=meeting, present=[applicant.pk], actor=dinas_user)


def test_attendance_before_the_programme_runs_or_the_day_comes_is_refused(dinas_user, programme):
    meeting = MeetingFactory(programme=programme)
    with pytest.raises(DomainError, match="setelah program berjalan"):
        services.meeting_record_attendance(meeting=meeting, present=[], actor=dinas_user)
    Programme.objects.filter(pk=programme.pk).update(status=Programme.Status.RUNNING)
    with pytest.raises(DomainError, match="belum berlangsung"):
        services.meeting_record_attendance(meeting=meeting, present=[], actor=dinas_user)


def test_a_visit_has_a_note_a_date_in_order_and_a_private_photo(dinas_user, running):
    participant = ParticipantFactory(programme=running, status="selected")

    visit = services.visit_add(
        participant=participant, visited_on=TODAY(), note="Produksi lancar", photo=_png(), actor=dinas_user
    )

    assert visit.photo.name.endswith(".jpg")
    with pytest.raises(ValueError, match="no public URL"):
        visit.photo.url  # noqa: B018 - private storage has no URL


@pytest.mark.parametrize(
    ("day", "note", "field"),
    [
        (lambda p: TODAY() + datetime.timedelta(days=1), "Catatan", "visited_on"),
        (lambda p: p.starts_on - datetime.timedelta(days=1), "Catatan", "visited_on"),
        (lambda p: TODAY(), "   ", "note"),
    ],
)
def test_a_visit_with_a_bad_date_or_no_note_is_refused(dinas_user, running, day, note, field):
    participant = ParticipantFactory(programme=running, status="selected")

    with pytest.raises(DomainError) as caught:
        services.visit_add(participant=participant, visited_on=day(running), note=note, actor=dinas_user)
    assert field in caught.value.error_dict


def test_a_visit_to_an_applicant_is_refused(dinas_user, running):
    participant = ParticipantFactory(programme=running)

    with pytest.raises(services.NotSelected):
        services.visit_add(participant=participant, visited_on=TODAY(), note="x", actor=dinas_user)


def test_a_visit_photo_that_is_not_a_picture_is_refused(dinas_user, running):
    participant = ParticipantFactory(programme=running, status="selected")
    fake = SimpleUploadedFile("foto.jpg", b"bukan gambar", content_type="image/jpeg")

    with pytest.raises(DomainError, match="bukan foto"):
        services.visit_add(participant=participant, visited_on=TODAY(), note="x", photo=fake, actor=dinas_user)


# --- aid ------------------------------------------------------------------------------------------------


def _grant(vendor, actor, **overrides):
    fields = {
        "kind": AidRecord.Kind.EQUIPMENT,
        "item": "Mesin penepung",
        "value": 12_000_000,
        "handed_over_on": TODAY(),
        "funding": FundingSource.APBD_KABUPATEN,
    }
    return services.aid_grant(vendor=vendor, actor=actor, **(fields | overrides))


def test_aid_is_recorded_with_its_private_document(dinas_user, vendor):
    document = SimpleUploadedFile("ba.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")

    record = _grant(vendor, dinas_user, document=document, photo=_png(), quantity=2, unit="unit")

    assert (record.granted_by, record.value, record.repeat_confirmed) == (dinas_user, 12_000_000, False)
    assert record.document.name.endswith(".pdf") and record.photo.name


def test_aid_of_a_kind_received_within_three_years_needs_confirmation(dinas_user, vendor):
    earlier = AidRecordFactory(vendor=vendor, handed_over_on=TODAY() - datetime.timedelta(days=700))

    with pytest.raises(services.RepeatAid) as caught:
        _grant(vendor, dinas_user)
    assert caught.value.earlier == [earlier]
    assert "Mesin penggiling kopi" in str(caught.value) and "Rp7.500.000" in str(caught.value)
    assert AidRecord.objects.count() == 1

    record = _grant(vendor, dinas_user, confirm_repeat=True)
    assert record.repeat_confirmed


def test_aid_of_another_kind_or_older_than_three_years_needs_no_confirmation(dinas_user, vendor):
    AidRecordFactory(vendor=vendor, handed_over_on=TODAY() - datetime.timedelta(days=3 * 366))
    AidRecordFactory(vendor=vendor, kind=AidRecord.Kind.CAPITAL)

    assert services.aid_repeat_warning(vendor=vendor, kind=AidRecord.Kind.EQUIPMENT, on=TODAY()) == []
    assert not _grant(vendor, dinas_user).repeat_confirmed


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"value": -1}, "value"),
        ({"value": AidRecord.VALUE_CEILING + 1}, "value"),
        ({"quantity": 0}, "quantity"),
        ({"quantity": 10_001}, "quantity"),
        ({"handed_over_on": TODAY() + datetime.timedelta(days=1)}, "handed_over_on"),
        ({"kind": "emas"}, "kind"),
        ({"funding": "hibah"}, "funding"),
        ({"item": " "}, "item"),
    ],
)
def test_aid_with_bad_numbers_dates_or_choices_is_refused(dinas_user, vendor, overrides, field):
    with pytest.raises(DomainError) as caught:
        _grant(vendor, dinas_user, **overrides)

    assert field in caught.value.error_dict
    assert not AidRecord.objects.exists()


def test_the_database_refuses_an_aid_value_past_the_ceiling(vendor):
    with pytest.raises(IntegrityError):
        AidRecordFactory(vendor=vendor, value=AidRecord.VALUE_CEILING + 1)


def test_aid_to_an_archived_vendor_or_in_a_draft_programme_is_refused(dinas_user, vendor):
    with pytest.raises(services.AidError):
        _grant(factories.VendorFactory(status="archived"), dinas_user)
    with pytest.raises(services.AidError):
        _grant(vendor, dinas_user, programme=ProgrammeFactory(status=Programme.Status.DRAFT))


def test_an_aid_document_that_is_not_a_scan_is_refused(dinas_user, vendor):
    fake = SimpleUploadedFile("ba.pdf", b"MZ\x90\x00", content_type="application/pdf")

    with pytest.raises(DomainError, match="PDF, JPG, atau PNG"):
        _grant(vendor, dinas_user, document=fake)


# --- pendataan --------------------------------------------------------------------------------------------


def test_a_round_opens_with_questions_from_the_fixed_set_in_their_order(dinas_user):
    data_round = services.round_open(
        actor=dinas_user,
        title="Pendataan UMKM terdampak 2026",
        questions=["kebutuhan", "omzet"],
        opens_on=TODAY(),
        closes_on=TODAY() + datetime.timedelta(days=14),
        regions=[factories.regency("18.03")],
    )

    assert data_round.questions == ["omzet", "kebutuhan"]
    assert data_round.status == DataRound.Status.OPEN


@pytest.mark.parametrize(
    ("questions", "closes_in", "field"),
    [([], 5, "questions"), (["hutang"], 5, "questions"), (["omzet"], -1, "closes_on")],
)
def test_a_round_with_bad_questions_or_dates_is_refused(dinas_user, questions, closes_in, field):
    with pytest.raises(DomainError) as caught:
        services.round_open(
            actor=dinas_user,
            title="Pendataan",
            questions=questions,
            opens_on=TODAY(),
            closes_on=TODAY() + datetime.timedelta(days=closes_in),
        )
    assert field in caught.value.error_dict


def _answers(**overrides) -> dict:
    values = {
        "turnover": 4_500_000,
        "workers": 3,
        "business_status": "menurun",
        "main_problem": "pemasaran",
        "needs": ["modal", "pelatihan"],
    }
    return values | overrides


def test_an_owner_answers_a_round_and_may_correct_the_answer(owner, vendor):
    data_round = DataRoundFactory()

    services.round_answer(data_round=data_round, vendor=vendor, actor=owner, **_answers())
    answer = services.round_answer(data_round=data_round, vendor=vendor, actor=owner, **_answers(workers=5))

    assert DataAnswer.objects.get() == answer
    assert (answer.workers, answer.needs, answer.answered_by) == (5, ["modal", "pelatihan"], owner)


def test_only_the_rounds_questions_are_kept_and_all_of_them_are_required(owner, vendor):
    data_round = DataRoundFactory(questions=["omzet", "pekerja"])

    with pytest.raises(DomainError) as caught:
        services.round_answer(data_round=data_round, vendor=vendor, actor=owner, turnover=1_000_000)
    assert list(caught.value.error_dict) == ["workers"]

    answer = services.round_answer(data_round=data_round, vendor=vendor, actor=owner, **_answers())
    assert (answer.business_status, answer.needs) == ("", [])


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"turnover": DataAnswer.TURNOVER_CEILING + 1}, "turnover"),
        ({"workers": 1001}, "workers"),
        ({"business_status": "bangkrut"}, "business_status"),
        ({"main_problem": "cuaca"}, "main_problem"),
        ({"needs": ["emas"]}, "needs"),
    ],
)
def test_bad_answers_are_refused(owner, vendor, overrides, field):
    with pytest.raises(DomainError) as caught:
        services.round_answer(data_round=DataRoundFactory(), vendor=vendor, actor=owner, **_answers(**overrides))

    assert field in caught.value.error_dict
    assert not DataAnswer.objects.exists()


def test_a_closed_or_unopened_round_takes_no_answers(dinas_user, owner, vendor):
    closed = DataRoundFactory()
    services.round_close(data_round=closed, actor=dinas_user)
    later = DataRoundFactory(opens_on=TODAY() + datetime.timedelta(days=1))

    for data_round in (closed, later):
        with pytest.raises(services.RoundError):
            services.round_answer(data_round=data_round, vendor=vendor, actor=owner, **_answers())
    with pytest.raises(IllegalTransition):
        services.round_close(data_round=closed, actor=dinas_user)


def test_a_round_of_another_region_takes_no_answer_from_the_vendor(owner, vendor):
    data_round = DataRoundFactory()
    data_round.regions.set([factories.regency("18.71")])

    with pytest.raises(services.RoundError, match="tidak ditujukan"):
        services.round_answer(data_round=data_round, vendor=vendor, actor=owner, **_answers())
