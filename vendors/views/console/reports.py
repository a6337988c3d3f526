"""Console reports: pick a period, download .xlsx or CSV."""

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from vendors import console_reports
from vendors.console_access import console_view
from vendors.console_forms import ReportPeriodForm


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
