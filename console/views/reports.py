"""Console reports: pick a period and a centre, download .xlsx or CSV; the province view compares centres."""

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from console import reports as console_reports
from console.access import centre_context, console_view
from console.selectors import Figure
from sentra.charts import Bar, bars
from sentra.forms import PeriodForm
from sentra.money import format_rupiah
from sentra.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE


@console_view("vendors.export_reports")
def reports(request):
    form = PeriodForm(request.GET or None, dates=True)
    start, end = form.range()
    scope = centre_context(request)
    context = {"form": form, "reports": console_reports.REPORTS.values(), "start": start, "end": end}
    return render(request, "console/reports.html", context | scope)


@console_view("vendors.export_reports")
def report_download(request, slug: str, fmt: str):
    chosen = list(console_reports.REPORTS.values()) if slug == "semua" else [console_reports.REPORTS.get(slug)]
    if None in chosen or (fmt == "csv" and len(chosen) != 1):
        raise Http404
    period = PeriodForm(request.GET or None, dates=True).range()
    centres = centre_context(request)["centres"]
    filename = f"sentra-{slug}-{period[0]:%Y%m%d}-{period[1]:%Y%m%d}.{fmt}"
    if fmt == "csv":
        rows = console_reports.report_csv(chosen[0], period, centres)
        response = StreamingHttpResponse(rows, content_type=CSV_CONTENT_TYPE)
    else:
        response = HttpResponse(console_reports.reports_xlsx(chosen, period, centres), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _province_figures(rows: list[list]) -> list[Figure]:
    """Charts of the centres side by side (the total row left out)."""
    per_centre = rows[:-1]
    coverage = [
        Bar(label=r[0], value=_share(r[5], r[4]), display=f"{_share(r[5], r[4])}% ({r[5]}/{r[4]})") for r in per_centre
    ]
    sentra = _("Sentra")
    return [
        Figure(
            "centre-umkm",
            _("UMKM disetujui per sentra"),
            sentra,
            _("Jumlah UMKM"),
            bars([(r[0], r[2]) for r in per_centre]),
        ),
        Figure("centre-halal", _("Produk pangan berhalal per sentra"), sentra, _("Persentase"), coverage),
        Figure(
            "centre-value",
            _("Omzet semua kanal per sentra"),
            sentra,
            _("Nilai (Rp)"),
            bars([(r[0], r[-1]) for r in per_centre], fmt=format_rupiah),
        ),
    ]


@console_view("vendors.export_reports")
def province_report(request):
    """Centres side by side: UMKM by origin and centre, certification coverage, turnover; totals add up."""
    form = PeriodForm(request.GET or None, dates=True)
    start, end = form.range()
    scope = centre_context(request)
    choices = scope["centre_choices"]
    rows = list(console_reports.centre_figure_rows((start, end), choices))
    origin_columns, origin_rows = console_reports.origin_by_centre(choices)
    context = {
        "form": form,
        "start": start,
        "end": end,
        "columns": console_reports.centre_figure_columns(),
        "rows": rows,
        "figures": _province_figures(rows),
        "origin_columns": origin_columns,
        "origin_rows": [r for r in origin_rows[:-1] if r[-1]] + origin_rows[-1:],  # regions with UMKM, then totals
    }
    return render(request, "console/province_report.html", context | scope)


@console_view("vendors.export_reports")
def province_report_xlsx(request):
    period = PeriodForm(request.GET or None, dates=True).range()
    choices = centre_context(request)["centre_choices"]
    response = HttpResponse(console_reports.province_xlsx(period, choices), content_type=XLSX_CONTENT_TYPE)
    filename = f"sentra-provinsi-{period[0]:%Y%m%d}-{period[1]:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
