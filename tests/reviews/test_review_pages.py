"""Review pages, moderation, terjual, favourites and sharing (issue 21)."""

import datetime
import io
import json
import re
from http import HTTPStatus

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from catalog.cards import sold_label
from catalog.models import Product
from orders.models import Reservation, StockMovement
from orders.services.stock import stock_adjust
from reviews.models import Favourite, Review, ReviewDecision
from reviews.services import create_review, review_hide, review_reply, review_restore
from tests import factories

pytestmark = pytest.mark.django_db


def collected_line(shopper, product, *, days_ago=1, status=Reservation.Status.COLLECTED):
    reservation = factories.ReservationFactory(
        shopper=shopper,
        vendor=product.vendor,
        status=status,
        collected_at=timezone.now() - datetime.timedelta(days=days_ago) if status == "collected" else None,
    )
    return factories.ReservationLineFactory(reservation=reservation, product=product)


def _jpeg(name="foto.jpg", size=(64, 48)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "orange").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _review(shopper, product, rating=5, body="Enak"):
    return create_review(actor=shopper, line_id=collected_line(shopper, product).pk, rating=rating, body=body)


# --- writing a review ---------------------------------------------------------------------------------


def test_shopper_reviews_a_collected_line_from_the_reservation_page(client, shopper, product):
    line = collected_line(shopper, product)
    client.force_login(shopper)
    page = client.get(line.reservation.get_absolute_url())
    url = reverse("reviews:review-create", args=[line.pk])
    assert url in page.content.decode() and "Beri ulasan" in page.content.decode()
    assert client.get(url).status_code == HTTPStatus.OK
    response = client.post(url, {"rating": "4", "body": "Renyah dan gurih", "photos": [_jpeg()]})
    assert response.status_code == HTTPStatus.FOUND
    review = Review.objects.get(line=line)
    assert (review.rating, review.body, review.photos.count()) == (4, "Renyah dan gurih", 1)
    product.refresh_from_db()
    assert (product.rating_count, float(product.rating_avg)) == (1, 4.0)


@pytest.mark.parametrize("who", ["other", "vendor", "anonymous"])
def test_only_the_shopper_of_the_line_may_open_its_review_form(client, shopper, owner, product, who):
    line = collected_line(shopper, product)
    url = reverse("reviews:review-create", args=[line.pk])
    if who == "anonymous":
        assert client.get(url).status_code == HTTPStatus.FOUND
        return
    client.force_login(owner if who == "vendor" else factories.UserFactory())
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND
    assert client.post(url, {"rating": "5"}).status_code == HTTPStatus.NOT_FOUND


def test_a_cancelled_line_or_a_vendor_reviewing_its_own_product_is_a_404(client, shopper, owner, product):
    cancelled = collected_line(shopper, product, status=Reservation.Status.CANCELLED)
    client.force_login(shopper)
    assert client.get(reverse("reviews:review-create", args=[cancelled.pk])).status_code == HTTPStatus.NOT_FOUND
    own = collected_line(owner, product)  # the vendor's owner bought at their own shop
    client.force_login(owner)
    assert client.get(reverse("reviews:review-create", args=[own.pk])).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rating": "0"}, "Nilai harus antara 1 dan 5"),
        ({"rating": "6"}, "Nilai harus antara 1 dan 5"),
        ({"rating": "lima"}, "Nilai harus antara 1 dan 5"),
        ({}, "Pilih nilai 1 sampai 5"),
        ({"rating": "5", "body": "x" * 1001}, "1000"),
    ],
)
def test_bad_ratings_and_long_text_get_a_message_not_a_500(client, shopper, product, data, message):
    line = collected_line(shopper, product)
    client.force_login(shopper)
    response = client.post(reverse("reviews:review-create", args=[line.pk]), data)
    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode().replace(".", "")
    assert not Review.objects.exists()


def test_photos_need_text_at_most_three_and_hostile_files_are_refused(client, shopper, product):
    line = collected_line(shopper, product)
    client.force_login(shopper)
    url = reverse("reviews:review-create", args=[line.pk])
    response = client.post(url, {"rating": "5", "photos": [_jpeg()]})
    assert "Tulis sedikit ulasan" in response.content.decode()
    response = client.post(url, {"rating": "5", "body": "Bagus", "photos": [_jpeg(f"{i}.jpg") for i in range(4)]})
    assert "Paling banyak 3 foto" in response.content.decode()
    fake = SimpleUploadedFile("x.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    response = client.post(url, {"rating": "5", "body": "Bagus", "photos": [fake]})
    assert response.status_code == HTTPStatus.OK
    assert not Review.objects.exists()


def test_script_in_a_review_is_escaped_on_the_product_page(client, shopper, product):
    _review(shopper, product, body="<script>alert('x')</script>")
    html = client.get(product.get_absolute_url()).content.decode()
    assert "<script>alert(" not in html and "&lt;script&gt;alert(" in html


def test_review_writing_is_rate_limited_per_user(client, shopper, product, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "review_write": "1/h/user"}
    first, second = collected_line(shopper, product), collected_line(shopper, product)
    client.force_login(shopper)
    client.post(reverse("reviews:review-create", args=[first.pk]), {"rating": "5"})
    response = client.post(reverse("reviews:review-create", args=[second.pk]), {"rating": "5"})
    assert "Terlalu banyak ulasan" in response.content.decode()
    assert Review.objects.count() == 1


def test_review_is_editable_for_seven_days_only(client, shopper, product):
    review = _review(shopper, product, rating=2)
    client.force_login(shopper)
    url = reverse("reviews:review-edit", args=[review.pk])
    client.post(url, {"rating": "4", "body": "Ternyata enak"})
    review.refresh_from_db()
    assert review.rating == 4
    Review.objects.filter(pk=review.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    assert client.get(url).status_code == HTTPStatus.FOUND
    client.force_login(factories.UserFactory())
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


# --- product page, cards, JSON-LD ------------------------------------------------------------------------


def _json_ld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1))


def test_aggregate_rating_only_from_three_visible_reviews(client, product):
    for rating in (5, 4):
        _review(factories.UserFactory(), product, rating=rating)
    assert "aggregateRating" not in _json_ld(client.get(product.get_absolute_url()).content.decode())
    third = _review(factories.UserFactory(), product, rating=3)
    data = _json_ld(client.get(product.get_absolute_url()).content.decode())
    assert data["aggregateRating"]["reviewCount"] == 3 and data["aggregateRating"]["ratingValue"] == "4.0"
    review_hide(actor=factories.DinasUserFactory(), review=third, reason="Melanggar aturan")
    assert "aggregateRating" not in _json_ld(client.get(product.get_absolute_url()).content.decode())


def test_a_hidden_review_counts_nowhere(client, shopper, product):
    kept = _review(factories.UserFactory(), product, rating=5, body="Bagus")
    hidden = _review(shopper, product, rating=1, body="Rahasia tersembunyi")
    dinas = factories.DinasUserFactory()
    review_hide(actor=dinas, review=hidden, reason="Data pribadi")
    product.refresh_from_db()
    assert (product.rating_count, float(product.rating_avg)) == (1, 5.0)
    for url in (product.get_absolute_url(), reverse("reviews:product-reviews", args=[product.slug])):
        assert "Rahasia tersembunyi" not in client.get(url).content.decode()
    catalogue = client.get(reverse("catalog:product-list")).content.decode()
    assert "★ 5,0" in catalogue and "(1 ulasan)" in catalogue
    assert client.get(product.vendor.get_absolute_url()).context["rating"]["count"] == 1
    review_restore(actor=dinas, review=hidden, reason="Sudah diperiksa")
    product.refresh_from_db()
    assert product.rating_count == 2
    assert list(ReviewDecision.objects.filter(review=hidden).values_list("action", "actor")) == [
        ("hide", dinas.pk),
        ("restore", dinas.pk),
    ]
    assert kept.status == Review.Status.VISIBLE


def test_a_blocklisted_word_holds_the_review_until_dinas_releases_it(client, shopper, product):
    review = _review(shopper, product, body="Penjualnya GOBLOK sekali")
    assert review.status == Review.Status.HELD
    product.refresh_from_db()
    assert product.rating_count == 0
    assert "GOBLOK" not in client.get(product.get_absolute_url()).content.decode()
    dinas = factories.DinasUserFactory()
    client.force_login(dinas)
    assert review.product.name in client.get(reverse("console:review-queue")).content.decode()
    url = reverse("console:review-moderate", args=[review.pk, "tampilkan"])
    assert client.post(url, {"reason": ""}).status_code == HTTPStatus.OK  # a reason is required
    client.post(url, {"reason": "Kritik wajar"})
    review.refresh_from_db()
    assert review.status == Review.Status.VISIBLE


def test_reviews_page_sorts_by_helpful_and_paginates(client, product):
    reviews = [_review(factories.UserFactory(), product, body=f"Ulasan nomor {i}") for i in range(12)]
    voter = factories.UserFactory()
    client.force_login(voter)
    client.post(reverse("reviews:review-vote", args=[reviews[0].pk]))
    client.post(reverse("reviews:review-vote", args=[reviews[0].pk]))  # once only
    reviews[0].refresh_from_db()
    assert reviews[0].helpful_count == 1
    client.logout()
    url = reverse("reviews:product-reviews", args=[product.slug])
    first = client.get(url).context["page"]
    assert first.object_list[0] == reviews[0] and first.paginator.num_pages == 2
    newest = client.get(url + "?urut=terbaru").context["page"].object_list[0]
    assert newest == reviews[-1]
    assert client.get(url + "?halaman=99").status_code == HTTPStatus.OK


def test_report_a_review_and_the_vendor_replies_once(client, shopper, owner, product):
    review = _review(shopper, product)
    reporter = factories.UserFactory()
    client.force_login(reporter)
    url = reverse("reviews:review-report", args=[review.pk])
    assert client.post(url, {"reason": ""}).status_code == HTTPStatus.OK
    assert client.post(url, {"reason": "Promosi"}).status_code == HTTPStatus.FOUND
    assert Review.objects.moderation_queue().get() == review
    client.force_login(owner)
    reply_url = reverse("vendors:review-reply", args=[review.pk])
    assert client.post(reply_url, {"body": "Terima kasih!"}).status_code == HTTPStatus.FOUND
    response = client.post(reply_url, {"body": "Lagi"})
    assert review.product.name in response.content.decode()
    review.refresh_from_db()
    assert review.reply == "Terima kasih!"
    assert "Terima kasih!" in client.get(product.get_absolute_url()).content.decode()
    other_vendor_owner = factories.UserFactory()
    factories.VendorFactory(owner=other_vendor_owner)
    client.force_login(other_vendor_owner)
    assert client.get(reply_url).status_code == HTTPStatus.NOT_FOUND


def test_reply_service_refuses_other_vendors(shopper, product):
    review = _review(shopper, product)
    other = factories.VendorFactory()
    from django.http import Http404

    with pytest.raises(Http404):
        review_reply(actor=shopper, vendor=other, review_id=review.pk, body="x")


# --- terjual --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "label"),
    [(0, ""), (7, "terjual 7"), (999, "terjual 999"), (1000, "terjual 1rb+"), (12_345, "terjual 12rb+")],
)
def test_terjual_is_rounded_as_shoppers_expect(count, label):
    assert sold_label(count) == label


def test_counter_sales_and_collected_reservations_count_as_sold(client, owner, product):
    from orders.services.stock import stock_hand_back, stock_hand_over
    from sales.services import sale_record, sale_void

    stock_adjust(product=product, delta=50, reason=StockMovement.Reason.RESTOCK, actor=owner)
    sale = sale_record(vendor=product.vendor, actor=owner, items={product.pk: 3}, payment="cash")
    product.refresh_from_db()
    assert product.sold_count == 3
    sale_void(sale=sale, actor=owner, reason="Salah input")
    product.refresh_from_db()
    assert product.sold_count == 0
    Product.objects.filter(pk=product.pk).update(stock_reserved=2)
    line = factories.ReservationLineFactory(reservation__vendor=product.vendor, product=product, quantity=2)
    stock_hand_over(reservation=line.reservation, actor=owner)
    product.refresh_from_db()
    assert product.sold_count == 2
    stock_hand_back(reservation=line.reservation, actor=owner)  # the hand-over undone
    stock_hand_over(reservation=line.reservation, actor=owner)
    sale_record(vendor=product.vendor, actor=owner, items={product.pk: 1}, payment="cash")
    assert "terjual 3" in client.get(reverse("catalog:product-list")).content.decode()


# --- favourites -----------------------------------------------------------------------------------------


def test_favourite_toggle_and_list(client, shopper, product):
    client.force_login(shopper)
    url = reverse("reviews:favourite-toggle", args=[product.pk])
    client.post(url)
    assert Favourite.objects.filter(user=shopper, product=product).exists()
    assert product.name in client.get(reverse("reviews:favourite-list")).content.decode()
    assert "Tersimpan di favorit" in client.get(product.get_absolute_url()).content.decode()
    client.post(url, {"aksi": "simpan"})  # the card's heart only saves
    assert Favourite.objects.filter(user=shopper).count() == 1
    client.post(url)
    assert not Favourite.objects.exists()
    client.logout()
    response = client.post(url)  # to sign in, then back to the product (not to this POST-only URL)
    assert response.status_code == HTTPStatus.FOUND and response.url.startswith(reverse("account_login"))
    assert response.url.endswith("next=" + product.get_absolute_url())
    assert not Favourite.objects.exists()


def test_back_in_stock_email_goes_once_a_day(django_capture_on_commit_callbacks, shopper, owner, product):
    Product.objects.filter(pk=product.pk).update(stock_on_hand=0, stock_reserved=0, made_to_order=False)
    product.refresh_from_db()
    Favourite.objects.create(user=shopper, product=product)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        stock_adjust(product=product, delta=5, reason=StockMovement.Reason.RESTOCK, actor=owner)
    assert [m.to for m in mail.outbox] == [[shopper.email]] and product.name in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):  # still in stock: no news
        stock_adjust(product=product, delta=5, reason=StockMovement.Reason.RESTOCK, actor=owner)
    with django_capture_on_commit_callbacks(execute=True):  # sold out and back the same day: not again
        stock_adjust(product=product, delta=-10, reason=StockMovement.Reason.CORRECTION, actor=owner)
        stock_adjust(product=product, delta=2, reason=StockMovement.Reason.RESTOCK, actor=owner)
    assert len(mail.outbox) == 1
    Favourite.objects.update(notified_at=timezone.now() - datetime.timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        stock_adjust(product=product, delta=-2, reason=StockMovement.Reason.CORRECTION, actor=owner)
        stock_adjust(product=product, delta=1, reason=StockMovement.Reason.RESTOCK, actor=owner)
    assert len(mail.outbox) == 2


# --- sharing --------------------------------------------------------------------------------------------


def test_product_page_has_share_button_and_open_graph_card(client, product):
    html = client.get(product.get_absolute_url()).content.decode()
    assert 'id="share-link"' in html and "https://wa.me/?text=" in html and "js/share.js" in html
    assert 'property="og:title"' in html and 'property="og:site_name"' in html
    assert re.search(r'<meta property="og:url" content="http://testserver/', html)
    assert "onclick" not in html
