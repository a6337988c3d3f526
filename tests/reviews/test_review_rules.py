"""Verified reviews: only the shopper of a collected line, within 60 days, once, rating 1-5, text <= 1,000."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from orders.models import Reservation
from reviews.models import Review
from reviews.services import create_review, sold_label, update_review
from sentra.exceptions import DomainError
from tests import factories


def collected_line(shopper, product, *, days_ago=1, status=Reservation.Status.COLLECTED):
    reservation = factories.ReservationFactory(
        shopper=shopper,
        vendor=product.vendor,
        status=status,
        collected_at=timezone.now() - datetime.timedelta(days=days_ago) if status == "collected" else None,
    )
    return factories.ReservationLineFactory(reservation=reservation, product=product)


def test_shopper_reviews_a_collected_line(shopper, product):
    line = collected_line(shopper, product)
    review = create_review(actor=shopper, line_id=line.pk, rating=5, body="  Enak sekali  ")
    assert (review.product, review.shopper, review.rating, review.body) == (product, shopper, 5, "Enak sekali")
    assert review.status == Review.Status.VISIBLE


@pytest.mark.parametrize("who", ["other", "vendor"])
def test_another_user_or_the_vendor_gets_404(shopper, owner, product, who):
    line = collected_line(shopper, product)
    actor = owner if who == "vendor" else factories.UserFactory()
    with pytest.raises(Http404):
        create_review(actor=actor, line_id=line.pk, rating=4)


def test_vendor_member_cannot_review_own_product_even_as_the_shopper(owner, product):
    line = collected_line(owner, product)
    with pytest.raises(Http404):
        create_review(actor=owner, line_id=line.pk, rating=5)


@pytest.mark.parametrize("status", [Reservation.Status.CANCELLED, Reservation.Status.READY])
def test_a_line_not_collected_gets_404(shopper, product, status):
    line = collected_line(shopper, product, status=status)
    with pytest.raises(Http404):
        create_review(actor=shopper, line_id=line.pk, rating=4)


def test_after_60_days_gets_404(shopper, product):
    assert create_review(actor=shopper, line_id=collected_line(shopper, product, days_ago=59).pk, rating=3)
    with pytest.raises(Http404):
        create_review(actor=shopper, line_id=collected_line(shopper, product, days_ago=61).pk, rating=3)


def test_one_review_per_line(shopper, product):
    line = collected_line(shopper, product)
    create_review(actor=shopper, line_id=line.pk, rating=4)
    with pytest.raises(Http404):
        create_review(actor=shopper, line_id=line.pk, rating=5)
    assert Review.objects.count() == 1


@pytest.mark.parametrize("rating", [0, 6, -1, "5", None])
def test_rating_outside_1_to_5_is_refused(shopper, product, rating):
    line = collected_line(shopper, product)
    with pytest.raises(DomainError, match="antara 1 dan 5"):
        create_review(actor=shopper, line_id=line.pk, rating=rating)
    assert not Review.objects.exists()


def test_text_over_1000_characters_is_refused(shopper, product):
    line = collected_line(shopper, product)
    create_review(actor=shopper, line_id=line.pk, rating=4, body="a" * 1000)
    with pytest.raises(DomainError, match="1000 karakter"):
        create_review(
            actor=shopper,
            line_id=collected_line(shopper, factories.ProductFactory(vendor=product.vendor)).pk,
            rating=4,
            body="a" * 1001,
        )


def test_database_refuses_a_rating_outside_1_to_5(shopper, product):
    line = collected_line(shopper, product)
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(line=line, product=product, shopper=shopper, rating=6)


def test_anonymous_gets_404(product):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(Http404):
        create_review(actor=AnonymousUser(), line_id=1, rating=4)


@pytest.mark.parametrize(
    ("count", "label"),
    [(0, ""), (7, "terjual 7"), (999, "terjual 999"), (1000, "terjual 1rb+"), (12500, "terjual 12rb+")],
)
def test_sold_label(count, label):
    assert sold_label(count) == label


def test_shopper_edits_within_7_days_only(shopper, product):
    review = create_review(actor=shopper, line_id=collected_line(shopper, product).pk, rating=2, body="kurang")
    review = update_review(actor=shopper, review_id=review.pk, rating=4, body="ternyata enak")
    review.refresh_from_db()
    assert (review.rating, review.body) == (4, "ternyata enak")
    Review.objects.filter(pk=review.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    with pytest.raises(DomainError, match="7 hari"):
        update_review(actor=shopper, review_id=review.pk, rating=5)


def test_someone_else_cannot_edit(shopper, owner, product):
    review = create_review(actor=shopper, line_id=collected_line(shopper, product).pk, rating=2)
    for actor in (owner, factories.UserFactory()):
        with pytest.raises(Http404):
            update_review(actor=actor, review_id=review.pk, rating=5)


def test_edit_validates_rating(shopper, product):
    review = create_review(actor=shopper, line_id=collected_line(shopper, product).pk, rating=2)
    with pytest.raises(DomainError):
        update_review(actor=shopper, review_id=review.pk, rating=True)
