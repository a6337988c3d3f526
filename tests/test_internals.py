"""The helpers that reach into Django's and django-csp's private API (sentra/internals.py, sentra/cache.py):
these fail when an upgrade changes what they rely on."""

import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from sentra.internals import set_prefetched, unmask_csrf_token
from tests import factories

pytestmark = pytest.mark.django_db


def test_set_prefetched_leaves_the_instance_as_prefetch_related_does(vendor, django_assert_num_queries):
    first, second = factories.ProductFactory(vendor=vendor), factories.ProductFactory(vendor=vendor)
    real = type(vendor).objects.prefetch_related("products").get(pk=vendor.pk)
    seeded = type(vendor).objects.get(pk=vendor.pk)
    set_prefetched(seeded, "products", [first, second])
    # the attributes Django's own prefetch sets are the ones the helper sets
    assert set(seeded._prefetched_objects_cache) == set(real._prefetched_objects_cache) == {"products"}
    assert seeded.products.all()._prefetch_done is real.products.all()._prefetch_done is True
    with django_assert_num_queries(0):
        assert list(seeded.products.all()) == [first, second]
        assert seeded.products.count() == 2


def test_unmask_csrf_token_finds_the_secret_inside_a_form_token():
    request = RequestFactory().get("/")
    token = get_token(request)
    assert len(token) == 64
    assert unmask_csrf_token(token) == request.META["CSRF_COOKIE"]


def test_the_csp_nonce_is_false_until_a_page_uses_it_and_then_the_same_text():
    from csp.middleware import CSPMiddleware

    request = RequestFactory().get("/")
    CSPMiddleware(lambda r: HttpResponse()).process_request(request)
    assert not request.csp_nonce  # nothing made one yet: the page cache must not make one either
    nonce = str(request.csp_nonce)
    assert request.csp_nonce and str(request.csp_nonce) == nonce and len(nonce) >= 16
