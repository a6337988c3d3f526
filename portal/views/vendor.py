"""The UMKM owner portal (/toko/): application, dashboard, profile, reservations, shelf labels and the sales
report (products and certificates: portal.views.catalog). Every view: access check → form → one service call → message
→ redirect."""

import time
from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from buyers.selectors import tomorrow_drops
from catalog.models import Product
from orders.access import access_reservation
from orders.models import Reservation
from orders.services import (
    ReservationNotFound,
    reservation_cancel,
    reservation_collect,
    reservation_for_code,
    reservation_mark_ready,
    reservation_uncollect,
)
from portal import labels as shelf_labels
from portal import sales_report as sales
from portal.access import SESSION_KEY, current_vendor_for, member_required, vendor_switch
from portal.forms import (
    PickupCodeForm,
    ReservationFilterForm,
    VendorApplicationForm,
    VendorProfileForm,
    VendorSwitchForm,
    vendor_cancel_form,
)
from portal.forms.vendor import undo_handover_form
from sentra.accounts import has_verified_email
from sentra.exceptions import DomainError
from sentra.forms import PeriodForm, add_domain_error
from sentra.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from vendors.access import memberships_of
from vendors.models import UnitAssignment, Vendor
from vendors.services import application

LOW_STOCK = 3
REPORT_WEEKS, REPORT_DEFAULT_WEEKS = (4, 8, 13, 26, 52), 8
# Wrong pickup codes a member may type per vendor in a sliding window, counted in the (shared) cache.
WRONG_CODES_ALLOWED, WRONG_CODES_SECONDS = 10, 5 * 60


# --- application, dashboard, profile ------------------------------------------------------------------


@member_required
def dashboard(request):
    vendor = request.vendor
    today = timezone.localdate()
    context = {
        "vendor": vendor,
        "counts": Product.objects.of_vendor(vendor).shelf_counts(low_stock=LOW_STOCK),
        "open_reservations": Reservation.objects.for_vendor(vendor).open().count(),
        "expiring": vendor.certificates.expiring(60, on=today).count(),
        "units": UnitAssignment.objects.active(today).of_vendor(vendor).with_people(),
        "memberships": memberships_of(request.user),
        "b2b_tomorrow": tomorrow_drops(vendor),
    }
    return render(request, "portal/dashboard.html", context)


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
    if not has_verified_email(request.user):
        return render(request, "portal/verify_email.html", status=403)
    if vendor and vendor.status not in application.EDITABLE_APPLICATION:
        return render(request, "portal/application_status.html", {"vendor": vendor})
    form = VendorApplicationForm(request.POST or None, request.FILES or None, instance=vendor or Vendor())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if vendor:
                application.vendor_update_profile(vendor=vendor, actor=request.user, **data)
            else:
                vendor = application.vendor_create_draft(actor=request.user, **data)
                request.session[SESSION_KEY] = vendor.pk
        except DomainError as error:
            add_domain_error(form, error, "logo")
        else:
            messages.success(request, _("Data tersimpan. Periksa lagi, lalu kirim ke Dinas."))
            return redirect("vendors:apply")
    return render(request, "portal/apply.html", {"form": form, "vendor": vendor})


@member_required
@require_POST
def apply_submit(request):
    try:
        application.vendor_submit(vendor=request.vendor, actor=request.user)
    except DomainError as error:
        messages.error(request, _("Pengajuan belum bisa dikirim: %(detail)s") % {"detail": "; ".join(error.messages)})
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
        except DomainError as error:
            add_domain_error(form, error, "logo")
        else:
            messages.success(request, _("Profil usaha tersimpan."))
            return redirect("vendors:profile")
    return render(request, "portal/profile.html", {"form": form, "vendor": vendor})


# --- reservations --------------------------------------------------------------------------------------


@member_required
def reservation_list(request):
    filters = ReservationFilterForm(request.GET or None)
    view = (filters.cleaned_data.get("tampil") if filters.is_valid() else "") or "open"
    reservations = Reservation.objects.for_vendor(request.vendor).in_tab(view).with_shopper_and_lines()
    if view != "open":
        reservations = reservations[:100]
    context = {"vendor": request.vendor, "reservations": reservations, "view": view, "code_form": PickupCodeForm()}
    return render(request, "portal/reservation_list.html", context)


@member_required
def reservation_detail(request, code):
    reservation = access_reservation(request.user, code, vendor=request.vendor)
    return _detail_page(request, reservation, undo_handover_form())


def _detail_page(request, reservation: Reservation, undo_form):
    context = {
        "vendor": request.vendor,
        "reservation": reservation,
        "cancel_form": vendor_cancel_form(),
        "undo_form": undo_form,
    }
    return render(request, "portal/reservation_detail.html", context)


@member_required
@require_POST
def reservation_ready(request, code):
    reservation = access_reservation(request.user, code, vendor=request.vendor)
    try:
        reservation_mark_ready(reservation=reservation, actor=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Pembeli diberi tahu bahwa pesanan siap diambil."))
    return redirect("vendors:reservation-detail", code=reservation.code)


@member_required
def reservation_collect_view(request):
    """Find the reservation by the code the shopper shows; handing it over waits for its review page."""
    form = PickupCodeForm(request.POST or None)
    if request.method == "POST" and _too_many_wrong_codes(request):
        message = _("Terlalu banyak kode ambil yang salah. Tunggu %(minutes)d menit, lalu coba lagi.")
        form.add_error(None, message % {"minutes": WRONG_CODES_SECONDS // 60})
        return _collect_page(request, form, status=HTTPStatus.TOO_MANY_REQUESTS)
    if request.method == "POST" and form.is_valid():
        try:
            reservation = reservation_for_code(vendor=request.vendor, code=form.cleaned_data["code"])
        except ReservationNotFound as error:
            _count_wrong_code(request)
            add_domain_error(form, error, "code")
        else:
            return redirect("vendors:reservation-handover", code=reservation.code)
    return _collect_page(request, form)


def _collect_page(request, form, status: int = HTTPStatus.OK):
    return render(request, "portal/reservation_collect.html", {"form": form, "vendor": request.vendor}, status=status)


def _wrong_codes_key(request) -> str:
    return f"sentra:pickup-code-misses:{request.user.pk}:{request.vendor.pk}"


def _recent_wrong_codes(request) -> list[float]:
    since = time.time() - WRONG_CODES_SECONDS
    return [at for at in cache.get(_wrong_codes_key(request), []) if at > since]


def _too_many_wrong_codes(request) -> bool:
    return len(_recent_wrong_codes(request)) >= WRONG_CODES_ALLOWED


def _count_wrong_code(request) -> None:
    # Read-then-write, as allauth's limits: two requests at once may both count as one. Good enough here.
    cache.set(_wrong_codes_key(request), [*_recent_wrong_codes(request), time.time()], WRONG_CODES_SECONDS)


@member_required
@require_http_methods(["GET", "POST"])
def reservation_handover(request, code):
    """Show what is handed over to whom (GET); hand it over (POST), the only way the portal collects."""
    reservation = access_reservation(request.user, code, vendor=request.vendor)
    if request.method == "POST":
        try:
            reservation_collect(vendor=request.vendor, code=reservation.code, actor=request.user)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("vendors:reservation-handover", code=reservation.code)
        messages.success(
            request, _("Pesanan %(code)s sudah diserahkan. Terima pembayaran di toko.") % {"code": reservation.code}
        )
        return redirect("vendors:reservation-detail", code=reservation.code)
    context = {"vendor": request.vendor, "reservation": reservation, "today": timezone.localdate()}
    return render(request, "portal/reservation_review.html", context)


@member_required
@require_POST
def reservation_uncollect_view(request, code):
    reservation = access_reservation(request.user, code, vendor=request.vendor)
    form = undo_handover_form(request.POST)
    if form.is_valid():
        try:
            reservation_uncollect(reservation=reservation, actor=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, _("Penyerahan %(code)s dibatalkan; pesanan kembali siap diambil.") % {"code": reservation.code}
            )
            return redirect("vendors:reservation-detail", code=reservation.code)
    return _detail_page(request, reservation, form)


@member_required
def reservation_cancel_view(request, code):
    reservation = access_reservation(request.user, code, vendor=request.vendor)
    form = vendor_cancel_form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reservation_cancel(reservation=reservation, actor=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Reservasi dibatalkan; stoknya kembali tersedia."))
            return redirect("vendors:reservation-list")
    context = {"vendor": request.vendor, "reservation": reservation, "form": form}
    return render(request, "portal/reservation_cancel.html", context)


# --- shelf labels and sales report ---------------------------------------------------------------------


@member_required
def labels(request):
    vendor = request.vendor
    try:
        chosen = sorted({int(pk) for pk in request.GET.getlist("produk")})
    except ValueError:
        raise Http404 from None
    products = list(Product.objects.of_vendor(vendor).for_labels())
    if not chosen:
        return render(request, "portal/label_choose.html", {"vendor": vendor, "products": products})
    selected = [p for p in products if p.pk in chosen]
    if len(selected) != len(chosen):
        raise Http404
    certificates = list(vendor.certificates.valid().with_products())
    sheet = shelf_labels.labels_for(selected, certificates)
    unpublished = [p for p in selected if p.status != Product.Status.PUBLISHED]
    context = {"vendor": vendor, "labels": sheet, "unpublished": unpublished}
    return render(request, "portal/label_sheet.html", context)


def _report(request) -> tuple[sales.SalesReport, PeriodForm]:
    form = PeriodForm(request.GET or None, weeks=REPORT_WEEKS, default_weeks=REPORT_DEFAULT_WEEKS)
    return sales.sales_report(request.vendor, weeks=form.weeks()), form


@member_required
def sales_report(request):
    report, form = _report(request)
    weeks = form.weeks()
    form = PeriodForm(weeks=REPORT_WEEKS, default_weeks=weeks)  # the period the figures cover, even after bad input
    context = {"vendor": request.vendor, "report": report, "weeks": weeks, "form": form}
    return render(request, "portal/sales_report.html", context)


@member_required
def sales_report_export(request, fmt):
    report, _form = _report(request)
    stamp = f"{request.vendor.slug}-{timezone.localdate():%Y%m%d}"
    if fmt == "xlsx":
        response = HttpResponse(sales.sales_report_xlsx(report, request.vendor), content_type=XLSX_CONTENT_TYPE)
    else:
        response = HttpResponse(sales.sales_report_csv(report), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="penjualan-{stamp}.{fmt}"'
    return response
