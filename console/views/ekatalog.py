"""Console pages on e-Katalog readiness: the checklist of listed products (what each product and vendor still
lacks) with readiness by region, one product's data and audit trail, Dinas decisions (propose, accept, refuse,
withdraw) and the xlsx of the ready products."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Certificate
from console.access import centre_context, console_view, scoped
from console.decisions import decision
from ekatalog import readiness as rules
from ekatalog.export import TEMPLATE_VERSION, ready_products_xlsx
from ekatalog.models import ProductListing
from ekatalog.selectors import by_region, checklist, ready_products
from ekatalog.services import listing_decide
from vendors.models import Regency

from .programs.responses import xlsx_response
from .vendors import _decide

L = ProductListing.Status


def _decide_to(to):
    return lambda *, listing, actor, reason: listing_decide(listing=listing, to=to, actor=actor, reason=reason)


LISTING_DECISIONS = {
    d.slug: d
    for d in [
        decision(ProductListing, "usulkan", _("Usulkan"), _decide_to(L.PROPOSED), L.PROPOSED, _("%(name)s diusulkan.")),
        decision(ProductListing, "terima", _("Terima"), _decide_to(L.ACCEPTED), L.ACCEPTED, _("%(name)s diterima.")),
        decision(
            ProductListing, "tolak", _("Tolak"), _decide_to(L.REFUSED), L.REFUSED, _("%(name)s ditolak."), danger=True
        ),
        decision(
            ProductListing, "tarik", _("Tarik usulan"), _decide_to(L.DRAFT), L.DRAFT, _("Usulan %(name)s ditarik.")
        ),
    ]
}
READY_FILTER = {"1": True, "0": False}


def _listing(request, pk) -> ProductListing:
    """The listing, when its product's vendor is at one of the staff member's centres (else 404, like a missing one)."""
    return get_object_or_404(
        scoped(request, ProductListing.objects.with_everything(), "product__vendor__centre"), pk=pk
    )


@console_view("ekatalog.view_productlisting")
def ekatalog_list(request):
    status = request.GET.get("status", "")
    regency = Regency.objects.filter(code=request.GET.get("daerah", "")).first()
    ready = READY_FILTER.get(request.GET.get("siap", ""))
    scope = centre_context(request)
    states = checklist(status=status, regency=regency, ready=ready, centres=scope["centres"])
    context = scope | {
        "states": states[:300],
        "count": len(states),
        "status": status,
        "statuses": L.choices,
        "regency": regency,
        "regencies": Regency.objects.order_by("code"),
        "ready": request.GET.get("siap", ""),
        "regions": by_region(scope["centres"]),
        "template_version": TEMPLATE_VERSION,
    }
    return render(request, "console/ekatalog_list.html", context)


@console_view("ekatalog.view_productlisting")
def ekatalog_detail(request, pk: int):
    listing = _listing(request, pk)
    state = rules.readiness(listing.product)
    context = {
        "listing": listing,
        "product": listing.product,
        "state": state,
        "certificates": Certificate.objects.valid().filter(products=listing.product),
        "events": listing.events.select_related("actor"),
        "actions": [a for a in LISTING_DECISIONS.values() if listing.status in a.sources],
    }
    return render(request, "console/ekatalog_detail.html", context)


@console_view("ekatalog.decide_productlisting")
def ekatalog_decide(request, pk: int, action: str):
    listing = _listing(request, pk)
    action, form, done = _decide(request, LISTING_DECISIONS, action, listing=listing)
    if done:
        return redirect("console:ekatalog-detail", pk=listing.pk)
    context = {"listing": listing, "action": action, "form": form, "allowed": listing.status in action.sources}
    return render(request, "console/ekatalog_decide.html", context)


@console_view("ekatalog.view_productlisting")
def ekatalog_export(request):
    content = ready_products_xlsx(ready_products(centre_context(request)["centres"]))
    return xlsx_response(content, f"sentra-e-katalog-siap-{timezone.localdate():%Y%m%d}.xlsx")
