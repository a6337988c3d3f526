"""factory-boy factories of pembinaan rows (the shared ones live in tests/factories.py)."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from programs.models import AidRecord, DataRound, FundingSource, Meeting, Participant, Programme
from tests import factories


def today() -> datetime.date:
    return timezone.localdate()


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Pelatihan Pengolahan Kopi {n}")
    kind = Programme.Kind.TRAINING
    funding = FundingSource.APBD_KABUPATEN
    starts_on = factory.LazyFunction(lambda: today() + datetime.timedelta(days=14))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=30))
    apply_until = factory.LazyAttribute(lambda o: o.starts_on - datetime.timedelta(days=1))
    quota = 20
    status = Programme.Status.OPEN


class RunningProgrammeFactory(ProgrammeFactory):
    status = Programme.Status.RUNNING
    starts_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=10))
    apply_until = None


class ParticipantFactory(DjangoModelFactory):
    class Meta:
        model = Participant

    programme = factory.SubFactory(ProgrammeFactory)
    vendor = factory.SubFactory(factories.VendorFactory)
    motivation = "Ingin memperbaiki mutu produk."


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    programme = factory.SubFactory(RunningProgrammeFactory)
    held_on = factory.LazyAttribute(lambda o: o.programme.starts_on)
    topic = "Sangrai kopi robusta"


class AidRecordFactory(DjangoModelFactory):
    class Meta:
        model = AidRecord

    vendor = factory.SubFactory(factories.VendorFactory)
    kind = AidRecord.Kind.EQUIPMENT
    item = "Mesin penggiling kopi"
    value = 7_500_000
    handed_over_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=200))
    funding = FundingSource.APBD_KABUPATEN


class DataRoundFactory(DjangoModelFactory):
    class Meta:
        model = DataRound

    title = factory.Sequence(lambda n: f"Pendataan UMKM terdampak {2026 + n}")
    questions = factory.LazyFunction(lambda: list(DataRound.Question.values))
    opens_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=3))
    closes_on = factory.LazyFunction(lambda: today() + datetime.timedelta(days=30))
