"""The decisions the console offers on vendors and products. Each names the status it moves to and the service
that takes it; where it may be taken from and whether it needs a reason come from the model's transition table
(`TRANSITIONS`, `NEEDS_REASON`), so the console never restates them."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.models import Product
from catalog.services.review import product_hide, product_unhide
from vendors.models import Vendor
from vendors.services import review


@dataclass(frozen=True)
class Decision:
    slug: str
    label: str
    service: Callable
    target: str
    sources: frozenset
    needs_reason: bool
    done: str
    danger: bool = False


def decision(model: type[models.Model], slug, label, service, target, done, *, only_from=None, danger=False):
    """A Decision whose sources and reason rule are read from `model`'s transition table."""
    sources = frozenset(s for s, targets in model.TRANSITIONS.items() if target in targets)
    if only_from is not None:  # the same target reached from another status is another decision
        sources &= {only_from}
    return Decision(slug, label, service, target, sources, target in model.NEEDS_REASON, done, danger)


V, P = Vendor.Status, Product.Status

VENDOR_DECISIONS = {
    d.slug: d
    for d in [
        decision(
            Vendor,
            "setujui",
            _("Setujui"),
            review.vendor_approve,
            V.APPROVED,
            _("%(name)s disetujui."),
            only_from=V.SUBMITTED,
        ),
        decision(
            Vendor,
            "minta-perbaikan",
            _("Minta perbaikan"),
            review.vendor_request_revision,
            V.REVISION_REQUESTED,
            _("Permintaan perbaikan dikirim ke %(name)s."),
        ),
        decision(
            Vendor, "tolak", _("Tolak"), review.vendor_reject, V.REJECTED, _("Pengajuan %(name)s ditolak."), danger=True
        ),
        decision(
            Vendor,
            "bekukan",
            _("Bekukan"),
            review.vendor_suspend,
            V.SUSPENDED,
            _("%(name)s dibekukan; produknya tidak lagi tampil."),
            danger=True,
        ),
        decision(
            Vendor,
            "pulihkan",
            _("Cabut pembekuan"),
            review.vendor_reinstate,
            V.APPROVED,
            _("Pembekuan %(name)s dicabut."),
            only_from=V.SUSPENDED,
        ),
        decision(
            Vendor, "arsipkan", _("Arsipkan"), review.vendor_archive, V.ARCHIVED, _("%(name)s diarsipkan."), danger=True
        ),
    ]
}

PRODUCT_DECISIONS = {
    d.slug: d
    for d in [
        decision(
            Product,
            "sembunyikan",
            _("Sembunyikan produk"),
            product_hide,
            P.HIDDEN,
            _("%(name)s disembunyikan dari katalog."),
            danger=True,
        ),
        decision(
            Product,
            "tampilkan",
            _("Cabut penyembunyian"),
            product_unhide,
            P.DRAFT,
            _("%(name)s kembali menjadi draf; pemilik dapat menayangkannya lagi."),
            only_from=P.HIDDEN,
        ),
    ]
}
