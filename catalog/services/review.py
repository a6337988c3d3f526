"""Dinas review in the catalog: verify, reject or revoke certificates, hide or unhide products; owners are emailed."""

import copy

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Certificate, Product
from catalog.validators import pirt_expiry_year
from sentra.cache import invalidate_pages
from sentra.exceptions import DomainError
from sentra.states import IllegalTransition
from vendors.models import Vendor
from vendors.services.review import notify_vendor


def _review(certificate: Certificate, to: str, *, actor, note: str, email: str = "certificate_review") -> Certificate:
    locked = Certificate.objects.select_for_update().select_related("vendor__regency").get(pk=certificate.pk)
    locked.transition(to, actor=actor, reason=note.strip())  # its save() refreshes the stored badge dates
    for field in ("status", "reviewed_by", "reviewed_at", "review_note"):
        setattr(certificate, field, getattr(locked, field))
    context = {"certificate": locked, "portal_url": f"{settings.SITE_URL}/toko/"}
    transaction.on_commit(lambda: notify_vendor(locked.vendor, email, context))
    transaction.on_commit(invalidate_pages)  # badges change on public pages
    return locked


def certificate_problems(certificate: Certificate) -> list[str]:
    """Return why a certificate cannot be verified as it stands (bad number format, already expired, a P-IRT
    number whose expiry year differs from its `valid_until`)."""
    problems: list[str] = []
    try:
        copy.copy(certificate).clean()  # clean() normalises fields; check a copy
    except ValidationError as exc:
        problems += exc.messages
    if certificate.valid_until and certificate.valid_until < timezone.localdate():
        day = f"{certificate.valid_until:%d-%m-%Y}"
        problems.append(_("Sertifikat sudah kedaluwarsa pada %(day)s.") % {"day": day})
    if certificate.pirt_year_mismatch:
        years = {"number": pirt_expiry_year(certificate.number), "date": certificate.valid_until.year}
        problems.append(
            _("Tahun kedaluwarsa pada nomor P-IRT (%(number)s) berbeda dengan tanggal berlaku (%(date)s).") % years
        )
    return problems


@transaction.atomic
def certificate_verify(*, certificate: Certificate, actor, note: str = "") -> Certificate:
    """Confirm a certificate against its scan; covered products show the badge from now on."""
    problems = certificate_problems(certificate)
    if problems:
        raise DomainError(problems)
    return _review(certificate, Certificate.Status.VERIFIED, actor=actor, note=note)


@transaction.atomic
def certificate_reject(*, certificate: Certificate, actor, note: str) -> Certificate:
    """Refuse a certificate, telling the owner what is wrong (the note is required)."""
    return _review(certificate, Certificate.Status.REJECTED, actor=actor, note=note)


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, actor, reason: str) -> Certificate:
    """Withdraw a verified certificate (the reason is required): its badges go at once and the owner is emailed."""
    return _review(certificate, Certificate.Status.REVOKED, actor=actor, note=reason, email="certificate_revoked")


def _product_decision(product: Product, to: str, *, actor, reason: str) -> Product:
    # The vendor row first, as Vendor.transition() (its products after it) and Product.transition() take them.
    list(Vendor.objects.select_for_update().filter(pk=product.vendor_id).values_list("pk"))
    locked = Product.objects.select_for_update().select_related("vendor").get(pk=product.pk)
    locked.transition(to, actor=actor, reason=reason.strip())
    product.status, product.status_note = locked.status, locked.status_note
    context = {"product": locked, "reason": reason.strip(), "portal_url": f"{settings.SITE_URL}/toko/produk/"}
    transaction.on_commit(lambda: notify_vendor(locked.vendor, "product_status", context))
    transaction.on_commit(invalidate_pages)
    return locked


@transaction.atomic
def product_hide(*, product: Product, actor, reason: str) -> Product:
    """Take a product off the catalogue at once (Dinas only); the owner cannot publish it again."""
    return _product_decision(product, Product.Status.HIDDEN, actor=actor, reason=reason)


@transaction.atomic
def product_unhide(*, product: Product, actor, reason: str = "") -> Product:
    """Lift Dinas' hiding: the product goes back to draft and its owner may publish it again."""
    if product.status != Product.Status.HIDDEN:
        raise IllegalTransition(_("Produk ini tidak sedang disembunyikan Dinas."))
    return _product_decision(product, Product.Status.DRAFT, actor=actor, reason=reason)
