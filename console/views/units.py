"""Console ruko units: board, create/edit, assign, end and move tenancies."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from console.access import centre_context, centre_ids, console_view
from console.forms import AssignForm, AssignmentEndForm, MoveForm, ShopUnitForm
from console.selectors import floor_grids, free_grid_cell, with_tenancy_details
from sentra.exceptions import DomainError
from sentra.forms import add_domain_error
from vendors.access import access_assignment, access_unit
from vendors.models import Centre, ShopUnit, UnitAssignment
from vendors.selectors import centre_or_default, floor_plan_units
from vendors.services import units


@console_view("vendors.view_shopunit")
def unit_board(request):
    # The same units, tenants and states as the public floor plan (vendors.selectors.floor_plan_units).
    scope = centre_context(request)
    ids = scope["centres"]
    units = [u for u in floor_plan_units() if ids is None or u.centre_id in ids]
    return render(request, "console/unit_board.html", {"grids": floor_grids(units)} | scope)


def _centre(request) -> Centre:
    """The centre a new unit goes to: `?sentra=<pk>` among the staff member's centres (else the first of them)."""
    allowed = centre_ids(request)
    centre = centre_or_default(request.GET.get("sentra"), allowed)
    if centre is None:
        raise Http404
    if request.GET.get("sentra") and str(centre.pk) != request.GET["sentra"].strip():
        messages.error(request, _("Sentra yang dipilih tidak dikenal atau di luar wilayah kerja Anda."))
    return centre


@console_view("vendors.add_shopunit")
def unit_create(request):
    centre = _centre(request)
    form = ShopUnitForm(request.POST or None, centre=centre, initial=free_grid_cell(centre))
    if request.method == "POST" and form.is_valid():
        unit = form.save()
        messages.success(request, _("Unit %(code)s ditambahkan.") % {"code": unit.code})
        return redirect("console:unit-detail", pk=unit.pk)
    return render(request, "console/unit_form.html", {"form": form, "centre": centre})


@console_view("vendors.change_shopunit")
def unit_edit(request, pk: int):
    unit = access_unit(request.user, pk)
    form = ShopUnitForm(request.POST or None, instance=unit, centre=unit.centre)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Unit %(code)s disimpan.") % {"code": unit.code})
        return redirect("console:unit-detail", pk=unit.pk)
    return render(request, "console/unit_form.html", {"form": form, "unit": unit})


def _unit_page(request, unit: ShopUnit, assign_form=None, status=200):
    history = with_tenancy_details(UnitAssignment.objects.of_unit(unit).with_people())
    context = {
        "unit": unit,
        "current": [a for a in history if a.is_current],
        "history": history,
        "assign_form": assign_form or AssignForm(initial={"vendor": request.GET.get("vendor")}, centre=unit.centre),
    }
    return render(request, "console/unit_detail.html", context, status=status)


@console_view("vendors.view_shopunit")
def unit_detail(request, pk: int):
    return _unit_page(request, access_unit(request.user, pk))


@console_view("vendors.add_unitassignment")
@require_POST
def unit_assign(request, pk: int):
    unit = access_unit(request.user, pk)
    form = AssignForm(request.POST, centre=unit.centre)
    if form.is_valid():
        try:
            units.unit_assign(unit=unit, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
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
    assignment = access_assignment(request.user, pk)
    form = AssignmentEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            units.assignment_end(assignment=assignment, end_on=form.cleaned_data["end_on"], actor=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Penempatan %(assignment)s diakhiri.") % {"assignment": assignment})
            return redirect("console:unit-detail", pk=assignment.unit_id)
    context = {"assignment": assignment, "form": form, "mode": "end"}
    return render(request, "console/assignment_form.html", context, status=400 if form.errors else 200)


@console_view("vendors.change_unitassignment")
def assignment_move(request, pk: int):
    assignment = access_assignment(request.user, pk)
    form = MoveForm(request.POST or None, assignment=assignment)
    if request.method == "POST" and form.is_valid():
        try:
            moved = units.vendor_move(assignment=assignment, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, _("%(name)s dipindah ke unit %(code)s.") % {"name": moved.vendor.name, "code": moved.unit.code}
            )
            return redirect("console:unit-detail", pk=moved.unit_id)
    context = {"assignment": assignment, "form": form, "mode": "move"}
    return render(request, "console/assignment_form.html", context, status=400 if form.errors else 200)
