"""The favourite heart with and without htmx: the swapped partial, sign-in, safe `next`, the /favorit/ cards."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from reviews.models import Favourite

HTMX = {"HTTP_HX_REQUEST": "true"}


def _toggle(product) -> str:
    return reverse("reviews:favourite-toggle", args=[product.pk])


def _saved(shopper, product) -> bool:
    return Favourite.objects.filter(user=shopper, product=product).exists()


def test_htmx_tap_answers_with_the_heart_in_its_new_state(client, shopper, product):
    client.force_login(shopper)
    response = client.post(_toggle(product), {"next": product.get_absolute_url()}, **HTMX)
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK and 'aria-pressed="true"' in html
    assert "<html" not in html and f'hx-post="{_toggle(product)}"' in html
    assert _saved(shopper, product)
    response = client.post(_toggle(product), {"next": product.get_absolute_url()}, **HTMX)
    assert response.status_code == HTTPStatus.OK and 'aria-pressed="false"' in response.content.decode()
    assert not _saved(shopper, product)


def test_htmx_save_only_keeps_a_saved_favourite(client, shopper, product):
    client.force_login(shopper)
    Favourite.objects.create(user=shopper, product=product)
    response = client.post(_toggle(product), {"aksi": "simpan", "tampilan": "kartu"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK and 'aria-pressed="true"' in html
    assert 'class="card-favourite heart"' in html and 'value="kartu"' in html
    assert Favourite.objects.filter(user=shopper).count() == 1


def test_anonymous_htmx_tap_is_sent_to_sign_in_and_back_to_the_product(client, product):
    response = client.post(_toggle(product), **HTMX)
    assert response.status_code == HTTPStatus.OK
    assert response["HX-Redirect"].startswith(reverse("account_login"))
    assert response["HX-Redirect"].endswith("next=" + product.get_absolute_url())
    assert not Favourite.objects.exists()


def test_without_htmx_the_tap_goes_back_to_a_safe_next(client, shopper, product):
    client.force_login(shopper)
    back = reverse("catalog:product-list") + "?urut=baru"
    response = client.post(_toggle(product), {"next": back})
    assert response.status_code == HTTPStatus.FOUND and response.url == back
    assert _saved(shopper, product)


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_an_unsafe_next_is_ignored(client, shopper, product, target):
    client.force_login(shopper)
    response = client.post(_toggle(product), {"next": target})
    assert response.status_code == HTTPStatus.FOUND and response.url == product.get_absolute_url()
    response = client.post(_toggle(product), {"next": target}, **HTMX)
    assert "evil" not in response.content.decode() and "javascript" not in response.content.decode()


def test_the_toggle_takes_post_only(client, shopper, product):
    client.force_login(shopper)
    assert client.get(_toggle(product)).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert client.get(_toggle(product), **HTMX).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert not Favourite.objects.exists()


def test_htmx_toggle_queries_are_bounded(client, shopper, product, django_assert_max_num_queries):
    client.force_login(shopper)
    client.get(product.get_absolute_url())  # session and caches warm
    with django_assert_max_num_queries(10):
        assert client.post(_toggle(product), **HTMX).status_code == HTTPStatus.OK
    with django_assert_max_num_queries(10):
        assert client.post(_toggle(product), **HTMX).status_code == HTTPStatus.OK


def test_card_hearts_say_their_state_and_post_with_htmx(client, shopper, product):
    client.force_login(shopper)
    html = client.get(reverse("catalog:product-list")).content.decode()
    assert f'hx-post="{_toggle(product)}"' in html and 'aria-pressed="false"' in html
    assert 'name="aksi" value="simpan"' in html
    Favourite.objects.create(user=shopper, product=product)
    html = client.get(reverse("reviews:favourite-list")).content.decode()
    assert 'aria-pressed="true"' in html and 'name="tampilan" value="favorit"' in html
    assert 'name="aksi"' not in html


def test_removing_from_the_favourites_list_drops_the_card(client, shopper, product):
    client.force_login(shopper)
    Favourite.objects.create(user=shopper, product=product)
    data = {"tampilan": "favorit", "next": reverse("reviews:favourite-list")}
    response = client.post(_toggle(product), data, **HTMX)
    assert response.status_code == HTTPStatus.OK and response.content == b""
    assert response["HX-Retarget"] == "closest li" and response["HX-Reswap"] == "delete"
    assert not _saved(shopper, product)
    response = client.post(_toggle(product), data, **HTMX)  # removed elsewhere meanwhile: saved again, shown
    assert 'aria-pressed="true"' in response.content.decode() and "HX-Reswap" not in response
    assert _saved(shopper, product)


def test_removing_from_the_favourites_list_without_htmx_reloads_the_list(client, shopper, product):
    client.force_login(shopper)
    Favourite.objects.create(user=shopper, product=product)
    data = {"tampilan": "favorit", "next": reverse("reviews:favourite-list")}
    response = client.post(_toggle(product), data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("reviews:favourite-list")
    assert not _saved(shopper, product) and "dihapus dari favorit" in response.content.decode()


def test_a_swapped_card_heart_goes_back_to_the_page_it_is_on_without_htmx(client, shopper, product):
    client.force_login(shopper)
    page = "http://testserver" + reverse("catalog:product-list") + "?halaman=2"
    response = client.post(_toggle(product), {"aksi": "simpan", "tampilan": "kartu"}, HTTP_HX_CURRENT_URL=page, **HTMX)
    assert f'name="next" value="{reverse("catalog:product-list")}?halaman=2"' in response.content.decode()
    elsewhere = "https://evil.example/katalog/"
    response = client.post(_toggle(product), {"tampilan": "kartu"}, HTTP_HX_CURRENT_URL=elsewhere, **HTMX)
    assert f'name="next" value="{product.get_absolute_url()}"' in response.content.decode()
