"""The admin of categories, products, photos and certificates: data only (see vendors/admin.py). A product's
stock changes on its owner's stock screen (the ledger), its status by the owner's publish/unpublish and the
console's hide/unhide; a certificate's review in the console. Here those fields are read-only, with links."""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sentra.admin import LabelledFields, RuledHistoryAdmin, column, links
from vendors.admin import CentreScoped
from vendors.models import Vendor

from .models import Category, Certificate, Product, ProductImage
from .services.badges import badges_refresh
from .services.review import certificate_verify


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
class ProductAdmin(CentreScoped, RuledHistoryAdmin):
    centre_path = "vendor__centre"
    list_display = ["name", "vendor", "category", "price", "stock_on_hand", "stock_reserved", "status", "updated_at"]
    list_filter = ["status", "made_to_order", "is_featured", "category", "vendor__regency"]
    search_fields = ["name", "slug", "vendor__name"]
    list_select_related = ["vendor", "category", "category__parent"]
    autocomplete_fields = ["vendor"]
    kept_fields = ("stock_on_hand", "stock_reserved", "status", "status_note", "halal_until", "pirt_until")
    # The catalogue's copy of the vendor (catalog.services.vendor_copy), set on every save below.
    readonly_fields = ["screens", "vendor_approved", "regency", "created_at", "updated_at"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProductImageInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "vendor",
                    "category",
                    "name",
                    "slug",
                    "description",
                    "price",
                    "sale_unit",
                    "made_to_order",
                    "lead_time_days",
                    "is_featured",
                ]
            },
        ),
        (_("Stok"), {"fields": ["stock_on_hand", "stock_reserved"]}),
        (
            _("Status"),
            {
                "fields": [
                    "status",
                    "status_note",
                    "screens",
                    "vendor_approved",
                    "regency",
                    "halal_until",
                    "pirt_until",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    @admin.display(description=_("Tindakan"))
    def screens(self, product: Product) -> str:
        """The owner's stock screen (it writes the ledger) and the console's hide/unhide decision."""
        if not product.pk:
            return ""
        pairs = [(reverse("vendors:product-stock", args=[product.pk]), _("Stok"))]
        if product.status == Product.Status.HIDDEN:
            pairs.append((reverse("console:product-action", args=[product.pk, "tampilkan"]), _("Cabut penyembunyian")))
        elif product.status != Product.Status.ARCHIVED:
            pairs.append((reverse("console:product-action", args=[product.pk, "sembunyikan"]), _("Sembunyikan")))
        return links(*pairs)

    def save_model(self, request, obj, form, change):
        # the catalogue's copy of the vendor (catalog.services.vendor_copy)
        obj.vendor_approved, obj.regency_id = obj.vendor.status == Vendor.Status.APPROVED, obj.vendor.regency_id
        # Compared with the stored row, not the form: a history revert may move the product back, too.
        before = Product.objects.filter(pk=obj.pk).values_list("vendor_id", flat=True).first() if change else None
        super().save_model(request, obj, form, change)
        if before is not None and before != obj.vendor_id:  # the old vendor's certificates earn it no badge
            badges_refresh(vendor_ids=[obj.vendor_id])


@admin.register(ProductImage)
class ProductImageAdmin(LabelledFields, admin.ModelAdmin):
    list_display = [column("product", _("produk")), "alt_text", "position", "size"]
    search_fields = ["product__name", "alt_text"]
    list_select_related = ["product"]
    raw_id_fields = ["product"]
    labels = {"product": _("produk")}

    @admin.display(description=_("ukuran (piksel)"))
    def size(self, image: ProductImage) -> str:
        return f"{image.width} × {image.height}"


@admin.register(Certificate)
class CertificateAdmin(CentreScoped, RuledHistoryAdmin):
    centre_path = "vendor__centre"
    """The review (verify, reject, revoke) is made in the console; its fields are read-only here."""

    list_display = ["__str__", "kind", "vendor", "status", "halal_stage", "valid_until", "reviewed_by"]
    list_filter = ["kind", "status", "halal_stage", "vendor__regency"]
    search_fields = ["number", "holder_name", "vendor__name"]
    list_select_related = ["vendor", "reviewed_by"]
    autocomplete_fields = ["vendor"]
    filter_horizontal = ["products"]
    kept_fields = ("status", "reviewed_by", "reviewed_at", "review_note")
    readonly_fields = ["decision", "created_at"]
    exclude = ["scan"]

    @admin.display(description=_("Keputusan"))
    def decision(self, certificate: Certificate) -> str:
        if not certificate.pk:
            return ""
        return links((reverse("console:certificate-detail", args=[certificate.pk]), _("Konsol Dinas")))

    def revert_status(self, request, certificate, status: str) -> None:
        """A revert may send a certificate back to review, or verify it as the console does (its checks)."""
        if status == Certificate.Status.VERIFIED:
            certificate_verify(certificate=certificate, actor=request.user)
        else:
            certificate.transition(status, actor=request.user)  # refuses what the table does not list

    # Stored badges (catalog.services.badges) follow every change made here, for the old and the new vendor.
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        before = form.initial.get("vendor")  # the vendor before this change, when it was moved
        badges_refresh(vendor_ids={form.instance.vendor_id, *([before] if before else [])})

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A revert saves without save_related(): dates, vendor and products may all have changed.
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
