"""Registration and Dinas review of buyer organisations, and their wholesale price tiers."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from buyers.models import Organisation, OrganisationEvent, OrganisationMembership, PriceTier
from sentra.exceptions import DomainError, clean_or_refuse


def organisation_register(
    *, actor, name: str, kind: str, address: str, regency, npwp: str = "", phone: str = ""
) -> Organisation:
    """Create an organisation awaiting Dinas verification, with `actor` as its first contact person."""
    if OrganisationMembership.objects.filter(user=actor, is_active=True).exists():
        raise DomainError(_("Akun Anda sudah terdaftar sebagai kontak sebuah organisasi."))
    organisation = Organisation(name=name, kind=kind, address=address, regency=regency, npwp=npwp, phone=phone)
    clean_or_refuse(organisation)
    with transaction.atomic():
        organisation.save()
        OrganisationMembership.objects.create(
            organisation=organisation, user=actor, role=OrganisationMembership.Role.OWNER
        )
        OrganisationEvent.objects.create(
            organisation=organisation, from_status="", to_status=organisation.status, actor=actor
        )
    return organisation


def organisation_review(*, organisation: Organisation, to: str, actor, reason: str = "") -> OrganisationEvent:
    """Verify, reject, ask to revise, suspend or reinstate an organisation (Dinas)."""
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        return organisation.transition(to, actor=actor, reason=reason)


def organisation_resubmit(*, organisation: Organisation, actor) -> OrganisationEvent:
    """Send a revised registration back to Dinas."""
    return organisation_review(organisation=organisation, to=Organisation.Status.SUBMITTED, actor=actor)


def price_tier_set(*, product, min_quantity: int, price: int, actor) -> PriceTier:
    """Set the wholesale price of `product` from `min_quantity` units on (below the shelf price)."""
    if price >= product.price:
        raise DomainError(
            {"price": [_("Harga grosir harus lebih murah dari harga satuan %(price)s.") % {"price": product.price}]}
        )
    tier = PriceTier(product=product, min_quantity=min_quantity, price=price)
    clean_or_refuse(tier, validate_unique=False, validate_constraints=False)
    tier, _created = PriceTier.objects.update_or_create(
        product=product, min_quantity=min_quantity, defaults={"price": price}
    )
    return tier


def price_tier_delete(*, tier: PriceTier, actor) -> None:
    """Remove a wholesale price."""
    tier.delete()


def organisation_contact_add(*, organisation: Organisation, email: str, actor) -> OrganisationMembership:
    """Add a second contact person (staff) by the email of an existing, verified account (the owner contact)."""
    _check_owner(organisation, actor)
    user = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if user is None or not user.emailaddress_set.filter(verified=True).exists():
        raise DomainError({"email": [_("Belum ada akun terverifikasi dengan email ini. Minta dia mendaftar dulu.")]})
    if OrganisationMembership.objects.filter(user=user, is_active=True).exists():
        raise DomainError({"email": [_("Akun ini sudah menjadi kontak sebuah organisasi.")]})
    with transaction.atomic():
        membership = OrganisationMembership.objects.create(organisation=organisation, user=user)
        _audit(organisation, actor, _("Kontak ditambahkan: %(email)s") % {"email": user.email})
    return membership


def organisation_contact_remove(*, membership: OrganisationMembership, actor) -> OrganisationMembership:
    """Deactivate a contact person (kept for the history); the owner contact stays."""
    organisation = membership.organisation
    _check_owner(organisation, actor)
    if membership.role == OrganisationMembership.Role.OWNER:
        raise DomainError(_("Penanggung jawab tidak bisa dihapus dari kontak."))
    with transaction.atomic():
        membership.is_active = False
        membership.save(update_fields=["is_active"])
        _audit(organisation, actor, _("Kontak dihapus: %(email)s") % {"email": membership.user.email})
    return membership


def _check_owner(organisation: Organisation, actor) -> None:
    owner = OrganisationMembership.Role.OWNER
    if not organisation.memberships.filter(user=actor, is_active=True, role=owner).exists():
        raise DomainError(_("Hanya penanggung jawab organisasi yang dapat mengatur kontak."))


def _audit(organisation: Organisation, actor, note: str) -> None:
    """A row in the organisation's history: the status stays, the note says what changed."""
    OrganisationEvent.objects.create(
        organisation=organisation,
        from_status=organisation.status,
        to_status=organisation.status,
        actor=actor,
        reason=note,
    )
