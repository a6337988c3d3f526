"""Events in the owner portal (/toko/acara/): events taking applications, applying with the products brought,
the decision and stall, taking stock to the stall and bringing it back, and the figures once it is over."""

from django.contrib import messages
from django.db.models import Count, Sum
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from catalog.models import Product
from portal.access import member_required
from portal.forms.events import EventApplyForm, StockReturnForm, StockSendForm
from sales.access import access_vendor_event
from sales.event_report import event_report
from sales.models import CounterSale, Event
from sales.services import SELLABLE
from sales.services import events as services
from sentra.exceptions import DomainError
from sentra.forms import add_domain_error


def _own_products(vendor):
    return Product.objects.filter(vendor=vendor, status__in=SELLABLE).order_by("name")


@member_required
def event_list(request):
    vendor = request.vendor
    mine = vendor.event_applications.select_related("event", "stall").order_by("-event__starts_on")
    applied = {a.event_id for a in mine}
    context = {
        "vendor": vendor,
        "open_events": [e for e in Event.objects.open_for_applications().order_by("starts_on") if e.pk not in applied],
        "applications": mine,
    }
    return render(request, "portal/events/event_list.html", context)


def _event_page(request, event, apply_form=None, send_form=None, status=200):
    vendor = request.vendor
    application = event.applications.filter(vendor=vendor).select_related("stall").first()
    context = {"vendor": vendor, "event": event, "application": application}
    if application is None:
        can_apply = event.status == Event.Status.OPEN and vendor.is_public
        context["can_apply"] = can_apply
        context["apply_form"] = apply_form or EventApplyForm(products=_own_products(vendor))
    elif application.status == application.Status.ACCEPTED:
        stock = list(application.stock.select_related("product"))
        context["stock"] = stock
        context["can_send"] = event.status in Event.SEND_STATUSES
        context["can_return"] = event.status in Event.RETURN_STATUSES and any(r.on_stall for r in stock)
        if context["can_send"]:
            brought = application.products.filter(status__in=SELLABLE, made_to_order=False).order_by("name")
            context["send_form"] = send_form or StockSendForm(products=brought)
        own = CounterSale.objects.filter(event=event, vendor=vendor).counted()
        context["own"] = own.aggregate(total=Sum("total", default=0), count=Count("pk"))
    if event.status == Event.Status.FINISHED:
        context["report"] = event_report(event)
    return render(request, "portal/events/event_detail.html", context, status=status)


@member_required
def event_detail(request, slug):
    return _event_page(request, access_vendor_event(slug, vendor=request.vendor))


@member_required
@require_POST
def event_apply(request, slug):
    event = access_vendor_event(slug, vendor=request.vendor)
    form = EventApplyForm(request.POST, products=_own_products(request.vendor))
    if form.is_valid():
        try:
            services.application_submit(event=event, vendor=request.vendor, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Pendaftaran terkirim. Dinas akan memutuskan dan memberi lapak."))
            return redirect("vendors:event-detail", slug=event.slug)
    return _event_page(request, event, apply_form=form, status=400)


def _accepted(event, vendor):
    return event.applications.accepted().filter(vendor=vendor).first()


@member_required
@require_POST
def event_stock_send(request, slug):
    event = access_vendor_event(slug, vendor=request.vendor)
    application = _accepted(event, request.vendor)
    brought = application.products.filter(status__in=SELLABLE, made_to_order=False) if application else []
    form = StockSendForm(request.POST, products=brought)
    if application is None:
        form.add_error(None, _("Hanya UMKM yang diterima di acara ini yang dapat membawa stok."))
    elif form.is_valid():
        try:
            services.event_stock_send(application=application, actor=request.user, items=form.items())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Stok tercatat dibawa ke lapak."))
            return redirect("vendors:event-detail", slug=event.slug)
    return _event_page(request, event, send_form=form, status=400)


@member_required
@require_http_methods(["GET", "POST"])
def event_stock_return(request, slug):
    event = access_vendor_event(slug, vendor=request.vendor)
    application = _accepted(event, request.vendor)
    rows = application.stock.filter(on_stall__gt=0).select_related("product") if application else []
    form = StockReturnForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid() and application is not None:
        try:
            reason, returned = form.cleaned_data["reason"], form.returned()
            totals = services.event_stock_return(
                application=application, actor=request.user, returned=returned, reason=reason
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("%(back)d barang kembali ke toko, %(missing)d tercatat hilang/rusak.") % totals)
            return redirect("vendors:event-detail", slug=event.slug)
    context = {"vendor": request.vendor, "event": event, "form": form, "application": application}
    return render(request, "portal/events/event_return.html", context, status=400 if form.errors else 200)
