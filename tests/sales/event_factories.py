"""Factories of events, stalls and applications (beside tests/factories.py, used by the sales and matrix tests)."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from sales.models import Event, EventApplication, Stall
from tests.factories import VendorFactory


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    name = factory.Sequence(lambda n: f"Bazar UMKM Lampung {n}")
    slug = factory.Sequence(lambda n: f"bazar-umkm-lampung-{n}")
    kind = Event.Kind.BAZAAR
    organiser = "Dinas Koperasi UMKM Lampung Utara"
    venue_name = "Lapangan Tugu Payan Mas"
    venue_address = "Jl. Jenderal Sudirman, Kotabumi"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))
    ends_on = factory.LazyAttribute(lambda e: e.starts_on + datetime.timedelta(days=2))
    status = Event.Status.OPEN


class StallFactory(DjangoModelFactory):
    class Meta:
        model = Stall

    event = factory.SubFactory(EventFactory)
    code = factory.Sequence(lambda n: f"B-{n + 1:02d}")
    capacity = 1


class ApplicationFactory(DjangoModelFactory):
    class Meta:
        model = EventApplication

    event = factory.SubFactory(EventFactory)
    vendor = factory.SubFactory(VendorFactory)


def accepted(event, vendor, products=(), stall=None):
    """An accepted application of `vendor` at `event` with a stall and the products it brings."""
    stall = stall or StallFactory(event=event)
    application = ApplicationFactory(event=event, vendor=vendor, status=EventApplication.Status.ACCEPTED, stall=stall)
    application.products.set(products)
    return application
