"""Console dashboard: work waiting and figures, each chart showing the same numbers as its table."""

import datetime
import re
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.models import Certificate
from console.selectors import dashboard_figures, work_waiting
from orders.models import Reservation
from tests import factories
from vendors.models import Vendor

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


@pytest.fixture
def data(centre):
    metro = factories.regency("18.72")
    approved = [factories.VendorFactory(), factories.VendorFactory(regency=metro, kind=Vendor.Kind.KOPERASI)]
    factories.VendorFactory(status=Vendor.Status.SUBMITTED)
    factories.VendorFactory(status=Vendor.Status.SUSPENDED)
    food = [factories.ProductFactory(vendor=approved[0]) for _ in range(4)]
    factories.ProductFactory(vendor=approved[1], category=factories.category("kopi"))
    factories.CertificateFactory(vendor=approved[0], products=food[:3])  # verified halal on 3 of 5 food products
    factories.CertificateFactory(vendor=approved[0], status=Certificate.Status.SUBMITTED)
    factories.CertificateFactory(
        vendor=approved[0], kind="pirt", halal_stage="", number="2071803101234-29", products=food[:1]
    )
    factories.ShopUnitFactory(centre=centre, capacity=2)
    collected = factories.ReservationFactory(vendor=approved[0], status=Reservation.Status.COLLECTED, total=50000)
    collected.collected_at = timezone.now()
    collected.save()
    return approved


def figure(figures, key):
    return {bar.label: bar.value for bar in next(f for f in figures if f.key == key).data}


def test_work_waiting_counts_applications_certificates_and_units_with_room(data):
    assert work_waiting() == {"applications": 1, "certificates": 1, "expiring": 0, "free_units": 1}


def test_the_figures_count_approved_vendors_products_and_certified_food(data):
    figures = dashboard_figures(TODAY() - 28 * DAY, TODAY())

    regions = figure(figures, "region")
    assert (regions["Lampung Utara"], regions["Kota Metro"], regions["Lampung Selatan"]) == (1, 1, 0)
    assert figure(figures, "kind")["Koperasi"] == 1
    assert figure(figures, "category") == {"Makanan": 4, "Minuman": 1}
    assert figure(figures, "food") == {"Halal terverifikasi": 60.0, "P-IRT terverifikasi": 20.0}
    assert sum(figure(figures, "placed").values()) == 1
    assert sum(figure(figures, "collected").values()) == 50000


def test_the_dashboard_chart_and_table_show_the_same_figures(dinas_client, data):
    response = dinas_client.get(reverse("console:dashboard"))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    for fig in response.context["figures"]:
        section = html[html.index(f'id="figure-{fig.key}"') :]
        section = section[: section.index("</section>")]
        wide, narrow = section.split('class="chart chart-narrow"')  # the phone drawing (issue 16) follows
        chart_values = re.findall(r'<text class="chart-value"[^>]*>([^<]*)</text>', wide)
        narrow_values = re.findall(r'<text class="chart-value"[^>]*>([^<]*)</text>', narrow)
        table_values = re.findall(r'<td class="num">([^<]*)</td>', section)
        assert chart_values == narrow_values == table_values == [bar.display for bar in fig.data], fig.key


@pytest.mark.parametrize("periode", ["4", "52", "bogus", ""])
def test_the_period_filter_changes_the_weekly_figures_and_never_fails(dinas_client, data, periode):
    response = dinas_client.get(reverse("console:dashboard"), {"periode": periode})

    assert response.status_code == HTTPStatus.OK
    weeks = len(next(f for f in response.context["figures"] if f.key == "placed").data)
    chosen = {"4": 4, "52": 52}.get(periode, 12)  # 12 weeks unless a valid period was chosen
    assert weeks in {chosen, chosen + 1}  # a period rarely starts on a Monday


def test_the_dashboard_runs_a_constant_number_of_queries(dinas_client, data, django_assert_max_num_queries):
    with django_assert_max_num_queries(24):  # 20 + the channel figure (reservasi, counter+event, B2B, old units)
        dinas_client.get(reverse("console:dashboard"))
