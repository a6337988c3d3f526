"""The read-replica router's decisions (sentra/db_router.py)."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.http import HttpResponse
from django.test import RequestFactory

from catalog.models import Product
from orders.models import Reservation
from sentra.db_router import PIN_COOKIE, PRIMARY, REPLICA, PrimaryReplicaRouter, ReplicaMiddleware
from vendors.models import Regency, Vendor

router = PrimaryReplicaRouter()


def _reads_during(request, *models) -> tuple[list[str], HttpResponse]:
    """Run `request` through the middleware and return where each model would be read from during it."""
    seen: list[str] = []

    def view(req):
        seen.extend(router.db_for_read(model) for model in models)
        return HttpResponse("ok")

    response = ReplicaMiddleware(view)(request)
    return seen, response


@pytest.mark.parametrize("path", ["/", "/katalog/?q=kopi", "/produk/keripik/", "/umkm/yuli/", "/denah/"])
def test_anonymous_catalogue_pages_read_catalogue_tables_from_the_replica(path):
    seen, _ = _reads_during(RequestFactory().get(path), Product, Vendor, Regency)
    assert seen == [REPLICA, REPLICA, REPLICA]


def test_sessions_users_and_reservations_are_always_read_from_the_primary():
    seen, _ = _reads_during(RequestFactory().get("/katalog/"), Session, get_user_model(), Reservation)
    assert seen == [PRIMARY, PRIMARY, PRIMARY]


@pytest.mark.parametrize(
    "path", ["/toko/", "/toko/produk/", "/dinas/", "/dinas/umkm/", "/admin/", "/akun/login/", "/keranjang/"]
)
def test_owner_portal_console_admin_accounts_and_cart_read_from_the_primary(path):
    seen, _ = _reads_during(RequestFactory().get(path), Product)
    assert seen == [PRIMARY]


def test_a_write_reads_from_the_primary_and_pins_the_visitor_to_it(settings):
    settings.SENTRA_REPLICA_PIN_SECONDS = 5
    seen, response = _reads_during(RequestFactory().post("/keranjang/tambah/"), Product)
    assert seen == [PRIMARY]
    cookie = response.cookies[PIN_COOKIE]
    assert cookie["max-age"] == 5
    assert time.time() < float(cookie.value) <= time.time() + 6


def test_a_pinned_visitor_reads_the_catalogue_from_the_primary_until_the_pin_expires():
    pinned = RequestFactory().get("/katalog/")
    pinned.COOKIES[PIN_COOKIE] = f"{time.time() + 4:.0f}"
    expired = RequestFactory().get("/katalog/")
    expired.COOKIES[PIN_COOKIE] = f"{time.time() - 1:.0f}"
    assert _reads_during(pinned, Product)[0] == [PRIMARY]
    assert _reads_during(expired, Product)[0] == [REPLICA]


def test_a_garbled_pin_cookie_is_ignored():
    request = RequestFactory().get("/katalog/")
    request.COOKIES[PIN_COOKIE] = "not-a-time"
    assert _reads_during(request, Product)[0] == [REPLICA]


def test_reads_outside_a_request_and_after_it_go_to_the_primary():
    assert router.db_for_read(Product) == PRIMARY
    _reads_during(RequestFactory().get("/katalog/"), Product)
    assert router.db_for_read(Product) == PRIMARY


def test_writes_always_go_to_the_primary_and_only_the_primary_is_migrated():
    request = RequestFactory().get("/katalog/")
    writes = []
    ReplicaMiddleware(lambda req: writes.append(router.db_for_write(Product)) or HttpResponse())(request)
    assert writes == [PRIMARY]
    assert router.allow_migrate(PRIMARY, "catalog") is True
    assert router.allow_migrate(REPLICA, "catalog") is False
    assert router.allow_relation(Product(), Vendor()) is True


def test_safe_requests_set_no_pin_cookie():
    _, response = _reads_during(RequestFactory().get("/katalog/"), Product)
    assert PIN_COOKIE not in response.cookies
