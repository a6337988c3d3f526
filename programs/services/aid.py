"""The aid register: hand an item over to a vendor, after a warning when the vendor already received aid of the
same kind in the last three years (no double-dipping)."""

import datetime

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from catalog.services.certificates import clean_scan
from sentra.exceptions import clean_or_refuse
from sentra.images import clean_photo
from sentra.money import format_rupiah
from vendors.models import Vendor

from ..models import AidRecord, Programme
from .errors import AidError, RepeatAid

CLOSED_VENDORS = {Vendor.Status.REJECTED, Vendor.Status.ARCHIVED}
GRANTING_PROGRAMMES = {Programme.Status.OPEN, Programme.Status.RUNNING, Programme.Status.FINISHED}


def aid_repeat_warning(*, vendor: Vendor, kind: str, on: datetime.date) -> list[AidRecord]:
    """Aid of `kind` the vendor received within AidRecord.REPEAT_YEARS of `on`, newest first."""
    return list(AidRecord.objects.repeats_of(vendor, kind, on).select_related("programme"))


def repeat_message(earlier: list[AidRecord]) -> str:
    """What the warning says about the earlier records (the page lists them in full)."""
    last = earlier[0]
    return _(
        "UMKM ini sudah menerima bantuan %(kind)s dalam 3 tahun terakhir: %(item)s senilai %(value)s pada %(day)s. "
        "Centang konfirmasi bila bantuan ini memang tetap diberikan."
    ) % {
        "kind": last.get_kind_display().lower(),
        "item": last.item,
        "value": format_rupiah(last.value),
        "day": date_format(last.handed_over_on, "j F Y"),
    }


def _check(vendor: Vendor, programme: Programme | None) -> None:
    if vendor.status in CLOSED_VENDORS:
        raise AidError(_("%(name)s sudah ditolak atau diarsipkan.") % {"name": vendor.name})
    if programme is not None and programme.status not in GRANTING_PROGRAMMES:
        raise AidError({"programme": [_("Bantuan hanya dicatat pada program yang dibuka, berjalan, atau selesai.")]})


@transaction.atomic
def aid_grant(
    *,
    vendor: Vendor,
    actor,
    kind: str,
    item: str,
    value: int,
    handed_over_on: datetime.date,
    funding: str,
    quantity: int = 1,
    unit: str = "unit",
    programme: Programme | None = None,
    document=None,
    photo=None,
    note: str = "",
    confirm_repeat: bool = False,
) -> AidRecord:
    """Record an aid item handed over to a vendor; raise RepeatAid (with the earlier records) unless the repeat
    of a kind received in the last three years is confirmed. The vendor row is locked while checking."""
    vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
    _check(vendor, programme)
    record = AidRecord(
        vendor=vendor,
        programme=programme,
        kind=kind,
        item=item.strip(),
        quantity=quantity,
        unit=unit.strip(),
        value=value,
        handed_over_on=handed_over_on,
        funding=funding,
        note=note.strip(),
        granted_by=actor,
    )
    clean_or_refuse(record, exclude=["document", "photo"], validate_constraints=False)
    earlier = aid_repeat_warning(vendor=vendor, kind=kind, on=handed_over_on)
    if earlier and not confirm_repeat:
        raise RepeatAid(repeat_message(earlier), earlier=earlier, code="repeat")
    record.repeat_confirmed = bool(earlier)
    if document:
        scan = clean_scan(document)
        record.document.save(scan.name, scan, save=False)
    if photo:
        picture = clean_photo(photo)
        record.photo.save(picture.name, picture, save=False)
    record.save()
    return record
