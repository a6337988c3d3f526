"""Reads of pembinaan that cross apps or depend on who is looking (STYLE: selectors), split by what they serve:
here the public page, the owner's portal and a vendor's history with the helpers the reports share; `reports`
the console's report rows; `rounds` the results of a pendataan round."""

import datetime
from collections.abc import Iterable

from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy

from vendors.models import Vendor

from ..models import AidRecord, DataAnswer, Participant, Programme

Period = tuple[datetime.date, datetime.date]
NO_SECTOR = gettext_lazy("Belum ada kategori")


# --- the public page and the owner's portal -------------------------------------------------------------


def public_programmes() -> dict:
    """Open programmes with who may join, and finished ones as counts only: never a participant's name."""
    finished = Programme.objects.finished().with_counts().order_by("-ends_on", "-pk")
    totals = Participant.objects.filter(programme__status=Programme.Status.FINISHED).aggregate(
        selected=Count("pk", filter=Q(status=Participant.Status.SELECTED)),
        passed=Count("pk", filter=Q(outcome=Participant.Outcome.PASSED)),
    )
    open_now = Programme.objects.open_for_applications().with_rules().with_counts()
    return {
        "open_programmes": open_now.order_by("apply_until", "starts_on", "pk"),
        "finished_programmes": finished[:20],
        "totals": totals | {"programmes": finished.count()},
    }


def programmes_open_to(vendor: Vendor) -> list[Programme]:
    """Programmes taking applications whose rules admit `vendor`, soonest closing first."""
    vendor = Vendor.objects.prefetch_related("categories").get(pk=vendor.pk)
    rows = Programme.objects.open_for_applications().with_rules().with_counts().order_by("apply_until", "starts_on")
    return [p for p in rows if p.admits(vendor)]


def vendor_history(vendor: Vendor) -> dict:
    """A vendor's pembinaan: its places in programmes (with attendance counts), aid received and answers."""
    participations = vendor.programme_participations.for_vendor_history().annotate(
        n_present=Count("attendance", filter=Q(attendance__present=True)),
        n_recorded=Count("attendance"),
        n_visits=Count("visits", distinct=True),
    )
    return {
        "participations": participations,
        "aid": AidRecord.objects.of_vendor(vendor).for_register(),
        "answers": DataAnswer.objects.filter(vendor=vendor).select_related("round").order_by("-round__opens_on"),
    }


def monitoring_plan(participant: Participant) -> list[dict]:
    """Each month of the programme's monitoring: its due date and the visits made in that month's window."""
    visits = list(participant.visits.all())
    dues = participant.programme.monitoring_due_dates()
    plan, start = [], participant.programme.ends_on
    for month, due in enumerate(dues, start=1):
        made = [v for v in visits if start < v.visited_on <= due]
        plan.append({"month": month, "due": due, "visits": made, "late": not made and due < timezone.localdate()})
        start = due
    return plan


# --- shared pieces of the reports --------------------------------------------------------------------------


def vendor_sectors(vendor_ids: Iterable[int]) -> dict[int, str]:
    """The main sector (top category) of each vendor: the one of its first category in catalogue order."""
    through = Vendor.categories.through.objects.filter(vendor_id__in=list(vendor_ids))
    rows = through.values_list(
        "vendor_id",
        Coalesce("category__parent__name", "category__name"),
        Coalesce("category__parent__position", "category__position"),
    ).order_by("vendor_id", Coalesce("category__parent__position", "category__position"), "category__position")
    sectors: dict[int, str] = {}
    for vendor_id, name, _position in rows:
        sectors.setdefault(vendor_id, name)
    return sectors
