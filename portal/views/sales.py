"""Counter sales in the owner portal (/toko/jual/): record a sale from the phone, its receipt, void it the same
day, and the day's summary. Every view: access check → form → one service call → message → redirect."""

import secrets

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.access import member_required
from portal.forms.sales import CounterSaleForm, SaleDayForm, SaleSearchForm, sale_void_form
from sales import receipts
from sales.access import access_sale
from sales.models import CounterSale
from sales.selectors import LIST_LIMIT, counter_products, running_stalls, stall_stock
from sales.services import sale_record, sale_void
from sentra.exceptions import DomainError
from sentra.forms import add_domain_error


@member_required
@require_http_methods(["GET", "POST"])
def sale_create(request):
    search = SaleSearchForm(request.GET)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    products = counter_products(request.vendor, query)[: LIST_LIMIT + 1]
    stalls = running_stalls(request.vendor)
    form = CounterSaleForm(request.POST or None, products=products[:LIST_LIMIT], stalls=stalls)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sale = sale_record(
                vendor=request.vendor,
                actor=request.user,
                items=data["items"],
                payment=data["payment"],
                token=data["token"],
                event=data["event"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Penjualan %(code)s tercatat.") % {"code": sale.code})
            return redirect(sale)
    if not form.is_bound:
        form.initial["token"] = secrets.token_urlsafe(24)
        form.initial["place"] = request.GET.get("acara", "")
    today = CounterSale.objects.for_vendor(request.vendor).on_day(timezone.localdate()).summary()
    context = {
        "vendor": request.vendor,
        "form": form,
        "search": search,
        "query": query,
        "today": today,
        "more": len(products) > LIST_LIMIT,
        "stall_stock": stall_stock(stalls),
    }
    return render(request, "portal/sale_form.html", context)


@member_required
def sale_detail(request, code):
    sale = access_sale(request.user, code, vendor=request.vendor)
    context = {
        "vendor": request.vendor,
        "sale": sale,
        "receipt_url": receipts.receipt_url(sale),
        "share_link": receipts.receipt_share_link(sale),
        "qr_svg": receipts.receipt_qr(sale),
    }
    return render(request, "portal/sale_detail.html", context)


@member_required
@require_http_methods(["GET", "POST"])
def sale_void_view(request, code):
    sale = access_sale(request.user, code, vendor=request.vendor)
    form = sale_void_form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sale_void(sale=sale, actor=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Penjualan %(code)s dibatalkan; stoknya kembali.") % {"code": sale.code})
            return redirect(sale)
    return render(request, "portal/sale_void.html", {"vendor": request.vendor, "sale": sale, "form": form})


@member_required
def sale_summary(request):
    form = SaleDayForm(request.GET or None)
    day = (form.cleaned_data.get("tanggal") if form.is_valid() else None) or timezone.localdate()
    sales = CounterSale.objects.for_vendor(request.vendor).on_day(day)
    context = {
        "vendor": request.vendor,
        "form": SaleDayForm(initial={"tanggal": day}),
        "day": day,
        "summary": sales.summary(),
        "sales": sales.prefetch_related("lines"),
    }
    return render(request, "portal/sale_summary.html", context)
