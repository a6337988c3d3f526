"""Console pages on institutional buyers: the verification queue, one organisation with its audit trail and
decisions, and the B2B report (turnover by buyer, vendor, region and month)."""

from functools import partial

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from buyers import selectors as buyer_selectors
from buyers.models import BuyerOrder, Organisation
from buyers.services.organisations import organisation_review
from console.access import centre_context, console_view
from console.decisions import decision
from sentra.forms import PeriodForm

from .vendors import _decide

OS = Organisation.Status
BUYER_DECISIONS = {
    d.slug: d
    for d in [
        decision(
            Organisation,
            "verifikasi",
            _("Verifikasi"),
            partial(organisation_review, to=OS.VERIFIED),
            OS.VERIFIED,
            _("%(name)s terverifikasi."),
            only_from=OS.SUBMITTED,
        ),
        decision(
            Organisation,
            "minta-perbaikan",
            _("Minta perbaikan"),
            partial(organisation_review, to=OS.REVISION_REQUESTED),
            OS.REVISION_REQUESTED,
            _("Permintaan perbaikan dikirim ke %(name)s."),
        ),
        decision(
            Organisation,
            "tolak",
            _("Tolak"),
            partial(organisation_review, to=OS.REJECTED),
            OS.REJECTED,
            _("Pendaftaran %(name)s ditolak."),
            danger=True,
        ),
        decision(
            Organisation,
            "bekukan",
            _("Bekukan"),
            partial(organisation_review, to=OS.SUSPENDED),
            OS.SUSPENDED,
            _("%(name)s dibekukan."),
            danger=True,
        ),
        decision(
            Organisation,
            "pulihkan",
            _("Cabut pembekuan"),
            partial(organisation_review, to=OS.VERIFIED),
            OS.VERIFIED,
            _("Pembekuan %(name)s dicabut."),
            only_from=OS.SUSPENDED,
        ),
    ]
}
GROUPS = {"month": _("Bulan"), "buyer": _("Pembeli"), "vendor": _("UMKM"), "region": _("Daerah pembeli")}


def _organisation(pk) -> Organisation:
    return get_object_or_404(Organisation.objects.select_related("regency"), pk=pk)


@console_view("buyers.view_organisation")
def buyer_list(request):
    status = request.GET.get("status", OS.SUBMITTED)
    rows = Organisation.objects.for_review()
    if status in OS.values:
        rows = rows.filter(status=status)
    context = {"organisations": rows[:200], "status": status, "statuses": OS.choices}
    return render(request, "console/buyer_list.html", context)


@console_view("buyers.view_organisation")
def buyer_detail(request, pk: int):
    organisation = _organisation(pk)
    context = {
        "organisation": organisation,
        "members": organisation.memberships.select_related("user"),
        "events": organisation.events.select_related("actor"),
        "orders": BuyerOrder.objects.of_organisation(organisation).with_parties()[:50],
        "actions": [a for a in BUYER_DECISIONS.values() if organisation.status in a.sources],
    }
    return render(request, "console/buyer_detail.html", context)


@console_view("buyers.review_organisation")
def buyer_action(request, pk: int, action: str):
    organisation = _organisation(pk)
    action, form, done = _decide(request, BUYER_DECISIONS, action, organisation=organisation)
    if done:
        return redirect("console:buyer-detail", pk=organisation.pk)
    context = {
        "organisation": organisation,
        "action": action,
        "form": form,
        "allowed": organisation.status in action.sources,
    }
    return render(request, "console/buyer_action.html", context)


@console_view("buyers.view_organisation")
def b2b_report(request):
    period = PeriodForm(request.GET, weeks=(4, 13, 26, 52), default_weeks=13, dates=True)
    start, end = period.range()
    group = request.GET.get("per") if request.GET.get("per") in GROUPS else "month"
    scope = centre_context(request)  # the vendors' centres: a staff member sees their centres' B2B turnover
    rows = buyer_selectors.b2b_turnover(start=start, end=end, group_by=group, centres=scope["centres"])
    context = scope | {
        "period": period,
        "start": start,
        "end": end,
        "rows": rows,
        "group": group,
        "groups": GROUPS,
        "group_label": GROUPS[group],
        "total": sum(row["amount"] or 0 for row in rows),
        "vendors_with_buyers": buyer_selectors.vendors_with_institutional_buyers(scope["centres"]),
    }
    return render(request, "console/b2b_report.html", context)
