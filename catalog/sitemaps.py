"""Sitemaps of the public catalogue: pages, products, vendors and categories (public rows only).

URLs are built on SENTRA_SITE_URL (scheme and host), so they do not depend on the Site row in the database.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from vendors.models import Vendor

from .models import Category, Product


class SiteSitemap(Sitemap):
    limit = 5000

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol=None) -> str:
        return urlsplit(settings.SITE_URL).scheme or "https"


class PageSitemap(SiteSitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["catalog:home", "catalog:product-list", "catalog:vendor-list", "catalog:floor-plan"]

    def location(self, item):
        return reverse(item)


class ProductSitemap(SiteSitemap):
    changefreq = "daily"

    def items(self):
        return Product.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class VendorSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return Vendor.objects.approved().only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class CategorySitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return Category.objects.order_by("pk")


SITEMAPS = {
    "halaman": PageSitemap,
    "produk": ProductSitemap,
    "umkm": VendorSitemap,
    "kategori": CategorySitemap,
}
