"""e-Katalog readiness: the listing data a government catalogue (LKPP e-Katalog, local catalogue of the
kab/kota) needs per product, and the supplier's legal data per vendor. One-to-one with catalog.Product and
vendors.Vendor, kept here so those apps stay untouched. Dinas marks a listing proposed, accepted or refused."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Product
from sentra.states import check_transition
from vendors.models import Vendor

validate_npwp = RegexValidator(r"^\d{15,16}$", _("NPWP terdiri dari 15 atau 16 angka (tanpa titik dan tanda hubung)."))
validate_sikap = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9./-]{3,39}$", _("ID penyedia SIKaP/INAPROC: 4–40 huruf, angka, titik, garis miring.")
)


class SupplierProfile(models.Model):
    """A vendor's legal data as a government supplier: NPWP and its registered supplier profile (SIKaP/INAPROC).
    The NIB lives on the vendor itself."""

    vendor = models.OneToOneField(Vendor, on_delete=models.CASCADE, related_name="ekatalog_profile")
    npwp = models.CharField(_("NPWP"), max_length=16, blank=True, validators=[validate_npwp])
    sikap_id = models.CharField(
        _("ID penyedia SIKaP/INAPROC"),
        max_length=40,
        blank=True,
        validators=[validate_sikap],
        help_text=_("Nomor/ID profil penyedia yang terdaftar di SIKaP atau akun INAPROC."),
    )
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    class Meta:
        verbose_name = _("profil penyedia e-Katalog")
        verbose_name_plural = _("profil penyedia e-Katalog")

    def __str__(self) -> str:
        return f"{self.vendor}"


class ListingQuerySet(models.QuerySet):
    def with_everything(self) -> "ListingQuerySet":
        """With product, category, photos, vendor, region and supplier profile: what readiness reads."""
        return self.select_related(
            "product__category", "product__vendor__regency", "product__vendor__ekatalog_profile"
        ).prefetch_related("product__images")


class ProductListing(models.Model):
    """The e-Katalog data of one product, and where Dinas stands on proposing it to the local catalogue."""

    class LocalContent(models.TextChoices):
        TKDN = "tkdn", _("Bersertifikat TKDN")
        PDN = "pdn", _("Produk dalam negeri (tanpa sertifikat TKDN)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Belum diusulkan")
        PROPOSED = "proposed", _("Diusulkan")
        ACCEPTED = "accepted", _("Diterima")
        REFUSED = "refused", _("Ditolak")

    TRANSITIONS = {
        Status.DRAFT: {Status.PROPOSED, Status.REFUSED},
        Status.PROPOSED: {Status.ACCEPTED, Status.REFUSED, Status.DRAFT},
        Status.ACCEPTED: {Status.REFUSED},
        Status.REFUSED: {Status.PROPOSED},
    }
    NEEDS_REASON = {Status.REFUSED, Status.DRAFT}

    product = models.OneToOneField(Product, on_delete=models.CASCADE, related_name="ekatalog")
    brand = models.CharField(_("merek"), max_length=80, blank=True)
    specification = models.TextField(
        _("spesifikasi"), blank=True, max_length=2000, help_text=_("Bahan, berat bersih, ukuran, varian rasa/warna…")
    )
    packaging = models.CharField(
        _("kemasan"), max_length=120, blank=True, help_text=_("Misalnya: standing pouch 250 g, kardus isi 20")
    )
    unit = models.CharField(_("satuan e-Katalog"), max_length=30, blank=True, help_text=_("pak, kg, pcs, lusin…"))
    min_order = models.PositiveIntegerField(
        _("minimal pemesanan"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    monthly_capacity = models.PositiveIntegerField(
        _("kapasitas produksi per bulan"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    price_regency = models.PositiveIntegerField(
        _("harga kab/kota (Rp)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    price_province = models.PositiveIntegerField(
        _("harga provinsi (Rp)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    shelf_life_days = models.PositiveSmallIntegerField(
        _("masa simpan (hari)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(3650)]
    )
    local_content = models.CharField(_("status TKDN/PDN"), max_length=5, choices=LocalContent.choices, blank=True)
    tkdn_percent = models.DecimalField(
        _("nilai TKDN (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    tkdn_number = models.CharField(_("nomor sertifikat TKDN"), max_length=60, blank=True)
    status = models.CharField(_("status usulan"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    status_note = models.TextField(_("catatan Dinas"), blank=True)
    status_changed_at = models.DateTimeField(_("status diubah"), null=True, blank=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    objects = ListingQuerySet.as_manager()

    class Meta:
        verbose_name = _("data e-Katalog produk")
        verbose_name_plural = _("data e-Katalog produk")
        ordering = ["product__name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tkdn_percent__isnull=True) | Q(tkdn_percent__gte=0, tkdn_percent__lte=100),
                name="listing_tkdn_percent_in_range",
                violation_error_message=_("Nilai TKDN antara 0 dan 100 persen."),
            ),
            models.CheckConstraint(
                condition=Q(min_order__isnull=True)
                | Q(monthly_capacity__isnull=True)
                | Q(monthly_capacity__gte=models.F("min_order")),
                name="listing_capacity_covers_min_order",
                violation_error_message=_("Kapasitas per bulan harus paling sedikit minimal pemesanan."),
            ),
        ]
        indexes = [models.Index(fields=["status"], name="listing_status_idx")]
        permissions = [("decide_productlisting", _("Dapat mengusulkan, menerima dan menolak produk e-Katalog"))]

    def __str__(self) -> str:
        return f"e-Katalog: {self.product}"

    @property
    def name(self) -> str:
        return self.product.name

    def transition(self, to: str, *, actor, reason: str = "") -> "ListingEvent":
        """Move to status `to`, recording who, when and why (the caller holds the row lock)."""
        check_transition(self.TRANSITIONS, self.status, to, reason=reason, needs_reason=self.NEEDS_REASON)
        source = self.status
        self.status, self.status_note, self.status_changed_at = to, reason, timezone.now()
        self.save(update_fields=["status", "status_note", "status_changed_at"])
        return ListingEvent.objects.create(listing=self, from_status=source, to_status=to, actor=actor, reason=reason)


class ListingEvent(models.Model):
    """Audit row of each Dinas decision on a listing."""

    listing = models.ForeignKey(ProductListing, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("dari"), max_length=10, choices=ProductListing.Status.choices)
    to_status = models.CharField(_("menjadi"), max_length=10, choices=ProductListing.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.TextField(_("alasan"), blank=True)
    created_at = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        verbose_name = _("riwayat usulan e-Katalog")
        verbose_name_plural = _("riwayat usulan e-Katalog")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.listing_id}: {self.from_status} → {self.to_status}"
