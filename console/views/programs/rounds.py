"""Console pendataan rounds: open, see who has not answered and the results by region and sector, close."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from console.access import console_view
from console.forms import decision_form
from console.program_forms import (
    RoundForm,
)
from console.selectors import Figure
from programs import services
from programs.access import access_round
from programs.models import DataRound
from programs.selectors import rounds as round_results
from sentra.charts import bars
from sentra.exceptions import DomainError
from sentra.forms import add_domain_error
from sentra.spreadsheets import Sheet, xlsx_bytes
from sentra.states import IllegalTransition

from .responses import page_of, xlsx_response

# --- pendataan ----------------------------------------------------------------------------------------------


@console_view("programs.view_dataround")
def round_list(request):
    rounds = DataRound.objects.prefetch_related("regions").order_by("-opens_on", "-pk")
    return render(request, "console/programs/round_list.html", {"page_obj": page_of(request, rounds)})


@console_view("programs.manage_dataround")
def round_create(request):
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            data_round = services.round_open(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Pendataan dibuka; pemilik usaha dapat mengisinya dari portal."))
            return redirect("console:round-detail", pk=data_round.pk)
    return render(request, "console/programs/round_form.html", {"form": form}, status=400 if form.errors else 200)


@console_view("programs.view_dataround")
def round_detail(request, pk: int):
    data_round = access_round(request.user, pk)
    missing = round_results.round_missing(data_round)
    context = {
        "round": data_round,
        "columns": round_results.round_result_columns(data_round),
        "results": round_results.round_results(data_round),
        "missing": page_of(request, missing),
        "figure": Figure(
            "round-status",
            _("Keadaan usaha"),
            _("Keadaan"),
            _("Jawaban"),
            bars(round_results.round_status_counts(data_round)),
        ),
    }
    return render(request, "console/programs/round_detail.html", context)


@console_view("programs.manage_dataround")
def round_close(request, pk: int):
    data_round = access_round(request.user, pk)
    form = decision_form(request.POST or None, required=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.round_close(data_round=data_round, actor=request.user)
        except IllegalTransition:
            form.add_error(None, _("Pendataan ini sudah ditutup."))
        else:
            messages.success(request, _("Pendataan ditutup."))
            return redirect("console:round-detail", pk=data_round.pk)
    return render(request, "console/programs/round_close.html", {"round": data_round, "form": form})


@console_view("vendors.export_reports")
def round_download(request, pk: int):
    data_round = access_round(request.user, pk)
    sheets = [
        Sheet(
            _("Hasil per daerah"),
            round_results.round_result_columns(data_round),
            round_results.round_results(data_round),
        ),
        Sheet(
            _("Jawaban"), round_results.round_answer_columns(data_round), round_results.round_answer_rows(data_round)
        ),
        Sheet(
            _("Belum menjawab"),
            [_("UMKM"), _("Kabupaten/kota"), _("WhatsApp")],
            ([v.name, v.regency.display_name, v.whatsapp] for v in round_results.round_missing(data_round)),
        ),
    ]
    return xlsx_response(xlsx_bytes(sheets, title=data_round.title), f"sentra-pendataan-{data_round.pk}.xlsx")
