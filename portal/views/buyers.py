"""The vendor's side of institutional orders (/toko/mitra/): drops to confirm, adjust, decline and deliver,
delivery notes and faktur to print, payments to record, wholesale prices per product, the monthly statement."""

import datetime

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from buyers import selectors as buyer_selectors
from buyers.access import access_price_tier, access_vendor_invoice, access_vendor_occurrence
from buyers.forms import MonthForm, PaidForm, PriceTierForm, ProposalForm
from buyers.models import Occurrence, PriceTier
from buyers.services import occurrences as drops
from buyers.services.invoices import invoice_mark_paid
from buyers.services.organisations import price_tier_delete, price_tier_set
from catalog.access import access_product
from portal.access import member_required
from sentra.exceptions import DomainError
from sentra.forms import ReasonForm, add_domain_error

S = Occurrence.Status
# action slug -> (statuses it applies to, needs a reason)
ACTIONS = {
    "konfirmasi": ({S.PENDING}, False),
    "usulkan": ({S.PENDING}, True),
    "tolak": ({S.PENDING}, True),
    "terkirim": ({S.CONFIRMED}, False),
    "batalkan": ({S.CONFIRMED}, True),
}


@member_required
def b2b_list(request):
    vendor, today = request.vendor, timezone.localdate()
    upcoming = Occurrence.objects.of_vendor(vendor).with_lines().filter(date__gte=today).exclude(status=S.SKIPPED)
    context = {
        "vendor": vendor,
        "tomorrow": today + datetime.timedelta(days=1),
        "drops": upcoming[:100],
        "recent": Occurrence.objects.of_vendor(vendor).with_parties().filter(date__lt=today).order_by("-date")[:30],
    }
    return render(request, "portal/b2b_list.html", context)


@member_required
def b2b_detail(request, pk):
    occurrence = access_vendor_occurrence(request.vendor, pk)
    return render(request, "portal/b2b_detail.html", {"occurrence": occurrence, "order": occurrence.order})


@member_required
def b2b_action(request, pk, action):
    occurrence = access_vendor_occurrence(request.vendor, pk)
    if action not in ACTIONS or occurrence.status not in ACTIONS[action][0]:
        messages.error(request, _("Tindakan ini tidak tersedia untuk kiriman ini."))
        return redirect("vendors:b2b-detail", pk=occurrence.pk)
    form = _action_form(request, action, occurrence)
    if request.method == "POST" and form.is_valid():
        try:
            _run(action, occurrence, form, request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Kiriman diperbarui."))
            return redirect("vendors:b2b-detail", pk=occurrence.pk)
    context = {"form": form, "occurrence": occurrence, "order": occurrence.order, "action": action}
    return render(request, "portal/b2b_action.html", context)


def _action_form(request, action, occurrence):
    data = request.POST if request.method == "POST" else None
    if action == "usulkan":
        return ProposalForm(data, lines=occurrence.lines.all())
    return ReasonForm(data, required=ACTIONS[action][1])


def _run(action, occurrence, form, actor):
    reason = form.cleaned_data.get("reason", "")
    if action == "konfirmasi":
        drops.occurrence_confirm(occurrence=occurrence, actor=actor)
    elif action == "usulkan":
        drops.occurrence_propose(occurrence=occurrence, quantities=form.quantities(), reason=reason, actor=actor)
    elif action == "tolak":
        drops.occurrence_decline(occurrence=occurrence, reason=reason, actor=actor)
    elif action == "terkirim":
        drops.occurrence_deliver(occurrence=occurrence, actor=actor)
    else:
        drops.occurrence_cancel(occurrence=occurrence, reason=reason, actor=actor)


@member_required
def b2b_delivery_note(request, pk):
    occurrence = access_vendor_occurrence(request.vendor, pk)
    if occurrence.status not in {S.CONFIRMED, S.DELIVERED}:
        messages.error(request, _("Surat jalan tersedia setelah kiriman dikonfirmasi."))
        return redirect("vendors:b2b-detail", pk=occurrence.pk)
    back = reverse("vendors:b2b-detail", kwargs={"pk": occurrence.pk})
    context = {"occurrence": occurrence, "order": occurrence.order, "back_url": back}
    return render(request, "buyers/delivery_note.html", context)


@member_required
def b2b_invoice(request, pk):
    invoice = access_vendor_invoice(request.vendor, pk)
    occurrence = access_vendor_occurrence(request.vendor, invoice.occurrence_id)
    form = PaidForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invoice_mark_paid(invoice=invoice, paid_on=form.cleaned_data["paid_on"], actor=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Faktur dicatat lunas."))
            return redirect("vendors:b2b-invoice", pk=invoice.pk)
    back = reverse("vendors:b2b-detail", kwargs={"pk": occurrence.pk})
    context = {"invoice": invoice, "occurrence": occurrence, "form": form, "back_url": back}
    return render(request, "portal/b2b_invoice.html", context)


@member_required
def b2b_statement(request):
    month = MonthForm(request.GET).month()
    context = buyer_selectors.statement(month=month, vendor=request.vendor) | {
        "party": request.vendor,
        "month": month,
        "back_url": reverse("vendors:b2b-list"),
    }
    return render(request, "buyers/statement.html", context)


@member_required
def price_tiers(request, pk):
    product = access_product(request.user, pk, vendor=request.vendor)
    form = PriceTierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            price_tier_set(product=product, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Harga grosir disimpan."))
            return redirect("vendors:price-tiers", pk=product.pk)
    context = {"product": product, "form": form, "tiers": PriceTier.objects.filter(product=product)}
    return render(request, "portal/price_tiers.html", context)


@member_required
def price_tier_remove(request, pk):
    tier = access_price_tier(request.vendor, pk)
    if request.method == "POST":
        price_tier_delete(tier=tier, actor=request.user)
        messages.success(request, _("Harga grosir dihapus."))
    return redirect("vendors:price-tiers", pk=tier.product_id)
