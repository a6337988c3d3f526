"""Owner portal (/toko/program/) pages of pembinaan: the programmes open to the vendor and its history, applying
with a short motivation, one place in a programme, aid received, and pendataan answers; plus the private files
(hand-over documents and photos), served to the vendor's members and Dinas staff only."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.access import member_required
from portal.forms.programs import ApplyForm, RoundAnswerForm
from portal.private_files import private_file_response
from programs import services
from programs.access import (
    access_aid,
    access_participant,
    access_programme_for_vendor,
    access_round_for_vendor,
    access_visit,
    answer_of,
)
from programs.models import DataRound
from programs.selectors import monitoring_plan, programmes_open_to, vendor_history
from sentra.exceptions import DomainError
from sentra.forms import add_domain_error

AID_FILES = {"berita-acara": "document", "foto": "photo"}


@member_required
def programme_list(request):
    vendor = request.vendor
    history = vendor_history(vendor)
    joined = {p.programme_id for p in history["participations"]}
    answered = {a.round_id for a in history["answers"]}
    rounds = DataRound.objects.answerable().for_vendor(vendor).order_by("closes_on")
    context = history | {
        "vendor": vendor,
        "open_programmes": [p for p in programmes_open_to(vendor) if p.pk not in joined],
        "rounds": [(r, r.pk in answered) for r in rounds],
    }
    return render(request, "portal/programs/programme_list.html", context)


def _programme_page(request, programme, form=None, status=200):
    vendor = request.vendor
    place = programme.participants.filter(vendor=vendor).first()
    can_apply = place is None and programme.is_open and vendor.is_public and programme.admits(vendor)
    context = {"vendor": vendor, "programme": programme, "place": place, "can_apply": can_apply}
    context["form"] = form or ApplyForm()
    return render(request, "portal/programs/programme_detail.html", context, status=status)


@member_required
def programme_detail(request, pk: int):
    return _programme_page(request, access_programme_for_vendor(request.user, pk, vendor=request.vendor))


@member_required
@require_POST
def programme_apply(request, pk: int):
    programme = access_programme_for_vendor(request.user, pk, vendor=request.vendor)
    form = ApplyForm(request.POST)
    if form.is_valid():
        try:
            place = services.participant_apply(
                programme=programme, vendor=request.vendor, actor=request.user, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Pendaftaran terkirim. Dinas akan memberi kabar lewat email."))
            return redirect("vendors:participation-detail", pk=place.pk)
    return _programme_page(request, programme, form=form, status=400)


@member_required
def participation_detail(request, pk: int):
    place = access_participant(request.user, pk, vendor=request.vendor)
    context = {
        "vendor": request.vendor,
        "place": place,
        "programme": place.programme,
        "attendance": place.attendance.select_related("meeting").order_by("meeting__held_on"),
        "plan": monitoring_plan(place),
        "visits": place.visits.all(),
        "events": place.events.all(),
    }
    return render(request, "portal/programs/participation_detail.html", context)


@member_required
def aid_detail(request, pk: int):
    record = access_aid(request.user, pk, vendor=request.vendor)
    return render(request, "portal/programs/aid_detail.html", {"vendor": request.vendor, "record": record})


@member_required
def round_answer(request, pk: int):
    data_round = access_round_for_vendor(request.user, pk, vendor=request.vendor)
    answer = answer_of(request.user, data_round, vendor=request.vendor)
    form = RoundAnswerForm(request.POST or None, data_round=data_round, answer=answer)
    if request.method == "POST" and form.is_valid():
        try:
            services.round_answer(data_round=data_round, vendor=request.vendor, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Terima kasih, jawaban Anda tersimpan."))
            return redirect("vendors:programme-list")
    context = {"vendor": request.vendor, "round": data_round, "answer": answer, "form": form}
    return render(request, "portal/programs/round_answer.html", context, status=400 if form.errors else 200)


def aid_file(request, pk: int, which: str):
    """A hand-over document or photo of an aid record, to the vendor's members or Dinas staff; 404 otherwise."""
    record = access_aid(request.user, pk)
    if which not in AID_FILES:
        raise Http404
    return private_file_response(getattr(record, AID_FILES[which]), f"bantuan-{record.pk}-{which}")


def visit_photo(request, pk: int):
    """The photo of a monitoring visit, to the visited vendor's members or Dinas staff; 404 otherwise."""
    visit = access_visit(request.user, pk)
    return private_file_response(visit.photo, f"kunjungan-{visit.pk}")
