"""Console programmes (/dinas/program/): the call and its status, participants and their decisions and
outcomes, training days with attendance, monitoring visits."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from console.access import console_view, scoped
from console.decisions import decision
from console.forms import decision_form
from console.program_forms import (
    AttendanceForm,
    EnrolForm,
    MeetingForm,
    OutcomeForm,
    ProgrammeFilterForm,
    ProgrammeForm,
    VendorSearchForm,
    VisitForm,
)
from programs import services
from programs.access import access_meeting, access_participant, access_programme
from programs.models import Participant, Programme
from programs.selectors import monitoring_plan
from sentra.exceptions import DomainError
from sentra.forms import add_domain_error
from sentra.states import IllegalTransition

from .responses import page_of, take

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


# --- programmes -----------------------------------------------------------------------------------------------


@console_view("programs.view_programme")
def programme_list(request):
    filters = ProgrammeFilterForm(request.GET or None)
    page = page_of(request, filters.filter(Programme.objects.for_console_list()))
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
    if saved and take(request, form, services.programme_update, programme=programme, **form.cleaned_data):
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
    found = scoped(request, context["search"].vendors(limit=None))  # the staff member's centres only
    context["found"] = found.exclude(programme_participations__programme=programme)[:30]
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
    form.fields["vendor"].queryset = scoped(request, form.fields["vendor"].queryset)
    if form.is_valid():
        vendor, reason = form.cleaned_data["vendor"], form.cleaned_data["reason"]
        if take(request, form, services.participant_enrol, programme=programme, vendor=vendor, reason=reason):
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
    if form.is_valid() and take(request, form, services.meeting_add, programme=programme, **form.cleaned_data):
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
        if take(request, form, services.meeting_record_attendance, meeting=meeting, present=chosen):
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
    if form.is_valid() and take(request, form, services.participant_outcome, participant=place, **form.cleaned_data):
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
