"""The Dinas console (/dinas/): work queue, vendor and certificate review, ruko units, reports."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from catalog.models import Certificate, Product
from catalog.services.review import (
    certificate_problems,
    certificate_reject,
    certificate_verify,
    product_hide,
    product_unhide,
)
from sentra.states import IllegalTransition, ReasonRequired
from vendors import console_reports
from vendors.console_access import (
    console_assignment,
    console_certificate,
    console_product,
    console_unit,
    console_vendor,
    console_view,
)
from vendors.console_forms import (
    AssignForm,
    AssignmentEndForm,
    DecisionForm,
    MoveForm,
    PeriodForm,
    ReportPeriodForm,
    ShopUnitForm,
    VendorAssignForm,
)
from vendors.console_selectors import (
    EXPIRY_WINDOW_DAYS,
    certificate_timeline,
    dashboard_figures,
    floor_grids,
    vendor_dossier,
    vendor_queue,
    with_tenancy_details,
    work_waiting,
)
from vendors.filters import ConsoleCertificateFilter, ConsoleVendorFilter
from vendors.models import Centre, ShopUnit, Vendor
from vendors.services import review, units

PER_PAGE = 50
S = Vendor.Status


@console_view("vendors.view_vendor")
def dashboard(request):
    form = PeriodForm(request.GET or None)
    start, end = form.range()
    context = {"form": form, "waiting": work_waiting(), "figures": dashboard_figures(start, end), "start": start}
    return render(request, "console/dashboard.html", context | {"end": end})


# --- vendors ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VendorAction:
    slug: str
    label: str
    service: object
    sources: frozenset
    needs_reason: bool
    done: str
    danger: bool = False


VENDOR_ACTIONS = {
    a.slug: a
    for a in [
        VendorAction(
            "setujui",
            gettext_lazy("Setujui"),
            review.vendor_approve,
            frozenset({S.SUBMITTED}),
            False,
            gettext_lazy("%(name)s disetujui."),
        ),
        VendorAction(
            "minta-perbaikan",
            gettext_lazy("Minta perbaikan"),
            review.vendor_request_revision,
            frozenset({S.SUBMITTED}),
            True,
            gettext_lazy("Permintaan perbaikan dikirim ke %(name)s."),
        ),
        VendorAction(
            "tolak",
            gettext_lazy("Tolak"),
            review.vendor_reject,
            frozenset({S.SUBMITTED}),
            True,
            gettext_lazy("Pengajuan %(name)s ditolak."),
            danger=True,
        ),
        VendorAction(
            "bekukan",
            gettext_lazy("Bekukan"),
            review.vendor_suspend,
            frozenset({S.APPROVED}),
            True,
            gettext_lazy("%(name)s dibekukan; produknya tidak lagi tampil."),
            danger=True,
        ),
        VendorAction(
            "pulihkan",
            gettext_lazy("Cabut pembekuan"),
            review.vendor_reinstate,
            frozenset({S.SUSPENDED}),
            False,
            gettext_lazy("Pembekuan %(name)s dicabut."),
        ),
        VendorAction(
            "arsipkan",
            gettext_lazy("Arsipkan"),
            review.vendor_archive,
            frozenset({S.APPROVED, S.SUSPENDED}),
            False,
            gettext_lazy("%(name)s diarsipkan."),
            danger=True,
        ),
    ]
}


@console_view("vendors.view_vendor")
def vendor_list(request):
    data = request.GET.copy()
    data.setdefault("status", S.SUBMITTED)
    filters = ConsoleVendorFilter(data, queryset=vendor_queue())
    page = Paginator(filters.qs, PER_PAGE).get_page(request.GET.get("halaman"))
    return render(request, "console/vendor_list.html", {"filter": filters, "page_obj": page})


def _vendor_page(request, vendor: Vendor, assign_form=None, status=200):
    actions = [a for a in VENDOR_ACTIONS.values() if vendor.status in a.sources]
    context = vendor_dossier(vendor) | {"actions": actions, "assign_form": assign_form or VendorAssignForm()}
    return render(request, "console/vendor_detail.html", context, status=status)


@console_view("vendors.view_vendor")
def vendor_detail(request, pk: int):
    return _vendor_page(request, console_vendor(pk))


@console_view("vendors.add_unitassignment")
@require_POST
def vendor_assign(request, pk: int):
    vendor = console_vendor(pk)
    form = VendorAssignForm(request.POST)
    if form.is_valid():
        try:
            assignment = units.unit_assign(vendor=vendor, actor=request.user, **form.cleaned_data)
        except units.AssignmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("%(name)s ditempatkan di unit %(code)s.") % {"name": vendor.name, "code": assignment.unit.code},
            )
            return redirect("console:vendor-detail", pk=vendor.pk)
    return _vendor_page(request, vendor, assign_form=form, status=400)


@console_view("vendors.review_vendor")
def vendor_action(request, pk: int, action: str):
    vendor = console_vendor(pk)
    if action not in VENDOR_ACTIONS:
        raise Http404
    action = VENDOR_ACTIONS[action]
    form = DecisionForm(request.POST or None, reason_required=action.needs_reason)
    if request.method == "POST" and form.is_valid():
        try:
            action.service(vendor=vendor, actor=request.user, reason=form.cleaned_data["reason"])
        except IllegalTransition:
            form.add_error(
                None,
                _("Keputusan ini tidak dapat diambil untuk UMKM berstatus %(status)s.")
                % {"status": vendor.get_status_display()},
            )
        except ReasonRequired as exc:
            form.add_error("reason", str(exc))
        else:
            messages.success(request, action.done % {"name": vendor.name})
            return redirect("console:vendor-detail", pk=vendor.pk)
    allowed = vendor.status in action.sources
    return render(
        request, "console/vendor_action.html", {"vendor": vendor, "action": action, "form": form, "allowed": allowed}
    )


PRODUCT_ACTIONS = {
    a.slug: a
    for a in [
        VendorAction(
            "sembunyikan",
            gettext_lazy("Sembunyikan produk"),
            product_hide,
            frozenset({Product.Status.DRAFT, Product.Status.PUBLISHED}),
            True,
            gettext_lazy("%(name)s disembunyikan dari katalog."),
            danger=True,
        ),
        VendorAction(
            "tampilkan",
            gettext_lazy("Cabut penyembunyian"),
            product_unhide,
            frozenset({Product.Status.HIDDEN}),
            False,
            gettext_lazy("%(name)s kembali menjadi draf; pemilik dapat menayangkannya lagi."),
        ),
    ]
}


@console_view("catalog.hide_product")
def product_action(request, pk: int, action: str):
    product = console_product(pk)
    if action not in PRODUCT_ACTIONS:
        raise Http404
    action = PRODUCT_ACTIONS[action]
    form = DecisionForm(request.POST or None, reason_required=action.needs_reason)
    if request.method == "POST" and form.is_valid():
        try:
            action.service(product=product, actor=request.user, reason=form.cleaned_data["reason"])
        except IllegalTransition as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, action.done % {"name": product.name})
            return redirect("console:vendor-detail", pk=product.vendor_id)
    context = {"product": product, "action": action, "form": form, "allowed": product.status in action.sources}
    return render(request, "console/product_action.html", context)


# --- certificates ----------------------------------------------------------------------------------------------


@console_view("catalog.view_certificate")
def certificate_list(request):
    data = request.GET.copy()
    data.setdefault("status", Certificate.Status.SUBMITTED)
    queryset = Certificate.objects.select_related("vendor__regency").order_by("created_at", "pk")
    filters = ConsoleCertificateFilter(data, queryset=queryset)
    page = Paginator(filters.qs, PER_PAGE).get_page(request.GET.get("halaman"))
    for certificate in page:
        certificate.problems = certificate_problems(certificate)
        certificate.scan_url, certificate.scan_is_image = _scan_url(certificate), _is_image(certificate)
    expiring = Certificate.objects.expiring(EXPIRY_WINDOW_DAYS).select_related("vendor").order_by("valid_until")
    context = {"filter": filters, "page_obj": page, "expiring": expiring[:PER_PAGE], "window": EXPIRY_WINDOW_DAYS}
    return render(request, "console/certificate_list.html", context)


def _is_image(certificate: Certificate) -> bool:
    return certificate.scan.name.lower().endswith((".jpg", ".jpeg", ".png", ".webp"))


def _scan_url(certificate: Certificate) -> str:
    if not certificate.scan:
        return ""
    try:
        return reverse("vendors:certificate-scan", kwargs={"pk": certificate.pk})
    except NoReverseMatch:
        return ""


def _certificate_page(request, certificate: Certificate, verify_form=None, reject_form=None, status=200):
    context = {
        "certificate": certificate,
        "problems": certificate_problems(certificate),
        "scan_url": _scan_url(certificate),
        "scan_is_image": _is_image(certificate),
        "products": certificate.products.select_related("category"),
        "history": certificate_timeline(certificate),
        "verify_form": verify_form or DecisionForm(reason_required=False, prefix="verify"),
        "reject_form": reject_form or DecisionForm(reason_required=True, prefix="reject"),
    }
    return render(request, "console/certificate_detail.html", context, status=status)


@console_view("catalog.view_certificate")
def certificate_detail(request, pk: int):
    return _certificate_page(request, console_certificate(pk))


@console_view("catalog.verify_certificate")
@require_POST
def certificate_review(request, pk: int, decision: str):
    certificate = console_certificate(pk)
    verify = decision == "verifikasi"
    form = DecisionForm(request.POST, reason_required=not verify, prefix="verify" if verify else "reject")
    if form.is_valid():
        service = certificate_verify if verify else certificate_reject
        try:
            service(certificate=certificate, actor=request.user, note=form.cleaned_data["reason"])
        except (IllegalTransition, ReasonRequired, ValidationError) as exc:
            form.add_error(None, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("Sertifikat diverifikasi.") if verify else _("Sertifikat ditolak."))
            return redirect("console:certificate-list")
    forms = {"verify_form": form} if verify else {"reject_form": form}
    return _certificate_page(request, certificate, **forms, status=400)


# --- units -----------------------------------------------------------------------------------------------------


@console_view("vendors.view_shopunit")
def unit_board(request):
    units_now = ShopUnit.objects.with_current_vendors().select_related("centre").order_by("centre", "code")
    return render(request, "console/unit_board.html", {"grids": floor_grids(units_now)})


def _centre(request) -> Centre:
    centre = Centre.objects.filter(pk=request.GET.get("sentra") or 0).first() or Centre.objects.order_by("pk").first()
    if centre is None:
        raise Http404
    return centre


@console_view("vendors.add_shopunit")
def unit_create(request):
    form = ShopUnitForm(request.POST or None, centre=_centre(request))
    if request.method == "POST" and form.is_valid():
        unit = form.save()
        messages.success(request, _("Unit %(code)s ditambahkan.") % {"code": unit.code})
        return redirect("console:unit-detail", pk=unit.pk)
    return render(request, "console/unit_form.html", {"form": form})


@console_view("vendors.change_shopunit")
def unit_edit(request, pk: int):
    unit = console_unit(pk)
    form = ShopUnitForm(request.POST or None, instance=unit, centre=unit.centre)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Unit %(code)s disimpan.") % {"code": unit.code})
        return redirect("console:unit-detail", pk=unit.pk)
    return render(request, "console/unit_form.html", {"form": form, "unit": unit})


def _unit_page(request, unit: ShopUnit, assign_form=None, status=200):
    history = with_tenancy_details(unit.assignments.select_related("vendor", "assigned_by"))
    context = {
        "unit": unit,
        "current": [a for a in history if a.is_current],
        "history": history,
        "assign_form": assign_form or AssignForm(initial={"vendor": request.GET.get("vendor")}),
    }
    return render(request, "console/unit_detail.html", context, status=status)


@console_view("vendors.view_shopunit")
def unit_detail(request, pk: int):
    return _unit_page(request, console_unit(pk))


@console_view("vendors.add_unitassignment")
@require_POST
def unit_assign(request, pk: int):
    unit = console_unit(pk)
    form = AssignForm(request.POST)
    if form.is_valid():
        try:
            units.unit_assign(unit=unit, actor=request.user, **form.cleaned_data)
        except units.AssignmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("%(name)s ditempatkan di unit %(code)s.")
                % {"name": form.cleaned_data["vendor"].name, "code": unit.code},
            )
            return redirect("console:unit-detail", pk=unit.pk)
    return _unit_page(request, unit, assign_form=form, status=400)


@console_view("vendors.change_unitassignment")
def assignment_end(request, pk: int):
    assignment = console_assignment(pk)
    form = AssignmentEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            units.assignment_end(assignment=assignment, end_on=form.cleaned_data["end_on"], actor=request.user)
        except units.AssignmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Penempatan %(assignment)s diakhiri.") % {"assignment": assignment})
            return redirect("console:unit-detail", pk=assignment.unit_id)
    context = {"assignment": assignment, "form": form, "mode": "end"}
    return render(request, "console/assignment_form.html", context, status=400 if form.errors else 200)


@console_view("vendors.change_unitassignment")
def assignment_move(request, pk: int):
    assignment = console_assignment(pk)
    form = MoveForm(request.POST or None, assignment=assignment)
    if request.method == "POST" and form.is_valid():
        try:
            moved = units.vendor_move(assignment=assignment, actor=request.user, **form.cleaned_data)
        except units.AssignmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("%(name)s dipindah ke unit %(code)s.") % {"name": moved.vendor.name, "code": moved.unit.code}
            )
            return redirect("console:unit-detail", pk=moved.unit_id)
    context = {"assignment": assignment, "form": form, "mode": "move"}
    return render(request, "console/assignment_form.html", context, status=400 if form.errors else 200)


# --- reports ---------------------------------------------------------------------------------------------------


@console_view("vendors.export_reports")
def reports(request):
    form = ReportPeriodForm(request.GET or None)
    start, end = form.range()
    context = {"form": form, "reports": console_reports.REPORTS.values(), "start": start, "end": end}
    return render(request, "console/reports.html", context)


@console_view("vendors.export_reports")
def report_download(request, slug: str, fmt: str):
    chosen = list(console_reports.REPORTS.values()) if slug == "semua" else [console_reports.REPORTS.get(slug)]
    if None in chosen or (fmt == "csv" and len(chosen) != 1):
        raise Http404
    period = ReportPeriodForm(request.GET or None).range()
    filename = f"sentra-{slug}-{period[0]:%Y%m%d}-{period[1]:%Y%m%d}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            console_reports.write_csv(chosen[0], period), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            console_reports.write_xlsx(chosen, period),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
