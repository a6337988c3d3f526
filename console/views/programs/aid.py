"""Console aid register: a vendor's pembinaan history, aid handed over with the repeat-aid warning."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from console.access import console_view, scoped
from console.program_forms import (
    AidFilterForm,
    AidForm,
    VendorSearchForm,
)
from programs import services
from programs.access import access_aid
from programs.models import AidRecord
from programs.selectors import vendor_history
from sentra.exceptions import DomainError
from sentra.forms import add_domain_error
from vendors.access import access_vendor

from .responses import page_of

# --- vendors and the aid register ----------------------------------------------------------------------------


@console_view("programs.view_aidrecord")
def vendor_search(request):
    form = VendorSearchForm(request.GET or None)
    vendors = scoped(request, form.vendors(limit=None))[:50]  # the staff member's centres only
    return render(request, "console/programs/vendor_search.html", {"form": form, "vendors": vendors})


@console_view("programs.view_aidrecord")
def vendor_history_page(request, pk: int):
    vendor = access_vendor(request.user, pk)
    context = vendor_history(vendor) | {"vendor": vendor}
    return render(request, "console/programs/vendor_history.html", context)


@console_view("programs.view_aidrecord")
def aid_list(request):
    filters = AidFilterForm(request.GET or None)
    records = filters.filter(scoped(request, AidRecord.objects.for_register(), "vendor__centre"))
    context = {
        "filters": filters,
        "page_obj": page_of(request, records),
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
