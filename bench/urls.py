"""Sentra's URLs plus two views mounted only by the benchmark: a bare "hello" (the baseline for requests/s)
and a bare 24-card page (SPEC §10's reference for this hardware: how fast the machine itself is)."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from sentra.urls import *  # noqa: F403
from sentra.urls import urlpatterns as site_urlpatterns

# The plainest page of 24 product cards Django can make: one query with the vendor joined, a for-loop in a
# template without a layout, context processors or photos. Sentra's catalogue does much more per request
# (layout, filter form, badges, photos, stock), so this is not a target for it: it measures the machine.
BARE_CARDS = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Katalog</title></head><body>
<ul>{% for product in products %}
<li><a href="{% url 'catalog:product-detail' slug=product.slug %}">{{ product.name }}</a>
<span>Rp{{ product.price }}</span> <span>{{ product.sale_unit }}</span> <span>{{ product.vendor.name }}</span></li>
{% endfor %}</ul></body></html>"""
_bare_cards_template = None


def hello(request):
    return HttpResponse(b"hello", content_type="text/plain")


def bare_cards(request):
    from catalog.models import Product

    global _bare_cards_template  # noqa: PLW0603 - parsed once, as the cached template loader does
    if _bare_cards_template is None:
        _bare_cards_template = engines["django"].from_string(BARE_CARDS)
    products = Product.objects.published().select_related("vendor").order_by("-created_at", "-pk")[:24]
    return HttpResponse(_bare_cards_template.render({"products": products}))


urlpatterns = [
    path("bench-hello", hello, name="bench-hello"),
    path("bench-cards", bare_cards, name="bench-cards"),
    *site_urlpatterns,
]
