"""Public pages of several centres (issue 17): the home list, /sentra/<slug>/ and its floor plan, the
catalogue and directory filtered by ?sentra=, pickup places on product and store pages, query budgets."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from vendors.models import ClosedDate

pytestmark = pytest.mark.django_db
MAX_QUERIES = 8  # SPEC §10


@pytest.fixture
def province(centre):
    """A second centre with its own unit and vendor (from Kota Metro) and one product."""
    second = factories.CentreFactory(
        slug="provinsi", name="Sentra UMKM Provinsi Lampung", town="Bandar Lampung", map_url="https://maps.example/p"
    )
    vendor = factories.VendorFactory(name="Batik Metro", centre=second, regency=factories.regency("18.72"))
    factories.UnitAssignmentFactory(vendor=vendor, unit=factories.ShopUnitFactory(centre=second, code="P-01"))
    product = factories.ProductFactory(vendor=vendor, name="Kain Batik Metro")
    return {"centre": second, "vendor": vendor, "product": product}


@pytest.fixture
def kotabumi(centre):
    vendor = factories.VendorFactory(name="Keripik Kotabumi", centre=centre)
    factories.UnitAssignmentFactory(vendor=vendor, unit=factories.ShopUnitFactory(centre=centre, code="A-01"))
    return {
        "centre": centre,
        "vendor": vendor,
        "product": factories.ProductFactory(vendor=vendor, name="Keripik Nanas"),
    }


def test_home_lists_every_centre_with_town_hours_map_and_number_of_umkm(client, kotabumi, province):
    response = client.get(reverse("catalog:home"))
    rows = {row.centre.slug: row for row in response.context["centre_rows"]}
    assert rows["kotabumi"].vendors == 1 and rows["provinsi"].vendors == 1
    body = response.content.decode()
    assert "Sentra UMKM Provinsi Lampung" in body and "Bandar Lampung" in body
    assert reverse("catalog:centre-detail", kwargs={"slug": "provinsi"}) in body
    assert "https://maps.example/p" in body


def test_a_centre_page_shows_its_hours_closed_dates_and_only_its_vendors(client, kotabumi, province):
    day = ClosedDate.objects.create(centre=province["centre"], date=timezone.localdate(), reason="Libur")
    response = client.get(reverse("catalog:centre-detail", kwargs={"slug": "provinsi"}))
    assert response.status_code == HTTPStatus.OK
    body = response.content.decode()
    assert "Batik Metro" in body and "Keripik Kotabumi" not in body
    assert day.reason in body


def test_each_centre_has_its_floor_plan_and_denah_stays_the_default_centres(client, kotabumi, province):
    plan = client.get(reverse("catalog:centre-floor-plan", kwargs={"slug": "provinsi"}))
    assert [u.code for u in plan.context["units"]] == ["P-01"]
    default = client.get(reverse("catalog:floor-plan"))
    assert [u.code for u in default.context["units"]] == ["A-01"]


def test_an_unknown_centre_is_a_404(client, centre):
    assert client.get(reverse("catalog:centre-detail", kwargs={"slug": "tidak-ada"})).status_code == 404
    assert client.get(reverse("catalog:centre-floor-plan", kwargs={"slug": "tidak-ada"})).status_code == 404


def test_catalogue_and_directory_filter_by_centre(client, kotabumi, province):
    products = client.get(reverse("catalog:product-list"), {"sentra": "provinsi"})
    assert [p.name for p in products.context["page"]] == ["Kain Batik Metro"]
    vendors = client.get(reverse("catalog:vendor-list"), {"sentra": "kotabumi"})
    assert [v.name for v in vendors.context["page"]] == ["Keripik Kotabumi"]


@pytest.mark.parametrize("url", ["catalog:product-list", "catalog:vendor-list"])
def test_a_forged_centre_filter_is_refused_with_a_message(client, kotabumi, province, url):
    response = client.get(reverse(url), {"sentra": "<script>x</script>"})
    assert response.status_code == HTTPStatus.OK
    assert len(response.context["page"].object_list) == 2  # the filter is left out
    assert "Sentra ini tidak dikenal" in response.content.decode()


def test_product_and_store_pages_say_which_centre_and_unit(client, province):
    product_page = client.get(province["product"].get_absolute_url()).content.decode()
    assert "P-01" in product_page and "Sentra UMKM Provinsi Lampung" in product_page
    store = client.get(province["vendor"].get_absolute_url()).content.decode()
    assert "P-01" in store and "Sentra UMKM Provinsi Lampung" in store
    assert reverse("catalog:centre-floor-plan", kwargs={"slug": "provinsi"}) in store


@pytest.mark.parametrize(
    "name, kwargs, query",
    [
        ("catalog:centre-detail", {"slug": "provinsi"}, ""),
        ("catalog:centre-floor-plan", {"slug": "provinsi"}, ""),
        ("catalog:home", {}, ""),
        ("catalog:product-list", {}, "?sentra=provinsi"),
        ("catalog:vendor-list", {}, "?sentra=provinsi"),
    ],
)
def test_centre_pages_run_at_most_8_queries(
    client, kotabumi, province, django_assert_max_num_queries, name, kwargs, query
):
    for _ in range(5):
        vendor = factories.VendorFactory(centre=province["centre"])
        factories.ProductFactory(vendor=vendor)
        factories.UnitAssignmentFactory(vendor=vendor, unit=factories.ShopUnitFactory(centre=province["centre"]))
    url = reverse(name, kwargs=kwargs) + query
    assert client.get(url).status_code == HTTPStatus.OK  # warm the minute-long caches, like a running site
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url).status_code == HTTPStatus.OK
