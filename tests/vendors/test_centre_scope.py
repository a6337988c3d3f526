"""The centre rule of the console (issue 17): role × centre × URL, driven by the URL names themselves.

The access matrix's world (tests/test_access_matrix.py) is built again with the other vendor, its unit and its
reservation moved to a second centre. Every console URL (and every portal URL Dinas staff may open: scans,
aid files, visit photos) is tried against an object of the first centre ("own") and of the second ("other"):
staff of the first centre get the access matrix's Dinas outcome for their own and 404 for the other centre's,
staff of the second the reverse, province staff the Dinas outcome for both. URLs of province-wide objects
(programmes, meetings, rounds, buyers) are listed in PROVINCE_WIDE; a new object URL that is in neither list
fails `test_every_console_object_url_is_classified`.
"""

from http import HTTPStatus

import pytest
from django.urls import reverse

import tests.test_access_matrix as matrix
from catalog.models import Certificate
from orders.models import Reservation
from sales.models import Event
from tests import factories
from vendors.models import Centre, ShopUnit, UnitAssignment, Vendor

world = matrix.world  # the same fixture

# Object URLs whose object has no centre: programmes and their meetings, pendataan rounds, institutional buyers.
PROVINCE_WIDE = {
    "console:buyer-detail",
    "console:buyer-action",
    "console:programme-detail",
    "console:programme-edit",
    "console:programme-enrol",
    "console:meeting-add",
    "console:programme-action",
    "console:meeting-attendance",
    "console:round-detail",
    "console:round-close",
    "console:round-xlsx",
    "console:report-xlsx",
    "console:report-csv",
    "console:programme-xlsx",
}
STAFF_PORTAL_URLS = {"vendors:certificate-scan", "vendors:aid-file", "vendors:visit-photo"}


def console_names() -> list[str]:
    return sorted(n for n in matrix.url_names() if n.startswith("console:")) + sorted(STAFF_PORTAL_URLS)


def _object_url(name: str) -> bool:
    return matrix.URLS[name].kwargs is not None


def dinas_cell(name: str) -> str:
    cell = matrix.MATRIX[name].split()[matrix.ROLES.index("dinas")]
    return cell.split("/")[0]


@pytest.fixture
def two_centres(world):
    """The matrix world with the other vendor (its unit, reservations and certificate) at a second centre."""
    first = Centre.objects.get(is_default=True)
    second = factories.CentreFactory(slug="provinsi", name="Sentra UMKM Provinsi Lampung", town="Bandar Lampung")
    theirs = world.theirs
    ShopUnit.objects.filter(pk=theirs["unit"].pk).update(centre=second)
    Vendor.objects.filter(pk=theirs["vendor"].pk).update(centre=second)
    Reservation.objects.filter(vendor=theirs["vendor"]).update(pickup_centre=second)
    # Each vendor's running event at its centre (a province-wide event, without one, every staff member sees).
    Event.objects.filter(pk=world.mine["member"]["event"].pk).update(centre=first)
    Event.objects.filter(pk=theirs["event"].pk).update(centre=second)
    staff = {
        "first": factories.DinasUserFactory(username="dinas-kotabumi", centres=[first]),
        "second": factories.DinasUserFactory(username="dinas-bdl", centres=[second]),
        "province": factories.DinasUserFactory(username="provinsi"),
    }
    return world, staff


def test_every_console_object_url_is_classified():
    """A new console URL is either centre-scoped (tried below) or named here as province-wide."""
    unknown = [n for n in console_names() if n not in matrix.URLS]
    assert unknown == [], "add these URL names to tests/test_access_matrix.py URLS first"
    assert set(console_names()) >= PROVINCE_WIDE


EXPECTED_OTHER = {"first": ("own", "404"), "second": ("404", "own"), "province": ("own", "own")}


@pytest.mark.parametrize("who", ["first", "second", "province"])
def test_console_urls_by_centre(client, two_centres, who, subtests):
    world, staff = two_centres
    own_rule, other_rule = EXPECTED_OTHER[who]
    for name in console_names():
        spec = matrix.URLS[name]
        wanted = dinas_cell(name)
        if not _object_url(name) or name in PROVINCE_WIDE:
            targets = {"it": (world.theirs, wanted)}
        else:
            targets = {}
            own = world.mine["member"]
            try:
                spec.kwargs(own)
                targets["own"] = (own, wanted if own_rule == "own" else "404")
            except KeyError:
                pass
            targets["other"] = (world.theirs, wanted if other_rule == "own" else "404")
        for target, (objects, expected) in targets.items():
            client.logout()
            client.force_login(staff[who])
            seen = matrix.outcome(client, matrix.request(client, name, spec, objects))
            with subtests.test(url=name, target=target, who=who):
                assert seen == expected


def test_lists_show_only_the_staff_members_centre(client, two_centres):
    world, staff = two_centres
    theirs = world.theirs["vendor"].name
    mine = world.mine["member"]["vendor"].name
    client.force_login(staff["first"])
    for url in (
        reverse("console:vendor-list") + "?status=",
        reverse("console:unit-list"),
        reverse("console:certificate-list") + "?status=",
    ):
        body = client.get(url).content.decode()
        assert mine in body, url
        assert theirs not in body, url
    client.force_login(staff["province"])
    body = client.get(reverse("console:vendor-list") + "?status=").content.decode()
    assert mine in body and theirs in body


def test_dashboard_counts_only_the_staff_members_centre(client, two_centres):
    world, staff = two_centres
    client.force_login(staff["second"])
    response = client.get(reverse("console:dashboard"))
    assert response.context["waiting"]["applications"] == 0  # the submitted vendor is at the first centre
    client.force_login(staff["first"])
    assert client.get(reverse("console:dashboard")).context["waiting"]["applications"] == 1


def test_a_forged_centre_in_a_filter_is_refused_with_a_message(client, two_centres):
    world, staff = two_centres
    second = Centre.objects.get(slug="provinsi")
    client.force_login(staff["first"])
    for raw in (str(second.pk), "999999", "abc"):
        response = client.get(reverse("console:vendor-list"), {"sentra": raw, "status": ""})
        assert response.status_code == HTTPStatus.OK
        assert world.theirs["vendor"].name not in response.content.decode()
        assert any("wilayah kerja" in str(m) for m in response.context["messages"])


def test_staff_without_a_centre_see_an_explanation(client, db):
    client.force_login(factories.DinasUserFactory(username="baru", centres=[]))
    response = client.get(reverse("console:dashboard"))
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "belum ditugaskan" in response.content.decode()


def test_certificates_are_verified_by_the_staff_of_the_vendors_centre(client, two_centres):
    world, staff = two_centres
    certificate = world.theirs["certificate"]
    url = reverse("console:certificate-verify", kwargs={"pk": certificate.pk})
    client.force_login(staff["first"])
    assert client.post(url, {"verify-reason": ""}).status_code == HTTPStatus.NOT_FOUND
    client.force_login(staff["second"])
    assert client.post(url, {"verify-reason": ""}).status_code == HTTPStatus.FOUND
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VERIFIED


def test_a_unit_takes_vendors_of_its_own_centre_only(client, two_centres):
    world, staff = two_centres
    unit = world.mine["member"]["unit"]
    client.force_login(staff["province"])
    response = client.post(
        reverse("console:unit-assign", kwargs={"pk": unit.pk}),
        {"vendor": world.theirs["vendor"].pk, "start_on": "2026-12-04"},
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not UnitAssignment.objects.filter(unit=unit, vendor=world.theirs["vendor"]).exists()


def test_the_admin_lists_only_the_staff_members_centre(client, two_centres):
    world, staff = two_centres
    client.force_login(staff["first"])
    body = client.get(reverse("admin:vendors_vendor_changelist")).content.decode()
    assert world.mine["member"]["vendor"].name in body
    assert world.theirs["vendor"].name not in body
    other = reverse("admin:vendors_vendor_change", kwargs={"object_id": world.theirs["vendor"].pk})
    assert client.get(other).status_code != HTTPStatus.OK  # the admin treats it as missing
