"""Owner portal (/toko/) pages on the catalogue side: products, stock, photos, certificates and their
private scans. Every view: access check → form → one service call → message → redirect."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.access import access_certificate, access_product, access_product_image
from catalog.models import Certificate, Product
from catalog.services import certificates as certificate_services
from catalog.services import products as product_services
from orders.models import StockMovement
from orders.services import products as listing_services
from orders.services.stock import StockRefused, stock_adjust
from portal.access import member_required
from portal.forms import (
    CertificateForm,
    PhotoEditForm,
    PhotoUploadForm,
    ProductEditForm,
    ProductForm,
    ProductQuickEditForm,
    ProductStatusForm,
    StockAdjustForm,
)
from portal.private_files import private_file_response
from portal.selectors import (
    PRODUCT_TABS,
    low_stock_only,
    pick_product_tab,
    product_tab_counts,
    product_tab_of,
    search_products,
)
from portal.views.vendor import LOW_STOCK
from sentra.exceptions import DomainError
from sentra.forms import add_domain_error
from sentra.money import format_rupiah
from sentra.pagination import parse_page_number

# --- products ------------------------------------------------------------------------------------------

STOCK_ROWS_PER_PAGE = 30  # a product's stock history, newest first; older rows on the next pages


def _in_list(product: Product) -> str:
    """The product's row in the list (its tab), so a quick action on a long list returns to where the owner was."""
    return f"{reverse('vendors:product-list')}?tab={product_tab_of(product)}#produk-{product.pk}"


PRODUCTS_PER_PAGE = 10


def _product_list_page(request, *, failed: tuple[int, ProductQuickEditForm] | None = None, status: int = 200):
    """Tabs (Tayang / Draf / Habis / Diarsipkan), a name search and 10 rows a page, each with its quick edit."""
    own = Product.objects.of_vendor(request.vendor)
    counts = product_tab_counts(own)
    tab = pick_product_tab(request.GET.get("tab"), counts)
    q = request.GET.get("q", "")[:100]
    low = request.GET.get("stok") == "menipis"
    rows = search_products(own.filter(tab.condition), q)
    if low:
        rows = low_stock_only(rows, LOW_STOCK)
    rows = rows.for_owner_list()
    page = Paginator(rows, PRODUCTS_PER_PAGE).get_page(parse_page_number(request.GET.get("halaman")))
    tabs = [{"slug": t.slug, "label": t.label, "count": counts[t.slug], "current": t == tab} for t in PRODUCT_TABS]
    for product in page.object_list:
        if failed and failed[0] == product.pk:
            product.quick_form = failed[1]
        else:
            product.quick_form = ProductQuickEditForm(
                initial={"price": product.price, "stock_on_hand": product.stock_on_hand},
                auto_id=f"id_quick_{product.pk}_%s",
            )
    context = {"vendor": request.vendor, "page": page, "products": page.object_list, "tabs": tabs, "tab": tab}
    context.update(q=q, low=low)
    return render(request, "portal/product_list.html", context, status=status)


@member_required
def product_list(request):
    return _product_list_page(request)


@member_required
@require_POST
def product_quick_edit(request, pk):
    """Change price and/or stock from the list row: price through the product service, stock through the ledger
    (one `correction` movement for the difference). htmx swaps the row; without JavaScript the list reloads."""
    product = access_product(request.user, pk, vendor=request.vendor)
    form = ProductQuickEditForm(request.POST, auto_id=f"id_quick_{product.pk}_%s")
    if form.is_valid():
        try:
            changed = listing_services.product_quick_edit(product=product, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, "stock_on_hand" if isinstance(error, StockRefused) else None)
        else:
            text = (
                _("%(name)s: harga %(price)s, stok %(stock)s.")
                % {"name": product.name, "price": format_rupiah(product.price), "stock": product.stock_on_hand}
                if changed
                else _("Tidak ada yang berubah.")
            )
            if request.htmx:
                product = Product.objects.for_owner_list().get(pk=product.pk)
                product.quick_form = ProductQuickEditForm(
                    initial={"price": product.price, "stock_on_hand": product.stock_on_hand},
                    auto_id=f"id_quick_{product.pk}_%s",
                )
                context = {"product": product, "vendor": request.vendor, "saved": text}
                return render(request, "portal/partials/product_row.html", context)
            messages.success(request, text)
            return redirect(_in_list(product))
    if request.htmx:
        product.quick_form = form
        context = {"product": Product.objects.for_owner_list().get(pk=product.pk), "vendor": request.vendor}
        context["product"].quick_form = form
        return render(request, "portal/partials/product_row.html", context)
    return _product_list_page(request, failed=(product.pk, form))


@member_required
def product_create(request):
    form = ProductForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            product = listing_services.product_create(vendor=request.vendor, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Produk tersimpan sebagai draf. Tambahkan foto agar menarik."))
            return redirect("vendors:product-photos", pk=product.pk)
    return render(request, "portal/product_form.html", {"form": form, "vendor": request.vendor})


@member_required
def product_edit(request, pk):
    product = access_product(request.user, pk, vendor=request.vendor)
    form = ProductEditForm(request.POST or None, instance=product)
    if request.method == "POST" and form.is_valid():
        try:
            product_services.product_update(product=product, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Perubahan produk tersimpan."))
            return redirect("vendors:product-list")
    context = {"form": form, "product": product, "vendor": request.vendor}
    return render(request, "portal/product_form.html", context)


@member_required
@require_POST
def product_status(request, pk):
    product = access_product(request.user, pk, vendor=request.vendor)
    form = ProductStatusForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    try:
        product_services.product_set_status(product=product, actor=request.user, status=form.cleaned_data["status"])
    except DomainError as error:
        messages.error(request, str(error))
    else:
        published = product.status == Product.Status.PUBLISHED
        messages.success(request, _("Produk tayang di katalog.") if published else _("Produk disimpan sebagai draf."))
    if request.POST.get("next") == "edit":
        return redirect("vendors:product-edit", pk=product.pk)
    return redirect(_in_list(product))


@member_required
def product_stock(request, pk):
    product = access_product(request.user, pk, vendor=request.vendor)
    form = StockAdjustForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            stock_adjust(product=product, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, "delta")
        else:
            messages.success(
                request, _("Stok %(name)s sekarang %(stock)s.") % {"name": product.name, "stock": product.stock_on_hand}
            )
            if request.POST.get("next") == "list":
                return redirect(_in_list(product))
            return redirect("vendors:product-stock", pk=product.pk)
    rows = StockMovement.objects.of_product(product).with_actor()
    movements = Paginator(rows, STOCK_ROWS_PER_PAGE).get_page(parse_page_number(request.GET.get("halaman")))
    context = {"form": form, "product": product, "movements": movements, "vendor": request.vendor}
    return render(request, "portal/product_stock.html", context)


@member_required
def product_photos(request, pk):
    product = access_product(request.user, pk, vendor=request.vendor)
    form = PhotoUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            product_services.product_image_add(
                product=product,
                actor=request.user,
                upload=form.cleaned_data["image"],
                alt_text=form.cleaned_data["alt_text"],
            )
        except DomainError as error:
            add_domain_error(form, error, "image")
        else:
            messages.success(request, _("Foto tersimpan."))
            return redirect("vendors:product-photos", pk=product.pk)
    context = {"form": form, "product": product, "images": product.images.all(), "vendor": request.vendor}
    return render(request, "portal/product_photos.html", context)


@member_required
@require_POST
def product_photo_edit(request, pk, image_pk):
    product = access_product(request.user, pk, vendor=request.vendor)
    image = access_product_image(request.user, image_pk, product=product)
    form = PhotoEditForm(request.POST)
    if form.is_valid():
        product_services.product_image_update(image=image, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Keterangan dan urutan foto tersimpan."))
    else:
        messages.error(request, _("Urutan harus angka 0–99."))
    return redirect("vendors:product-photos", pk=product.pk)


@member_required
def product_photo_delete(request, pk, image_pk):
    product = access_product(request.user, pk, vendor=request.vendor)
    image = access_product_image(request.user, image_pk, product=product)
    if request.method == "POST":
        product_services.product_image_delete(image=image, actor=request.user)
        messages.success(request, _("Foto dihapus."))
        return redirect("vendors:product-photos", pk=product.pk)
    context = {"product": product, "image": image, "vendor": request.vendor}
    return render(request, "portal/product_photo_delete.html", context)


@member_required
def product_archive(request, pk):
    product = access_product(request.user, pk, vendor=request.vendor)
    deletable = listing_services.product_is_deletable(product)
    if request.method == "POST":
        try:
            kept = listing_services.product_archive(product=product, actor=request.user)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("vendors:product-list")
        messages.success(request, _("Produk diarsipkan.") if kept else _("Draf produk dihapus."))
        return redirect("vendors:product-list")
    context = {"product": product, "deletable": deletable, "vendor": request.vendor}
    return render(request, "portal/product_archive.html", context)


@member_required
@require_POST
def product_restore(request, pk):
    product = access_product(request.user, pk, vendor=request.vendor)
    try:
        product_services.product_restore(product=product, actor=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Produk dipulihkan sebagai draf."))
    return redirect("vendors:product-edit", pk=product.pk)


# --- certificates --------------------------------------------------------------------------------------


@member_required
def certificate_list(request):
    certificates = Certificate.objects.of_vendor(request.vendor).with_vendor().with_products()
    context = {"vendor": request.vendor, "certificates": certificates, "today": timezone.localdate()}
    return render(request, "portal/certificate_list.html", context)


def _certificate_data(form: CertificateForm) -> dict:
    """The form's answers as the certificate services take them: model fields, the scan and covered products."""
    fields = {"scan", "products", *certificate_services.CERTIFICATE_FIELDS}
    return {name: value for name, value in form.cleaned_data.items() if name in fields}


def _certificate_saved(request, certificate: Certificate) -> None:
    messages.success(request, _("Sertifikat terkirim. Dinas akan memeriksanya; lencana tampil setelah terverifikasi."))
    if certificate.pirt_region_mismatch:
        messages.warning(
            request,
            _(
                "Kode daerah pada nomor P-IRT (%(code)s) berbeda dengan asal daerah usaha Anda (%(region)s). "
                "Tidak apa-apa bila usaha Anda pindah; Dinas akan memeriksanya."
            )
            % {"code": certificate.number[3:7], "region": certificate.vendor.regency},
        )


@member_required
def certificate_create(request):
    form = CertificateForm(request.POST or None, request.FILES or None, vendor=request.vendor)
    if request.method == "POST" and form.is_valid():
        try:
            certificate = certificate_services.certificate_submit(
                vendor=request.vendor, actor=request.user, **_certificate_data(form)
            )
        except DomainError as error:
            add_domain_error(form, error, "scan")
        else:
            _certificate_saved(request, certificate)
            return redirect("vendors:certificate-list")
    return render(request, "portal/certificate_form.html", {"form": form, "vendor": request.vendor})


@member_required
def certificate_edit(request, pk):
    certificate = access_certificate(request.user, pk, vendor=request.vendor)
    form = CertificateForm(request.POST or None, request.FILES or None, instance=certificate, vendor=request.vendor)
    if request.method == "POST" and form.is_valid():
        try:
            certificate_services.certificate_update(
                certificate=certificate, actor=request.user, **_certificate_data(form)
            )
        except DomainError as error:
            add_domain_error(form, error, "scan")
        else:
            _certificate_saved(request, certificate)
            return redirect("vendors:certificate-list")
    context = {"form": form, "certificate": certificate, "vendor": request.vendor}
    return render(request, "portal/certificate_form.html", context)


def certificate_scan(request, pk):
    """Stream a private scan to a member of its vendor or to Dinas staff; 404 to everyone else."""
    certificate = access_certificate(request.user, pk)
    return private_file_response(certificate.scan, f"sertifikat-{certificate.pk}")
