"""Console events (/dinas/acara/): bazaars, expos and pameran — details, status decisions, stalls, the
applications queue (accept with a stall, decline with a reason), and the event report."""

from django.contrib import messages
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from console.access import centre_choices, centre_ids, console_view
from console.decisions import decision
from console.event_forms import EventForm, StallChoiceForm, StallForm
from console.event_report import event_report_xlsx
from console.forms import decision_form
from console.views.programs.responses import page_of, take, xlsx_response
from sales.access import access_application, access_event, events_in_scope
from sales.event_report import event_report
from sales.models import CounterSale, Event, EventApplication
from sales.services import events as services
from sentra.exceptions import DomainError
from sentra.forms import add_domain_error
from sentra.states import IllegalTransition

S = Event.Status
EVENT_DECISIONS = {
    d.slug: d
    for d in [
        decision(
            Event,
            "buka",
            gettext_lazy("Buka pendaftaran"),
            services.event_open,
            S.OPEN,
            gettext_lazy("Pendaftaran %(name)s dibuka."),
        ),
        decision(
            Event,
            "tutup",
            gettext_lazy("Tutup pendaftaran"),
            services.event_close,
            S.CLOSED,
            gettext_lazy("Pendaftaran %(name)s ditutup; UMKM yang diterima dapat membawa stok ke lapak."),
        ),
        decision(
            Event,
            "mulai",
            gettext_lazy("Mulai acara"),
            services.event_start,
            S.RUNNING,
            gettext_lazy("%(name)s berlangsung; penjualan di lapak dicatat untuk acara ini."),
        ),
        decision(
            Event,
            "selesai",
            gettext_lazy("Selesaikan acara"),
            services.event_finish,
            S.FINISHED,
            gettext_lazy("%(name)s selesai; UMKM mengembalikan stok yang tersisa."),
        ),
        decision(
            Event,
            "batalkan",
            gettext_lazy("Batalkan acara"),
            services.event_cancel,
            S.CANCELLED,
            gettext_lazy("%(name)s dibatalkan."),
            danger=True,
        ),
    ]
}


@console_view("sales.view_event")
def event_list(request):
    page = page_of(request, events_in_scope(request.user, Event.objects.for_list().with_counts().with_turnover()))
    # Every event the staff member sees summed: the province's events for province staff.
    sales = events_in_scope(request.user, CounterSale.objects.at_events().counted(), "event__centre")
    province = sales.aggregate(total=Sum("total", default=0))["total"]
    return render(request, "console/events/event_list.html", {"page_obj": page, "province_total": province})


def _form_centres(request):
    """The centres an event form offers: None (every centre, and province-wide) for province staff."""
    return None if centre_ids(request) is None else centre_choices(request)


@console_view("sales.manage_event")
def event_create(request):
    form = EventForm(request.POST or None, centres=_form_centres(request))
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Acara tersimpan sebagai draf. Tambahkan lapak, lalu buka pendaftaran."))
            return redirect("console:event-detail", pk=event.pk)
    return render(request, "console/events/event_form.html", {"form": form}, status=400 if form.errors else 200)


@console_view("sales.manage_event")
def event_edit(request, pk: int):
    event = access_event(request.user, pk)
    form = EventForm(request.POST or None, instance=Event.objects.get(pk=event.pk), centres=_form_centres(request))
    posted = request.method == "POST" and form.is_valid()
    if posted and take(request, form, services.event_update, event=event, **form.cleaned_data):
        messages.success(request, _("Perubahan acara tersimpan."))
        return redirect("console:event-detail", pk=event.pk)
    context = {"form": form, "event": event}
    return render(request, "console/events/event_form.html", context, status=400 if form.errors else 200)


def _event_page(request, event: Event, stall_form=None, status=200):
    applications = list(event.applications.for_event_page())
    stalls = list(event.stalls.all())
    for stall in stalls:
        stall.tenants = [a for a in applications if a.stall_id == stall.pk and a.status == "accepted"]
    context = {
        "event": event,
        "actions": [d for d in EVENT_DECISIONS.values() if event.status in d.sources],
        "applications": applications,
        "waiting": [a for a in applications if a.status == EventApplication.Status.SUBMITTED],
        "stalls": stalls,
        "stall_form": stall_form or StallForm(),
        "log": event.log.select_related("actor", "application__vendor")[:50],
        "can_decide": event.status in Event.DECIDE_STATUSES,
    }
    return render(request, "console/events/event_detail.html", context, status=status)


@console_view("sales.view_event")
def event_detail(request, pk: int):
    return _event_page(request, access_event(request.user, pk))


@console_view("sales.manage_event")
def event_action(request, pk: int, action: str):
    event = access_event(request.user, pk)
    if action not in EVENT_DECISIONS:
        raise Http404
    chosen = EVENT_DECISIONS[action]
    form = decision_form(request.POST or None, required=chosen.needs_reason)
    if request.method == "POST" and form.is_valid():
        try:
            chosen.service(event=event, actor=request.user, reason=form.cleaned_data["reason"])
        except IllegalTransition:
            form.add_error(None, _("Keputusan ini tidak dapat diambil untuk status sekarang."))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, chosen.done % {"name": event.name})
            return redirect("console:event-detail", pk=event.pk)
    context = {"event": event, "action": chosen, "form": form, "allowed": event.status in chosen.sources}
    return render(request, "console/events/event_action.html", context, status=400 if form.errors else 200)


@console_view("sales.manage_event")
@require_POST
def stall_add(request, pk: int):
    event = access_event(request.user, pk)
    form = StallForm(request.POST)
    if form.is_valid() and take(request, form, services.stall_add, event=event, **form.cleaned_data):
        messages.success(request, _("Lapak %(code)s ditambahkan.") % {"code": form.cleaned_data["code"].upper()})
        return redirect("console:event-detail", pk=event.pk)
    return _event_page(request, event, stall_form=form, status=400)


@console_view("sales.manage_event")
def application_accept(request, pk: int):
    application = access_application(request.user, pk)
    form = StallChoiceForm(request.POST or None, event=application.event)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if take(request, form, services.application_accept, application=application, **data):
            messages.success(
                request,
                _("%(name)s diterima di lapak %(code)s.") % {"name": application.vendor.name, "code": data["stall"]},
            )
            return redirect("console:event-detail", pk=application.event_id)
    context = {"application": application, "form": form, "mode": "accept"}
    return render(request, "console/events/application_action.html", context, status=400 if form.errors else 200)


@console_view("sales.manage_event")
def application_decline(request, pk: int):
    application = access_application(request.user, pk)
    form = decision_form(request.POST or None, required=True)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        if take(request, form, services.application_decline, application=application, reason=reason):
            messages.success(request, _("Pendaftaran %(name)s ditolak.") % {"name": application.vendor.name})
            return redirect("console:event-detail", pk=application.event_id)
    context = {"application": application, "form": form, "mode": "decline"}
    return render(request, "console/events/application_action.html", context, status=400 if form.errors else 200)


@console_view("sales.manage_event")
def application_stall(request, pk: int):
    application = access_application(request.user, pk)
    form = StallChoiceForm(request.POST or None, event=application.event, with_reason=False)
    posted = request.method == "POST" and form.is_valid()
    if posted and take(request, form, services.stall_assign, application=application, stall=form.cleaned_data["stall"]):
        messages.success(request, _("%(name)s dipindah ke lapak lain.") % {"name": application.vendor.name})
        return redirect("console:event-detail", pk=application.event_id)
    context = {"application": application, "form": form, "mode": "stall"}
    return render(request, "console/events/application_action.html", context, status=400 if form.errors else 200)


@console_view("sales.view_event")
def event_report_page(request, pk: int):
    event = access_event(request.user, pk)
    report = event_report(event)
    context = {"event": event, "report": report, "charts": report.charts()}
    return render(request, "console/events/event_report.html", context)


@console_view("sales.view_event")
def event_report_download(request, pk: int):
    event = access_event(request.user, pk)
    content = event_report_xlsx(event, event_report(event))
    return xlsx_response(content, f"sentra-acara-{event.slug}.xlsx")
