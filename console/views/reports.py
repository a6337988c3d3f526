"""Console reports: pick a period, download .xlsx or CSV."""

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from console import reports as console_reports
from console.access import console_view
from sentra.forms import PeriodForm
from sentra.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE


@console_view("vendors.export_reports")
def reports(request):
    form = PeriodForm(request.GET or None, dates=True)
    start, end = form.range()
    context = {"form": form, "reports": console_reports.REPORTS.values(), "start": start, "end": end}
    return render(request, "console/reports.html", context)


@console_view("vendors.export_reports")
def report_download(request, slug: str, fmt: str):
    chosen = list(console_reports.REPORTS.values()) if slug == "semua" else [console_reports.REPORTS.get(slug)]
    if None in chosen or (fmt == "csv" and len(chosen) != 1):
        raise Http404
    period = PeriodForm(request.GET or None, dates=True).range()
    filename = f"sentra-{slug}-{period[0]:%Y%m%d}-{period[1]:%Y%m%d}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(console_reports.report_csv(chosen[0], period), content_type=CSV_CONTENT_TYPE)
    else:
        response = HttpResponse(console_reports.reports_xlsx(chosen, period), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
