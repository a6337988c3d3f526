"""The Django admin of events, stalls, applications and event stock is read-only: the pages render for a
superuser, but nothing is added, changed or deleted there (decisions and stock go through the services)."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from sales.models import Event, EventApplication, EventLog, EventStock, Stall
from sales.services import events as svc
from tests import factories
from tests.sales.event_factories import ApplicationFactory, EventFactory, StallFactory

pytestmark = pytest.mark.django_db

MODELS = [Event, Stall, EventApplication, EventStock]
STOCK = {"sent": 8, "sold": 3, "returned": 1, "missing": 0, "on_stall": 4}


@pytest.fixture
def root(client):
    client.force_login(factories.UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def rows(dinas_user, product):
    event = EventFactory(name="Bazar Ramadan Kotabumi")
    stall = StallFactory(event=event, code="A-01")
    application = ApplicationFactory(event=event, vendor=product.vendor)
    application.products.set([product])
    application = svc.application_accept(application=application, actor=dinas_user, stall=stall, reason="Oke")
    EventStock.objects.create(application=application, product=product, **STOCK)
    ApplicationFactory(event=event)  # one still waiting
    return {Event: event, Stall: stall, EventApplication: application, EventStock: application.stock.get()}


def url(model, action: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


def stock_numbers() -> list[dict]:
    return list(EventStock.objects.values(*STOCK))


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_the_changelist_and_change_page_render_for_a_superuser(root, rows, model):
    assert root.get(url(model, "changelist")).status_code == HTTPStatus.OK
    assert root.get(url(model, "changelist"), {"q": "Bazar"}).status_code == HTTPStatus.OK
    response = root.get(url(model, "change", rows[model].pk))
    assert response.status_code == HTTPStatus.OK
    assert b'name="_save"' not in response.content


def test_the_event_page_shows_its_stalls_applications_and_log_and_links_to_the_console(root, rows):
    event = rows[Event]
    html = root.get(url(Event, "change", event.pk)).content.decode()
    assert "A-01" in html and rows[EventApplication].vendor.name in html and "Oke" in html
    assert reverse("console:event-detail", args=[event.pk]) in html


def test_the_application_page_shows_its_stock_and_log(root, rows):
    html = root.get(url(EventApplication, "change", rows[EventApplication].pk)).content.decode()
    assert rows[EventStock].product.name in html and "Oke" in html


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_nothing_is_added_in_the_admin(root, rows, model):
    before = model.objects.count()
    assert root.get(url(model, "add")).status_code == HTTPStatus.FORBIDDEN
    assert root.post(url(model, "add"), {"code": "Z-99", "name": "Baru"}).status_code == HTTPStatus.FORBIDDEN
    assert model.objects.count() == before


def test_posting_a_change_is_refused_and_changes_nothing(root, rows):
    event, application, stock = rows[Event], rows[EventApplication], rows[EventStock]
    posts = [
        (Event, event.pk, {"name": "Diganti", "status": "finished"}),
        (Stall, rows[Stall].pk, {"code": "Z-99", "capacity": 20}),
        (EventApplication, application.pk, {"status": "declined", "stall": ""}),
        (EventStock, stock.pk, {"sent": 100, "sold": 0, "returned": 0, "missing": 0, "on_stall": 100}),
    ]
    for model, pk, data in posts:
        assert root.post(url(model, "change", pk), data).status_code == HTTPStatus.FORBIDDEN
    event.refresh_from_db()
    application.refresh_from_db()
    assert (event.name, event.status) == ("Bazar Ramadan Kotabumi", Event.Status.OPEN)
    assert Stall.objects.get().code == "A-01"
    assert (application.status, application.stall_id) == (EventApplication.Status.ACCEPTED, rows[Stall].pk)
    assert stock_numbers() == [STOCK]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_nothing_is_deleted_one_by_one_or_in_bulk(root, rows, model):
    counts = {m: m.objects.count() for m in [*MODELS, EventLog]}
    pk = rows[model].pk
    assert root.get(url(model, "delete", pk)).status_code == HTTPStatus.FORBIDDEN
    assert root.post(url(model, "delete", pk), {"post": "yes"}).status_code == HTTPStatus.FORBIDDEN
    root.post(url(model, "changelist"), {"action": "delete_selected", "_selected_action": [pk], "post": "yes"})
    assert {m: m.objects.count() for m in counts} == counts
    assert stock_numbers() == [STOCK]
