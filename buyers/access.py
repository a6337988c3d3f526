"""Fetch-and-authorise helpers: a buyer's contacts reach only their organisation's rows, a vendor's members only
the drops and faktur placed with it; anything else is a 404, alike for missing and not yours."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import BuyerOrder, Invoice, Occurrence, Organisation, OrganisationMembership, PriceTier


def organisation_of(user) -> Organisation | None:
    """Return the organisation the user is an active contact of (None when there is none)."""
    if not user.is_authenticated:
        return None
    membership = (
        OrganisationMembership.objects.filter(user=user, is_active=True).select_related("organisation__regency").first()
    )
    return membership.organisation if membership else None


def _organisation_or_404(user) -> Organisation:
    organisation = organisation_of(user)
    if organisation is None:
        raise Http404
    return organisation


def access_order(user, pk) -> BuyerOrder:
    """The buyer's own order `pk`, or Http404."""
    organisation = _organisation_or_404(user)
    return get_object_or_404(BuyerOrder.objects.with_parties().of_organisation(organisation), pk=pk)


def access_occurrence(user, pk) -> Occurrence:
    """A drop of the buyer's own organisation, or Http404."""
    organisation = _organisation_or_404(user)
    return get_object_or_404(Occurrence.objects.with_lines().of_organisation(organisation), pk=pk)


def access_invoice(user, pk) -> Invoice:
    """A faktur addressed to the buyer's organisation, or Http404."""
    organisation = _organisation_or_404(user)
    return get_object_or_404(Invoice.objects.with_parties().filter(organisation=organisation), pk=pk)


def access_vendor_occurrence(vendor, pk) -> Occurrence:
    """A drop ordered from `vendor`, or Http404."""
    return get_object_or_404(Occurrence.objects.with_lines().of_vendor(vendor), pk=pk)


def access_vendor_invoice(vendor, pk) -> Invoice:
    """A faktur `vendor` issued, or Http404."""
    return get_object_or_404(Invoice.objects.with_parties().filter(vendor=vendor), pk=pk)


def access_price_tier(vendor, pk) -> PriceTier:
    """A wholesale price of one of `vendor`'s products, or Http404."""
    return get_object_or_404(PriceTier.objects.select_related("product"), pk=pk, product__vendor=vendor)


def access_contact(user, pk) -> OrganisationMembership:
    """An active contact of the user's own organisation, or Http404."""
    organisation = _organisation_or_404(user)
    rows = OrganisationMembership.objects.select_related("user", "organisation").filter(is_active=True)
    return get_object_or_404(rows, organisation=organisation, pk=pk)
