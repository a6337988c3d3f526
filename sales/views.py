"""Public pages of the sales app: the buyer's receipt of a counter sale, reached by its secret link (no login),
and the events shoppers may visit (/acara/)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from .access import access_public_event, access_receipt
from .event_report import event_report
from .models import Event
from .selectors import event_vendors


@never_cache
def receipt(request, token):
    sale = access_receipt(token)
    return render(request, "sales/receipt.html", {"sale": sale})


def event_list(request):
    today = timezone.localdate()
    events = Event.objects.public().exclude(status=Event.Status.CANCELLED).select_related("centre")
    upcoming = events.filter(ends_on__gte=today).order_by("starts_on", "pk")
    past = Paginator(events.filter(ends_on__lt=today).order_by("-starts_on", "-pk"), 20).get_page(
        request.GET.get("halaman")
    )
    return render(request, "sales/event_list.html", {"upcoming": upcoming, "past": past})


def event_detail(request, slug):
    event = access_public_event(slug)
    context = {
        "event": event,
        "vendors": event_vendors(event),
        "open_now": event.is_open_now(),
        "report": event_report(event) if event.status == Event.Status.FINISHED else None,
    }
    return render(request, "sales/event_detail.html", context)
