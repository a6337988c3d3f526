"""Input fuzzing with hypothesis (SPEC §11): any query string on any page and any input to any form gives a
clear answer (200, 302, 400, 403, 404 or 405), never a 500, and a refused form writes nothing at all."""

import datetime
from http import HTTPStatus

import pytest
from django import forms
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orders.services import pickup_dates, reservation_place
from tests import factories

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
NOT_A_CRASH = {200, 302, 400, 403, 404, 405}

# Strings that broke other sites: numbers out of range, SQL, markup, odd unicode, path tricks.
NASTY = st.sampled_from(
    [
        "",
        "0",
        "-1",
        "1e309",
        "NaN",
        "99999999999999999999999",
        "１２",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "%00",
        "../../etc/passwd",
        "a" * 3000,
        "2026-02-30",
        "ٱلعربية",
        "\u202e",
        "halal",
        "keripik",
        "18.03",
        "SOL-7K3QX",
    ]
)
TEXT = st.one_of(NASTY, st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40))
PARAMS = [
    "q",
    "kategori",
    "daerah",
    "sertifikat",
    "harga_min",
    "harga_maks",
    "tersedia",
    "urut",
    "halaman",
    "jenis",
    "status",
    "periode",
    "minggu",
    "dari",
    "sampai",
    "next",
    "page",
]
QUERY = st.dictionaries(
    st.one_of(st.sampled_from(PARAMS), TEXT), st.one_of(TEXT, st.lists(TEXT, max_size=3)), max_size=5
)


@pytest.fixture
def site(centre, owner, vendor, product, shopper, dinas_user):
    factories.UnitAssignmentFactory(vendor=vendor, unit=factories.ShopUnitFactory(centre=centre, code="A-01"))
    factories.CertificateFactory(vendor=vendor, products=[product])
    reservation = reservation_place(
        shopper=shopper,
        items={product.pk: 1},
        pickup_date=pickup_dates(centre, now=timezone.now())[1],
        contact_name="Siti",
        contact_phone="+6281234567891",
        note="",
        checkout_token="fuzz-1",
    )[0]
    return {"owner": owner, "shopper": shopper, "dinas": dinas_user, "product": product, "reservation": reservation}


def _pages(site) -> list[tuple[str | None, str]]:
    """(who, url) of every page that reads a query string."""
    public = ["catalog:home", "catalog:product-list", "catalog:vendor-list", "catalog:floor-plan", "orders:cart"]
    pages = [(None, reverse(name)) for name in public]
    pages += [(None, site["product"].get_absolute_url()), (None, site["product"].vendor.get_absolute_url())]
    pages += [(None, reverse("sitemap")), (None, reverse("sitemap-section", args=["produk"]))]
    pages += [("shopper", reverse("orders:reservation-list")), ("shopper", site["reservation"].get_absolute_url())]
    portal = ["dashboard", "product-list", "certificate-list", "reservation-list", "labels", "sales-report"]
    pages += [("owner", reverse(f"vendors:{name}")) for name in portal]
    pages += [("owner", reverse("vendors:sales-report-export", args=["csv"]))]
    console = ["dashboard", "vendor-list", "certificate-list", "unit-list", "reports"]
    pages += [("dinas", reverse(f"console:{name}")) for name in console]
    pages += [("dinas", reverse("console:report-csv", args=["umkm"]))]
    return pages


@FUZZ
@given(data=st.data())
def test_no_query_string_breaks_any_page(client, site, data):
    who, url = data.draw(st.sampled_from(_pages(site)))
    query = data.draw(QUERY)
    client.logout()
    if who:
        client.force_login(site[who])

    response = client.get(url, query)

    assert response.status_code in NOT_A_CRASH, (url, query)


@FUZZ
@given(segment=TEXT)
def test_no_url_segment_breaks_object_pages(client, site, segment):
    client.force_login(site["owner"])
    safe = segment.replace("/", "").replace("?", "").replace("#", "") or "x"
    for url in [f"/produk/{safe}/", f"/umkm/{safe}/", f"/reservasi/{safe}/", f"/toko/reservasi/{safe}/"]:
        assert client.get(url).status_code in NOT_A_CRASH, url


# --- forms --------------------------------------------------------------------------------------------------


def value_for(field: forms.Field) -> st.SearchStrategy:
    """A strategy for what a browser (or an attacker) might send for `field`."""
    if isinstance(field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
        return st.lists(st.one_of(st.integers(-5, 10**6).map(str), TEXT), max_size=3)
    if isinstance(field, forms.ModelChoiceField):
        return st.one_of(st.integers(-5, 10**6).map(str), TEXT)
    if isinstance(field, forms.ChoiceField):
        choices = [str(value) for value, _label in field.choices if not isinstance(_label, list | tuple)]
        return st.one_of(st.sampled_from(choices or [""]), TEXT)
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return st.one_of(st.integers(-(10**12), 10**12).map(str), TEXT)
    if isinstance(field, forms.DateField):
        return st.one_of(st.dates(datetime.date(1900, 1, 1), datetime.date(2200, 1, 1)).map(str), TEXT)
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(["on", "", "false", "1"])
    if isinstance(field, forms.FileField):
        return st.just("")
    return TEXT


def counts() -> dict[str, int]:
    """Row counts of every table of ours: a refused form must leave each one as it was."""
    models = [m for m in apps.get_models() if m._meta.app_label in {"vendors", "catalog", "orders", "auth"}]
    return {m._meta.label: m._default_manager.count() for m in models}


# (who, url name, object key for args): every form page of the project that a signed-in role can post to.
FORM_PAGES = [
    ("owner", "vendors:profile", None),
    ("owner", "vendors:product-create", None),
    ("owner", "vendors:product-edit", "product"),
    ("owner", "vendors:product-stock", "product"),
    ("owner", "vendors:certificate-create", None),
    ("owner", "vendors:reservation-collect", None),
    ("owner", "vendors:reservation-cancel", "code"),
    ("shopper", "orders:checkout", None),
    ("shopper", "orders:reservation-cancel", "code"),
    ("shopper", "vendors:apply", None),
    ("dinas", "console:unit-create", None),
    ("dinas", "console:vendor-action", "action"),
]


def _url(site, name: str, key: str | None) -> str:
    if key == "product":
        return reverse(name, args=[site["product"].pk])
    if key == "code":
        return reverse(name, args=[site["reservation"].code])
    if key == "action":
        return reverse(name, args=[site["product"].vendor.pk, "bekukan"])
    return reverse(name)


@pytest.mark.parametrize(("who", "name", "key"), FORM_PAGES, ids=[page[1] for page in FORM_PAGES])
def test_no_form_input_gives_a_server_error_or_a_partial_write(client, site, who, name, key):
    client.force_login(site[who])
    if name == "orders:checkout":
        client.post(reverse("orders:cart-add"), {"product": site["product"].pk, "quantity": 1})
    url = _url(site, name, key)
    page = client.get(url)
    assert page.status_code == HTTPStatus.OK, url
    fields = page.context["form"].fields

    @FUZZ
    @given(data=st.fixed_dictionaries({n: value_for(f) for n, f in fields.items()}))
    def post_anything(data):
        before = counts()
        response = client.post(url, data)
        assert response.status_code in NOT_A_CRASH, data
        if response.status_code != HTTPStatus.FOUND:  # refused: nothing written, not even half
            assert counts() == before, data

    post_anything()


@FUZZ
@given(product=TEXT, quantity=TEXT, next_url=TEXT)
def test_no_cart_input_breaks_the_cart(client, site, product, quantity, next_url):
    for name in ["orders:cart-add", "orders:cart-update", "orders:cart-remove"]:
        response = client.post(reverse(name), {"product": product, "quantity": quantity, "next": next_url})
        assert response.status_code in NOT_A_CRASH
        assert not response.get("Location", "").startswith(("http://", "https://", "//")), next_url


# Found by the fuzzers above, kept as plain regression tests.


def test_a_word_as_next_after_adding_to_the_cart_leads_to_the_cart(client, site):
    response = client.post(reverse("orders:cart-add"), {"product": site["product"].pk, "quantity": 1, "next": "0"})

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("orders:cart")


def test_an_id_beyond_the_database_range_is_a_form_error_not_a_crash(client, site):
    client.force_login(site["owner"])
    data = {"kind": "halal", "halal_stage": "granted", "number": "ID1811000000000099", "products": ["9" * 25]}

    response = client.post(reverse("vendors:certificate-create"), data)

    assert response.status_code == HTTPStatus.OK
    assert "products" in response.context["form"].errors
