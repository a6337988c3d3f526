"""The catalogue's filter widgets are built in Python (catalog.filters.Fast*) for speed; their markup must stay
what Django's own widget templates render: ids, labels, checked/selected state, escaping, aria-invalid and
aria-describedby pointing at the error of an invalid value, in Indonesian and English."""

import copy

import pytest
from django.http import QueryDict
from django.template.loader import render_to_string
from django.test.html import parse_html
from django.utils import translation

from catalog.filters import ProductFilter, VendorFilter
from catalog.selectors import public_products, public_vendors

pytestmark = pytest.mark.django_db

QUERIES = [
    "",
    "q=%3Cb%3E%22kopi&kategori=keripik&daerah=lampung-utara&sertifikat=halal&sertifikat=bnsp"
    "&harga_min=5000&harga_maks=90000&tersedia=1",
    "q=" + "a" * 150 + "&sertifikat=zzz&harga_min=-5&harga_maks=abc&tersedia=maybe&kategori=%22%3E&daerah=x",
    "harga_min=1e9&harga_maks=99999999999&tersedia=on&sertifikat=pirt&sertifikat=%3Cx%3E",
    "tersedia=0&harga_min=%20&jenis=lapas",
]


def django_widget(widget):
    """The same widget as Django's own class (the Fast widgets subclass it), rendered through its templates."""
    reference = copy.copy(widget)
    reference.__class__ = next(cls for cls in type(widget).__mro__ if cls.__module__ == "django.forms.widgets")
    return reference


def rendered(form, *, reference: bool) -> list[str]:
    fields = []
    for bound in form:
        if reference:
            bound.field.widget = django_widget(bound.field.widget)
        fields.append(render_to_string("partials/form_field.html", {"field": bound}))
    return fields


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("filter_class, rows", [(ProductFilter, public_products), (VendorFilter, public_vendors)])
def test_filter_widgets_render_the_markup_of_djangos_widget_templates(centre, language, query, filter_class, rows):
    with translation.override(language):
        fast = filter_class(QueryDict(query), queryset=rows())
        fast.qs  # noqa: B018 (validates the form, as the view does)
        reference = copy.deepcopy(fast.form)

        for ours, django in zip(rendered(fast.form, reference=False), rendered(reference, reference=True), strict=True):
            assert parse_html(ours) == parse_html(django), f"\n{ours}\n!=\n{django}"


def test_an_invalid_price_points_the_field_at_its_error(client, centre):
    response = client.get("/katalog/?harga_min=-5")
    html = response.content.decode()

    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_harga_min_error"' in html
    assert 'id="id_harga_min_error"' in html
