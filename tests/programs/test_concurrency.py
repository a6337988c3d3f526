"""Two officers taking the last place of a programme at once, on PostgreSQL with real threads: one succeeds."""

import pytest
from django.db import connection
from django.utils import timezone

from programs.models import AidRecord, Participant, Programme
from programs.services import QuotaFull, RepeatAid, aid_grant, participant_enrol, participant_select
from tests import factories
from tests.orders.test_concurrency import race

from .factories import ParticipantFactory, ProgrammeFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_two_officers_selecting_for_the_last_place_at_once_only_one_succeeds():
    officers = [factories.DinasUserFactory(username=f"dinas{i}") for i in range(2)]
    programme = ProgrammeFactory(quota=3)
    for _ in range(2):
        ParticipantFactory(programme=programme, status=Participant.Status.SELECTED)
    applicants = [ParticipantFactory(programme=programme) for _ in range(2)]

    results = race(
        [lambda o=o, a=a: participant_select(participant=a, actor=o) for o, a in zip(officers, applicants, strict=True)]
    )

    assert sum(isinstance(r, Participant) for r in results) == 1, results
    assert sum(isinstance(r, QuotaFull) for r in results) == 1, results
    assert Participant.objects.filter(programme=programme, status=Participant.Status.SELECTED).count() == 3


def test_ten_officers_selecting_and_enrolling_at_once_never_exceed_the_quota():
    officers = [factories.DinasUserFactory(username=f"petugas{i}") for i in range(10)]
    programme = ProgrammeFactory(quota=4, status=Programme.Status.RUNNING)
    applicants = [ParticipantFactory(programme=programme) for _ in range(5)]
    vendors = [factories.VendorFactory() for _ in range(5)]
    jobs = [
        lambda o=o, a=a: participant_select(participant=a, actor=o)
        for o, a in zip(officers[:5], applicants, strict=True)
    ]
    jobs += [
        lambda o=o, v=v: participant_enrol(programme=programme, vendor=v, actor=o)
        for o, v in zip(officers[5:], vendors, strict=True)
    ]

    results = race(jobs)

    assert sum(isinstance(r, Participant) for r in results) == 4, results
    assert all(isinstance(r, Participant | QuotaFull) for r in results), results
    assert programme.participants.filter(status=Participant.Status.SELECTED).count() == 4


def test_two_officers_granting_the_same_kind_of_aid_at_once_see_each_other():
    officers = [factories.DinasUserFactory(username=f"bantuan{i}") for i in range(2)]
    vendor = factories.VendorFactory()

    def grant(officer):
        return lambda: aid_grant(
            vendor=vendor,
            actor=officer,
            kind=AidRecord.Kind.EQUIPMENT,
            item="Mesin sangrai",
            value=15_000_000,
            handed_over_on=timezone.localdate(),
            funding="apbn",
        )

    results = race([grant(o) for o in officers])

    assert sum(isinstance(r, AidRecord) for r in results) == 1, results
    assert sum(isinstance(r, RepeatAid) for r in results) == 1, results
