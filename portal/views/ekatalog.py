"""The owner's e-Katalog pages (/toko/e-katalog/): the readiness checklist of the vendor and its products, the
supplier legal data, and each product's listing data."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from catalog.access import access_product
from catalog.models import Certificate
from ekatalog import readiness as rules
from ekatalog.forms import ListingForm, ProfileForm
from ekatalog.models import ProductListing, SupplierProfile
from ekatalog.selectors import vendor_checklist
from ekatalog.services import listing_save, profile_save
from portal.access import member_required
from sentra.exceptions import DomainError
from sentra.forms import add_domain_error


@member_required
def ekatalog_home(request):
    vendor = request.vendor
    states = vendor_checklist(vendor)
    context = {
        "vendor": vendor,
        "vendor_gaps": rules.vendor_gaps(vendor),
        "states": states,
        "ready_count": sum(state.ready for state in states),
        "min_px": rules.MIN_PHOTO_PX,
    }
    return render(request, "portal/ekatalog.html", context)


@member_required
def ekatalog_profile(request):
    vendor = request.vendor
    profile = rules.profile_of(vendor) or SupplierProfile(vendor=vendor)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            profile_save(vendor=vendor, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Data legalitas penyedia disimpan."))
            return redirect("vendors:ekatalog")
    return render(request, "portal/ekatalog_profile.html", {"vendor": vendor, "form": form})


@member_required
def ekatalog_product(request, pk):
    product = access_product(request.user, pk, vendor=request.vendor)
    state = rules.readiness(product)  # before the form: an unsaved listing would sit in product.ekatalog
    form = ListingForm(request.POST or None, instance=state.listing or ProductListing(product=product))
    if request.method == "POST" and form.is_valid():
        try:
            listing_save(product=product, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Data e-Katalog %(name)s disimpan.") % {"name": product.name})
            return redirect("vendors:ekatalog-product", pk=product.pk)
    context = {
        "product": product,
        "form": form,
        "state": state,
        "listing": state.listing,
        "certificates": Certificate.objects.valid().filter(products=product),
        "photos": product.images.order_by("position", "pk"),
        "min_px": rules.MIN_PHOTO_PX,
        "events": state.listing.events.select_related("actor")[:20] if state.listing else [],
    }
    return render(request, "portal/ekatalog_product.html", context)
