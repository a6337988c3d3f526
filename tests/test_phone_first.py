"""Phone-first helpers and pages (issue 16) that need no browser: placeholder logos, the header, the home page."""

from django.template import Context, Template
from django.urls import reverse

from sentra.templatetags.sentra import initials, tint
from tests import factories


def test_initials_skip_legal_forms_and_take_two_words():
    assert initials("Keripik Pisang Yuli") == "KP"
    assert initials("KWT Melati Abung") == "MA"
    assert initials("UD") == "U"
    assert initials("") == ""
    assert (tint(7), tint(None), tint("x")) == (3, 0, 0)


def test_a_vendor_without_a_logo_gets_its_initials_on_a_brand_colour(db):
    vendor = factories.VendorFactory(name="Sambal Lingkung Bu Ros")
    html = Template('{% include "catalog/partials/vendor_card.html" %}').render(Context({"vendor": vendor}))
    assert "vendor-initials" in html and ">SL<" in html


def test_the_home_page_has_one_search_box(client, db):
    html = client.get(reverse("catalog:home")).content.decode()
    assert html.count('type="search"') == 1


def test_djangos_own_indonesian_strings_speak_with_one_voice():
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override("id"):
        assert gettext("Your password can’t be entirely numeric.") == "Kata sandi Anda tidak boleh hanya berisi angka."
        assert gettext("Please type your current password.").startswith("Silakan")
