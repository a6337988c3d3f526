"""An UMKM's application and profile: draft, edit, submit (and resubmit after a revision request), members."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from sentra.exceptions import DomainError, clean_or_refuse
from sentra.images import clean_photo
from sentra.slugs import unique_slug
from sentra.staff import DINAS_GROUP
from vendors.models import Vendor, VendorEvent, VendorMembership, default_centre_id
from vendors.signals import vendor_changed

APPLICATION_FIELDS = ("name", "kind", "story", "regency", "centre", "address", "whatsapp", "nib")
PROFILE_FIELDS = ("story", "address", "whatsapp", "accepts_qris", "opening_note", "on_holiday")
EDITABLE_APPLICATION = {Vendor.Status.DRAFT, Vendor.Status.REVISION_REQUESTED}
CLOSED = {Vendor.Status.REJECTED, Vendor.Status.ARCHIVED}


def _apply_fields(vendor: Vendor, fields: dict, allowed: tuple[str, ...]) -> list[str]:
    unknown = set(fields) - set(allowed) - {"logo", "categories"}
    if unknown:
        raise TypeError(f"not editable here: {sorted(unknown)}")
    changed = []
    for field, value in fields.items():
        if field not in ("logo", "categories"):
            setattr(vendor, field, value)
            changed.append(field)
    return changed


def _save_logo_and_categories(vendor: Vendor, logo, categories) -> None:
    if logo:
        cleaned = clean_photo(logo)
        vendor.logo.save(cleaned.name, cleaned, save=False)
        vendor.save(update_fields=["logo", "updated_at"])
    if categories is not None:
        vendor.categories.set(categories)


@transaction.atomic
def vendor_create_draft(*, actor, logo=None, categories=None, **fields) -> Vendor:
    """Start an application: a draft vendor with the actor as its owner member."""
    vendor = Vendor(
        status=Vendor.Status.DRAFT,
        slug=unique_slug(fields.get("name", ""), taken=Vendor.objects.all(), fallback="umkm", max_length=120),
    )
    _apply_fields(vendor, fields, APPLICATION_FIELDS)
    if vendor.centre_id is None:  # no choice made: the default centre
        vendor.centre_id = default_centre_id()
    vendor._history_user = actor
    vendor.save()
    VendorMembership.objects.create(vendor=vendor, user=actor, role=VendorMembership.Role.OWNER)
    _save_logo_and_categories(vendor, logo, categories)
    return vendor


@transaction.atomic
def vendor_update_profile(*, vendor: Vendor, actor, logo=None, categories=None, **fields) -> Vendor:
    """Change the profile; the identity (name, kind, region, NIB) only while the application is open to edits."""
    if vendor.status in CLOSED:
        raise DomainError(_("UMKM ini sudah ditutup; profil tidak bisa diubah."))
    if vendor.status == Vendor.Status.SUBMITTED:
        raise DomainError(_("Pengajuan sedang diperiksa Dinas; tunggu hasilnya sebelum mengubah data."))
    allowed = APPLICATION_FIELDS + PROFILE_FIELDS if vendor.status in EDITABLE_APPLICATION else PROFILE_FIELDS
    changed = _apply_fields(vendor, fields, allowed)
    vendor._history_user = actor
    vendor.save(update_fields=[*changed, "updated_at"])
    if "regency" in changed:
        vendor_changed.send(sender=Vendor, vendor_ids=[vendor.pk])  # the catalogue's copy of the region
    _save_logo_and_categories(vendor, logo, categories)
    return vendor


@transaction.atomic
def vendor_submit(*, vendor: Vendor, actor) -> VendorEvent:
    """Send a draft (or a revised application) to Dinas; the owner gets a confirmation email."""
    locked = Vendor.objects.select_for_update().get(pk=vendor.pk)
    clean_or_refuse(locked, exclude=["slug", "logo"])
    if not locked.whatsapp:
        raise DomainError({"whatsapp": _("Nomor WhatsApp wajib diisi agar pembeli dan Dinas bisa menghubungi.")})
    event = locked.transition(Vendor.Status.SUBMITTED, actor=actor)
    vendor.status, vendor.submitted_at, vendor.status_note = locked.status, locked.submitted_at, locked.status_note
    transaction.on_commit(lambda: _notify_submitted(locked, actor, resubmitted=event.from_status != "draft"))
    return event


def _notify_submitted(vendor: Vendor, actor, *, resubmitted: bool) -> None:
    """Confirm to the applicant; tell the Dinas staff a new application waits."""
    context = {
        "vendor": vendor,
        "resubmitted": resubmitted,
        "portal_url": settings.SITE_URL.rstrip("/") + reverse("vendors:dashboard"),
    }
    if actor.email:
        subject = _("Pengajuan %(name)s sudah kami terima") % {"name": vendor.name}
        send_mail(subject, render_to_string("emails/vendors/submitted.txt", context), None, [actor.email])
    staff = Group.objects.filter(name=DINAS_GROUP).values_list("user__email", flat=True)
    staff = sorted({email for email in staff if email})
    if staff:
        subject = _("Pengajuan UMKM baru: %(name)s") % {"name": vendor.name}
        send_mail(subject, render_to_string("emails/vendors/submitted_dinas.txt", context), None, staff)


@transaction.atomic
def membership_add(*, vendor: Vendor, user, actor) -> VendorMembership:
    """Let another user manage the vendor (only its owner may add members)."""
    if not VendorMembership.objects.filter(
        vendor=vendor, user=actor, role=VendorMembership.Role.OWNER, is_active=True
    ).exists():
        raise DomainError(_("Hanya pemilik yang dapat menambah anggota."))
    if VendorMembership.objects.filter(vendor=vendor, user=user, is_active=True).exists():
        raise DomainError(_("Pengguna ini sudah menjadi anggota."))
    return VendorMembership.objects.create(vendor=vendor, user=user, role=VendorMembership.Role.STAFF)


@transaction.atomic
def membership_remove(*, membership: VendorMembership, actor) -> VendorMembership:
    """Stop a staff member from managing the vendor; the owner cannot be removed."""
    if membership.role == VendorMembership.Role.OWNER:
        raise DomainError(_("Pemilik tidak dapat dihapus dari UMKM."))
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    return membership
