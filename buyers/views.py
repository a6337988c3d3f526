"""The buyer pages (/mitra/): register an organisation, see wholesale prices, place one-off and standing orders,
answer the vendor's proposals, print delivery notes and faktur, read the monthly statement."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from catalog.models import Product
from sentra.exceptions import DomainError
from sentra.forms import ReasonForm, add_domain_error
from vendors.models import Vendor

from . import selectors
from .access import access_contact, access_invoice, access_occurrence, access_order, organisation_of
from .forms import ContactForm, MonthForm, OrderForm, OrganisationForm
from .models import BuyerOrder, Occurrence
from .services import occurrences as drops
from .services import orders as order_services
from .services.organisations import (
    organisation_contact_add,
    organisation_contact_remove,
    organisation_register,
    organisation_resubmit,
)


def buyer_required(view):
    """Login required; sets `request.organisation` or sends users without one to the registration form."""

    @never_cache
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.organisation = organisation_of(request.user)
        if request.organisation is None:
            return redirect("buyers:register")
        return view(request, *args, **kwargs)

    return wrapper


@buyer_required
def dashboard(request):
    organisation = request.organisation
    context = {
        "organisation": organisation,
        "orders": BuyerOrder.objects.of_organisation(organisation).with_parties()[:50],
        "drops": Occurrence.objects.of_organisation(organisation)
        .with_parties()
        .exclude(status__in=[Occurrence.Status.SKIPPED])
        .order_by("-date", "-pk")[:30],
        "events": organisation.events.select_related("actor")[:5],
    }
    return render(request, "buyers/dashboard.html", context)


@never_cache
@login_required
def register(request):
    if organisation_of(request.user) is not None:
        return redirect("buyers:dashboard")
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation_register(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Pendaftaran terkirim. Dinas akan memverifikasi organisasi Anda."))
            return redirect("buyers:dashboard")
    return render(request, "buyers/register.html", {"form": form})


@buyer_required
def resubmit(request):
    if request.method == "POST":
        try:
            organisation_resubmit(organisation=request.organisation, actor=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Pendaftaran dikirim ulang ke Dinas."))
    return redirect("buyers:dashboard")


@buyer_required
def order_create(request):
    vendors = Vendor.objects.approved().order_by("name")
    vendor = (
        vendors.filter(pk=request.GET.get("umkm") or 0).first() if str(request.GET.get("umkm", "")).isdigit() else None
    )
    products = (
        Product.objects.of_vendor(vendor).filter(status=Product.Status.PUBLISHED).order_by("name") if vendor else []
    )
    form = OrderForm(request.POST or None, products=products)
    if request.method == "POST" and vendor and form.is_valid():
        data = form.cleaned_data
        try:
            order = order_services.order_place(
                organisation=request.organisation,
                vendor=vendor,
                actor=request.user,
                lines=[order_services.Wanted(product, quantity) for product, quantity in form.wanted()],
                kind=data["kind"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                weekdays=data["weekdays"],
                every_days=data["every_days"],
                fulfilment=data["fulfilment"],
                address=data["address"],
                note=data["note"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Pesanan terkirim ke %(vendor)s.") % {"vendor": vendor.name})
            return redirect(order)
    tiers = selectors.wholesale_prices(request.organisation, products)
    context = {
        "form": form,
        "vendors": vendors,
        "vendor": vendor,
        "rows": form.rows(tiers),
        "organisation": request.organisation,
    }
    return render(request, "buyers/order_form.html", context)


@buyer_required
def order_detail(request, pk):
    order = access_order(request.user, pk)
    context = {
        "order": order,
        "lines": order.lines.select_related("product"),
        "drops": order.occurrences.order_by("date").prefetch_related("lines")[:120],
    }
    return render(request, "buyers/order_detail.html", context)


ORDER_ACTIONS = {"lanjutkan": False, "batalkan": True}


@buyer_required
def order_action(request, pk, action):
    order = access_order(request.user, pk)
    if action not in ORDER_ACTIONS:
        raise Http404
    form = ReasonForm(request.POST or None, required=ORDER_ACTIONS[action])
    if request.method == "POST" and form.is_valid():
        try:
            if action == "lanjutkan":
                order_services.order_resume(order=order, actor=request.user)
            else:
                order_services.order_cancel(order=order, actor=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Pesanan diperbarui."))
            return redirect(order)
    return render(request, "buyers/confirm.html", {"form": form, "order": order, "action": action})


@buyer_required
def occurrence_detail(request, pk):
    occurrence = access_occurrence(request.user, pk)
    return render(request, "buyers/occurrence_detail.html", {"occurrence": occurrence, "order": occurrence.order})


OCCURRENCE_ACTIONS = {"setujui": False, "tolak": True, "batalkan": True}


@buyer_required
def occurrence_action(request, pk, action):
    occurrence = access_occurrence(request.user, pk)
    if action not in OCCURRENCE_ACTIONS:
        raise Http404
    form = ReasonForm(request.POST or None, required=OCCURRENCE_ACTIONS[action])
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            if action == "setujui":
                drops.occurrence_accept(occurrence=occurrence, actor=request.user)
            elif action == "tolak":
                drops.occurrence_decline(occurrence=occurrence, actor=request.user, reason=reason)
            else:
                drops.occurrence_cancel(occurrence=occurrence, actor=request.user, reason=reason)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Kiriman diperbarui."))
            return redirect("buyers:occurrence-detail", pk=occurrence.pk)
    context = {"form": form, "occurrence": occurrence, "order": occurrence.order, "action": action}
    return render(request, "buyers/confirm.html", context)


@buyer_required
def delivery_note(request, pk):
    occurrence = access_occurrence(request.user, pk)
    if occurrence.status not in {Occurrence.Status.CONFIRMED, Occurrence.Status.DELIVERED}:
        raise Http404
    return render(request, "buyers/delivery_note.html", {"occurrence": occurrence, "order": occurrence.order})


@buyer_required
def invoice(request, pk):
    invoice = access_invoice(request.user, pk)
    occurrence = get_object_or_404(Occurrence.objects.with_lines(), pk=invoice.occurrence_id)
    return render(request, "buyers/invoice.html", {"invoice": invoice, "occurrence": occurrence})


@buyer_required
def statement(request):
    month = MonthForm(request.GET).month()
    context = selectors.statement(month=month, organisation=request.organisation) | {
        "party": request.organisation,
        "month": month,
    }
    return render(request, "buyers/statement.html", context)


@buyer_required
def contacts(request):
    organisation = request.organisation
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation_contact_add(organisation=organisation, email=form.cleaned_data["email"], actor=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Kontak ditambahkan."))
            return redirect("buyers:contacts")
    members = organisation.memberships.filter(is_active=True).select_related("user")
    is_owner = members.filter(user=request.user, role="owner").exists()
    context = {"organisation": organisation, "form": form, "members": members, "is_owner": is_owner}
    return render(request, "buyers/contacts.html", context)


@buyer_required
def contact_remove(request, pk):
    membership = access_contact(request.user, pk)
    if request.method == "POST":
        try:
            organisation_contact_remove(membership=membership, actor=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Kontak dihapus."))
        return redirect("buyers:contacts")
    return render(request, "buyers/contact_remove.html", {"membership": membership})
