"""Real Lampung product types for the demo catalogue: name, category, price range, sale units, variants."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ProductType:
    slug: str
    name: str
    category: str  # slug of a sub-category seeded by catalog/migrations/0003_seed_categories.py
    price: tuple[int, int]  # whole rupiah, lowest and highest
    units: tuple[str, ...]
    variants: tuple[str, ...]
    description: str
    lead_time_days: int = 0  # > 0: made to order

    @property
    def made_to_order(self) -> bool:
        return self.lead_time_days > 0


def _t(slug, name, category, price, units, variants, description, lead_time_days=0) -> ProductType:
    return ProductType(
        slug, name, category, price, tuple(units.split("|")), tuple(variants.split("|")), description, lead_time_days
    )


PRODUCT_TYPES = {t.slug: t for t in [
    # --- Makanan ---
    _t("keripik-pisang-coklat", "Keripik Pisang Coklat", "keripik", (20000, 38000), "250 g|500 g|pak",
       "Lumer|Original|Dark Chocolate|Coklat Susu|Kemasan Oleh-oleh",
       "Keripik pisang kepok pilihan, diiris tipis, digoreng renyah lalu dibalut coklat. Oleh-oleh paling dicari "
       "dari Lampung."),
    _t("keripik-pisang-keju", "Keripik Pisang Keju", "keripik", (22000, 40000), "250 g|500 g",
       "Original|Keju Susu|Extra Keju|Kemasan Toples",
       "Keripik pisang renyah dengan taburan bubuk keju gurih manis."),
    _t("keripik-pisang-manis", "Keripik Pisang Manis", "keripik", (15000, 30000), "250 g|500 g|kg",
       "Original|Gula Aren|Pedas Manis|Asin Gurih|Kemasan Hemat",
       "Keripik pisang kepok klasik dengan lapisan gula, seperti yang dijual di sepanjang Jalan Pagar Alam."),
    _t("keripik-singkong-balado", "Keripik Singkong Balado", "keripik", (12000, 25000), "250 g|500 g",
       "Pedas|Extra Pedas|Manis Pedas|Original",
       "Singkong Lampung diiris tipis, digoreng dan dibalur bumbu balado cabai merah."),
    _t("keripik-tempe", "Keripik Tempe", "keripik", (12000, 22000), "pak|250 g",
       "Original|Daun Jeruk|Pedas|Tipis Renyah",
       "Tempe tipis berbalut tepung berbumbu, digoreng kering dan renyah."),
    _t("keripik-nangka", "Keripik Nangka", "keripik", (25000, 45000), "100 g|250 g",
       "Vacuum Frying|Original|Kemasan Standing Pouch",
       "Nangka matang yang digoreng hampa (vacuum frying): manis alami tanpa gula tambahan."),
    _t("lempok-durian", "Lempok Durian", "kue-dodol", (45000, 85000), "250 g|500 g",
       "Asli|Premium|Gulung Daun|Kemasan Kotak",
       "Durian matang dimasak lama dengan sedikit gula sampai legit. Khas Lampung Utara dan Lampung Barat."),
    _t("pisang-sale", "Pisang Sale", "kue-dodol", (15000, 28000), "250 g|500 g",
       "Kering|Basah|Goreng Tepung|Gulung",
       "Pisang ambon diasap dan dijemur sampai manis legit, tanpa pengawet."),
    _t("engkak-ketan", "Engkak Ketan", "kue-dodol", (40000, 90000), "setengah loyang|loyang",
       "Original|Pandan|Durian|Mini",
       "Kue lapis ketan khas Lampung yang dipanggang lapis demi lapis. Biasa disajikan saat Lebaran."),
    _t("dodol-nanas", "Dodol Nanas", "kue-dodol", (15000, 30000), "250 g|pak",
       "Original|Wijen|Kemasan Oleh-oleh",
       "Dodol dari nanas Lampung Tengah, manis asam segar."),
    _t("sambal-lingkung", "Sambal Lingkung", "sambal-bumbu", (25000, 45000), "botol 150 g|botol 250 g",
       "Ikan Gabus|Ikan Tenggiri|Pedas|Original",
       "Abon ikan berbumbu pedas khas Lampung, enak untuk lauk nasi hangat dan bekal perjalanan."),
    _t("sambal-seruit", "Sambal Seruit", "sambal-bumbu", (20000, 35000), "botol 150 g|botol 200 g",
       "Terasi|Tempoyak|Original|Pedas",
       "Sambal untuk seruit, makan bersama ikan bakar khas Lampung, dengan terasi dan tempoyak."),
    _t("lada-hitam", "Lada Hitam Lampung", "sambal-bumbu", (15000, 40000), "100 g|250 g",
       "Butiran|Bubuk|Kemasan Botol",
       "Lada hitam dari kebun rakyat Lampung, pedas hangat dan harum."),
    _t("gula-aren", "Gula Aren Cetak", "sambal-bumbu", (20000, 35000), "500 g|kg",
       "Batok|Cetak Kecil|Original",
       "Nira aren dimasak di tungku kayu lalu dicetak dalam batok kelapa."),
    _t("gula-semut", "Gula Semut Aren", "sambal-bumbu", (25000, 45000), "250 g|500 g",
       "Original|Jahe|Kemasan Pouch",
       "Gula aren kristal yang mudah larut, untuk kopi dan kue."),
    _t("kemplang-panggang", "Kemplang Panggang", "olahan-ikan", (20000, 40000), "250 g|pak",
       "Ikan Tenggiri|Ikan Gabus|Original|Sambal Terpisah",
       "Kerupuk ikan tenggiri yang dipanggang di atas bara, renyah dan tidak berminyak."),
    _t("kemplang-goreng", "Kemplang Goreng", "olahan-ikan", (18000, 35000), "250 g|pak",
       "Original|Pedas|Udang|Kemasan Besar",
       "Kerupuk kemplang ikan yang digoreng mengembang, gurih dan renyah."),
    _t("abon-ikan", "Abon Ikan", "olahan-ikan", (35000, 60000), "100 g|250 g",
       "Tuna|Tongkol|Pedas|Original",
       "Daging ikan laut disuwir halus lalu disangrai dengan bumbu rempah."),
    _t("kerupuk-udang", "Kerupuk Udang", "olahan-ikan", (30000, 55000), "250 g|500 g",
       "Mentah|Siap Goreng|Udang Windu",
       "Kerupuk udang dari tambak Tulang Bawang, tinggal digoreng di rumah."),
    # --- Minuman ---
    _t("kopi-robusta-bubuk", "Kopi Robusta Lampung Bubuk", "kopi", (25000, 48000), "200 g|250 g|500 g",
       "Original|Medium Roast|Dark Roast|Tubruk|Kemasan Oleh-oleh",
       "Kopi robusta dari dataran tinggi Lampung Barat, disangrai dan digiling halus untuk kopi tubruk."),
    _t("kopi-robusta-biji", "Kopi Robusta Lampung Biji Sangrai", "kopi", (35000, 65000), "250 g|500 g|kg",
       "Medium Roast|Dark Roast|Petik Merah|Fine Robusta",
       "Biji kopi robusta petik merah, disangrai dalam jumlah kecil."),
    _t("kopi-luwak", "Kopi Luwak Lampung", "kopi", (150000, 400000), "100 g|200 g",
       "Liar|Bubuk|Biji Sangrai|Kemasan Kayu",
       "Kopi luwak dari Lampung Barat, dikumpulkan dari luwak liar di kebun rakyat."),
    _t("kopi-lanang", "Kopi Lanang Robusta", "kopi", (40000, 75000), "200 g|250 g",
       "Bubuk|Biji Sangrai|Medium Roast",
       "Biji kopi tunggal (peaberry) yang langka, rasanya lebih tebal."),
    _t("madu-hutan", "Madu Hutan Lampung", "minuman-herbal", (80000, 160000), "botol 250 ml|botol 500 ml",
       "Murni|Way Kanan|Bunga Kaliandra",
       "Madu lebah hutan yang dipanen secara lestari oleh petani hutan Way Kanan."),
    _t("madu-klanceng", "Madu Klanceng", "minuman-herbal", (120000, 220000), "botol 100 ml|botol 250 ml",
       "Murni|Asam Manis",
       "Madu dari lebah tanpa sengat (klanceng), rasanya asam manis segar."),
    _t("jahe-merah-instan", "Jahe Merah Instan", "minuman-herbal", (20000, 35000), "pak|toples",
       "Original|Gula Aren|Serai|Rempah",
       "Minuman jahe merah bubuk, cukup diseduh air panas. Menghangatkan badan."),
    _t("temulawak-instan", "Temulawak Instan", "minuman-herbal", (18000, 30000), "pak|toples",
       "Original|Madu|Kunyit",
       "Minuman temulawak bubuk dari resep keluarga."),
    # --- Kain & Pakaian ---
    _t("kain-tapis", "Kain Tapis Lampung", "tapis", (1500000, 6000000), "lembar",
       "Motif Pucuk Rebung|Motif Kapal|Benang Emas|Motif Siger|Cucuk Handak",
       "Kain tenun tapis yang disulam benang emas dengan tangan. Satu lembar dikerjakan berminggu-minggu.", 21),
    _t("selendang-tapis", "Selendang Tapis", "tapis", (350000, 900000), "lembar",
       "Motif Pucuk Rebung|Motif Kapal|Merah Marun|Hitam Emas",
       "Selendang bermotif tapis, cocok untuk acara adat dan hadiah."),
    _t("tas-tapis", "Tas Tapis", "tapis", (150000, 450000), "pcs",
       "Jinjing|Selempang|Clutch|Dompet",
       "Tas dengan aplikasi kain tapis asli, dijahit rapi dengan lapisan dalam."),
    _t("kain-batik-lampung", "Kain Batik Lampung", "batik", (150000, 450000), "lembar",
       "Motif Siger|Motif Sembagi|Motif Gajah|Motif Kapal|Tulis",
       "Batik bermotif khas Lampung seperti siger, gajah, dan kapal."),
    _t("kemeja-batik-lampung", "Kemeja Batik Lampung", "batik", (175000, 350000), "pcs",
       "Lengan Pendek|Lengan Panjang|Motif Siger|Motif Gajah",
       "Kemeja batik Lampung bahan katun primisima, tersedia ukuran S sampai XXL."),
    _t("kebaya-sulam-usus", "Kebaya Sulam Usus", "sulam-usus", (750000, 2500000), "pcs",
       "Pengantin|Wisuda|Kutu Baru|Modern",
       "Kebaya dengan sulam usus khas Lampung, dijahit sesuai ukuran pemesan.", 14),
    _t("selendang-sulam-usus", "Selendang Sulam Usus", "sulam-usus", (250000, 600000), "lembar",
       "Putih Gading|Emas|Merah Marun",
       "Selendang dengan sulaman usus (kain serong yang dilipat) bermotif bunga."),
    _t("bros-sulam-usus", "Bros Sulam Usus", "sulam-usus", (35000, 75000), "pcs",
       "Bunga|Kupu-kupu|Mini",
       "Bros kecil dari sulam usus, hadiah yang ringan dibawa."),
    # --- Kerajinan ---
    _t("bakul-anyaman-bambu", "Bakul Anyaman Bambu", "anyaman", (25000, 65000), "pcs|set",
       "Kecil|Sedang|Besar|Bertutup",
       "Bakul nasi dari bambu yang dianyam tangan, kuat dan tahan lama."),
    _t("tampah-bambu", "Tampah Bambu", "anyaman", (20000, 45000), "pcs",
       "Diameter 40 cm|Diameter 50 cm|Hias",
       "Tampah anyaman bambu untuk menampi beras atau hiasan dinding."),
    _t("tas-anyaman-pandan", "Tas Anyaman Pandan", "anyaman", (60000, 150000), "pcs",
       "Jinjing|Pantai|Motif Tapis|Mini",
       "Tas anyaman daun pandan yang dijemur dan diwarnai alami."),
    _t("keranjang-rotan", "Keranjang Rotan", "anyaman", (75000, 200000), "pcs",
       "Parsel|Buah|Laundry|Piknik",
       "Keranjang rotan anyaman tangan, cocok untuk parsel dan penyimpanan."),
    _t("miniatur-siger", "Miniatur Siger", "ukiran-kayu", (75000, 350000), "pcs",
       "Kecil|Sedang|Besar|Kuningan",
       "Miniatur mahkota siger, lambang Lampung, untuk pajangan dan cendera mata."),
    _t("hiasan-kapal-ukir", "Hiasan Dinding Kapal Ukir", "ukiran-kayu", (250000, 900000), "pcs",
       "Kayu Jati|Kayu Mahoni|Besar",
       "Ukiran kayu bermotif kapal, motif khas kain tapis dan sarung Lampung.", 7),
    _t("miniatur-rumah-adat", "Miniatur Nuwo Sesat", "ukiran-kayu", (300000, 1200000), "pcs",
       "Kecil|Sedang|Besar",
       "Miniatur rumah adat Lampung (nuwo sesat) dari kayu, dirakit dan dicat tangan.", 10),
    _t("gantungan-kunci-siger", "Gantungan Kunci Siger", "aksesori", (10000, 25000), "pcs|set 5 pcs",
       "Kayu|Akrilik|Kuningan|Tapis",
       "Gantungan kunci berbentuk siger, oleh-oleh kecil yang pas untuk dibagi."),
    _t("bros-siger", "Bros Siger", "aksesori", (25000, 65000), "pcs",
       "Emas|Perak|Mutiara",
       "Bros berbentuk siger untuk jilbab dan kebaya."),
    _t("gelang-manik", "Gelang Manik Lampung", "aksesori", (15000, 35000), "pcs|set",
       "Merah Emas|Motif Tapis|Anak",
       "Gelang manik-manik dengan warna khas tapis."),
    # --- Peralatan rumah tangga ---
    _t("sendok-kayu", "Set Sendok Kayu", "dapur", (25000, 55000), "set",
       "Isi 3|Isi 5|Sutil",
       "Sendok dan sutil dari kayu sonokeling, dihaluskan dan dilapisi minyak aman pangan."),
    _t("talenan-kayu", "Talenan Kayu", "dapur", (35000, 95000), "pcs",
       "Bulat|Persegi|Gagang",
       "Talenan dari kayu utuh, tidak mudah retak."),
    _t("tudung-saji", "Tudung Saji Anyaman", "dapur", (45000, 120000), "pcs",
       "Kecil|Besar|Motif Tapis",
       "Tudung saji anyaman pandan dengan hiasan motif tapis."),
    _t("hiasan-dinding-tapis", "Hiasan Dinding Tapis", "dekorasi", (150000, 500000), "pcs",
       "Bingkai Kayu|Motif Kapal|Motif Siger",
       "Potongan kain tapis dalam bingkai kayu, siap digantung."),
    _t("kap-lampu-bambu", "Kap Lampu Bambu", "dekorasi", (90000, 250000), "pcs",
       "Gantung|Meja|Motif Anyam",
       "Kap lampu dari bilah bambu yang memberi cahaya hangat."),
    _t("vas-bambu", "Vas Bambu", "dekorasi", (40000, 120000), "pcs",
       "Kecil|Tinggi|Set 3",
       "Vas dari ruas bambu yang dihaluskan dan dipernis."),
]}  # fmt: skip

# Halal / P-IRT apply to processed food (categories under Makanan and Minuman).
FOOD_CATEGORIES = {"keripik", "kue-dodol", "sambal-bumbu", "olahan-ikan", "kopi", "minuman-herbal"}

# BNSP competence schemes by the category a vendor mostly sells.
BNSP_SCHEMES = {
    "keripik": "Pengolahan Makanan Ringan",
    "kue-dodol": "Pembuatan Kue Tradisional",
    "sambal-bumbu": "Pengolahan Pangan Olahan",
    "olahan-ikan": "Pengolahan Hasil Perikanan",
    "kopi": "Barista dan Penyangraian Kopi",
    "minuman-herbal": "Pengolahan Minuman Herbal",
    "tapis": "Menenun dan Menyulam Kain Tapis",
    "batik": "Membatik Tulis",
    "sulam-usus": "Menjahit dan Menyulam Busana",
    "anyaman": "Kriya Anyaman",
    "ukiran-kayu": "Kriya Kayu",
    "aksesori": "Kriya Aksesori",
    "dapur": "Kriya Kayu",
    "dekorasi": "Kriya Bambu",
}
