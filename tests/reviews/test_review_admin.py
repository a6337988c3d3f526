"""The admin shows reviews, their reports and favourites, and changes none of them: moderation happens in the
console through reviews.services, favourites are the shopper's."""

from http import HTTPStatus

import pytest
from django.contrib import admin
from django.contrib.admin.utils import label_for_field
from django.urls import reverse
from django.utils.functional import Promise

from reviews.models import Favourite, Review, ReviewReport
from reviews.services import create_review, review_hide
from tests import factories
from tests.reviews.test_review_pages import collected_line

pytestmark = pytest.mark.django_db

MODELS = [model for model in admin.site._registry if model._meta.app_label == "reviews"]


@pytest.fixture
def root(client):
    client.force_login(factories.UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def hidden_review(shopper, dinas_user, product):
    line = collected_line(shopper, product)
    review = create_review(actor=shopper, line_id=line.pk, rating=4, body="Renyah")
    ReviewReport.objects.create(review=review, reporter=dinas_user, reason="Iklan")
    review_hide(review=review, actor=dinas_user, reason="Iklan")
    Favourite.objects.create(user=shopper, product=product)
    review.refresh_from_db()
    return review


def _url(obj, view: str) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk] if view != "changelist" else [])


def test_reviews_favourites_and_reports_are_in_the_admin():
    assert {Review, ReviewReport, Favourite} <= set(MODELS)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_changelist_and_change_page_render_read_only_for_superuser(root, hidden_review, model):
    obj = model.objects.first()
    assert root.get(_url(obj, "changelist")).status_code == HTTPStatus.OK
    response = root.get(_url(obj, "change"))
    assert response.status_code == HTTPStatus.OK
    assert 'name="_save"' not in response.content.decode()
    assert root.get(reverse(f"admin:reviews_{model._meta.model_name}_add")).status_code == HTTPStatus.FORBIDDEN


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_column_header_is_translated(model):
    model_admin = admin.site._registry[model]
    for name in model_admin.list_display:
        if name == "__str__":
            continue
        label = label_for_field(name, model, model_admin)
        assert isinstance(label, Promise) or model._meta.get_field(name).verbose_name != name.replace("_", " ")


def test_a_hidden_review_cannot_be_unhidden_or_rerated_through_the_admin(root, hidden_review):
    data = {"status": Review.Status.VISIBLE, "rating": 1, "body": "Diubah", "_save": "Simpan"}
    response = root.post(_url(hidden_review, "change"), data)
    assert response.status_code == HTTPStatus.FORBIDDEN
    stored = Review.objects.get(pk=hidden_review.pk)
    assert (stored.status, stored.rating, stored.body) == (Review.Status.HIDDEN, 4, "Renyah")


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_nothing_is_deleted_through_the_admin(root, hidden_review, model):
    obj = model.objects.first()
    response = root.post(_url(obj, "delete"), {"post": "yes"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    changelist = {"action": "delete_selected", admin.helpers.ACTION_CHECKBOX_NAME: [obj.pk], "post": "yes"}
    root.post(_url(obj, "changelist"), changelist)
    assert model.objects.filter(pk=obj.pk).exists()
