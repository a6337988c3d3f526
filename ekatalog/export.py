"""The xlsx of products ready for a catalogue proposal. The LKPP template changes between versions: its
columns are mapped here, in ONE list of (header, getter), under a version label. To follow a new template,
change COLUMNS and TEMPLATE_VERSION and nothing else."""

from collections.abc import Callable

from django.conf import settings
from django.utils import timezone

from sentra.spreadsheets import Sheet, xlsx_bytes

from .readiness import Readiness, big_enough_photos
from .selectors import certificates_text

TEMPLATE_VERSION = "LKPP Katalog Lokal — usulan produk v2025.1 (pemetaan Sentra 2026-12)"


def _listing(attribute: str) -> Callable[[Readiness], object]:
    return lambda s: getattr(s.listing, attribute)


def _profile(attribute: str) -> Callable[[Readiness], object]:
    return lambda s: getattr(s.product.vendor.ekatalog_profile, attribute)


def _photo(state: Readiness) -> str:
    photos = big_enough_photos(state.product)
    if not photos:
        return ""
    url = photos[0].image.url
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


def _local_content(state: Readiness) -> str:
    return state.listing.get_local_content_display()


COLUMNS: list[tuple[str, Callable[[Readiness], object]]] = [
    ("Nama Produk", lambda s: s.product.name),
    ("Merek", _listing("brand")),
    ("Kategori", lambda s: str(s.product.category)),
    ("Spesifikasi", _listing("specification")),
    ("Kemasan", _listing("packaging")),
    ("Satuan", _listing("unit")),
    ("Minimal Pemesanan", _listing("min_order")),
    ("Kapasitas per Bulan", _listing("monthly_capacity")),
    ("Harga Kabupaten/Kota (Rp)", _listing("price_regency")),
    ("Harga Provinsi (Rp)", _listing("price_province")),
    ("Masa Simpan (hari)", _listing("shelf_life_days")),
    ("Status TKDN/PDN", _local_content),
    ("Nilai TKDN (%)", lambda s: float(s.listing.tkdn_percent) if s.listing.tkdn_percent is not None else None),
    ("Nomor Sertifikat TKDN", _listing("tkdn_number")),
    ("Sertifikat Terverifikasi", certificates_text),
    ("Foto Produk (URL)", _photo),
    ("Status Usulan Dinas", lambda s: s.listing.get_status_display()),
    ("Nama Penyedia", lambda s: s.product.vendor.name),
    ("Bentuk Usaha", lambda s: s.product.vendor.get_kind_display()),
    ("NIB", lambda s: s.product.vendor.nib),
    ("NPWP", _profile("npwp")),
    ("ID Penyedia SIKaP/INAPROC", _profile("sikap_id")),
    ("Kabupaten/Kota Penyedia", lambda s: s.product.vendor.regency.name),
    ("Alamat Penyedia", lambda s: s.product.vendor.address),
    ("WhatsApp Penyedia", lambda s: s.product.vendor.whatsapp),
    ("Tautan Produk di Sentra", lambda s: settings.SITE_URL + s.product.get_absolute_url()),
]


def rows(states: list[Readiness]) -> list[list]:
    return [[get(state) for _, get in COLUMNS] for state in states]


def ready_products_xlsx(states: list[Readiness]) -> bytes:
    """The workbook: the products sheet in COLUMNS order, and a sheet naming the template version and date."""
    about = Sheet(
        "Keterangan",
        ["Kolom", "Isi"],
        [
            ["Versi templat", TEMPLATE_VERSION],
            ["Dibuat", timezone.localtime().strftime("%d/%m/%Y %H:%M")],
            ["Jumlah produk", len(states)],
        ],
    )
    products = Sheet("Usulan produk", [header for header, _ in COLUMNS], rows(states))
    return xlsx_bytes([products, about], title=TEMPLATE_VERSION)
