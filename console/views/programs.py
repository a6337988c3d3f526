"""Console pembinaan (/dinas/program/): programmes and their calls, participants and outcomes, training days and
attendance, monitoring visits, the aid register, pendataan rounds, and the reports with charts and .xlsx."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from console.access import console_view
from console.decisions import decision
from console.forms import decision_form
from console.program_forms import (
    AidFilterForm,
    AidForm,
    AttendanceForm,
    CandidateForm,
    EnrolForm,
    MeetingForm,
    OutcomeForm,
    ProgrammeFilterForm,
    ProgrammeForm,
    RoundForm,
    VendorSearchForm,
    VisitForm,
)
from console.selectors import Figure
from programs import services
from programs.access import access_aid, access_meeting, access_participant, access_programme, access_round
from programs.models import AidRecord, DataRound, Participant, Programme
from programs.selectors import monitoring_plan, vendor_history
from programs.selectors import reports as program_reports
from programs.selectors import rounds as round_results
from sentra.charts import bars
from sentra.exceptions import DomainError
from sentra.forms import PeriodForm, add_domain_error
from sentra.money import format_rupiah
from sentra.spreadsheets import XLSX_CONTENT_TYPE, Sheet, xlsx_bytes
from sentra.states import IllegalTransition
from vendors.access import access_vendor

PER_PAGE = 50
S, P = Programme.Status, Participant.Status
PROGRAMME_DECISIONS = {
    d.slug: d
    for d in [
        decision(
            Programme,
            "buka",
            gettext_lazy("Buka pendaftaran"),
            services.programme_open,
            S.OPEN,
            gettext_lazy("Pendaftaran %(name)s dibuka."),
        ),
        decision(
            Programme,
            "mulai",
            gettext_lazy("Mulai program"),
            services.programme_start,
            S.RUNNING,
            gettext_lazy("%(name)s dimulai; pendaftaran ditutup."),
        ),
        decision(
            Programme,
            "selesai",
            gettext_lazy("Selesaikan program"),
            services.programme_finish,
            S.FINISHED,
            gettext_lazy("%(name)s selesai."),
        ),
        decision(
            Programme,
            "batalkan",
            gettext_lazy("Batalkan program"),
            services.programme_cancel,
            S.CANCELLED,
            gettext_lazy("%(name)s dibatalkan."),
            danger=True,
        ),
    ]
}
PARTICIPANT_DECISIONS = {
    d.slug: d
    for d in [
        decision(
            Participant,
            "pilih",
            gettext_lazy("Pilih sebagai peserta"),
            services.participant_select,
            P.SELECTED,
            gettext_lazy("%(name)s terpilih; pemilik diberi tahu lewat email."),
        ),
        decision(
            Participant,
            "daftar-tunggu",
            gettext_lazy("Masukkan daftar tunggu"),
            services.participant_waitlist,
            P.WAITLISTED,
            gettext_lazy("%(name)s masuk daftar tunggu; pemilik diberi tahu."),
            only_from=P.APPLIED,
        ),
        decision(
            Participant,
            "tolak",
            gettext_lazy("Tolak pendaftaran"),
            services.participant_decline,
            P.DECLINED,
            gettext_lazy("Pendaftaran %(name)s ditolak; pemilik diberi tahu alasannya."),
            danger=True,
        ),
    ]
}


def _page(request, rows):
    return Paginator(rows, PER_PAGE).get_page(request.GET.get("halaman"))


def _take(request, form, service, **kwargs) -> bool:
    """Call `service` with the form's data; a domain error lands on the form. True when it was taken."""
    try:
        service(actor=request.user, **kwargs)
    except DomainError as error:
        add_domain_error(form, error)
        return False
    return True


# --- programmes -----------------------------------------------------------------------------------------------


@console_view("programs.view_programme")
def programme_list(request):
    filters = ProgrammeFilterForm(request.GET or None)
    page = _page(request, filters.filter(Programme.objects.for_console_list()))
    return render(request, "console/programs/programme_list.html", {"filters": filters, "page_obj": page})


@console_view("programs.manage_programme")
def programme_create(request):
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Program tersimpan sebagai draf. Buka pendaftaran bila sudah siap."))
            return redirect("console:programme-detail", pk=programme.pk)
    return render(request, "console/programs/programme_form.html", {"form": form}, status=400 if form.errors else 200)


@console_view("programs.manage_programme")
def programme_edit(request, pk: int):
    programme = access_programme(request.user, pk)
    form = ProgrammeForm(request.POST or None, instance=programme)
    saved = request.method == "POST" and form.is_valid()
    if saved and _take(request, form, services.programme_update, programme=programme, **form.cleaned_data):
        messages.success(request, _("Perubahan program tersimpan."))
        return redirect("console:programme-detail", pk=programme.pk)
    context = {"form": form, "programme": programme}
    return render(request, "console/programs/programme_form.html", context, status=400 if form.errors else 200)


def _programme_page(request, programme: Programme, meeting_form=None, status=200):
    participants = programme.participants.for_programme_page()
    context = {
        "programme": programme,
        "actions": [d for d in PROGRAMME_DECISIONS.values() if programme.status in d.sources],
        "participants": participants,
        "places_left": programme.places_left(),
        "meetings": programme.meetings.all(),
        "events": programme.events.select_related("actor"),
        "meeting_form": meeting_form or MeetingForm(initial={"held_on": programme.starts_on}),
        "search": VendorSearchForm(request.GET or None),
    }
    context["found"] = context["search"].vendors().exclude(programme_participations__programme=programme)
    return render(request, "console/programs/programme_detail.html", context, status=status)


@console_view("programs.view_programme")
def programme_detail(request, pk: int):
    return _programme_page(request, access_programme(request.user, pk))


def _decide(request, decisions: dict, slug: str, name: str, **target):
    """Show decision `slug` on the one object in `target` and take it when posted; (decision, form, done)."""
    if slug not in decisions:
        raise Http404
    chosen = decisions[slug]
    form = decision_form(request.POST or None, required=chosen.needs_reason)
    if request.method != "POST" or not form.is_valid():
        return chosen, form, False
    try:
        chosen.service(**target, actor=request.user, reason=form.cleaned_data["reason"])
    except IllegalTransition:
        form.add_error(None, _("Keputusan ini tidak dapat diambil untuk status sekarang."))
    except DomainError as error:
        add_domain_error(form, error)
    else:
        messages.success(request, chosen.done % {"name": name})
        return chosen, form, True
    return chosen, form, False


@console_view("programs.manage_programme")
def programme_action(request, pk: int, action: str):
    programme = access_programme(request.user, pk)
    chosen, form, done = _decide(request, PROGRAMME_DECISIONS, action, programme.name, programme=programme)
    if done:
        return redirect("console:programme-detail", pk=programme.pk)
    context = {"programme": programme, "action": chosen, "form": form, "allowed": programme.status in chosen.sources}
    return render(request, "console/programs/programme_action.html", context, status=400 if form.errors else 200)


@console_view("programs.decide_participant")
@require_POST
def programme_enrol(request, pk: int):
    programme = access_programme(request.user, pk)
    form = EnrolForm(request.POST)
    if form.is_valid():
        vendor, reason = form.cleaned_data["vendor"], form.cleaned_data["reason"]
        if _take(request, form, services.participant_enrol, programme=programme, vendor=vendor, reason=reason):
            messages.success(request, _("%(name)s didaftarkan sebagai peserta.") % {"name": vendor.name})
            return redirect("console:programme-detail", pk=programme.pk)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect("console:programme-detail", pk=programme.pk)


@console_view("programs.manage_programme")
@require_POST
def meeting_add(request, pk: int):
    programme = access_programme(request.user, pk)
    form = MeetingForm(request.POST)
    if form.is_valid() and _take(request, form, services.meeting_add, programme=programme, **form.cleaned_data):
        messages.success(request, _("Pertemuan ditambahkan."))
        return redirect("console:programme-detail", pk=programme.pk)
    return _programme_page(request, programme, meeting_form=form, status=400)


@console_view("programs.manage_programme")
def meeting_attendance(request, pk: int):
    meeting = access_meeting(request.user, pk)
    selected = list(meeting.programme.participants.selected().select_related("vendor").order_by("vendor__name"))
    present = meeting.attendance.filter(present=True).values_list("participant_id", flat=True)
    form = AttendanceForm(request.POST or None, participants=selected, initial={"present": [str(pk) for pk in present]})
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["present"]
        if _take(request, form, services.meeting_record_attendance, meeting=meeting, present=chosen):
            messages.success(request, _("Kehadiran %(n)s peserta dicatat.") % {"n": len(chosen)})
            return redirect("console:programme-detail", pk=meeting.programme_id)
    context = {"meeting": meeting, "programme": meeting.programme, "form": form, "selected": selected}
    return render(request, "console/programs/meeting_attendance.html", context, status=400 if form.errors else 200)


# --- participants ---------------------------------------------------------------------------------------------


def _participant_page(request, place: Participant, visit_form=None, outcome_form=None, status=200):
    context = {
        "place": place,
        "programme": place.programme,
        "actions": [d for d in PARTICIPANT_DECISIONS.values() if place.status in d.sources],
        "attendance": place.attendance.select_related("meeting").order_by("meeting__held_on"),
        "plan": monitoring_plan(place),
        "visits": place.visits.select_related("visited_by"),
        "events": place.events.select_related("actor"),
        "visit_form": visit_form or VisitForm(),
        "outcome_form": outcome_form
        or OutcomeForm(participant=place, initial={"outcome": place.outcome, "certificate": place.certificate_id}),
    }
    return render(request, "console/programs/participant_detail.html", context, status=status)


@console_view("programs.view_participant")
def participant_detail(request, pk: int):
    return _participant_page(request, access_participant(request.user, pk))


@console_view("programs.decide_participant")
def participant_action(request, pk: int, action: str):
    place = access_participant(request.user, pk)
    chosen, form, done = _decide(request, PARTICIPANT_DECISIONS, action, place.vendor.name, participant=place)
    if done:
        return redirect("console:programme-detail", pk=place.programme_id)
    context = {"place": place, "action": chosen, "form": form, "allowed": place.status in chosen.sources}
    return render(request, "console/programs/participant_action.html", context, status=400 if form.errors else 200)


@console_view("programs.decide_participant")
@require_POST
def participant_outcome(request, pk: int):
    place = access_participant(request.user, pk)
    form = OutcomeForm(request.POST, participant=place)
    if form.is_valid() and _take(request, form, services.participant_outcome, participant=place, **form.cleaned_data):
        messages.success(request, _("Hasil %(name)s dicatat.") % {"name": place.vendor.name})
        return redirect("console:participant-detail", pk=place.pk)
    return _participant_page(request, place, outcome_form=form, status=400)


@console_view("programs.manage_programme")
@require_POST
def visit_add(request, pk: int):
    place = access_participant(request.user, pk)
    form = VisitForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.visit_add(participant=place, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, "photo")
        else:
            messages.success(request, _("Kunjungan pemantauan dicatat."))
            return redirect("console:participant-detail", pk=place.pk)
    return _participant_page(request, place, visit_form=form, status=400)


# --- vendors and the aid register ----------------------------------------------------------------------------


@console_view("programs.view_aidrecord")
def vendor_search(request):
    form = VendorSearchForm(request.GET or None)
    return render(request, "console/programs/vendor_search.html", {"form": form, "vendors": form.vendors(50)})


@console_view("programs.view_aidrecord")
def vendor_history_page(request, pk: int):
    vendor = access_vendor(request.user, pk)
    context = vendor_history(vendor) | {"vendor": vendor}
    return render(request, "console/programs/vendor_history.html", context)


@console_view("programs.view_aidrecord")
def aid_list(request):
    filters = AidFilterForm(request.GET or None)
    records = filters.filter(AidRecord.objects.for_register())
    context = {
        "filters": filters,
        "page_obj": _page(request, records),
        "total": sum(records.values_list("value", flat=True)),
    }
    return render(request, "console/programs/aid_list.html", context)


@console_view("programs.grant_aid")
def aid_create(request, vendor_pk: int):
    vendor = access_vendor(request.user, vendor_pk)
    form, earlier = AidForm(request.POST or None, request.FILES or None), []
    if request.method == "POST" and form.is_valid():
        try:
            record = services.aid_grant(vendor=vendor, actor=request.user, **form.cleaned_data)
        except services.RepeatAid as warning:
            earlier = warning.earlier
            form.add_error("confirm_repeat", warning.messages)
        except DomainError as error:
            add_domain_error(form, error, "document")
        else:
            messages.success(
                request, _("Bantuan %(item)s untuk %(name)s dicatat.") % {"item": record.item, "name": vendor.name}
            )
            return redirect("console:aid-detail", pk=record.pk)
    context = {"vendor": vendor, "form": form, "earlier": earlier}
    return render(request, "console/programs/aid_form.html", context, status=400 if form.errors else 200)


@console_view("programs.view_aidrecord")
def aid_detail(request, pk: int):
    record = access_aid(request.user, pk)
    earlier = AidRecord.objects.repeats_of(record.vendor, record.kind, record.handed_over_on).exclude(pk=record.pk)
    return render(request, "console/programs/aid_detail.html", {"record": record, "earlier": earlier})


# --- pendataan ----------------------------------------------------------------------------------------------


@console_view("programs.view_dataround")
def round_list(request):
    rounds = DataRound.objects.prefetch_related("regions").order_by("-opens_on", "-pk")
    return render(request, "console/programs/round_list.html", {"page_obj": _page(request, rounds)})


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
        "missing": _page(request, missing),
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


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


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
    return _xlsx(xlsx_bytes(sheets, title=data_round.title), f"sentra-pendataan-{data_round.pk}.xlsx")


# --- reports ------------------------------------------------------------------------------------------------


def _figures(period) -> list[Figure]:
    people, aid = program_reports.participant_breakdown(period), program_reports.aid_breakdown(period)
    total, gained = program_reports.certificate_share(period)
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
    context = {"form": form, "start": start, "end": end, "tables": program_reports.TABLES.values()}
    context["figures"] = _figures((start, end))
    return render(request, "console/programs/reports.html", context)


@console_view("vendors.export_reports")
def programme_report_download(request, slug: str):
    chosen = list(program_reports.TABLES.values()) if slug == "semua" else [program_reports.TABLES.get(slug)]
    if None in chosen:
        raise Http404
    period = PeriodForm(request.GET or None, dates=True).range()
    sheets = (Sheet(str(t.title), t.columns(), t.rows(period)) for t in chosen)
    return _xlsx(xlsx_bytes(sheets), f"sentra-pembinaan-{slug}-{period[0]:%Y%m%d}-{period[1]:%Y%m%d}.xlsx")


@console_view("vendors.export_reports")
def aid_candidates(request):
    form = CandidateForm(request.GET or None)
    vendors = program_reports.aid_candidates(**form.filters())
    if request.GET.get("unduh") == "xlsx":
        rows = program_reports.candidate_rows(vendors)
        sheet = Sheet(_("Calon penerima"), program_reports.candidate_columns(), rows)
        return _xlsx(
            xlsx_bytes([sheet], title=_("Calon penerima bantuan")),
            f"sentra-calon-penerima-{timezone.localdate():%Y%m%d}.xlsx",
        )
    context = {"form": form, "page_obj": _page(request, vendors), "count": vendors.count()}
    return render(request, "console/programs/aid_candidates.html", context)
