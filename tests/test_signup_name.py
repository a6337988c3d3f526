"""Sign-up asks for a name and an optional WhatsApp number (issue 16): owners no longer appear as "rina.baru"."""

from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.template import Context, Template
from django.urls import reverse

from orders.views import _contact_initial
from sentra.models import Profile

PASSWORD = "Kripik-Pisang-2024"


def _signup(client, **extra):
    data = {"email": "rina.baru@example.test", "password1": PASSWORD, "password2": PASSWORD, **extra}
    return client.post(reverse("account_signup"), data)


def test_the_signup_form_asks_for_a_name_first(client, db):
    html = client.get(reverse("account_signup")).content.decode()
    assert html.index('name="name"') < html.index('name="email"') < html.index('name="password1"')
    assert 'name="whatsapp"' in html


def test_signup_stores_the_name_and_whatsapp_and_shows_the_name(client, db):
    response = _signup(client, name="  Rina   Wulandari ", whatsapp="0812-3456-7890")
    assert response.status_code == HTTPStatus.FOUND
    user = get_user_model().objects.get(email="rina.baru@example.test")
    assert user.first_name == "Rina Wulandari"
    assert Profile.objects.get(user=user).whatsapp == "+6281234567890"
    assert Template("{% load sentra %}{{ u|person }}").render(Context({"u": user})) == "Rina Wulandari"
    assert _contact_initial(user) == {"contact_name": "Rina Wulandari", "contact_phone": "+6281234567890"}


def test_a_name_is_required_and_a_bad_number_is_explained(client, db):
    page = _signup(client, name=" ", whatsapp="12").content.decode()
    assert "Nomor WhatsApp tidak valid" in page
    assert not get_user_model().objects.filter(email="rina.baru@example.test").exists()


def test_whatsapp_may_stay_empty(client, db):
    assert _signup(client, name="Rina").status_code == HTTPStatus.FOUND
    assert Profile.objects.get(user__email="rina.baru@example.test").whatsapp == ""


def test_accounts_without_a_name_still_show_their_username(db):
    user = get_user_model().objects.create_user("rina.lama", "lama@example.test")
    assert Template("{% load sentra %}{{ u|person }}").render(Context({"u": user})) == "rina.lama"
