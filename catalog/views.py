"""Public catalogue pages: home, product list and page, vendor directory and store, floor plan."""

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from catalog.forms import CartLineForm
from sentra.cache import cache_public_page
from sentra.pagination import CappedPage, paginate_capped, parse_page_number
from vendors.selectors import (
    centre_by_slug,
    centre_rows,
    default_centre,
    floor_plan_units,
    upcoming_closed_dates,
)

from . import selectors
from .filters import ProductFilter, VendorFilter
from .seo import product_json_ld, vendor_json_ld
from .sitemaps import SITEMAPS


def _render_list(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """Render a list page, or only its results partial for an htmx request (the URL is pushed by htmx)."""
    response = render(request, f"{template}#results" if request.htmx else template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _paginate(request: HttpRequest, queryset) -> CappedPage:
    number = parse_page_number(request.GET.get("halaman"))
    return paginate_capped(queryset, number=number, per_page=settings.SENTRA_PAGE_SIZE, cap=settings.SENTRA_COUNT_CAP)


@require_safe
@cache_public_page
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "categories": selectors.category_tree(),
        "regions": selectors.region_rows(),
        "newest": selectors.newest_products(),
        "featured": selectors.featured_products(),
        "centre_rows": centre_rows(),
    }
    return render(request, "catalog/home.html", context)


@require_safe
@cache_public_page
def product_list(request: HttpRequest) -> HttpResponse:
    filterset = ProductFilter(request.GET, queryset=selectors.public_products())
    page = _paginate(request, filterset.qs)
    context = {"filterset": filterset, "page": page, "chips": filterset.chips(request.GET)}
    return _render_list(request, "catalog/product_list.html", context)


@require_safe
@cache_public_page
def product_detail(request: HttpRequest, slug: str) -> HttpResponse:
    product = selectors.public_product(slug)
    images = list(product.images.all())
    context = {
        "product": product,
        "category_path": selectors.category_path(product.category_id),
        "region": selectors.regions_by_code().get(product.regency_id),
        "images": images,
        "json_ld": product_json_ld(request, product, images),
        "certificates": selectors.product_certificates(product),
        "related": selectors.related_products(product),
        "cart_form": CartLineForm(initial={"product": product.pk, "quantity": 1}, auto_id="cart_%s"),
    }
    return render(request, "catalog/product_detail.html", context)


@require_safe
@cache_public_page
def vendor_list(request: HttpRequest) -> HttpResponse:
    filterset = VendorFilter(request.GET, queryset=selectors.public_vendors().order_by("name", "pk"))
    page = _paginate(request, filterset.qs)
    return _render_list(request, "catalog/vendor_list.html", {"filterset": filterset, "page": page})


@require_safe
@cache_public_page
def vendor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    vendor = selectors.public_vendor(slug)
    products = selectors.vendor_products(vendor)
    number = parse_page_number(request.GET.get("halaman"))
    page = paginate_capped(products, number=number, per_page=settings.SENTRA_PAGE_SIZE, count=False)
    context = {
        "vendor": vendor,
        "page": page,
        "certificates": selectors.vendor_certificates(vendor),
        "rating": selectors.vendor_rating(vendor),
        "json_ld": vendor_json_ld(request, vendor),
    }
    return _render_list(request, "catalog/vendor_detail.html", context)


def _centre(slug: str):
    centre = centre_by_slug(slug)
    if centre is None:
        raise Http404
    return centre


@require_safe
@cache_public_page
def floor_plan(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """A centre's floor plan: `/sentra/<slug>/denah/`, or the default centre's at `/denah/`."""
    centre = _centre(slug) if slug else default_centre()
    units = floor_plan_units(centre) if centre is not None else []  # the console's board reads the same units
    return render(request, "catalog/floor_plan.html", {"units": units, "plan_centre": centre})


@require_safe
@cache_public_page
def centre_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A centre's page: address, hours (open now or not), closed dates ahead, and its UMKM."""
    centre = _centre(slug)
    page = _paginate(request, selectors.public_vendors().filter(centre=centre).order_by("name", "pk"))
    row = next(r for r in centre_rows() if r.centre.pk == centre.pk)
    context = {"plan_centre": centre, "row": row, "page": page, "closed_dates": upcoming_closed_dates(centre)}
    return render(request, "catalog/centre_detail.html", context)


@require_safe
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """Sitemap index on SENTRA_SITE_URL: one entry per section page (5,000 URLs each)."""
    base = settings.SITE_URL.rstrip("/")
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        url = base + reverse("sitemap-section", kwargs={"section": section})
        pages = sitemap_class().paginator.num_pages
        entries += [SitemapIndexItem(url if page == 1 else f"{url}?p={page}", None) for page in range(1, pages + 1)]
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml")
