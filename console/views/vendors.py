"""Console vendor queue, vendor detail, decisions on vendors and their products."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.access import access_product
from console.access import console_view
from console.decisions import PRODUCT_DECISIONS, VENDOR_DECISIONS
from console.filters import ConsoleVendorFilter
from console.forms import VendorAssignForm, decision_form
from console.selectors import vendor_dossier, vendor_queue
from sentra.exceptions import DomainError
from sentra.forms import add_domain_error
from sentra.states import IllegalTransition
from vendors.access import access_vendor
from vendors.models import Vendor
from vendors.services import units

PER_PAGE = 50


@console_view("vendors.view_vendor")
def vendor_list(request):
    data = request.GET.copy()
    data.setdefault("status", Vendor.Status.SUBMITTED)
    filters = ConsoleVendorFilter(data, queryset=vendor_queue())
    page = Paginator(filters.qs, PER_PAGE).get_page(request.GET.get("halaman"))
    return render(request, "console/vendor_list.html", {"filter": filters, "page_obj": page})


def _vendor_page(request, vendor: Vendor, assign_form=None, status=200):
    actions = [a for a in VENDOR_DECISIONS.values() if vendor.status in a.sources]
    context = vendor_dossier(vendor) | {"actions": actions, "assign_form": assign_form or VendorAssignForm()}
    return render(request, "console/vendor_detail.html", context, status=status)


@console_view("vendors.view_vendor")
def vendor_detail(request, pk: int):
    return _vendor_page(request, access_vendor(request.user, pk))


@console_view("vendors.add_unitassignment")
@require_POST
def vendor_assign(request, pk: int):
    vendor = access_vendor(request.user, pk)
    form = VendorAssignForm(request.POST)
    if form.is_valid():
        try:
            assignment = units.unit_assign(vendor=vendor, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s ditempatkan di unit %(code)s.") % {"name": vendor.name, "code": assignment.unit.code},
            )
            return redirect("console:vendor-detail", pk=vendor.pk)
    return _vendor_page(request, vendor, assign_form=form, status=400)


@console_view("vendors.review_vendor")
def vendor_action(request, pk: int, action: str):
    vendor = access_vendor(request.user, pk)
    if action not in VENDOR_DECISIONS:
        raise Http404
    action = VENDOR_DECISIONS[action]
    form = decision_form(request.POST or None, required=action.needs_reason)
    if request.method == "POST" and form.is_valid():
        try:
            action.service(vendor=vendor, actor=request.user, reason=form.cleaned_data["reason"])
        except IllegalTransition:
            form.add_error(
                None,
                _("Keputusan ini tidak dapat diambil untuk UMKM berstatus %(status)s.")
                % {"status": vendor.get_status_display()},
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, action.done % {"name": vendor.name})
            return redirect("console:vendor-detail", pk=vendor.pk)
    allowed = vendor.status in action.sources
    return render(
        request, "console/vendor_action.html", {"vendor": vendor, "action": action, "form": form, "allowed": allowed}
    )


@console_view("catalog.hide_product")
def product_action(request, pk: int, action: str):
    product = access_product(request.user, pk)
    if action not in PRODUCT_DECISIONS:
        raise Http404
    action = PRODUCT_DECISIONS[action]
    form = decision_form(request.POST or None, required=action.needs_reason)
    if request.method == "POST" and form.is_valid():
        try:
            action.service(product=product, actor=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, action.done % {"name": product.name})
            return redirect("console:vendor-detail", pk=product.vendor_id)
    context = {"product": product, "action": action, "form": form, "allowed": product.status in action.sources}
    return render(request, "console/product_action.html", context)
