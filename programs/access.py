"""Fetch-and-authorise helpers of pembinaan: each is given the user and raises Http404 alike for "missing" and
"not yours" (STYLE: access). Dinas staff reach every row; a vendor's active members reach their vendor's
applications, visits, aid and answers; `vendor=` narrows to one vendor (the portal's current vendor)."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from sentra.staff import is_dinas
from vendors.access import in_scope
from vendors.models import Vendor

from .models import AidRecord, DataAnswer, DataRound, Meeting, MonitoringVisit, Participant, Programme

OWNER_VISIBLE = (Programme.Status.OPEN, Programme.Status.RUNNING, Programme.Status.FINISHED)


def _reachable(rows: QuerySet, user, vendor: Vendor | None, path: str = "vendor") -> QuerySet:
    if not user.is_authenticated:
        return rows.none()
    if vendor is None and is_dinas(user):
        return in_scope(user, rows, f"{path}__centre")  # staff of the vendor's centre (province staff: all)
    members = rows.filter(**{f"{path}__memberships__user_id": user.pk, f"{path}__memberships__is_active": True})
    return members if vendor is None else members.filter(**{path: vendor})


def _staff_only(user) -> None:
    if not is_dinas(user):
        raise Http404


def access_programme(user, pk) -> Programme:
    """Return programme `pk` with who may join to Dinas staff, or 404."""
    _staff_only(user)
    return get_object_or_404(Programme.objects.with_rules(), pk=pk)


def access_programme_for_vendor(user, pk, *, vendor: Vendor) -> Programme:
    """Return programme `pk` to a member of `vendor` when it is open, running or finished, or when the vendor
    has a place or an application in it; else 404 (drafts and other vendors' cancelled programmes stay hidden)."""
    if not Vendor.objects.for_user(user).filter(pk=vendor.pk).exists():
        raise Http404
    programme = get_object_or_404(Programme.objects.with_rules(), pk=pk)
    if programme.status not in OWNER_VISIBLE and not programme.participants.filter(vendor=vendor).exists():
        raise Http404
    return programme


def access_participant(user, pk, *, vendor: Vendor | None = None) -> Participant:
    """Return participant `pk` with programme, vendor and certificate to a user who may reach it, else 404."""
    rows = Participant.objects.select_related("programme", "vendor__regency", "certificate")
    return get_object_or_404(_reachable(rows, user, vendor), pk=pk)


def access_meeting(user, pk) -> Meeting:
    """Return meeting `pk` with its programme to Dinas staff, or 404."""
    _staff_only(user)
    return get_object_or_404(Meeting.objects.select_related("programme"), pk=pk)


def access_visit(user, pk, *, vendor: Vendor | None = None) -> MonitoringVisit:
    """Return monitoring visit `pk` to Dinas staff or a member of the visited vendor, else 404."""
    rows = MonitoringVisit.objects.select_related("participant__vendor", "participant__programme")
    return get_object_or_404(_reachable(rows, user, vendor, "participant__vendor"), pk=pk)


def access_aid(user, pk, *, vendor: Vendor | None = None) -> AidRecord:
    """Return aid record `pk` with vendor and programme to a user who may reach it, else 404."""
    rows = AidRecord.objects.select_related("vendor__regency", "programme", "granted_by")
    return get_object_or_404(_reachable(rows, user, vendor), pk=pk)


def access_round(user, pk) -> DataRound:
    """Return pendataan round `pk` to Dinas staff, or 404."""
    _staff_only(user)
    return get_object_or_404(DataRound.objects.prefetch_related("regions"), pk=pk)


def access_round_for_vendor(user, pk, *, vendor: Vendor) -> DataRound:
    """Return round `pk` to a member of `vendor` when the round asks that vendor, else 404."""
    if not Vendor.objects.for_user(user).filter(pk=vendor.pk).exists():
        raise Http404
    return get_object_or_404(DataRound.objects.for_vendor(vendor), pk=pk)


def answer_of(user, data_round: DataRound, *, vendor: Vendor) -> DataAnswer | None:
    """The vendor's own answer in a round the user already accessed (never another vendor's)."""
    return _reachable(DataAnswer.objects.filter(round=data_round), user, vendor).first()
