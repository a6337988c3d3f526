"""Console vendor queue, vendor detail, decisions on vendors and their products."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from catalog.models import Product
from catalog.services.review import product_hide, product_unhide
from sentra.states import IllegalTransition, ReasonRequired
from vendors.console_access import console_product, console_vendor, console_view
from vendors.console_forms import DecisionForm, VendorAssignForm
from vendors.console_selectors import vendor_dossier, vendor_queue
from vendors.filters import ConsoleVendorFilter
from vendors.models import Vendor
from vendors.services import review, units

PER_PAGE = 50
S = Vendor.Status


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
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
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
