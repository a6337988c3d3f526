"""Faktur: one per delivered drop, numbered from the vendor's series under a row lock (never repeated or skipped)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buyers.models import Invoice, InvoiceSeries, Occurrence
from sentra.exceptions import DomainError


def _next_number(vendor_id: int) -> int:
    """Take the next number of the vendor's series; the row lock queues concurrent invoicing."""
    InvoiceSeries.objects.get_or_create(vendor_id=vendor_id)
    series = InvoiceSeries.objects.select_for_update().get(vendor_id=vendor_id)
    series.last_number += 1
    series.save(update_fields=["last_number"])
    return series.last_number


def invoice_issue(*, occurrence: Occurrence, actor) -> Invoice:
    """Issue the faktur of a delivered drop with the next number of its vendor's series."""
    if occurrence.status != Occurrence.Status.DELIVERED:
        raise DomainError(_("Faktur hanya untuk kiriman yang sudah terkirim."))
    with transaction.atomic():
        today = timezone.localdate()
        return Invoice.objects.create(
            vendor_id=occurrence.order.vendor_id,
            organisation_id=occurrence.order.organisation_id,
            occurrence=occurrence,
            number=_next_number(occurrence.order.vendor_id),
            issued_on=today,
            due_on=today + datetime.timedelta(days=settings.SENTRA_B2B_PAYMENT_DAYS),
            amount=occurrence.total,
            issued_by=actor,
        )


def invoice_mark_paid(*, invoice: Invoice, paid_on: datetime.date, actor) -> Invoice:
    """Record that the buyer paid the faktur (outside Sentra) on `paid_on`."""
    if paid_on > timezone.localdate() or paid_on < invoice.issued_on:
        raise DomainError({"paid_on": [_("Tanggal bayar harus antara tanggal faktur dan hari ini.")]})
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if invoice.is_paid:
            raise DomainError(_("Faktur ini sudah tercatat lunas."))
        invoice.paid_on = paid_on
        invoice.save(update_fields=["paid_on"])
    return invoice
