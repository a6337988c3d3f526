"""The demo centre, its units, the demo accounts and the ~40 UMKM of `seed_demo` (fixed, realistic data)."""

import datetime
from dataclasses import dataclass, field

DEMO_PASSWORD = "sentra-demo"  # noqa: S105 - public password of the demo accounts, printed by seed_demo

CENTRE = {
    "slug": "kotabumi",
    "name": "Sentra Oleh-oleh Kotabumi",
    "town": "Kotabumi",
    "is_default": True,
    "address": (
        "Jl. Jenderal Sudirman, depan Kantor TP-PKK Kabupaten Lampung Utara, "
        "Kotabumi, Kabupaten Lampung Utara, Lampung 34511"
    ),
    "map_url": "https://www.google.com/maps/search/?api=1&query=Kantor+TP-PKK+Kabupaten+Lampung+Utara+Kotabumi",
    "regency": "18.03",
    "phone": "+62724 21001",
}

# The provincial centre in Bandar Lampung (seed article 003): UMKM of all 15 kabupaten/kota, longer hours.
PROVINCE_CENTRE_SLUG = "provinsi-lampung"
PROVINCE_CENTRE = {
    "slug": PROVINCE_CENTRE_SLUG,
    "name": "Sentra UMKM Provinsi Lampung",
    "town": "Bandar Lampung",
    "is_default": False,
    "address": "Jl. Wolter Monginsidi No. 69, Teluk Betung Utara, Kota Bandar Lampung, Lampung 35214",
    "map_url": "https://www.google.com/maps/search/?api=1&query=Jl.+Wolter+Monginsidi+Teluk+Betung+Bandar+Lampung",
    "regency": "18.71",
    "phone": "+62721 481234",
}
PROVINCE_OPENING_HOURS = {day: (datetime.time(9), datetime.time(20)) for day in range(7)}
# code, capacity, reserved kind, notes (block P: the ground floor, Q: the first floor)
PROVINCE_UNITS = [
    ("P-01", 2, "", "Dekat pintu masuk"),
    ("P-02", 1, "", ""),
    ("P-03", 1, "", ""),
    ("P-04", 2, "koperasi", "Gerai koperasi kabupaten/kota"),
    ("Q-01", 1, "", "Lantai 1"),
    ("Q-02", 2, "", "Lantai 1"),
]
PROVINCE_BLOCKS = {"P": "Lantai dasar", "Q": "Lantai 1"}

# weekday (0 = Monday) -> (opens, closes)
OPENING_HOURS = {day: (datetime.time(8), datetime.time(17)) for day in range(6)} | {
    6: (datetime.time(9), datetime.time(15))
}

# Fixed-date national holidays (month, day, name); the seed closes the next three that fall after today.
FIXED_HOLIDAYS = [
    (1, 1, "Tahun Baru Masehi"),
    (5, 1, "Hari Buruh Internasional"),
    (6, 1, "Hari Lahir Pancasila"),
    (8, 17, "Hari Kemerdekaan RI"),
    (12, 25, "Hari Raya Natal"),
]

BLOCKS = {"A": "Blok A (depan)", "B": "Blok B (tengah)", "C": "Blok C (belakang)"}  # max 30 characters

# (code, capacity, reserved_kind, notes); block letter = grid row, number = grid column.
UNITS = [
    ("A-01", 2, "", "Unit sudut dekat pintu masuk."),
    ("A-02", 1, "", ""),
    ("A-03", 1, "", ""),
    ("A-04", 2, "", ""),
    ("A-05", 1, "", ""),
    ("A-06", 1, "", ""),
    ("A-07", 3, "", "Unit besar, dibagi tiga lapak."),
    ("A-08", 1, "", ""),
    ("B-01", 2, "koperasi", "Dicadangkan untuk koperasi."),
    ("B-02", 2, "", ""),
    ("B-03", 1, "", ""),
    ("B-04", 1, "", ""),
    ("B-05", 2, "", ""),
    ("B-06", 1, "", ""),
    ("B-07", 1, "", ""),
    ("B-08", 1, "", "Dekat mushola."),
    ("C-01", 2, "", ""),
    ("C-02", 1, "", ""),
    ("C-03", 1, "", ""),
    ("C-04", 3, "", "Lapak bersama kelompok perajin."),
    ("C-05", 1, "", ""),
    ("C-06", 1, "", ""),
    ("C-07", 1, "", ""),
    ("C-08", 1, "lapas", "Khusus karya warga binaan Lapas Kotabumi."),
]

# Main seat in one town per region, for addresses.
TOWNS = {
    "18.01": "Kalianda",
    "18.02": "Gunung Sugih",
    "18.03": "Kotabumi",
    "18.04": "Liwa",
    "18.05": "Menggala",
    "18.06": "Kota Agung",
    "18.07": "Sukadana",
    "18.08": "Blambangan Umpu",
    "18.09": "Gedong Tataan",
    "18.10": "Pringsewu",
    "18.11": "Mesuji",
    "18.12": "Panaragan",
    "18.13": "Krui",
    "18.71": "Tanjung Karang",
    "18.72": "Metro Pusat",
}
STREETS = ["Jl. Merdeka", "Jl. Raya Lintas Sumatera", "Jl. Soekarno-Hatta", "Jl. Pahlawan", "Jl. Kartini", "Jl. Pemuda"]


@dataclass(frozen=True)
class Account:
    email: str
    first_name: str
    last_name: str
    role: str  # superuser, dinas, provinsi, dinas_bdl, umkm, calon, shopper, hotel (institutional buyer)
    description: str = ""

    @property
    def username(self) -> str:
        return self.email.split("@")[0]


ACCOUNTS = [
    Account("admin@sentra.test", "Admin", "Sentra", "superuser", "superuser (/admin/)"),
    Account("dinas@sentra.test", "Rahmat", "Hidayat", "dinas", "staf Dinas, Sentra Kotabumi (/dinas/)"),
    Account("provinsi@sentra.test", "Nurhayati", "Siregar", "provinsi", "staf Dinas provinsi: semua sentra (/dinas/)"),
    Account("dinas.bdl@sentra.test", "Andi", "Firmansyah", "dinas_bdl", "staf Dinas, Sentra UMKM Provinsi (/dinas/)"),
    Account("umkm@sentra.test", "Yuliana", "Safitri", "umkm", "pemilik UMKM disetujui (/toko/)"),
    Account("calon@sentra.test", "Fajar", "Nugroho", "calon", "pemilik UMKM yang masih diajukan"),
    Account("pembeli@sentra.test", "Sari", "Wulandari", "shopper", "pembeli dengan reservasi"),
    Account("hotel@sentra.test", "Hendra", "Gunawan", "hotel", "kontak hotel mitra terverifikasi (/mitra/)"),
]
EXTRA_SHOPPERS = [
    Account("rina.kartika@sentra.test", "Rina", "Kartika", "shopper"),
    Account("budi.santoso@sentra.test", "Budi", "Santoso", "shopper"),
    Account("dewi.lestari@sentra.test", "Dewi", "Lestari", "shopper"),
    Account("agus.pratama@sentra.test", "Agus", "Pratama", "shopper"),
    Account("siti.rahmawati@sentra.test", "Siti", "Rahmawati", "shopper"),
    Account("made.wirawan@sentra.test", "Made", "Wirawan", "shopper"),
]

# Staff members besides the owner (a vendor may have several users).
VENDOR_STAFF = {"keripik-pisang-yuli": Account("dimas.staf@umkm.sentra.test", "Dimas", "Saputra", "staff")}
# A staff member who handled reservations and stock, then left: their account is deleted at the end of the
# seed, so their ledger rows and reservation steps keep no actor (SET_NULL), as after real use.
FORMER_STAFF = Account("rudi.staf@umkm.sentra.test", "Rudi", "Hartono", "staff")


@dataclass(frozen=True)
class VendorSpec:
    slug: str
    name: str
    kind: str
    regency: str
    status: str
    types: tuple[str, ...]
    owner: str  # full name of the owner (also the BNSP holder)
    qris: bool = True
    reason: str = ""  # Dinas note for rejected / revision_requested / suspended / archived
    account: str = ""  # email of a demo account that owns this vendor
    unit: str = ""  # preferred unit code
    wants_unit: bool = True
    extra: dict = field(default_factory=dict)
    centre: str = ""  # slug of the centre it sells at ("": Kotabumi)


UMKM_VENDOR_SLUG = "keripik-pisang-yuli"
LAPAS_NAME = "Karya warga binaan Lapas Kotabumi"


def _v(slug, name, kind, regency, status, types, owner, **kw) -> VendorSpec:
    return VendorSpec(slug, name, kind, regency, status, tuple(types.split()), owner, **kw)


VENDORS = [
    # --- approved (the majority) ---
    _v(UMKM_VENDOR_SLUG, "Keripik Pisang Yuli", "umkm", "18.03", "approved",
       "keripik-pisang-coklat keripik-pisang-keju keripik-pisang-manis pisang-sale", "Yuliana Safitri",
       account="umkm@sentra.test", unit="A-01"),
    _v("lempok-durian-mak-inah", "Lempok Durian Mak Inah", "umkm", "18.03", "approved",
       "lempok-durian dodol-nanas", "Inah Marlina", qris=False),
    _v("koperasi-kopi-way-tenong", "Koperasi Produsen Kopi Way Tenong", "koperasi", "18.04", "approved",
       "kopi-robusta-bubuk kopi-robusta-biji kopi-lanang", "Hendra Saputra"),
    _v("kopi-luwak-sumber-jaya", "Kopi Luwak Sumber Jaya", "umkm", "18.04", "approved",
       "kopi-luwak kopi-robusta-biji", "Suparman Wijaya"),
    _v("kemplang-krui-bahari", "Kemplang Panggang Krui Bahari", "umkm", "18.13", "approved",
       "kemplang-panggang kemplang-goreng abon-ikan", "Darwis Effendi"),
    _v("tapis-ratu-melinting", "Kelompok Tenun Tapis Ratu Melinting", "kelompok", "18.07", "approved",
       "kain-tapis selendang-tapis tas-tapis hiasan-dinding-tapis", "Ratna Juwita", unit="A-07"),
    _v("sulam-usus-siger-emas", "Sulam Usus Siger Emas", "umkm", "18.71", "approved",
       "kebaya-sulam-usus selendang-sulam-usus bros-sulam-usus", "Dewi Anggraini"),
    _v("karya-lapas-kotabumi", LAPAS_NAME, "lapas", "18.03", "approved",
       "miniatur-siger hiasan-kapal-ukir bakul-anyaman-bambu gantungan-kunci-siger kap-lampu-bambu",
       "Bambang Sutrisno", qris=False, unit="C-08"),
    _v("kwt-melati-abung", "KWT Melati Abung", "kelompok", "18.03", "approved",
       "keripik-singkong-balado keripik-tempe gula-aren", "Sulastri Ningsih"),
    _v("sambal-lingkung-bu-ros", "Sambal Lingkung Bu Ros", "umkm", "18.03", "approved",
       "sambal-lingkung sambal-seruit abon-ikan", "Rosmawati Harahap"),
    _v("madu-hutan-lestari", "Kelompok Tani Hutan Lebah Lestari", "kelompok", "18.08", "approved",
       "madu-hutan madu-klanceng", "Joko Susilo"),
    _v("lada-hitam-tanggamus", "Lada Hitam Tanggamus Jaya", "umkm", "18.06", "approved",
       "lada-hitam kopi-robusta-bubuk", "Ahmad Fauzi"),
    _v("batik-sembagi-arum", "Batik Lampung Sembagi Arum", "umkm", "18.71", "approved",
       "kain-batik-lampung kemeja-batik-lampung", "Citra Permatasari"),
    _v("anyaman-karya-mandiri", "Anyaman Bambu Karya Mandiri", "kelompok", "18.10", "approved",
       "bakul-anyaman-bambu tampah-bambu kap-lampu-bambu vas-bambu", "Slamet Riyadi", qris=False, unit="C-04"),
    _v("koperasi-nelayan-dipasena", "Koperasi Nelayan Bumi Dipasena", "koperasi", "18.05", "approved",
       "kerupuk-udang kemplang-goreng", "Wayan Sudarma"),
    _v("dodol-nanas-terbanggi", "Dodol Nanas Terbanggi", "umkm", "18.02", "approved",
       "dodol-nanas keripik-nangka", "Nurhayati Lubis"),
    _v("keripik-nangka-metro-rasa", "Keripik Nangka Metro Rasa", "umkm", "18.72", "approved",
       "keripik-nangka keripik-tempe", "Eko Prasetyo"),
    _v("kopi-lanang-kedaton", "Kopi Lanang Kedaton", "umkm", "18.71", "approved",
       "kopi-lanang kopi-robusta-biji", "Rizky Ramadhan"),
    _v("ukir-kayu-sai-batin", "Ukir Kayu Sai Batin", "umkm", "18.13", "approved",
       "hiasan-kapal-ukir miniatur-rumah-adat miniatur-siger", "Irwan Syahputra", qris=False),
    _v("jahe-merah-sehati", "Jahe Merah Sehati", "umkm", "18.09", "approved",
       "jahe-merah-instan temulawak-instan", "Lestari Handayani"),
    _v("koperasi-wanita-tapis-mulya", "Koperasi Wanita Tapis Mulya", "koperasi", "18.12", "approved",
       "tas-tapis selendang-tapis bros-siger", "Maria Ulfa"),
    _v("pandan-mesuji-indah", "Kelompok Perajin Pandan Mesuji Indah", "kelompok", "18.11", "approved",
       "tas-anyaman-pandan tudung-saji keranjang-rotan", "Sumiati Rahayu"),
    _v("pisang-sale-ibu-sum", "Pisang Sale Ibu Sum", "umkm", "18.01", "approved",
       "pisang-sale keripik-pisang-manis", "Sumarni Dewi"),
    _v("engkak-ketan-bunda-laila", "Engkak Ketan Bunda Laila", "umkm", "18.01", "approved",
       "engkak-ketan lempok-durian", "Laila Fitriani"),
    _v("perabot-kayu-pringsewu", "Perabot Kayu Pringsewu", "umkm", "18.10", "approved",
       "sendok-kayu talenan-kayu", "Teguh Santoso", wants_unit=False),
    _v("aksesori-siger-kotabumi", "Aksesori Siger Kotabumi", "umkm", "18.03", "approved",
       "gantungan-kunci-siger bros-siger gelang-manik", "Putri Maharani", wants_unit=False),
    # --- in the application pipeline ---
    _v("kopi-cap-siger-abung", "Kopi Bubuk Cap Siger Abung", "umkm", "18.03", "submitted",
       "kopi-robusta-bubuk", "Fajar Nugroho", account="calon@sentra.test"),
    _v("gula-semut-sekincau", "Kelompok Gula Semut Aren Sekincau", "kelompok", "18.04", "submitted",
       "gula-semut gula-aren", "Wahyu Hidayat"),
    _v("kemplang-bu-nining", "Kemplang Bu Nining Kalianda", "umkm", "18.01", "submitted",
       "kemplang-panggang", "Nining Kurniasih"),
    _v("jahe-instan-putri", "Jahe Instan Putri", "umkm", "18.72", "revision_requested",
       "jahe-merah-instan", "Putri Ayu Lestari",
       reason="Foto produk kurang jelas dan NIB belum sesuai dengan nama usaha. Mohon unggah ulang."),
    _v("keripik-singkong-tubaba", "Keripik Singkong Tubaba", "umkm", "18.12", "revision_requested",
       "keripik-singkong-balado", "Andi Kurniawan",
       reason="Lengkapi alamat produksi dan lampirkan izin P-IRT."),
    _v("ksu-tani-makmur", "KSU Tani Makmur Terbanggi", "koperasi", "18.02", "draft",
       "dodol-nanas", "Samsul Bahri"),
    _v("batik-tulis-ruwa-jurai", "Batik Tulis Ruwa Jurai", "umkm", "18.09", "draft",
       "kain-batik-lampung", "Anisa Rahmawati"),
    _v("rotan-menggala", "Kelompok Perajin Rotan Menggala", "kelompok", "18.05", "draft",
       "keranjang-rotan", "Yusuf Maulana"),
    _v("toko-serba-ada-murah", "Toko Serba Ada Murah", "umkm", "18.71", "rejected",
       "gelang-manik", "Hartono Wijaya",
       reason="Produk yang dijual barang pabrikan dari luar daerah, bukan produk UMKM Lampung."),
    _v("madu-super-asli", "Madu Super Asli 100%", "umkm", "18.11", "rejected",
       "madu-hutan", "Rudi Hermawan",
       reason="Label memuat klaim khasiat yang tidak dapat dibuktikan dan belum ada izin edar."),
    _v("keripik-balado-uni", "Keripik Balado Uni", "umkm", "18.06", "suspended",
       "keripik-singkong-balado keripik-pisang-manis", "Yeni Marlina",
       reason="Sertifikat P-IRT sudah kedaluwarsa; dibekukan sampai perpanjangan terbit."),
    _v("kopi-rakyat-sumberjaya", "Koperasi Kopi Rakyat Sumberjaya", "koperasi", "18.04", "suspended",
       "kopi-robusta-bubuk", "Agung Setiawan",
       reason="Tiga kali tidak melayani pengambilan reservasi pada jam buka sentra."),
    _v("tapis-lamban-gedung", "Kerajinan Tapis Lamban Gedung", "umkm", "18.08", "archived",
       "tas-tapis", "Marlina Sari", reason="Pemilik pindah usaha ke luar daerah; unit dilepas."),
    _v("warung-kemplang-teluk", "Warung Kemplang Teluk", "umkm", "18.71", "archived",
       "kemplang-goreng", "Hasan Basri", reason="Usaha berhenti berjualan di sentra atas permintaan pemilik."),
    # --- the provincial centre in Bandar Lampung: UMKM from several kabupaten/kota ---
    _v("kopi-tanggamus-mandiri", "Kopi Tanggamus Mandiri", "umkm", "18.06", "approved",
       "kopi-robusta-bubuk kopi-robusta-biji", "Wahyu Hidayat", centre=PROVINCE_CENTRE_SLUG, unit="P-01"),
    _v("keripik-kota-metro", "Keripik Kota Metro", "umkm", "18.72", "approved",
       "keripik-nangka keripik-pisang-manis", "Lestari Handayani", centre=PROVINCE_CENTRE_SLUG),
    _v("koperasi-pesawaran-bahari", "Koperasi Pesisir Pesawaran Bahari", "koperasi", "18.09", "approved",
       "kerupuk-udang abon-ikan kemplang-panggang", "Rusdi Hamzah", centre=PROVINCE_CENTRE_SLUG, unit="P-04"),
    _v("tapis-pringsewu-indah", "Tapis Pringsewu Indah", "umkm", "18.10", "approved",
       "kain-tapis tas-tapis", "Siti Maryam", centre=PROVINCE_CENTRE_SLUG),
    _v("gula-semut-way-kanan", "Gula Semut Way Kanan", "kelompok", "18.08", "approved",
       "gula-semut jahe-merah-instan temulawak-instan", "Endang Kusuma", centre=PROVINCE_CENTRE_SLUG),
    _v("kerajinan-bambu-tulang-bawang", "Kerajinan Bambu Tulang Bawang", "umkm", "18.05", "approved",
       "vas-bambu tampah-bambu", "Heru Prasetyo", centre=PROVINCE_CENTRE_SLUG),
    # waits for Dinas of the provincial centre (dinas.bdl@sentra.test approves and assigns it)
    _v("sambal-mesuji-pedas", "Sambal Mesuji Pedas", "umkm", "18.11", "submitted",
       "sambal-seruit sambal-lingkung", "Yanti Rahayu", centre=PROVINCE_CENTRE_SLUG),
]  # fmt: skip

# How each vendor status is reached from draft, and who acts: (to_status, "owner" | "dinas", reason).
STATUS_PATHS = {
    "draft": [],
    "submitted": [("submitted", "owner", "")],
    "revision_requested": [("submitted", "owner", ""), ("revision_requested", "dinas", None)],
    "approved": [("submitted", "owner", ""), ("approved", "dinas", "Berkas lengkap, produk sesuai.")],
    "rejected": [("submitted", "owner", ""), ("rejected", "dinas", None)],
    "suspended": [
        ("submitted", "owner", ""),
        ("approved", "dinas", "Berkas lengkap."),
        ("suspended", "dinas", None),
    ],
    "archived": [
        ("submitted", "owner", ""),
        ("approved", "dinas", "Berkas lengkap."),
        ("archived", "dinas", None),
    ],
}

# A first round of revision for a few approved vendors makes the audit trail realistic.
REVISED_BEFORE_APPROVAL = {"sulam-usus-siger-emas", "madu-hutan-lestari", "kopi-lanang-kedaton"}
FIRST_REVISION_NOTE = "Mohon lengkapi foto produk dan cerita usaha sebelum disetujui."

STORY_OPENINGS = {
    "umkm": "{name} adalah usaha keluarga dari {town}, {region}, yang dirintis oleh {owner}.",
    "koperasi": "{name} menghimpun para anggota dari sekitar {town}, {region}, agar hasil usaha mereka "
    "dijual dengan harga yang adil.",
    "kelompok": "{name} adalah kelompok usaha bersama di {town}, {region}, yang diketuai oleh {owner}.",
    "lapas": "Produk kerajinan ini dibuat oleh warga binaan Lembaga Pemasyarakatan Kelas IIA Kotabumi dalam "
    "program pembinaan kemandirian.",
}
STORY_CLOSINGS = {
    "umkm": "Semua produk dibuat sendiri dalam jumlah kecil dan dijual langsung di Sentra Oleh-oleh Lampung Utara.",
    "koperasi": "Keuntungan koperasi kembali kepada anggota dalam bentuk sisa hasil usaha.",
    "kelompok": "Setiap anggota mengerjakan bagian yang dikuasainya, dari bahan baku sampai pengemasan.",
    "lapas": "Hasil penjualan ditabung untuk bekal warga binaan setelah bebas.",
}
