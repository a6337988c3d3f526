"""Console dashboard: work waiting and figures for a period, at the staff member's centres."""

from django.shortcuts import render

from console.access import centre_context, console_view
from console.selectors import dashboard_figures, work_waiting
from sentra.forms import PeriodForm

PERIOD_WEEKS = (4, 12, 26, 52)


@console_view("vendors.view_vendor")
def dashboard(request):
    form = PeriodForm(request.GET or None, weeks=PERIOD_WEEKS, default_weeks=12)
    start, end = form.range()
    scope = centre_context(request)
    centres = scope["centres"]
    context = {
        "form": form,
        "waiting": work_waiting(centres=centres),
        "figures": dashboard_figures(start, end, centres),
    }
    return render(request, "console/dashboard.html", context | scope | {"start": start, "end": end})
