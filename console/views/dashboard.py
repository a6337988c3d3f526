"""Console dashboard: work waiting and figures for a period."""

from django.shortcuts import render

from console.access import console_view
from console.selectors import dashboard_figures, work_waiting
from sentra.forms import PeriodForm

PERIOD_WEEKS = (4, 12, 26, 52)


@console_view("vendors.view_vendor")
def dashboard(request):
    form = PeriodForm(request.GET or None, weeks=PERIOD_WEEKS, default_weeks=12)
    start, end = form.range()
    context = {"form": form, "waiting": work_waiting(), "figures": dashboard_figures(start, end), "start": start}
    return render(request, "console/dashboard.html", context | {"end": end})
