"""Ratings, terjual and favourites add no query to lists (copies on Product), and the product page with
reviews stays within the budget of 8 (issue 21)."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.models import Favourite
from reviews.services import create_review
from tests import factories

pytestmark = pytest.mark.django_db

MAX_QUERIES = 8


def _reviews(product, n=4):
    for index in range(n):
        shopper = factories.UserFactory()
        reservation = factories.ReservationFactory(
            shopper=shopper,
            vendor=product.vendor,
            status="collected",
            collected_at=timezone.now() - datetime.timedelta(days=1),
        )
        line = factories.ReservationLineFactory(reservation=reservation, product=product)
        create_review(actor=shopper, line_id=line.pk, rating=5 - index % 3, body=f"Ulasan {index}")


@pytest.mark.parametrize(
    "query", ["?urut=rating", "?urut=terlaris", "?bintang=1", "?bintang=1&urut=terlaris&tersedia=1"]
)
def test_new_sorts_and_filter_stay_within_the_catalogue_budget(
    client, many_products, django_assert_max_num_queries, query
):
    for product in many_products[:5]:
        _reviews(product, 2)
    url = reverse("catalog:product-list") + query
    assert client.get(url).status_code == HTTPStatus.OK
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK


def test_rating_sort_puts_the_best_rated_first_and_four_stars_filters(client, many_products):
    best, worst = many_products[3], many_products[4]
    _reviews(best, 1)  # one 5-star review
    shopper = factories.UserFactory()
    reservation = factories.ReservationFactory(
        shopper=shopper, vendor=worst.vendor, status="collected", collected_at=timezone.now()
    )
    line = factories.ReservationLineFactory(reservation=reservation, product=worst)
    create_review(actor=shopper, line_id=line.pk, rating=2)
    cards = list(client.get(reverse("catalog:product-list") + "?urut=rating").context["page"].object_list)
    assert cards[0].pk == best.pk
    starred = client.get(reverse("catalog:product-list") + "?bintang=1").context["page"].object_list
    assert [card.pk for card in starred] == [best.pk]


@pytest.mark.parametrize("signed_in", [False, True])
def test_product_page_with_reviews_and_a_favourite_runs_at_most_8_queries(
    client, shopper, many_products, django_assert_max_num_queries, signed_in
):
    product = many_products[0]
    _reviews(product)
    if signed_in:
        client.force_login(shopper)
        Favourite.objects.create(user=shopper, product=product)
    url = product.get_absolute_url()
    assert client.get(url).status_code == HTTPStatus.OK
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert "Ulasan 0" in response.content.decode()


def test_reviews_page_runs_at_most_8_queries(client, many_products, django_assert_max_num_queries):
    product = many_products[0]
    _reviews(product, 12)
    url = reverse("reviews:product-reviews", args=[product.slug])
    assert client.get(url).status_code == HTTPStatus.OK
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url).status_code == HTTPStatus.OK
