"""Rate limits that count: kept in a cache every worker shares, and a stranger guessing an owner's password
slows down only their own guesses — the owner still signs in from their own phone (issue 15.7)."""

from http import HTTPStatus

import pytest
from django.core import checks
from django.urls import reverse

from sentra.checks import check_shared_cache
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "sentra-test"
STRANGER, OWNER = "203.0.113.7", "198.51.100.20"


@pytest.fixture
def owner_user(db):
    return factories.UserFactory(username="pemilik-kopi", email="pemilik-kopi@example.test")


def login(client, email: str, password: str, ip: str):
    return client.post(reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip)


def refused(response) -> bool:
    return response.status_code == HTTPStatus.TOO_MANY_REQUESTS or (
        response.status_code == HTTPStatus.OK
        and any("terlalu banyak" in str(e).lower() for e in response.context["form"].non_field_errors())
    )


def test_a_stranger_guessing_cannot_lock_the_owner_out(client, owner_user):
    for _guess in range(5):
        assert login(client, owner_user.email, "tebakan-salah", STRANGER).status_code == HTTPStatus.OK
    assert refused(login(client, owner_user.email, "tebakan-salah", STRANGER))  # the stranger is slowed down

    response = login(client, owner_user.email, PASSWORD, OWNER)  # the owner, from their own phone
    assert response.status_code == HTTPStatus.FOUND
    assert client.session.get("_auth_user_id") == str(owner_user.pk)


def test_the_stranger_is_refused_even_with_the_right_password_from_the_guessing_address(client, owner_user):
    for _guess in range(5):
        login(client, owner_user.email, "tebakan-salah", STRANGER)
    assert refused(login(client, owner_user.email, PASSWORD, STRANGER))
    assert "_auth_user_id" not in client.session


def test_one_address_is_still_capped_across_accounts(client):
    users = [factories.UserFactory(username=f"akun{i}") for i in range(11)]
    answers = [login(client, user.email, "tebakan-salah", STRANGER) for user in users]
    assert not any(refused(answer) for answer in answers[:10])
    assert refused(answers[10])


def test_a_per_process_cache_is_flagged_in_production(settings):
    settings.DEBUG = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    (warning,) = check_shared_cache(None)
    assert warning.id == "sentra.W001" and warning.level == checks.WARNING

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "t"}}
    assert check_shared_cache(None) == []
    settings.DEBUG = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert check_shared_cache(None) == []
