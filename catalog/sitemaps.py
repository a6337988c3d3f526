from django.contrib.sitemaps import Sitemap

from vendors.models import Vendor

from .models import Category, Product


class ProductSitemap(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return Product.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class VendorSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Vendor.objects.approved().only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class CategorySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Category.objects.order_by("pk")


SITEMAPS = {"produk": ProductSitemap, "umkm": VendorSitemap, "kategori": CategorySitemap}
