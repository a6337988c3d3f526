"""Dinas review in the catalog: verify or reject certificates, hide or unhide products; owners are emailed."""

import copy

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Certificate, Product
from catalog.services.badges import badges_refresh
from sentra.cache import invalidate_pages
from sentra.exceptions import DomainError
from sentra.states import IllegalTransition
from vendors.models import Vendor
from vendors.services.review import notify_vendor


def _review(certificate: Certificate, to: str, *, actor, note: str) -> Certificate:
    locked = Certificate.objects.select_for_update().select_related("vendor__regency").get(pk=certificate.pk)
    locked.transition(to, actor=actor, reason=note.strip())
    badges_refresh(vendor_ids=[locked.vendor_id])
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
        raise DomainError(problems)
    return _review(certificate, Certificate.Status.VERIFIED, actor=actor, note=note)


@transaction.atomic
def certificate_reject(*, certificate: Certificate, actor, note: str) -> Certificate:
    """Refuse a certificate, telling the owner what is wrong (the note is required)."""
    return _review(certificate, Certificate.Status.REJECTED, actor=actor, note=note)


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
