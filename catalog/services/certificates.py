"""Writes of the owner portal on certificates: submit, update (back to review), scans, expiry reminders."""

import datetime
import logging
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.models import Certificate, CertificateReminder
from sentra.exceptions import DomainError, clean_or_refuse
from sentra.images import MAX_UPLOAD_BYTES, check_upload_size
from vendors.models import Vendor

from .badges import badges_refresh

logger = logging.getLogger(__name__)

REMINDER_DAYS = (60, 14)
CERTIFICATE_FIELDS = (
    "kind",
    "number",
    "holder_name",
    "competence",
    "issued_on",
    "valid_until",
    "halal_stage",
)
# File signatures: the first bytes decide the type, never the name the phone gave the file.
SCAN_SIGNATURES = (
    (b"%PDF-", "pdf", "application/pdf"),
    (b"\xff\xd8\xff", "jpg", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png", "image/png"),
)
SCAN_ERROR = gettext_lazy("Pindaian harus berupa PDF, JPG, atau PNG.")


def scan_type(head: bytes) -> tuple[str, str] | None:
    """Return (extension, content type) for a PDF/JPEG/PNG signature, else None."""
    for magic, extension, content_type in SCAN_SIGNATURES:
        if head.startswith(magic):
            return extension, content_type
    return None


def clean_scan(upload) -> ContentFile:
    """Return the scan under a random name with the extension its content proves, or raise ValidationError."""
    check_upload_size(upload, MAX_UPLOAD_BYTES)
    upload.seek(0)
    data = upload.read()
    kind = scan_type(data[:8])
    if kind is None:
        raise DomainError(SCAN_ERROR, code="scan_type")
    return ContentFile(data, name=f"{uuid.uuid4().hex}.{kind[0]}")


def _save_scan(certificate: Certificate, scan) -> None:
    cleaned = clean_scan(scan)
    certificate.scan.save(cleaned.name, cleaned, save=False)


def certificate_submit(*, vendor: Vendor, actor, scan=None, products=(), **fields) -> Certificate:
    """Submit a certificate for Dinas to verify; the scan is stored privately."""
    if vendor.status in {Vendor.Status.REJECTED, Vendor.Status.ARCHIVED}:
        raise DomainError(_("UMKM ini sudah ditutup; sertifikat tidak bisa diajukan."))
    certificate = Certificate(vendor=vendor, status=Certificate.Status.SUBMITTED, **fields)
    clean_or_refuse(certificate, exclude=["scan"])
    certificate._history_user = actor
    with transaction.atomic():
        if scan:
            _save_scan(certificate, scan)
        try:
            certificate.save()
            certificate.products.set(products)
        except Exception:
            _delete_file(certificate.scan.name)
            raise
    return certificate


def certificate_update(*, certificate: Certificate, actor, scan=None, products=None, **fields) -> Certificate:
    """Correct a certificate; a reviewed one goes back to Dinas for verification."""
    unknown = set(fields) - set(CERTIFICATE_FIELDS)
    if unknown:
        raise TypeError(f"not editable here: {sorted(unknown)}")
    for field, value in fields.items():
        setattr(certificate, field, value)
    clean_or_refuse(certificate, exclude=["scan"])
    old_scan = certificate.scan.name if scan else None
    with transaction.atomic():
        # The status as stored now: Dinas may have reviewed it since this request read it (then it goes back
        # to review below, and its stored badge with it).
        locked = Certificate.objects.select_for_update().values_list("status", flat=True)
        certificate.status = locked.get(pk=certificate.pk)
        if scan:
            _save_scan(certificate, scan)
        certificate._history_user = actor
        certificate.save()
        if products is not None:
            certificate.products.set(products)
        if certificate.status != Certificate.Status.SUBMITTED:
            certificate.transition(Certificate.Status.SUBMITTED, actor=actor)
            badges_refresh(vendor_ids=[certificate.vendor_id])
        if old_scan:
            transaction.on_commit(lambda: _delete_file(old_scan))
    return certificate


def _delete_file(name: str) -> None:
    if not name:
        return
    storage = Certificate._meta.get_field("scan").storage
    try:
        storage.delete(name)
    except OSError:
        logger.warning("could not delete scan %s", name)


def _send(subject: str, body: str, recipients: list[str]) -> None:
    """Send after commit; a mail server failure is logged (the reminder stays recorded)."""
    try:
        send_mail(subject, body, None, recipients)
    except Exception:
        logger.exception("certificate reminder email failed to=%s", recipients)


def reminder_threshold(certificate: Certificate, today: datetime.date) -> int | None:
    """Return the reminder threshold (60 or 14 days) a certificate has reached, or None."""
    if certificate.valid_until is None or certificate.valid_until < today:
        return None
    days_left = (certificate.valid_until - today).days
    reached = [days for days in REMINDER_DAYS if days_left <= days]
    return min(reached) if reached else None


def certificates_due_reminder(today: datetime.date) -> list[tuple[Certificate, int]]:
    """Return (certificate, threshold) pairs whose reminder for the current expiry date was not sent yet."""
    due = []
    candidates = Certificate.objects.expiring(max(REMINDER_DAYS), on=today).select_related("vendor")
    for certificate in candidates.prefetch_related("reminders"):
        threshold = reminder_threshold(certificate, today)
        sent = {(r.days_before, r.valid_until) for r in certificate.reminders.all()}
        if threshold and (threshold, certificate.valid_until) not in sent:
            due.append((certificate, threshold))
    return due


def certificate_send_reminder(*, certificate: Certificate, days_before: int, today: datetime.date) -> bool:
    """Email the vendor's members that a certificate expires soon, once per threshold and expiry date."""
    with transaction.atomic():
        __, created = CertificateReminder.objects.get_or_create(
            certificate=certificate, days_before=days_before, valid_until=certificate.valid_until
        )
        if not created:
            return False
        recipients = list(
            certificate.vendor.memberships.filter(is_active=True)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
        if recipients:
            context = {
                "certificate": certificate,
                "vendor": certificate.vendor,
                "days_left": (certificate.valid_until - today).days,
                "url": settings.SITE_URL.rstrip("/") + reverse("vendors:certificate-list"),
            }
            subject = _("Sertifikat %(certificate)s segera habis masa berlakunya") % {"certificate": certificate}
            body = render_to_string("emails/vendors/certificate_reminder.txt", context)
            transaction.on_commit(lambda: _send(subject, body, recipients))
    return True


def certificate_send_reminders(*, today: datetime.date | None = None, dry_run: bool = False) -> int:
    """Send every reminder that is due today; return how many were (or, with dry_run, would be) sent."""
    today = today or timezone.localdate()
    due = certificates_due_reminder(today)
    if dry_run:
        return len(due)
    return sum(certificate_send_reminder(certificate=c, days_before=d, today=today) for c, d in due)
