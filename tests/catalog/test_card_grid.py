"""The product card grid is built in Python ({% product_grid %}, 543a4f8) from ProductCards (catalog.cards); it
must render what the card templates it replaced rendered for the Product rows, escaping included."""

# ruff: noqa: E501 (the reference templates keep their lines)
import datetime

import pytest
from django.template import engines
from django.test.html import parse_html
from django.utils import timezone, translation

from catalog.models import Certificate, Product
from catalog.selectors import public_products
from catalog.templatetags.catalog import product_grid
from tests import factories
from vendors.models import Vendor

pytestmark = pytest.mark.django_db

# templates/catalog/partials/product_grid.html, product_card.html and badges.html as of bed0fac
REFERENCE = """{% load sentra catalog i18n %}<ul class="card-grid">{% for product in products %}<li>
<article class="card">
  {% product_image product.main_image product.name %}
  <div class="card-body">
    <h3><a href="{{ product.get_absolute_url }}">{{ product.name }}</a></h3>
    <p class="price">{{ product.price|rupiah }} <small class="meta">/ {{ product.sale_unit }}</small></p>
    <p class="meta">{{ product.vendor.name }} · {{ product.vendor.regency.display_name }}</p>
{% if product.has_halal or product.has_pirt or product.has_bnsp or product.vendor.is_lapas %}
<ul class="badges" aria-label="{% translate 'Sertifikat dan keterangan' %}">
  {% if product.has_halal %}<li><span class="badge badge-halal">{% translate "Halal" %}</span></li>{% endif %}
  {% if product.has_pirt %}<li><span class="badge badge-pirt">P-IRT</span></li>{% endif %}
  {% if product.has_bnsp %}<li><span class="badge" title="{% translate 'Pelaku usaha bersertifikat BNSP' %}">BNSP</span></li>{% endif %}
  {% if product.vendor.is_lapas %}<li><span class="badge badge-lapas">{% translate "Karya warga binaan Lapas" %}</span></li>{% endif %}
</ul>
{% endif %}
    <p class="stock {{ product|stock_class }}">{{ product|stock_label }}</p>
  </div>
</article></li>{% endfor %}</ul>"""


@pytest.fixture
def shelf(centre):
    hostile = factories.VendorFactory(name='Bu "Ani" & <Anak>', regency=factories.regency("18.71"))
    lapas = factories.VendorFactory(kind=Vendor.Kind.LAPAS, nib="", name="Lapas Kotabumi")
    products = [
        factories.ProductFactory(vendor=hostile, name='Kopi <b>"O\'"</b> & Gula', sale_unit="250 g <i>", price=0),
        factories.ProductFactory(vendor=hostile, stock_on_hand=3, price=1_250_000),
        factories.ProductFactory(vendor=lapas, made_to_order=True, lead_time_days=14, stock_on_hand=0),
        factories.ProductFactory(vendor=lapas, stock_on_hand=0),
    ]
    today = timezone.localdate()
    factories.CertificateFactory(vendor=hostile, products=products[:1])
    factories.CertificateFactory(
        vendor=hostile, kind="pirt", halal_stage="", number="2051803010042-29", products=products[:2],
        valid_until=today,
    )  # fmt: skip
    factories.CertificateFactory(
        vendor=lapas, kind="bnsp", halal_stage="", number="", holder_name="Pak Budi",
        valid_until=today + datetime.timedelta(days=30),
    )  # fmt: skip
    return products


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_python_card_grid_renders_what_the_card_templates_did(shelf, language):
    with translation.override(language):
        cards = list(public_products().order_by("pk"))
        rows = list(Product.objects.published().with_card_data().order_by("pk"))
        assert [card.pk for card in cards] == [row.pk for row in rows] == [p.pk for p in shelf]

        ours = product_grid(cards)
        theirs = engines["django"].from_string(REFERENCE).render({"products": rows})

    assert parse_html(ours) == parse_html(theirs), f"\n{ours}\n!=\n{theirs}"
    assert "Kopi &lt;b&gt;&quot;O&#x27;&quot;&lt;/b&gt; &amp; Gula" in ours
    for badge in ("badge-halal", "badge-pirt", "badge-lapas", ">BNSP</span>"):
        assert badge in ours
    assert Certificate.objects.valid().count() == 3
