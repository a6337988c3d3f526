"""Dinas review of certificates: verify (the badge shows at once) or reject with a note."""

import copy

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Certificate
from sentra.cache import invalidate_pages
from vendors.services.review import notify_vendor


def _review(certificate: Certificate, to: str, *, actor, note: str) -> Certificate:
    locked = Certificate.objects.select_for_update().select_related("vendor__regency").get(pk=certificate.pk)
    locked.transition(to, actor=actor, reason=note.strip())
    for field in ("status", "reviewed_by", "reviewed_at", "review_note"):
        setattr(certificate, field, getattr(locked, field))
    context = {"certificate": locked, "portal_url": f"{settings.SITE_URL}/toko/"}
    transaction.on_commit(lambda: notify_vendor(locked.vendor, "certificate_review", context))
    transaction.on_commit(invalidate_pages)  # badges change on public pages
    return locked


def certificate_problems(certificate: Certificate) -> list[str]:
    """Return why a certificate cannot be verified as it stands (bad number format, already expired)."""
    problems: list[str] = []
    try:
        copy.copy(certificate).clean()  # clean() normalises fields; check a copy
    except ValidationError as exc:
        problems += exc.messages
    if certificate.valid_until and certificate.valid_until < timezone.localdate():
        day = f"{certificate.valid_until:%d-%m-%Y}"
        problems.append(_("Sertifikat sudah kedaluwarsa pada %(day)s.") % {"day": day})
    return problems


@transaction.atomic
def certificate_verify(*, certificate: Certificate, actor, note: str = "") -> Certificate:
    """Confirm a certificate against its scan; covered products show the badge from now on."""
    problems = certificate_problems(certificate)
    if problems:
        raise ValidationError(problems)
    return _review(certificate, Certificate.Status.VERIFIED, actor=actor, note=note)


@transaction.atomic
def certificate_reject(*, certificate: Certificate, actor, note: str) -> Certificate:
    """Refuse a certificate, telling the owner what is wrong (the note is required)."""
    return _review(certificate, Certificate.Status.REJECTED, actor=actor, note=note)
