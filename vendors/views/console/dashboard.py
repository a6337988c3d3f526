"""Console dashboard: work waiting and figures for a period."""

from django.shortcuts import render

from vendors.console_access import console_view
from vendors.console_forms import PeriodForm
from vendors.console_selectors import dashboard_figures, work_waiting


@console_view("vendors.view_vendor")
def dashboard(request):
    form = PeriodForm(request.GET or None)
    start, end = form.range()
    context = {"form": form, "waiting": work_waiting(), "figures": dashboard_figures(start, end), "start": start}
    return render(request, "console/dashboard.html", context | {"end": end})
