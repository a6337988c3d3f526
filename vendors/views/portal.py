"""The UMKM owner portal (/toko/): application, dashboard, profile, reservations, shelf labels and the sales
report (products and certificates: portal_catalog). Every view: access check → form → one service call → message
→ redirect."""

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.models import Product
from orders.models import Reservation
from orders.services import ReservationError, reservation_cancel, reservation_collect, reservation_mark_ready
from sentra.states import IllegalTransition, ReasonRequired
from vendors import labels as shelf_labels
from vendors import sales_report as sales
from vendors.access import (
    SESSION_KEY,
    access_vendor_reservation,
    current_vendor_for,
    member_required,
    memberships_of,
    vendor_switch,
)
from vendors.forms import (
    PickupCodeForm,
    ReservationCancelForm,
    ReservationFilterForm,
    SalesReportForm,
    VendorApplicationForm,
    VendorProfileForm,
    VendorSwitchForm,
    reservation_statuses_for,
)
from vendors.models import UnitAssignment, Vendor
from vendors.services import application

LOW_STOCK = 3


def add_domain_error(form, error: Exception, field: str | None = None) -> None:
    """Show a domain error on the form: per field when it names fields, else on `field` (or the form)."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field, error if isinstance(error, ValidationError) else str(error))


# --- application, dashboard, profile ------------------------------------------------------------------


@member_required
def dashboard(request):
    vendor = request.vendor
    today = timezone.localdate()
    counts = vendor.products.aggregate(
        published=Count("pk", filter=Q(status=Product.Status.PUBLISHED)),
        low=Count(
            "pk",
            filter=Q(status=Product.Status.PUBLISHED, made_to_order=False)
            & Q(stock_on_hand__lte=F("stock_reserved") + LOW_STOCK),
        ),
    )
    context = {
        "vendor": vendor,
        "counts": counts,
        "open_reservations": Reservation.objects.for_vendor(vendor).open().count(),
        "expiring": vendor.certificates.expiring(60, on=today).count(),
        "units": UnitAssignment.objects.active(today).filter(vendor=vendor).select_related("unit"),
        "memberships": memberships_of(request.user),
    }
    return render(request, "vendors/portal/dashboard.html", context)


@login_required
@require_POST
def switch_vendor(request):
    form = VendorSwitchForm(request.POST)
    if not form.is_valid():
        raise Http404
    vendor = vendor_switch(request, form.cleaned_data["vendor"])
    messages.success(request, _("Sekarang Anda mengelola %(name)s.") % {"name": vendor.name})
    return redirect("vendors:dashboard")


@login_required
def apply(request):
    vendor = current_vendor_for(request)
    if not EmailAddress.objects.filter(user=request.user, verified=True).exists():
        return render(request, "vendors/portal/verify_email.html", status=403)
    if vendor and vendor.status not in application.EDITABLE_APPLICATION:
        return render(request, "vendors/portal/application_status.html", {"vendor": vendor})
    form = VendorApplicationForm(request.POST or None, request.FILES or None, instance=vendor or Vendor())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if vendor:
                application.vendor_update_profile(vendor=vendor, actor=request.user, **data)
            else:
                vendor = application.vendor_create_draft(actor=request.user, **data)
                request.session[SESSION_KEY] = vendor.pk
        except ValidationError as error:
            add_domain_error(form, error, "logo")
        else:
            messages.success(request, _("Data tersimpan. Periksa lagi, lalu kirim ke Dinas."))
            return redirect("vendors:apply")
    return render(request, "vendors/portal/apply.html", {"form": form, "vendor": vendor})


@member_required
@require_POST
def apply_submit(request):
    try:
        application.vendor_submit(vendor=request.vendor, actor=request.user)
    except (ValidationError, IllegalTransition) as error:
        detail = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, _("Pengajuan belum bisa dikirim: %(detail)s") % {"detail": detail})
        return redirect("vendors:apply")
    messages.success(request, _("Pengajuan terkirim ke Dinas. Kami kabari lewat email."))
    return redirect("vendors:apply")


@member_required
def profile(request):
    vendor = request.vendor
    if vendor.status in application.EDITABLE_APPLICATION | {Vendor.Status.SUBMITTED}:
        return redirect("vendors:apply")
    form = VendorProfileForm(request.POST or None, request.FILES or None, instance=vendor)
    if request.method == "POST" and form.is_valid():
        try:
            application.vendor_update_profile(vendor=vendor, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_domain_error(form, error, "logo")
        else:
            messages.success(request, _("Profil usaha tersimpan."))
            return redirect("vendors:profile")
    return render(request, "vendors/portal/profile.html", {"form": form, "vendor": vendor})


# --- reservations --------------------------------------------------------------------------------------


@member_required
def reservation_list(request):
    filters = ReservationFilterForm(request.GET or None)
    view = (filters.cleaned_data.get("tampil") if filters.is_valid() else "") or "open"
    reservations = (
        Reservation.objects.for_vendor(request.vendor)
        .filter(status__in=reservation_statuses_for(view))
        .select_related("shopper")
        .prefetch_related("lines")
    )
    if view == "open":
        reservations = reservations.order_by("pickup_date", "placed_at")
    else:
        reservations = reservations.order_by("-pickup_date", "-placed_at")[:100]
    context = {"vendor": request.vendor, "reservations": reservations, "view": view, "code_form": PickupCodeForm()}
    return render(request, "vendors/portal/reservation_list.html", context)


@member_required
def reservation_detail(request, code):
    reservation = access_vendor_reservation(request.vendor, code)
    context = {"vendor": request.vendor, "reservation": reservation, "cancel_form": ReservationCancelForm()}
    return render(request, "vendors/portal/reservation_detail.html", context)


@member_required
@require_POST
def reservation_ready(request, code):
    reservation = access_vendor_reservation(request.vendor, code)
    try:
        reservation_mark_ready(reservation=reservation, actor=request.user)
    except (IllegalTransition, ReservationError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Pembeli diberi tahu bahwa pesanan siap diambil."))
    return redirect("vendors:reservation-detail", code=reservation.code)


@member_required
def reservation_collect_view(request):
    form = PickupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reservation = reservation_collect(vendor=request.vendor, code=form.cleaned_data["code"], actor=request.user)
        except (IllegalTransition, ReservationError) as error:
            form.add_error("code", str(error))
        else:
            messages.success(
                request, _("Pesanan %(code)s sudah diserahkan. Terima pembayaran di toko.") % {"code": reservation.code}
            )
            return redirect("vendors:reservation-detail", code=reservation.code)
    return render(request, "vendors/portal/reservation_collect.html", {"form": form, "vendor": request.vendor})


@member_required
def reservation_cancel_view(request, code):
    reservation = access_vendor_reservation(request.vendor, code)
    form = ReservationCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reservation_cancel(reservation=reservation, actor=request.user, reason=form.cleaned_data["reason"])
        except (IllegalTransition, ReasonRequired, ReservationError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Reservasi dibatalkan; stoknya kembali tersedia."))
            return redirect("vendors:reservation-list")
    context = {"vendor": request.vendor, "reservation": reservation, "form": form}
    return render(request, "vendors/portal/reservation_cancel.html", context)


# --- shelf labels and sales report ---------------------------------------------------------------------


@member_required
def labels(request):
    vendor = request.vendor
    try:
        chosen = sorted({int(pk) for pk in request.GET.getlist("produk")})
    except ValueError:
        raise Http404 from None
    products = list(vendor.products.exclude(status=Product.Status.ARCHIVED).select_related("vendor__regency"))
    if not chosen:
        return render(request, "vendors/portal/label_choose.html", {"vendor": vendor, "products": products})
    selected = [p for p in products if p.pk in chosen]
    if len(selected) != len(chosen):
        raise Http404
    certificates = list(vendor.certificates.valid().prefetch_related("products"))
    sheet = shelf_labels.labels_for(selected, certificates)
    unpublished = [p for p in selected if p.status != Product.Status.PUBLISHED]
    context = {"vendor": vendor, "labels": sheet, "unpublished": unpublished}
    return render(request, "vendors/portal/label_sheet.html", context)


def _report(request) -> tuple[sales.SalesReport, int]:
    form = SalesReportForm(request.GET or None)
    weeks = (form.cleaned_data.get("minggu") if form.is_valid() else None) or SalesReportForm.DEFAULT_WEEKS
    return sales.sales_report(request.vendor, weeks=weeks), weeks


@member_required
def sales_report(request):
    report, weeks = _report(request)
    form = SalesReportForm(initial={"minggu": weeks})  # the period the figures cover, even after bad input
    context = {"vendor": request.vendor, "report": report, "weeks": weeks, "form": form}
    return render(request, "vendors/portal/sales_report.html", context)


@member_required
def sales_report_export(request, fmt):
    report, weeks = _report(request)
    stamp = f"{request.vendor.slug}-{timezone.localdate():%Y%m%d}"
    if fmt == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(sales.sales_report_xlsx(report, request.vendor), content_type=content_type)
    else:
        response = HttpResponse(sales.sales_report_csv(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="penjualan-{stamp}.{fmt}"'
    return response
