"""Demo certificates in every state: halal stages, P-IRT (one from another region), BNSP, expiring, expired, revoked."""

import datetime
import random
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone

from catalog.models import Certificate, Product
from sentra.storage import private_storage
from vendors.models import Vendor

from .data import VendorSpec
from .images import scan_picture
from .products import BNSP_SCHEMES, FOOD_CATEGORIES, PRODUCT_TYPES

PIRT_FOOD_CODES = {"keripik": 6, "kue-dodol": 9, "sambal-bumbu": 12, "olahan-ikan": 3, "kopi": 11, "minuman-herbal": 10}
SCAN_TITLES = {
    "halal": "SERTIFIKAT HALAL",
    "pirt": "SERTIFIKAT PRODUKSI PANGAN INDUSTRI RUMAH TANGGA",
    "bnsp": "SERTIFIKAT KOMPETENSI",
}


@dataclass(frozen=True)
class Plan:
    """How one certificate looks: status and stage, plus special cases (days until expiry, other region)."""

    status: str = "verified"
    stage: str = "granted"
    expires_in: int | None = None  # days from today; negative = expired
    region: str = ""  # P-IRT region digits when they differ from the vendor's regency
    note: str = ""


PIRT_PLANS = {
    "lempok-durian-mak-inah": Plan(expires_in=35),
    "keripik-balado-uni": Plan(expires_in=-20),
    "sambal-lingkung-bu-ros": Plan(status="submitted", region="1871"),
    "kemplang-bu-nining": Plan(status="rejected", note="Nomor P-IRT tidak ditemukan pada data Dinas Kesehatan."),
}
HALAL_PLANS = {
    "keripik-pisang-yuli": Plan(),
    "jahe-merah-sehati": Plan(status="submitted", stage="applied"),
    "kwt-melati-abung": Plan(stage="in_process"),
    "kopi-lanang-kedaton": Plan(status="rejected", note="Pindaian sertifikat tidak terbaca. Mohon unggah ulang."),
    "kemplang-krui-bahari": Plan(expires_in=50),
    "koperasi-nelayan-dipasena": Plan(status="submitted"),
    "kopi-cap-siger-abung": Plan(status="submitted", stage="applied"),
    "dodol-nanas-terbanggi": Plan(status="submitted", stage="in_process"),
    "sambal-lingkung-bu-ros": Plan(
        status="revoked", note="Dicabut: komposisi bahan berubah tanpa pemberitahuan kepada lembaga halal."
    ),
}
BNSP_PLANS = {
    "keripik-pisang-yuli": Plan(),
    "tapis-ratu-melinting": Plan(),
    "sulam-usus-siger-emas": Plan(expires_in=45),
    "karya-lapas-kotabumi": Plan(),
    "kopi-luwak-sumber-jaya": Plan(),
    "ukir-kayu-sai-batin": Plan(status="submitted"),
    "batik-sembagi-arum": Plan(status="rejected", note="Nama pemegang tidak sesuai dengan pemilik usaha."),
    "anyaman-karya-mandiri": Plan(expires_in=-60),
}
LAPAS_BNSP_HOLDER = "Agus Salim (instruktur kriya Lapas Kotabumi)"


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class CertificateMaker:
    def __init__(self, *, rng: random.Random, dinas) -> None:
        self.rng, self.dinas = rng, dinas
        self.today = timezone.localdate()
        self.serial = 0
        self.scans: dict[str, bytes] = {}

    def build(self, spec: VendorSpec, vendor: Vendor, products: list[Product]) -> list[Certificate]:
        """Create the vendor's certificates: P-IRT and halal for food producers, BNSP for some owners."""
        if spec.status in {"draft", "rejected"}:  # nothing filed, or refused before any review
            return []
        pending = spec.status in {"submitted", "revision_requested"}
        food = [p for p in products if p.category.slug in FOOD_CATEGORIES]
        made = []
        if food and spec.kind != Vendor.Kind.LAPAS:
            made.append(
                self._pirt(vendor, food, PIRT_PLANS.get(spec.slug, Plan(status="submitted") if pending else Plan()))
            )
            if spec.slug in HALAL_PLANS or (not pending and self.rng.random() < 0.75):
                made.append(self._halal(vendor, food, HALAL_PLANS.get(spec.slug, Plan())))
        if spec.slug in BNSP_PLANS:
            made.append(self._bnsp(spec, vendor, BNSP_PLANS[spec.slug]))
        return made

    def _validity(self, plan: Plan, years: int) -> tuple[datetime.date, datetime.date]:
        if plan.expires_in is not None:
            until = self.today + datetime.timedelta(days=plan.expires_in)
        else:
            until = add_years(self.today, years) - datetime.timedelta(days=self.rng.randint(90, 365 * (years - 1)))
        return add_years(until, -years), until

    def _pirt(self, vendor: Vendor, food: list[Product], plan: Plan) -> Certificate:
        issued, until = self._validity(plan, 5)
        self.serial += 1
        code = PIRT_FOOD_CODES[food[0].category.slug]
        region = plan.region or vendor.regency.pirt_code
        number = f"2{code:02d}{region}{100_000 + self.serial * 37:06d}-{until.year % 100:02d}"
        return self._save(vendor, plan, food, kind="pirt", number=number, issued_on=issued, valid_until=until)

    def _halal(self, vendor: Vendor, food: list[Product], plan: Plan) -> Certificate:
        """Granted certificates carry a number (expiry optional); applied / in-process ones have none yet."""
        number, issued, until = "", None, None
        if plan.stage == Certificate.HalalStage.GRANTED:
            self.serial += 1
            issued = self.today - datetime.timedelta(days=self.rng.randint(30, 900))
            number = f"ID{vendor.regency.pirt_code}{110_000 + self.serial * 13:06d}{issued:%m%y}"
            if plan.expires_in is not None:
                until = self.today + datetime.timedelta(days=plan.expires_in)
        return self._save(
            vendor, plan, food, kind="halal", number=number, issued_on=issued, valid_until=until, halal_stage=plan.stage
        )

    def _bnsp(self, spec: VendorSpec, vendor: Vendor, plan: Plan) -> Certificate:
        issued, until = self._validity(plan, 3)
        holder = LAPAS_BNSP_HOLDER if spec.kind == Vendor.Kind.LAPAS else spec.owner
        scheme = BNSP_SCHEMES[PRODUCT_TYPES[spec.types[0]].category]
        self.serial += 1
        number = f"{self.serial:05d}/{scheme.split()[0][:3].upper()}/LSP-LPG/{issued.year}"
        return self._save(
            vendor, plan, [], kind="bnsp", number=number, holder_name=holder, competence=scheme,
            issued_on=issued, valid_until=until,
        )  # fmt: skip

    def _save(self, vendor: Vendor, plan: Plan, products: list[Product], **fields) -> Certificate:
        certificate = Certificate(vendor=vendor, status=Certificate.Status.SUBMITTED, **fields)
        certificate.scan.name = self._scan(vendor, fields["kind"])
        certificate.full_clean(exclude=["scan"])
        certificate._history_user = vendor.memberships.first().user
        certificate.save()
        if products:
            certificate.products.set(products)
        if plan.status == Certificate.Status.REVOKED:  # only a verified certificate can be revoked
            certificate.transition(Certificate.Status.VERIFIED, actor=self.dinas)
        if plan.status != Certificate.Status.SUBMITTED:
            certificate.transition(plan.status, actor=self.dinas, reason=plan.note)
        submitted = timezone.now() - datetime.timedelta(days=self.rng.randint(3, 60), hours=self.rng.randint(0, 8))
        reviewed = submitted + datetime.timedelta(days=2) if certificate.reviewed_at else None
        Certificate.objects.filter(pk=certificate.pk).update(created_at=submitted, reviewed_at=reviewed)
        return certificate

    def _scan(self, vendor: Vendor, kind: str) -> str:
        """A stand-in scan in private storage, one file per certificate (replacing a scan deletes the old file)."""
        if kind not in self.scans:
            self.scans[kind] = scan_picture(SCAN_TITLES[kind], ["Nomor: (lihat data sertifikat)", "Data contoh Sentra"])
        storage = private_storage()
        name = f"demo/scans/{vendor.slug}-{kind}.png"
        if not storage.exists(name):
            name = storage.save(name, ContentFile(self.scans[kind]))
        return name
