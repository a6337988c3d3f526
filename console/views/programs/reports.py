"""Console pembinaan reports: charts, the .xlsx tables and the candidate list for an aid proposal."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from console.access import centre_context, console_view, scoped
from console.program_forms import (
    CandidateForm,
)
from console.selectors import Figure
from programs.selectors import reports as program_reports
from sentra.charts import bars
from sentra.forms import PeriodForm
from sentra.money import format_rupiah
from sentra.spreadsheets import Sheet, xlsx_bytes

from .responses import page_of, xlsx_response

# --- reports ------------------------------------------------------------------------------------------------


def _figures(period, centres=None) -> list[Figure]:
    people = program_reports.participant_breakdown(period, centres)
    aid = program_reports.aid_breakdown(period, centres)
    total, gained = program_reports.certificate_share(period, centres)
    share = round(100 * gained / total, 1) if total else 0.0
    rupiah = format_rupiah
    return [
        Figure(
            "p-region",
            _("Peserta terpilih per kabupaten/kota"),
            _("Kabupaten/kota"),
            _("Peserta"),
            bars([(g.label, g.participants) for g in people["region"]]),
        ),
        Figure(
            "p-sector",
            _("Peserta terpilih per sektor"),
            _("Sektor"),
            _("Peserta"),
            bars([(g.label, g.participants) for g in people["sector"]]),
        ),
        Figure(
            "p-kind",
            _("Peserta terpilih per jenis program"),
            _("Jenis program"),
            _("Peserta"),
            bars([(g.label, g.participants) for g in people["programme_kind"]]),
            note=_(
                "%(gained)s dari %(total)s peserta program selesai (%(share)s%%) memperoleh sertifikat dalam 12 bulan."
            )
            % {"gained": gained, "total": total, "share": share},
        ),
        Figure(
            "a-kind",
            _("Nilai bantuan per jenis"),
            _("Jenis bantuan"),
            _("Nilai (Rp)"),
            bars([(g.label, g.value) for g in aid["kind"]], fmt=rupiah),
        ),
        Figure(
            "a-region",
            _("Nilai bantuan per kabupaten/kota"),
            _("Kabupaten/kota"),
            _("Nilai (Rp)"),
            bars([(g.label, g.value) for g in aid["region"]], fmt=rupiah),
        ),
        Figure(
            "a-funding",
            _("Nilai bantuan per sumber dana"),
            _("Sumber dana"),
            _("Nilai (Rp)"),
            bars([(g.label, g.value) for g in aid["funding"]], fmt=rupiah),
        ),
    ]


@console_view("vendors.export_reports")
def programme_reports(request):
    form = PeriodForm(request.GET or None, dates=True)
    start, end = form.range()
    scope = centre_context(request)  # participants and aid of the staff member's centres (issue 17)
    context = scope | {"form": form, "start": start, "end": end, "tables": program_reports.TABLES.values()}
    context["figures"] = _figures((start, end), scope["centres"])
    return render(request, "console/programs/reports.html", context)


@console_view("vendors.export_reports")
def programme_report_download(request, slug: str):
    chosen = list(program_reports.TABLES.values()) if slug == "semua" else [program_reports.TABLES.get(slug)]
    if None in chosen:
        raise Http404
    period = PeriodForm(request.GET or None, dates=True).range()
    centres = centre_context(request)["centres"]
    sheets = (Sheet(str(t.title), t.columns(), t.rows(period, centres)) for t in chosen)
    return xlsx_response(xlsx_bytes(sheets), f"sentra-pembinaan-{slug}-{period[0]:%Y%m%d}-{period[1]:%Y%m%d}.xlsx")


@console_view("vendors.export_reports")
def aid_candidates(request):
    form = CandidateForm(request.GET or None)
    vendors = scoped(request, program_reports.aid_candidates(**form.filters()))  # their centres only
    if request.GET.get("unduh") == "xlsx":
        rows = program_reports.candidate_rows(vendors)
        sheet = Sheet(_("Calon penerima"), program_reports.candidate_columns(), rows)
        return xlsx_response(
            xlsx_bytes([sheet], title=_("Calon penerima bantuan")),
            f"sentra-calon-penerima-{timezone.localdate():%Y%m%d}.xlsx",
        )
    context = {"form": form, "page_obj": page_of(request, vendors), "count": vendors.count()}
    return render(request, "console/programs/aid_candidates.html", context)
