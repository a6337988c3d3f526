"""Categories, products with their photos, and the certificates that earn badges."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFit
from simple_history.models import HistoricalRecords

from sentra.exceptions import DomainError
from sentra.states import check_transition
from sentra.storage import private_storage
from vendors.models import Regency, Vendor

from .validators import normalize_pirt, pirt_expiry_year, pirt_region_code, validate_halal, validate_pirt


class CategoryQuerySet(models.QuerySet):
    def roots(self) -> "CategoryQuerySet":
        return self.filter(parent__isnull=True)


class Category(models.Model):
    """Two levels: Makanan › Keripik, Minuman › Kopi, Kain & Pakaian › Tapis…"""

    name = models.CharField(_("nama"), max_length=80)
    name_en = models.CharField(_("nama (Inggris)"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("induk"), on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    is_food = models.BooleanField(_("pangan olahan"), default=False, help_text=_("Perlu P-IRT dan halal."))
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("kategori")
        verbose_name_plural = _("kategori")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:product-list") + f"?kategori={self.slug}"

    def clean(self) -> None:
        if self.parent_id and self.parent.parent_id:
            raise ValidationError({"parent": _("Kategori hanya boleh dua tingkat.")})


class IsTrue(models.Func):
    """`(<condition>) IS TRUE`: the same rows as the bare condition (its columns are NOT NULL), in the form
    whose selectivity PostgreSQL takes from a statistics object on the expression (migration 0012)."""

    template = "(%(expressions)s) IS TRUE"
    output_field = models.BooleanField()


class ProductQuerySet(models.QuerySet):
    def of_vendor(self, vendor) -> "ProductQuerySet":
        return self.filter(vendor=vendor)

    def with_vendor(self) -> "ProductQuerySet":
        return self.select_related("vendor")

    def with_category(self) -> "ProductQuerySet":
        return self.select_related("category")

    def for_owner_list(self) -> "ProductQuerySet":
        """With category and photos, published first, then drafts, hidden and archived; by name within each."""
        order = (Product.Status.PUBLISHED, Product.Status.DRAFT, Product.Status.HIDDEN, Product.Status.ARCHIVED)
        shelf = models.Case(
            *[models.When(status=s, then=models.Value(i)) for i, s in enumerate(order)],
            default=models.Value(9),
        )
        return (
            self.select_related("category").prefetch_related("images").annotate(shelf=shelf).order_by("shelf", "name")
        )

    def for_labels(self) -> "ProductQuerySet":
        """Products that may get a shelf label (not archived), with the vendor's region printed on it."""
        return self.exclude(status=Product.Status.ARCHIVED).select_related("vendor__regency")

    def shelf_counts(self, *, low_stock: int) -> dict[str, int]:
        """How many are published, and how many published stocked ones have `low_stock` or fewer units free."""
        published = Q(status=Product.Status.PUBLISHED)
        low = published & Q(made_to_order=False, stock_on_hand__lte=F("stock_reserved") + low_stock)
        return self.aggregate(published=models.Count("pk", filter=published), low=models.Count("pk", filter=low))

    def published(self) -> "ProductQuerySet":
        """Products a shopper may see: published, of an approved vendor (the row's copy `vendor_approved`)."""
        return self.filter(status=Product.Status.PUBLISHED, vendor_approved=True)

    def in_category(self, category: Category) -> "ProductQuerySet":
        return self.filter(Q(category=category) | Q(category__parent=category))

    def in_region(self, regency) -> "ProductQuerySet":
        return self.filter(regency=regency)

    def available(self) -> "ProductQuerySet":
        """Products a shopper can reserve now: made to order, or with stock that reservations do not hold.

        "In stock" goes through IsTrue so PostgreSQL estimates it from statistics (~90 % of a real catalogue)
        instead of guessing a third: the guess made filtered lists read every match (bench/)."""
        in_stock = IsTrue(Q(stock_on_hand__gt=F("stock_reserved")))
        return self.filter(Q(made_to_order=True) | Q(in_stock))

    def with_card_data(self) -> "ProductQuerySet":
        return self.select_related("vendor", "vendor__regency", "category").prefetch_related(
            models.Prefetch("images", queryset=ProductImage.objects.order_by("position", "pk"))
        )

    def with_certificate(self, kind: str, on: datetime.date | None = None) -> "ProductQuerySet":
        """Only products that carry a valid badge of `kind` (halal, pirt, bnsp) on `on` (today in WIB)."""
        field = "vendor__bnsp_until" if kind == Certificate.Kind.BNSP else f"{kind}_until"
        return self.filter(**{f"{field}__gte": on or timezone.localdate()})


def badge_shows(until: datetime.date | None, on: datetime.date | None = None) -> bool:
    """Whether a stored badge date (halal_until, pirt_until, bnsp_until) still earns the badge on `on`."""
    return until is not None and until >= (on or timezone.localdate())


PUBLIC = Q(status="published", vendor_approved=True)


class ProductFace:
    """What a shopper sees of a product on a card or its page: link, stock left, badges. Shared by Product
    and the lighter catalog.cards.ProductCard (slug, stock_*, halal_until, pirt_until, vendor.bnsp_until)."""

    __slots__ = ()

    def get_absolute_url(self) -> str:
        return reverse("catalog:product-detail", kwargs={"slug": self.slug})

    @property
    def stock_available(self) -> int:
        return max(self.stock_on_hand - self.stock_reserved, 0)

    @property
    def has_halal(self) -> bool:
        return badge_shows(self.halal_until)

    @property
    def has_pirt(self) -> bool:
        return badge_shows(self.pirt_until)

    @property
    def has_bnsp(self) -> bool:
        return badge_shows(self.vendor.bnsp_until)


class Product(ProductFace, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        PUBLISHED = "published", _("Tayang")
        HIDDEN = "hidden", _("Disembunyikan Dinas")
        ARCHIVED = "archived", _("Diarsipkan")

    TRANSITIONS = {
        Status.DRAFT: {Status.PUBLISHED, Status.HIDDEN, Status.ARCHIVED},
        Status.PUBLISHED: {Status.DRAFT, Status.HIDDEN, Status.ARCHIVED},
        Status.HIDDEN: {Status.DRAFT, Status.PUBLISHED, Status.ARCHIVED},
        Status.ARCHIVED: {Status.DRAFT},
    }
    NEEDS_REASON = {Status.HIDDEN}

    vendor = models.ForeignKey(Vendor, verbose_name=_("UMKM"), on_delete=models.PROTECT, related_name="products")
    category = models.ForeignKey(
        Category, verbose_name=_("kategori"), on_delete=models.PROTECT, related_name="products"
    )
    name = models.CharField(_("nama produk"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    description = models.TextField(_("deskripsi"), blank=True)
    price = models.PositiveIntegerField(_("harga (Rp)"))
    sale_unit = models.CharField(_("satuan"), max_length=30, default="pcs", help_text=_("pcs, pak, 250 g, kg…"))
    stock_on_hand = models.PositiveIntegerField(_("stok"), default=0)
    stock_reserved = models.PositiveIntegerField(_("stok dipesan"), default=0, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    status_note = models.TextField(_("catatan status"), blank=True)
    made_to_order = models.BooleanField(_("dibuat sesuai pesanan"), default=False)
    lead_time_days = models.PositiveSmallIntegerField(_("lama pembuatan (hari)"), default=0)
    is_featured = models.BooleanField(_("unggulan"), default=False)
    # The catalogue's copy of the vendor's approval and region, so that lists filter 200,000 rows without
    # joining vendors (catalog.services.vendor_copy): kept by Vendor.transition(), Product.transition(), admin.
    vendor_approved = models.BooleanField(_("UMKM disetujui"), default=False, editable=False)
    regency = models.ForeignKey(
        Regency,
        verbose_name=_("asal daerah"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # The last day a verified certificate of the kind covers the product (catalog.services.badges keeps them).
    halal_until = models.DateField(_("halal berlaku sampai"), null=True, blank=True, editable=False)
    pirt_until = models.DateField(_("P-IRT berlaku sampai"), null=True, blank=True, editable=False)
    # Copies for cards and sorts, kept by their writers: visible reviews (reviews.services) and units sold
    # through every channel that records a sale (orders.services.stock: collected reservations, counter sales).
    rating_avg = models.DecimalField(_("rata-rata nilai"), max_digits=3, decimal_places=2, default=0, editable=False)
    rating_count = models.PositiveIntegerField(_("jumlah ulasan"), default=0, editable=False)
    sold_count = models.PositiveIntegerField(_("terjual"), default=0, editable=False)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    objects = ProductQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=[
            "updated_at",
            "stock_reserved",
            "halal_until",
            "pirt_until",
            "vendor_approved",
            "regency",
            "rating_avg",
            "rating_count",
            "sold_count",
        ]
    )

    class Meta:
        verbose_name = _("produk")
        verbose_name_plural = _("produk")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=0), name="product_price_non_negative"),
            models.CheckConstraint(condition=Q(stock_on_hand__gte=0), name="product_stock_non_negative"),
            models.CheckConstraint(
                condition=Q(made_to_order=True) | Q(stock_reserved__lte=F("stock_on_hand")),
                name="product_never_oversold",
            ),
            models.CheckConstraint(
                condition=Q(made_to_order=False) | Q(lead_time_days__gte=1), name="product_made_to_order_lead_time"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="product_status_created_idx"),
            models.Index(fields=["vendor", "status"], name="product_vendor_status_idx"),
            models.Index(fields=["category", "status"], name="product_category_status_idx"),
            models.Index(fields=["status", "price"], name="product_status_price_idx"),
            models.Index(fields=["status", "name"], name="product_status_name_idx"),
            # The public catalogue's orderings, over public rows only (ProductQuerySet.published()).
            models.Index(fields=["-created_at", "-id"], condition=PUBLIC, name="product_public_newest_idx"),
            models.Index(fields=["price", "id"], condition=PUBLIC, name="product_public_price_idx"),
            models.Index(fields=["name", "id"], condition=PUBLIC, name="product_public_name_idx"),
            models.Index(fields=["regency", "-created_at", "-id"], condition=PUBLIC, name="product_public_region_idx"),
            models.Index(fields=["regency", "price", "id"], condition=PUBLIC, name="product_public_regprice_idx"),
            models.Index(
                fields=["-rating_avg", "-rating_count", "-id"], condition=PUBLIC, name="product_public_rating_idx"
            ),
            models.Index(fields=["-sold_count", "-id"], condition=PUBLIC, name="product_public_sold_idx"),
        ]
        permissions = [("hide_product", _("Dapat menyembunyikan produk"))]

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.vendor.status == Vendor.Status.APPROVED

    @property
    def main_image(self) -> "ProductImage | None":
        images = self.images.all()
        return images[0] if images else None

    def transition(self, to: str, *, actor, reason: str = "") -> None:
        """Change the listing status; publishing needs an approved vendor."""
        check_transition(self.TRANSITIONS, self.status, to, reason=reason, needs_reason=self.NEEDS_REASON)
        with transaction.atomic():
            # The vendor row as it is now, locked: a suspension running at the same time either waits for this
            # save (and then clears the copy itself) or is seen here. self.vendor may have been read before it.
            status, regency_id = (
                Vendor.objects.select_for_update().values_list("status", "regency_id").get(pk=self.vendor_id)
            )
            if to == self.Status.PUBLISHED and status != Vendor.Status.APPROVED:
                raise DomainError(_("Produk hanya bisa ditayangkan setelah UMKM disetujui Dinas."))
            self.status, self.status_note = to, reason
            self.vendor_approved, self.regency_id = status == Vendor.Status.APPROVED, regency_id
            self._history_user = actor
            self.save(update_fields=["status", "status_note", "vendor_approved", "regency", "updated_at"])


class ProductImage(models.Model):
    """A product photo, re-encoded at upload; renditions are made once when the photo is saved."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("foto"), upload_to="products/%Y/%m/", width_field="width", height_field="height")
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt_text = models.CharField(_("keterangan foto"), max_length=160, blank=True)
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)

    thumb_320 = ImageSpecField(
        source="image", processors=[ResizeToFit(320, 320)], format="WEBP", options={"quality": 72}
    )
    thumb_640 = ImageSpecField(
        source="image", processors=[ResizeToFit(640, 640)], format="WEBP", options={"quality": 75}
    )
    large_1280 = ImageSpecField(
        source="image", processors=[ResizeToFit(1280, 1280)], format="WEBP", options={"quality": 80}
    )

    class Meta:
        verbose_name = _("foto produk")
        verbose_name_plural = _("foto produk")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.alt_text or self.product.name

    @property
    def file_name(self) -> str:
        return self.image.name


class CertificateQuerySet(models.QuerySet):
    def valid(self, on: datetime.date | None = None) -> "CertificateQuerySet":
        """Verified and unexpired on `on` (today in WIB by default): the ones that earn a badge."""
        on = on or timezone.localdate()
        return self.earning().filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))

    def earning(self) -> "CertificateQuerySet":
        """Verified certificates that earn a badge while unexpired (a halal application is not one yet)."""
        return self.filter(status=Certificate.Status.VERIFIED).exclude(
            kind=Certificate.Kind.HALAL,
            halal_stage__in=[Certificate.HalalStage.APPLIED, Certificate.HalalStage.IN_PROCESS],
        )

    def expiring(self, within_days: int, on: datetime.date | None = None) -> "CertificateQuerySet":
        on = on or timezone.localdate()
        return self.valid(on).filter(valid_until__lte=on + datetime.timedelta(days=within_days))

    def pending(self) -> "CertificateQuerySet":
        return self.filter(status=Certificate.Status.SUBMITTED)

    def of_vendor(self, vendor) -> "CertificateQuerySet":
        return self.filter(vendor=vendor)

    def with_vendor(self) -> "CertificateQuerySet":
        return self.select_related("vendor", "vendor__regency")

    def with_products(self) -> "CertificateQuerySet":
        return self.prefetch_related("products")

    def review_queue(self) -> "CertificateQuerySet":
        """With their vendors, oldest first: the order Dinas checks them in; certificates of a rejected vendor
        last (nothing of theirs can be sold, issue 16)."""
        rejected = models.Case(
            models.When(vendor__status=Vendor.Status.REJECTED, then=models.Value(1)), default=models.Value(0)
        )
        return self.with_vendor().order_by(rejected, "created_at", "pk")


class Certificate(models.Model):
    class Kind(models.TextChoices):
        HALAL = "halal", _("Halal")
        PIRT = "pirt", _("P-IRT")
        BNSP = "bnsp", _("BNSP")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Menunggu verifikasi")
        VERIFIED = "verified", _("Terverifikasi")
        REJECTED = "rejected", _("Ditolak")
        REVOKED = "revoked", _("Dicabut")

    class HalalStage(models.TextChoices):
        APPLIED = "applied", _("Diajukan")
        IN_PROCESS = "in_process", _("Dalam proses")
        GRANTED = "granted", _("Terbit")

    TRANSITIONS = {
        Status.SUBMITTED: {Status.VERIFIED, Status.REJECTED},
        Status.REJECTED: {Status.SUBMITTED},
        Status.VERIFIED: {Status.SUBMITTED, Status.REVOKED},
        Status.REVOKED: {Status.SUBMITTED},  # the owner corrects it and Dinas checks it again
    }
    NEEDS_REASON = {Status.REJECTED, Status.REVOKED}
    # The fields the stored badge dates are computed from (catalog.services.badges); see save().
    BADGE_FIELDS = ("vendor_id", "kind", "status", "halal_stage", "valid_until")

    vendor = models.ForeignKey(Vendor, verbose_name=_("UMKM"), on_delete=models.CASCADE, related_name="certificates")
    kind = models.CharField(_("jenis"), max_length=5, choices=Kind.choices)
    number = models.CharField(_("nomor"), max_length=40, blank=True)
    holder_name = models.CharField(_("nama pemegang (BNSP)"), max_length=120, blank=True)
    competence = models.CharField(_("skema kompetensi (BNSP)"), max_length=160, blank=True)
    issued_on = models.DateField(_("tanggal terbit"), null=True, blank=True)
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    halal_stage = models.CharField(_("tahap halal"), max_length=10, choices=HalalStage.choices, blank=True)
    scan = models.FileField(_("pindaian"), upload_to="certificates/%Y/", storage=private_storage, blank=True)
    products = models.ManyToManyField(
        Product, verbose_name=_("produk yang dicakup"), blank=True, related_name="certificates"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diperiksa oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("diperiksa pada"), null=True, blank=True)
    review_note = models.TextField(_("catatan pemeriksa"), blank=True)
    created_at = models.DateTimeField(_("diajukan pada"), auto_now_add=True)

    objects = CertificateQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[products])

    class Meta:
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(issued_on__isnull=True) | Q(valid_until__gte=F("issued_on")),
                name="certificate_valid_after_issued",
            ),
            models.CheckConstraint(
                condition=Q(kind="halal") | Q(halal_stage=""), name="certificate_stage_only_for_halal"
            ),
            models.UniqueConstraint(
                fields=["kind", "number"],
                condition=~Q(number="") & ~Q(kind="bnsp"),
                name="certificate_unique_number",
            ),
        ]
        permissions = [("verify_certificate", _("Dapat memverifikasi sertifikat"))]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number or self.get_halal_stage_display()}".strip()

    def save(self, *args, **kwargs) -> None:
        """Save, and refresh the stored badge dates in the same transaction when a field they follow changed.

        STYLE keeps business logic out of save(); this one call is the exception issue 15 asks for: a
        model-level guarantee that no path saving a certificate (a service, transition(), the admin, a history
        revert, a shell) leaves a product's or vendor's badge date stale. The m2m `products` and deletions are
        covered by receivers (catalog.apps). `Certificate.objects.filter(...).update()`, bulk_create() and
        bulk_update() call no save() and cannot be caught: call badges_refresh() after them.
        """
        from .services.badges import badges_refresh  # the service imports this module

        with transaction.atomic():
            vendor_ids = self._badge_vendors(kwargs.get("update_fields"))
            super().save(*args, **kwargs)
            if vendor_ids:
                badges_refresh(vendor_ids=vendor_ids)

    def _badge_vendors(self, update_fields) -> set[int]:
        """The vendors whose badge dates this save may change (the old one too, when the certificate moves)."""
        watched = {"vendor", *self.BADGE_FIELDS}
        if update_fields is not None and not watched & set(update_fields):
            return set()
        if self.pk is None:  # no products yet: only a verified one can change a badge (BNSP)
            return {self.vendor_id} if self.status == self.Status.VERIFIED else set()
        stored = Certificate.objects.filter(pk=self.pk).values_list(*self.BADGE_FIELDS).first()
        if stored == tuple(getattr(self, field) for field in self.BADGE_FIELDS):
            return set()
        return {self.vendor_id, *([stored[0]] if stored else [])}

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.kind == self.Kind.PIRT:
            self.number = normalize_pirt(self.number)
            try:
                validate_pirt(self.number)
            except ValidationError as exc:
                errors["number"] = exc.messages
        elif self.kind == self.Kind.HALAL:
            self.halal_stage = self.halal_stage or self.HalalStage.GRANTED
            if self.halal_stage == self.HalalStage.GRANTED and not self.number:
                errors["number"] = [_("Nomor sertifikat halal wajib diisi setelah sertifikat terbit.")]
            elif self.number:
                try:
                    validate_halal(self.number)
                except ValidationError as exc:
                    errors["number"] = exc.messages
        elif self.kind == self.Kind.BNSP:
            if not self.holder_name:
                errors["holder_name"] = [_("Nama pemegang sertifikat BNSP wajib diisi.")]
            if not self.valid_until:
                errors["valid_until"] = [_("Masa berlaku sertifikat BNSP wajib diisi (biasanya 3 tahun).")]
        if self.kind != self.Kind.HALAL:
            self.halal_stage = ""
        if self.issued_on and self.valid_until and self.valid_until < self.issued_on:
            errors["valid_until"] = [_("Tanggal berlaku sampai tidak boleh sebelum tanggal terbit.")]
        if errors:
            raise ValidationError(errors)

    @property
    def pirt_region_mismatch(self) -> bool:
        """True when a P-IRT number's region digits differ from the vendor's regency (warn, never refuse)."""
        if self.kind != self.Kind.PIRT:
            return False
        code = pirt_region_code(self.number)
        return bool(code) and code != self.vendor.regency.pirt_code

    @property
    def pirt_year_mismatch(self) -> bool:
        """True when the expiry year a P-IRT number ends with differs from the year of `valid_until`."""
        if self.kind != self.Kind.PIRT or not self.valid_until:
            return False
        year = pirt_expiry_year(self.number)
        return year is not None and year != self.valid_until.year

    def is_valid_on(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        if self.status != self.Status.VERIFIED:
            return False
        if self.kind == self.Kind.HALAL and self.halal_stage != self.HalalStage.GRANTED:
            return False
        return self.valid_until is None or self.valid_until >= day

    def transition(self, to: str, *, actor, reason: str = "") -> None:
        """Record a Dinas review (verify/reject/revoke) or a resubmission, with who, when and the note.

        Its save() refreshes the stored badge dates in the same transaction (a revoked badge goes at once)."""
        check_transition(self.TRANSITIONS, self.status, to, reason=reason, needs_reason=self.NEEDS_REASON)
        self.status = to
        if to == self.Status.SUBMITTED:
            self.reviewed_by, self.reviewed_at = None, None
        else:
            self.reviewed_by, self.reviewed_at, self.review_note = actor, timezone.now(), reason
        self._history_user = actor
        self.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])


class CertificateReminder(models.Model):
    """An expiry reminder sent to a vendor: once per certificate, threshold and expiry date (idempotent cron)."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField(_("hari sebelum habis"))
    valid_until = models.DateField(_("berlaku sampai"))
    sent_at = models.DateTimeField(_("dikirim pada"), default=timezone.now)

    class Meta:
        verbose_name = _("pengingat sertifikat")
        verbose_name_plural = _("pengingat sertifikat")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "days_before", "valid_until"], name="certificatereminder_once_per_threshold"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certificate_id} H-{self.days_before}"
