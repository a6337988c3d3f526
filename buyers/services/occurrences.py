"""What happens to one drop: the vendor confirms (stock held), proposes a change the buyer accepts or refuses,
declines, delivers (stock leaves, a faktur is issued), or either side cancels it. Plus the daily reminders."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buyers.models import Occurrence
from sentra.exceptions import DomainError

from .invoices import invoice_issue
from .notifications import notify, notify_both, organisation_emails, vendor_emails
from .stock import occurrence_hand_over, occurrence_hold, occurrence_release

S = Occurrence.Status


def _locked(occurrence: Occurrence) -> Occurrence:
    return (
        Occurrence.objects.select_for_update(of=("self",))
        .select_related("order__organisation", "order__vendor")
        .get(pk=occurrence.pk)
    )


def _tell_buyer(occurrence: Occurrence, template: str) -> None:
    notify(template, organisation_emails(occurrence.order.organisation), _context(occurrence))


def _context(occurrence: Occurrence) -> dict:
    return {"occurrence": occurrence, "order": occurrence.order, "site_url": settings.SITE_URL}


def occurrence_confirm(*, occurrence: Occurrence, actor) -> Occurrence:
    """Confirm a drop as ordered and hold its stock (the vendor), or raise OutOfStock."""
    with transaction.atomic():
        occurrence = _locked(occurrence)
        if occurrence.date < timezone.localdate():
            raise DomainError(_("Tanggal kiriman sudah lewat."))
        occurrence.transition(S.CONFIRMED, actor=actor)
        occurrence_hold(occurrence=occurrence, actor=actor)
        _tell_buyer(occurrence, "occurrence_confirmed")
    return occurrence


def occurrence_propose(*, occurrence: Occurrence, quantities: dict[int, int], reason: str, actor) -> Occurrence:
    """Propose other quantities for a drop (the vendor); the buyer must accept them before stock is held."""
    with transaction.atomic():
        occurrence = _locked(occurrence)
        lines = list(occurrence.lines.all())
        if any(not 0 <= quantities.get(line.pk, line.quantity) <= line.quantity for line in lines):
            raise DomainError(_("Jumlah usulan harus antara 0 dan jumlah pesanan."))
        if all(quantities.get(line.pk, line.quantity) == line.quantity for line in lines):
            raise DomainError(_("Usulan sama dengan pesanan; konfirmasi saja."))
        if not any(quantities.get(line.pk, line.quantity) for line in lines):
            raise DomainError(_("Usulan tanpa barang sama dengan menolak; tolak kiriman ini."))
        occurrence.transition(S.PROPOSED, actor=actor, reason=reason)
        for line in lines:
            line.proposed_quantity = quantities.get(line.pk, line.quantity)
            line.save(update_fields=["proposed_quantity"])
        _tell_buyer(occurrence, "occurrence_proposed")
    return occurrence


def occurrence_accept(*, occurrence: Occurrence, actor) -> Occurrence:
    """Accept the vendor's proposed quantities (the buyer): the drop is confirmed and its stock held."""
    with transaction.atomic():
        occurrence = _locked(occurrence)
        occurrence.transition(S.CONFIRMED, actor=actor, reason=_("Usulan disetujui pembeli"))
        for line in occurrence.lines.all():
            line.quantity = line.proposed_quantity if line.proposed_quantity is not None else line.quantity
            line.save(update_fields=["quantity"])
        occurrence_hold(occurrence=occurrence, actor=actor)
        notify("occurrence_confirmed", vendor_emails(occurrence.order.vendor), _context(occurrence))
    return occurrence


def occurrence_decline(*, occurrence: Occurrence, reason: str, actor) -> Occurrence:
    """Decline a waiting drop (the vendor), or refuse a proposal (the buyer); nothing was held."""
    with transaction.atomic():
        occurrence = _locked(occurrence)
        occurrence.transition(S.DECLINED, actor=actor, reason=reason)
        notify_both("occurrence_declined", occurrence.order, {"occurrence": occurrence, "reason": reason})
    return occurrence


def occurrence_cancel(*, occurrence: Occurrence, reason: str, actor) -> Occurrence:
    """Cancel a drop before delivery; a confirmed drop's stock goes back on the shelf."""
    with transaction.atomic():
        occurrence = _locked(occurrence)
        was_holding = occurrence.status in Occurrence.HOLDING
        occurrence.transition(S.CANCELLED, actor=actor, reason=reason)
        if was_holding:
            occurrence_release(occurrence=occurrence, actor=actor)
        notify_both("occurrence_cancelled", occurrence.order, {"occurrence": occurrence, "reason": reason})
    return occurrence


def occurrence_deliver(*, occurrence: Occurrence, actor):
    """Record a confirmed drop as delivered (the vendor): stock leaves the shelf and its faktur is issued."""
    with transaction.atomic():
        occurrence = _locked(occurrence)
        occurrence.transition(S.DELIVERED, actor=actor)
        occurrence_hand_over(occurrence=occurrence, actor=actor)
        return invoice_issue(occurrence=occurrence, actor=actor)


def occurrences_remind(*, now: datetime.datetime | None = None) -> int:
    """Email each vendor its drops of tomorrow, once per drop; return how many vendors were told."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    due = (
        Occurrence.objects.on(tomorrow)
        .filter(status__in=[S.PENDING, S.PROPOSED, S.CONFIRMED], reminded_at__isnull=True)
        .with_lines()
    )
    by_vendor: dict[int, list[Occurrence]] = {}
    for occurrence in due:
        by_vendor.setdefault(occurrence.order.vendor_id, []).append(occurrence)
    with transaction.atomic():
        for drops in by_vendor.values():
            vendor = drops[0].order.vendor
            notify(
                "tomorrow",
                vendor_emails(vendor),
                {"vendor": vendor, "drops": drops, "day": tomorrow, "site_url": settings.SITE_URL},
            )
        Occurrence.objects.filter(pk__in=[o.pk for drops in by_vendor.values() for o in drops]).update(reminded_at=now)
    return len(by_vendor)


def cutoff_passed(occurrence: Occurrence, now: datetime.datetime) -> bool:
    """A drop must be confirmed by the cut-off hour of the day before it."""
    local = timezone.localtime(now)
    cutoff_day = occurrence.date - datetime.timedelta(days=1)
    return (local.date(), local.hour) >= (cutoff_day, settings.SENTRA_B2B_CUTOFF_HOUR) or local.date() > cutoff_day


def occurrences_flag_late(*, now: datetime.datetime | None = None) -> int:
    """Flag drops still unconfirmed after the cut-off and tell both sides, once; return how many."""
    now = now or timezone.now()
    waiting = Occurrence.objects.filter(
        status__in=[S.PENDING, S.PROPOSED], late_flagged_at__isnull=True, date__gte=timezone.localdate(now)
    ).with_parties()
    late = [occurrence for occurrence in waiting if cutoff_passed(occurrence, now)]
    with transaction.atomic():
        for occurrence in late:
            notify_both("occurrence_late", occurrence.order, {"occurrence": occurrence})
        Occurrence.objects.filter(pk__in=[o.pk for o in late]).update(late_flagged_at=now)
    return len(late)
