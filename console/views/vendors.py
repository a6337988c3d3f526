"""Console vendor queue, vendor detail, decisions on vendors and their products."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.access import access_product
from console.access import centre_choices, centre_context, console_view
from console.decisions import PRODUCT_DECISIONS, VENDOR_DECISIONS, Decision
from console.filters import ConsoleVendorFilter
from console.forms import VendorAssignForm, VendorCentreForm, decision_form
from console.selectors import vendor_dossier, vendor_queue, within
from orders.models import Reservation
from sentra.exceptions import DomainError
from sentra.forms import ReasonForm, add_domain_error
from sentra.states import IllegalTransition
from vendors.access import access_vendor
from vendors.models import Vendor
from vendors.services import centres, units

PER_PAGE = 50


@console_view("vendors.view_vendor")
def vendor_list(request):
    data = request.GET.copy()
    data.setdefault("status", Vendor.Status.SUBMITTED)
    scope = centre_context(request)
    filters = ConsoleVendorFilter(data, queryset=within(vendor_queue(), scope["centres"], "centre"))
    page = Paginator(filters.qs, PER_PAGE).get_page(request.GET.get("halaman"))
    return render(request, "console/vendor_list.html", {"filter": filters, "page_obj": page} | scope)


def _vendor_page(request, vendor: Vendor, assign_form=None, status=200):
    actions = [a for a in VENDOR_DECISIONS.values() if vendor.status in a.sources]
    assign_form = assign_form or VendorAssignForm(centre=vendor.centre)
    context = vendor_dossier(vendor) | {"actions": actions, "assign_form": assign_form}
    context["can_move"] = len(centre_choices(request)) > 1
    return render(request, "console/vendor_detail.html", context, status=status)


@console_view("vendors.view_vendor")
def vendor_detail(request, pk: int):
    return _vendor_page(request, access_vendor(request.user, pk))


@console_view("vendors.add_unitassignment")
@require_POST
def vendor_assign(request, pk: int):
    vendor = access_vendor(request.user, pk)
    form = VendorAssignForm(request.POST, centre=vendor.centre)
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


def _decide(request, decisions: dict, slug: str, **target) -> tuple[Decision, ReasonForm, bool]:
    """Show decision `slug` on the one object in `target` (the service's keyword), and take it when posted."""
    if slug not in decisions:
        raise Http404
    decision = decisions[slug]
    ((_name, obj),) = target.items()
    form = decision_form(request.POST or None, required=decision.needs_reason)
    if request.method != "POST" or not form.is_valid():
        return decision, form, False
    try:
        decision.service(**target, actor=request.user, reason=form.cleaned_data["reason"])
    except IllegalTransition:
        status = obj.get_status_display()
        form.add_error(None, _("Keputusan ini tidak dapat diambil untuk status %(status)s.") % {"status": status})
    except DomainError as error:
        add_domain_error(form, error)
    else:
        messages.success(request, decision.done % {"name": obj.name})
        return decision, form, True
    return decision, form, False


@console_view("vendors.review_vendor")
def vendor_action(request, pk: int, action: str):
    vendor = access_vendor(request.user, pk)
    action, form, done = _decide(request, VENDOR_DECISIONS, action, vendor=vendor)
    if done:
        return redirect("console:vendor-detail", pk=vendor.pk)
    context = {"vendor": vendor, "action": action, "form": form, "allowed": vendor.status in action.sources}
    return render(request, "console/vendor_action.html", context)


@console_view("catalog.hide_product")
def product_action(request, pk: int, action: str):
    product = access_product(request.user, pk)
    action, form, done = _decide(request, PRODUCT_DECISIONS, action, product=product)
    if done:
        return redirect("console:vendor-detail", pk=product.vendor_id)
    context = {"product": product, "action": action, "form": form, "allowed": product.status in action.sources}
    return render(request, "console/product_action.html", context)


@console_view("vendors.review_vendor")
def vendor_move_centre(request, pk: int):
    """GET: choose the centre and a reason; POST: confirm, then move (open reservations keep their place)."""
    vendor = access_vendor(request.user, pk)
    form = VendorCentreForm(request.POST or None, vendor=vendor, centres=centre_choices(request))
    confirming = False
    if request.method == "POST" and form.is_valid():
        if not request.POST.get("confirm"):
            confirming = True  # show what happens, and ask once more
        else:
            try:
                centres.vendor_move_centre(
                    vendor=vendor,
                    centre=form.cleaned_data["centre"],
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s dipindahkan ke %(centre)s.")
                    % {"name": vendor.name, "centre": form.cleaned_data["centre"]},
                )
                return redirect("console:vendor-detail", pk=vendor.pk)
    context = {
        "vendor": vendor,
        "form": form,
        "confirming": confirming,
        "tenancies": centres.tenancies_ended_by_move(vendor),
        "open_reservations": Reservation.objects.for_vendor(vendor).open().count(),
    }
    return render(request, "console/vendor_move_centre.html", context, status=400 if form.errors else 200)
