from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from vendors.models import Vendor

from .models import Category, Certificate, Product, ProductImage
from .services.badges import badges_refresh


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "is_food", "position"]
    list_filter = ["parent", "is_food"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class ProductImageInline(admin.TabularInline):
    model = ProductImage
    extra = 0
    fields = ["image", "alt_text", "position"]


@admin.register(Product)
class ProductAdmin(SimpleHistoryAdmin):
    list_display = ["name", "vendor", "category", "price", "stock_on_hand", "stock_reserved", "status", "updated_at"]
    list_filter = ["status", "made_to_order", "is_featured", "category", "vendor__regency"]
    search_fields = ["name", "slug", "vendor__name"]
    list_select_related = ["vendor", "category", "category__parent"]
    autocomplete_fields = ["vendor"]
    readonly_fields = ["stock_reserved", "created_at", "updated_at"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProductImageInline]

    def save_model(self, request, obj, form, change):
        # the catalogue's copy of the vendor (catalog.services.vendor_copy)
        obj.vendor_approved, obj.regency_id = obj.vendor.status == Vendor.Status.APPROVED, obj.vendor.regency_id
        # Compared with the stored row, not the form: a history revert may move the product back, too.
        before = Product.objects.filter(pk=obj.pk).values_list("vendor_id", flat=True).first() if change else None
        super().save_model(request, obj, form, change)
        if before is not None and before != obj.vendor_id:  # the old vendor's certificates earn it no badge
            badges_refresh(vendor_ids=[obj.vendor_id])


@admin.register(ProductImage)
class ProductImageAdmin(admin.ModelAdmin):
    list_display = ["product", "alt_text", "position", "width", "height"]
    search_fields = ["product__name", "alt_text"]
    raw_id_fields = ["product"]


@admin.register(Certificate)
class CertificateAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "vendor", "status", "halal_stage", "valid_until", "reviewed_by"]
    list_filter = ["kind", "status", "halal_stage", "vendor__regency"]
    search_fields = ["number", "holder_name", "vendor__name"]
    list_select_related = ["vendor", "reviewed_by"]
    autocomplete_fields = ["vendor"]
    filter_horizontal = ["products"]
    readonly_fields = ["status", "reviewed_by", "reviewed_at", "review_note", "created_at"]
    exclude = ["scan"]

    # Stored badges (catalog.services.badges) follow every change made here, for the old and the new vendor.
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        before = form.initial.get("vendor")  # the vendor before this change, when it was moved
        badges_refresh(vendor_ids={form.instance.vendor_id, *([before] if before else [])})

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A revert saves without save_related(): status, dates, vendor and products may all have changed.
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            vendors = Certificate.history.filter(id=object_id).values_list("vendor_id", flat=True)
            badges_refresh(vendor_ids=set(vendors))
        return response

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        badges_refresh(vendor_ids=[obj.vendor_id])

    def delete_queryset(self, request, queryset):
        vendor_ids = set(queryset.values_list("vendor_id", flat=True))
        super().delete_queryset(request, queryset)
        badges_refresh(vendor_ids=vendor_ids)
