"""Who may open the Dinas console: role × URL, and 404 for objects that do not exist."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(vendor, centre):
    unit = factories.ShopUnitFactory(centre=centre)
    return {
        "vendor": vendor,
        "certificate": factories.CertificateFactory(vendor=vendor, status="submitted"),
        "unit": unit,
        "assignment": factories.UnitAssignmentFactory(unit=unit, vendor=vendor),
        "product": factories.ProductFactory(vendor=vendor),
    }


PAGES = [
    ("console:dashboard", None),
    ("console:vendor-list", None),
    ("console:vendor-detail", "vendor"),
    ("console:certificate-list", None),
    ("console:certificate-detail", "certificate"),
    ("console:unit-list", None),
    ("console:unit-create", None),
    ("console:unit-detail", "unit"),
    ("console:unit-edit", "unit"),
    ("console:assignment-end", "assignment"),
    ("console:assignment-move", "assignment"),
    ("console:reports", None),
]


def url_for(name, key, objects):
    return reverse(name, kwargs={"pk": objects[key].pk}) if key else reverse(name)


def all_urls(objects):
    urls = [url_for(name, key, objects) for name, key in PAGES]
    urls.append(reverse("console:vendor-action", kwargs={"pk": objects["vendor"].pk, "action": "bekukan"}))
    urls.append(reverse("console:product-action", kwargs={"pk": objects["product"].pk, "action": "sembunyikan"}))
    urls.append(reverse("console:report-xlsx", kwargs={"slug": "umkm"}))
    urls.append(reverse("console:report-csv", kwargs={"slug": "umkm"}))
    return urls


@pytest.fixture
def superuser(db):
    return factories.UserFactory(username="admin", is_superuser=True, is_staff=True)


def test_anonymous_visitors_are_sent_to_sign_in_for_every_console_page(client, objects):
    for url in all_urls(objects):
        response = client.get(url)
        assert response.status_code == HTTPStatus.FOUND, url
        assert response.url.startswith(reverse("account_login")), url


@pytest.mark.parametrize("role", ["shopper", "owner", "staff_without_group"])
def test_signed_in_users_outside_dinas_get_403_on_every_console_page(client, objects, shopper, owner, role):
    users = {
        "shopper": shopper,
        "owner": owner,  # the vendor's own owner
        "staff_without_group": factories.UserFactory(username="staf", is_staff=True),
    }
    client.force_login(users[role])
    for url in all_urls(objects):
        assert client.get(url).status_code == HTTPStatus.FORBIDDEN, url


def test_a_user_with_the_permissions_but_not_in_the_dinas_group_gets_403(client, objects):
    from django.contrib.auth.models import Group

    user = factories.UserFactory(username="lookalike")
    user.user_permissions.set(Group.objects.get(name="Dinas").permissions.all())
    client.force_login(user)

    assert client.get(reverse("console:dashboard")).status_code == HTTPStatus.FORBIDDEN


@pytest.mark.parametrize("role", ["dinas", "superuser"])
def test_dinas_staff_and_superusers_open_every_console_page(client, objects, dinas_user, superuser, role):
    client.force_login(dinas_user if role == "dinas" else superuser)
    for url in all_urls(objects):
        assert client.get(url).status_code == HTTPStatus.OK, url


@pytest.mark.parametrize(("name", "key"), [(name, key) for name, key in PAGES if key])
def test_an_unknown_object_is_404(client, dinas_user, name, key):
    client.force_login(dinas_user)

    assert client.get(reverse(name, kwargs={"pk": 999999})).status_code == HTTPStatus.NOT_FOUND


def test_an_unknown_action_or_report_is_404(client, dinas_user, vendor):
    client.force_login(dinas_user)

    assert client.get(reverse("console:vendor-action", args=[vendor.pk, "hapus"])).status_code == HTTPStatus.NOT_FOUND
    assert client.get(reverse("console:report-xlsx", args=["rahasia"])).status_code == HTTPStatus.NOT_FOUND
    assert client.get(reverse("console:product-action", args=[999999, "sembunyikan"])).status_code == 404
    assert client.get(reverse("console:report-csv", args=["semua"])).status_code == HTTPStatus.NOT_FOUND


def test_an_inactive_dinas_account_cannot_use_the_console(client, dinas_user):
    dinas_user.is_active = False
    dinas_user.save()
    client.force_login(dinas_user)

    assert client.get(reverse("console:dashboard")).status_code != HTTPStatus.OK


MENU_SECTIONS = [
    ("console:dashboard", None, "console:dashboard", "page"),
    ("console:vendor-list", None, "console:vendor-list", "page"),
    ("console:vendor-detail", "vendor", "console:vendor-list", "true"),
    ("console:certificate-detail", "certificate", "console:certificate-list", "true"),
    ("console:unit-list", None, "console:unit-list", "page"),
    ("console:assignment-move", "assignment", "console:unit-list", "true"),
    ("console:reports", None, "console:reports", "page"),
]


@pytest.mark.parametrize(("name", "key", "section", "current"), MENU_SECTIONS)
def test_the_console_menu_marks_the_section_of_the_page_being_viewed(
    client, dinas_user, objects, name, key, section, current
):
    client.force_login(dinas_user)
    html = client.get(url_for(name, key, objects)).content.decode()
    menu = html.split('class="console-nav"', 1)[1].split("</nav>", 1)[0]
    assert f'href="{reverse(section)}" aria-current="{current}"' in menu
    assert menu.count("aria-current") == 1


def test_the_admin_names_its_sections_in_indonesian_for_dinas_staff(client, dinas_user):
    client.force_login(dinas_user)
    html = client.get(reverse("admin:index")).content.decode()

    assert "Katalog" in html and "Reservasi" in html and "UMKM dan unit ruko" in html
    assert ">Catalog<" not in html and ">Vendors<" not in html


def test_console_pages_and_reports_are_never_cached_by_the_browser(client, dinas_user, objects):
    client.force_login(dinas_user)

    for url in all_urls(objects):
        assert "no-store" in client.get(url)["Cache-Control"], url
