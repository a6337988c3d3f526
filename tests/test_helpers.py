"""The rupiah filter, the WhatsApp link tag and the other generic template helpers."""

from urllib.parse import unquote

import pytest
from django.template import Context, Template

from sentra.templatetags.sentra import json_ld, rupiah, whatsapp_url


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "Rp0"),
        (25000, "Rp25.000"),
        (1500000, "Rp1.500.000"),
        (None, ""),
        (-25000, "-Rp25.000"),
        ("12500", "Rp12.500"),
        ("bukan angka", ""),
    ],
)
def test_rupiah_formats_whole_rupiah_with_dots(amount, expected):
    assert rupiah(amount) == expected


def test_rupiah_filter_works_in_templates():
    html = Template("{% load sentra %}{{ price|rupiah }}").render(Context({"price": 25000}))
    assert html == "Rp25.000"


@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("081234567890", "https://wa.me/6281234567890"),
        ("0812-3456-7890", "https://wa.me/6281234567890"),
        ("+6281234567890", "https://wa.me/6281234567890"),
        ("+62 812 3456 7890", "https://wa.me/6281234567890"),
        ("12", ""),
        ("bukan nomor", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_whatsapp_url_normalises_indonesian_numbers(phone, expected):
    assert whatsapp_url(phone) == expected


def test_whatsapp_url_encodes_the_message():
    url = whatsapp_url("081234567890", "Halo, saya mau pesan Keripik & Kopi?")
    assert url.startswith("https://wa.me/6281234567890?text=")
    query = url.split("?text=", 1)[1]
    assert " " not in query and "&" not in query and "?" not in query
    assert unquote(query) == "Halo, saya mau pesan Keripik & Kopi?"


def test_whatsapp_url_tag_renders_in_templates():
    html = Template('{% load sentra %}{% whatsapp_url phone "Halo" %}').render(Context({"phone": "0812-3456-7890"}))
    assert html == "https://wa.me/6281234567890?text=Halo"


def test_json_ld_cannot_close_its_script_element():
    html = json_ld({"name": "</script><script>alert(1)</script>"})
    assert html.startswith('<script type="application/ld+json">')
    assert html.count("</script>") == 1
    assert "\\u003C/script\\u003E" in html
