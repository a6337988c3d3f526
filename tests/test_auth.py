"""Authentication hardening (SPEC §11): rate limits, no account enumeration, verified email to reserve or apply,
sessions rotating on login."""

from http import HTTPStatus

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from orders.models import Reservation
from tests import factories
from vendors.models import Vendor

pytestmark = pytest.mark.django_db

PASSWORD = "sentra-test"


@pytest.fixture
def known(db):
    return factories.UserFactory(username="terdaftar", email="terdaftar@example.test")


def _login(client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def _errors(response) -> list[str]:
    return [str(error) for error in response.context["form"].non_field_errors()]


def test_login_says_the_same_for_an_unknown_email_and_a_wrong_password(client, known):
    unknown = _login(client, "tidak-ada@example.test", "salah-sandi-123")
    wrong = _login(client, known.email, "salah-sandi-123")

    assert unknown.status_code == wrong.status_code == HTTPStatus.OK
    assert _errors(unknown) == _errors(wrong) != []


def test_signup_with_a_registered_email_looks_like_a_new_signup(client, known):
    data = {"name": "Rina Baru", "password1": "Kripik-Pisang-2024", "password2": "Kripik-Pisang-2024"}

    new = client.post(reverse("account_signup"), {"email": "baru@example.test", **data})
    client.logout()
    taken = client.post(reverse("account_signup"), {"email": known.email, **data})

    assert new.status_code == taken.status_code == HTTPStatus.FOUND
    assert new.url == taken.url == reverse("account_email_verification_sent")
    # The owner of the registered address is told by email instead of the visitor on the page.
    assert {message.to[0] for message in mail.outbox} == {"baru@example.test", known.email}


def test_password_reset_answers_alike_for_known_and_unknown_emails(client, known):
    url = reverse("account_reset_password")

    for_known = client.post(url, {"email": known.email})
    for_unknown = client.post(url, {"email": "tidak-ada@example.test"})

    assert for_known.status_code == for_unknown.status_code == HTTPStatus.FOUND
    assert for_known.url == for_unknown.url == reverse("account_reset_password_done")


def test_repeated_failed_logins_are_rate_limited(client, known):
    first = _errors(_login(client, known.email, "salah-0"))
    for attempt in range(1, 6):
        _login(client, known.email, f"salah-{attempt}")

    # Even the right password is refused until the limit passes, with a different message.
    blocked = _login(client, known.email, PASSWORD)

    assert blocked.status_code == HTTPStatus.OK
    assert "_auth_user_id" not in client.session
    assert _errors(blocked) != first


def test_rate_limits_use_a_real_cache():
    assert settings.ACCOUNT_RATE_LIMITS is not False
    assert not settings.CACHES["default"]["BACKEND"].endswith("DummyCache")


def test_password_reset_requests_are_rate_limited(client, known):
    url = reverse("account_reset_password")
    statuses = [client.post(url, {"email": known.email}).status_code for _ in range(7)]

    assert HTTPStatus.TOO_MANY_REQUESTS in statuses


def test_signing_in_rotates_the_session_key(client, known, product):
    client.post(reverse("orders:cart-add"), {"product": product.pk, "quantity": 1})
    before = client.session.session_key

    assert _login(client, known.email, PASSWORD).status_code == HTTPStatus.FOUND
    assert client.session.session_key != before
    assert client.session["_auth_user_id"] == str(known.pk)


def test_admin_sign_in_goes_through_the_rate_limited_login(client, known):
    response = client.get(reverse("admin:index"), follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))


def test_weak_passwords_are_refused_at_signup(client):
    response = client.post(
        reverse("account_signup"), {"email": "lemah@example.test", "password1": "12345678", "password2": "12345678"}
    )

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["password1"]


def test_a_shopper_with_an_unverified_email_cannot_reserve(client, product, centre):
    factories.UnitAssignmentFactory(vendor=product.vendor, unit=factories.ShopUnitFactory(centre=centre))
    shopper = factories.UserFactory(username="belum", verified=False)
    client.force_login(shopper)
    client.post(reverse("orders:cart-add"), {"product": product.pk, "quantity": 1})

    page = client.get(reverse("orders:checkout"))
    dates = page.context["form"].fields["pickup_date"].choices if page.status_code == HTTPStatus.OK else []
    data = {"pickup_date": dates[0][0] if dates else "", "contact_name": "Budi", "contact_phone": "081234567890"}
    response = client.post(reverse("orders:checkout"), data | {"checkout_token": "x1"})

    assert not Reservation.objects.filter(shopper=shopper).exists()
    assert response.status_code in {HTTPStatus.OK, HTTPStatus.FOUND, HTTPStatus.FORBIDDEN}
    product.refresh_from_db()
    assert product.stock_reserved == 0


def test_a_user_with_an_unverified_email_cannot_apply_as_a_vendor(client, db):
    user = factories.UserFactory(username="calon-belum", verified=False)
    client.force_login(user)

    response = client.post(reverse("vendors:apply"), {"name": "UMKM Palsu", "kind": "umkm"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Vendor.objects.filter(memberships__user=user).exists()
