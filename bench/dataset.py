"""A large, realistic data set written with PostgreSQL COPY: vendors, units, products, certificates, reservations.

Deterministic (seeded) so two runs measure the same thing. Regions and categories come from the data migrations.
"""

import datetime
import random
from collections.abc import Iterable, Iterator

from django.contrib.auth import get_user_model
from django.db import connection, models
from django.utils import timezone
from django.utils.text import slugify
from tqdm import tqdm

BENCH_EMAIL_DOMAIN = "bench.sentra.test"
RARE_WORD = "sekubal"  # planted in a handful of product names: the "rare word" search case
RARE_WORDS = (RARE_WORD, "juadah", "maksuba", "seganing", "bekasam", "belacan", "pelepah", "lapan")
RARE_COUNT = 7  # products per rare word
# Search cases cycle through these (bench/measure.py): words of the product types, and typos of them that the
# vocabulary table corrects.
COMMON_WORDS = ("keripik", "kopi", "sambal", "pisang", "tapis", "kemplang", "robusta", "madu", "bambu", "batik")
TYPOS = ("kripik", "kopii", "sambel", "pisng", "tappis", "kemplan", "robsta", "maddu", "bambo", "battik")
# Product names combine a type and variant with a maker and often a town: tens of thousands of distinct names,
# as in a real province, rather than the 191 of the product types alone.
MAKERS = (
    "Cap Siger",
    "Mak Ijah",
    "Bu Rina",
    "Pak Darto",
    "Cik Ani",
    "Mbok Sri",
    "Uni Lia",
    "Mamak Yus",
    "Bang Udin",
    "Ibu Santi",
    "Kak Nur",
    "Wak Ali",
    "Cap Gajah",
    "Cap Kapal",
    "Putri Lampung",
    "Sai Bumi",
    "Ruwa Jurai",
    "Tanoh Lado",
    "Way Sekampung",
    "Krakatau",
    "Way Kambas",
    "Mutiara",
    "Anggrek",
    "Melati",
    "Serai Wangi",
    "Dapur Ibu",
    "Rumah Kopi",
    "Kebun Kita",
    "Tani Makmur",
    "Karya Bunda",
    "Sumber Rejeki",
    "Berkah Jaya",
    "Sinar Pagi",
    "Harapan Baru",
    "Sejahtera",
    "Barokah",
    "Lestari",
    "Mandiri",
    "Kencana",
    "Cahaya",
)
TOWNS = (
    "Kotabumi",
    "Liwa",
    "Metro",
    "Pringsewu",
    "Kalianda",
    "Menggala",
    "Blambangan Umpu",
    "Gunung Sugih",
    "Sukadana",
    "Kota Agung",
    "Gedong Tataan",
    "Panaragan",
    "Krui",
    "Natar",
    "Tanjung Karang",
    "Teluk Betung",
    "Bandar Jaya",
    "Way Halim",
    "Bukit Kemuning",
    "Abung",
    "Tulang Bawang",
    "Mesuji",
    "Pesawaran",
    "Tanggamus",
)
SYLLABLES = (
    "ba",
    "be",
    "bi",
    "bu",
    "da",
    "di",
    "du",
    "ga",
    "gu",
    "ka",
    "ke",
    "ki",
    "ku",
    "la",
    "li",
    "lu",
    "ma",
    "me",
    "mi",
    "mu",
    "na",
    "ni",
    "nu",
    "pa",
    "pe",
    "pi",
    "pu",
    "ra",
    "ri",
    "ru",
    "sa",
    "se",
    "si",
    "su",
    "ta",
    "te",
    "ti",
    "tu",
    "wa",
    "ya",
    "ng",
    "an",
    "in",
    "ar",
    "ang",
    "ung",
    "ing",
    "at",
    "ah",
    "ik",
)
VOCABULARY_SIZE = 6000
BENCH_SLUG = r"-b[0-9]+$"  # every bench vendor and product slug ends so

WORDS = [
    "renyah",
    "gurih",
    "manis",
    "pedas",
    "legit",
    "asli",
    "khas",
    "lampung",
    "premium",
    "pilihan",
    "keluarga",
    "oleh-oleh",
    "tradisional",
    "rumahan",
    "tanpa",
    "pengawet",
    "alami",
    "segar",
    "wangi",
    "lembut",
    "kering",
    "tahan",
    "lama",
    "kemasan",
    "hadiah",
    "buatan",
    "tangan",
    "motif",
    "warna",
    "benang",
    "emas",
    "halus",
    "kuat",
    "awet",
    "ramah",
    "lingkungan",
    "bambu",
    "rotan",
    "kayu",
    "kain",
    "sulam",
    "tenun",
]
FALLBACK_TYPES = [
    ("Keripik Pisang Coklat", "keripik"),
    ("Kopi Robusta Lampung", "kopi"),
    ("Kemplang Ikan Tenggiri", "olahan-ikan"),
    ("Lempok Durian", "kue-dodol"),
    ("Sambal Lingkung", "sambal-bumbu"),
    ("Kain Tapis", "tapis"),
    ("Sulam Usus", "sulam-usus"),
    ("Anyaman Bambu", "anyaman"),
]
OPEN_HOURS = (datetime.time(8), datetime.time(17))


def copy_rows(model: type[models.Model], rows: Iterable[dict], total: int, label: str) -> None:
    """COPY `rows` (field name -> value) into `model`'s table; missing fields get their Python default."""
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and isinstance(f, models.AutoField))]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    defaults = {f.attname: f.get_default() for f in fields}
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in tqdm(rows, total=total, desc=label, unit=" rows", leave=False, mininterval=0.5):
            copy.write_row([row[f.attname] if f.attname in row else defaults[f.attname] for f in fields])


def copy_m2m(table: str, columns: tuple[str, str], pairs: Iterable[tuple[int, int]]) -> None:
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for pair in pairs:
            copy.write_row(pair)


def pks(model: type[models.Model], **filters) -> list[int]:
    return list(model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True))


def reset_sequences(*model_classes) -> None:
    for model in model_classes:
        table, pk = model._meta.db_table, model._meta.pk.column
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', '{pk}'), COALESCE(MAX({pk}), 1)) FROM {table}"  # noqa: S608
            )


class Generator:
    """Builds the data set; each `make_*` step is one COPY (or a few) with a progress bar."""

    def __init__(self, *, products: int, vendors: int, units: int, reservations: int, seed: int = 8) -> None:
        self.n_products, self.n_vendors, self.n_units, self.n_reservations = products, vendors, units, reservations
        self.rng, self.seed = random.Random(seed), seed
        self.now = timezone.now()
        self.vocabulary, self.word_weights = self._vocabulary()

    def _vocabulary(self) -> tuple[list[str], list[float]]:
        """A large word list for descriptions: real words first, then made-up Indonesian-sounding ones, with
        Zipf-like weights (a few words are everywhere, most are rare), as in real product texts."""
        rng = random.Random(3)
        words = list(dict.fromkeys(WORDS))
        try:
            import re

            from demo.products import PRODUCT_TYPES

            text = " ".join(t.description for t in PRODUCT_TYPES.values()).lower()
            words += [w for w in dict.fromkeys(re.findall(r"[a-z]{3,}", text)) if w not in words]
        except ImportError:
            pass
        seen, rare = {*words, *COMMON_WORDS, *TYPOS}, set(RARE_WORDS)
        while len(words) < VOCABULARY_SIZE:
            word = "".join(rng.choices(SYLLABLES, k=rng.choice((2, 3, 3, 4))))
            if word not in seen and word not in rare and len(word) > 3:
                seen.add(word)
                words.append(word)
        return words, [1 / (rank + 10) for rank in range(len(words))]

    def _description(self, base: str) -> str:
        filler = " ".join(self.rng.choices(self.vocabulary, weights=self.word_weights, k=self.rng.randint(15, 45)))
        return f"{base} {filler.capitalize()}."

    def run(self) -> None:
        from catalog.models import Category
        from vendors.models import Regency

        self.regencies = list(Regency.objects.order_by("code").values_list("code", flat=True))
        self.categories = dict(Category.objects.filter(parent__isnull=False).values_list("slug", "pk"))
        self.types = self._product_types()
        steps = [
            self.make_centre,
            self.make_users,
            self.make_vendors,
            self.make_units,
            self.make_products,
            self.make_certificates,
            self.make_reservations,
            self.finish,
        ]
        for step in tqdm(steps, desc="data set", unit=" step"):
            step()

    def _product_types(self) -> list[tuple[str, int]]:
        try:
            from demo.products import PRODUCT_TYPES

            types = [(t.name, t.category, t.variants, t.units, t.price, t.description) for t in PRODUCT_TYPES.values()]
        except ImportError:
            types = [(n, c, ("Original",), ("pcs",), (10000, 50000), n) for n, c in FALLBACK_TYPES]
        return [t for t in types if t[1] in self.categories]

    # --- steps ------------------------------------------------------------

    def make_centre(self) -> None:
        from vendors.models import Centre, OpeningHours

        self.centre, _ = Centre.objects.get_or_create(
            slug="bench", defaults={"name": "Sentra Oleh-oleh (bench)", "address": "Kotabumi", "regency_id": "18.03"}
        )
        for day in range(7):
            OpeningHours.objects.get_or_create(
                centre=self.centre, weekday=day, defaults={"opens": OPEN_HOURS[0], "closes": OPEN_HOURS[1]}
            )

    def make_users(self) -> None:
        from allauth.account.models import EmailAddress

        user_model = get_user_model()
        n_users = self.n_vendors + max(self.n_vendors, 2000)
        joined = self.now - datetime.timedelta(days=400)
        copy_rows(
            user_model,
            (
                {
                    "username": f"bench{i}",
                    "email": f"bench{i}@{BENCH_EMAIL_DOMAIN}",
                    "password": "!bench-unusable",
                    "date_joined": joined,
                }
                for i in range(n_users)
            ),
            n_users,
            "users",
        )
        users = list(
            user_model.objects.filter(email__endswith=BENCH_EMAIL_DOMAIN).order_by("pk").values_list("pk", "email")
        )
        copy_rows(
            EmailAddress,
            ({"user_id": pk, "email": email, "verified": True, "primary": True} for pk, email in users),
            len(users),
            "emails",
        )
        self.owner_ids = [pk for pk, _ in users[: self.n_vendors]]
        self.shopper_ids = [pk for pk, _ in users[self.n_vendors :]]

    def make_vendors(self) -> None:
        from vendors.models import Vendor, VendorMembership

        rng, statuses = self.rng, self._vendor_statuses()
        kinds = ["umkm"] * 80 + ["koperasi"] * 8 + ["kelompok"] * 10 + ["lapas"] * 2
        created = self.now - datetime.timedelta(days=300)

        def rows() -> Iterator[dict]:
            for i in range(self.n_vendors):
                kind = rng.choice(kinds)
                prefix = rng.choice(["UMKM", "Usaha", "Dapur", "Rumah", "Karya", "Toko"])
                name = f"{prefix} {rng.choice(WORDS).title()} {i}"
                yield {
                    "name": name,
                    "slug": f"{slugify(name)}-b{i}",
                    "kind": kind,
                    "story": " ".join(rng.choices(WORDS, k=40)).capitalize() + ".",
                    "regency_id": rng.choice(self.regencies),
                    "address": f"Jl. Raya No. {i}",
                    "whatsapp": f"+62812{i:08d}",
                    "nib": f"{9100000000000 + i}" if kind in {"umkm", "koperasi"} else "",
                    "status": statuses[i],
                    "status_changed_at": created,
                    "submitted_at": created,
                    "accepts_qris": i % 3 == 0,
                    "created_at": created,
                    "updated_at": created,
                }

        copy_rows(Vendor, rows(), self.n_vendors, "vendors")
        self.vendor_ids = pks(Vendor, slug__regex=BENCH_SLUG)
        self.approved_ids = pks(Vendor, slug__regex=BENCH_SLUG, status="approved")
        self.vendor_regency = dict(Vendor.objects.filter(pk__in=self.vendor_ids).values_list("pk", "regency_id"))
        copy_rows(
            VendorMembership,
            (
                {"vendor_id": v, "user_id": u, "role": "owner", "created_at": created}
                for v, u in zip(self.vendor_ids, self.owner_ids, strict=False)
            ),
            len(self.vendor_ids),
            "memberships",
        )

    def _vendor_statuses(self) -> list[str]:
        weights = {
            "approved": 86,
            "submitted": 4,
            "draft": 3,
            "revision_requested": 2,
            "rejected": 2,
            "suspended": 2,
            "archived": 1,
        }
        return self.rng.choices(list(weights), weights=list(weights.values()), k=self.n_vendors)

    def make_units(self) -> None:
        from vendors.models import ShopUnit, UnitAssignment

        cols = 20
        copy_rows(
            ShopUnit,
            (
                {
                    "centre_id": self.centre.pk,
                    "code": f"{chr(65 + i // cols)}-{i % cols + 1:02d}",
                    "block": f"Blok {chr(65 + i // cols)}",
                    "grid_row": i // cols + 1,
                    "grid_col": i % cols + 1,
                    "capacity": 2,
                    "reserved_kind": "lapas" if i == 0 else "",
                }
                for i in range(self.n_units)
            ),
            self.n_units,
            "units",
        )
        unit_ids = pks(ShopUnit, centre=self.centre)
        start = timezone.localdate() - datetime.timedelta(days=200)
        pairs = [
            (u, v)
            for u, pair in zip(
                unit_ids, zip(self.approved_ids[0::2], self.approved_ids[1::2], strict=False), strict=False
            )
            for v in pair
        ]
        copy_rows(
            UnitAssignment,
            ({"unit_id": u, "vendor_id": v, "start_on": start, "created_at": self.now} for u, v in pairs),
            len(pairs),
            "assignments",
        )

    def make_products(self) -> None:
        from catalog.models import Product, ProductImage

        rng, types = self.rng, self.types
        planted = rng.sample(range(self.n_products), RARE_COUNT * len(RARE_WORDS))
        rare = {i: RARE_WORDS[n % len(RARE_WORDS)] for n, i in enumerate(planted)}

        approved = set(self.approved_ids)
        social = random.Random(self.seed + 21)  # ratings and sales: their own stream, the rest stays as it was

        def rows() -> Iterator[dict]:
            for i in range(self.n_products):
                reviewed = social.random() < 0.3  # the catalogue's copies of visible reviews and units sold
                rating_count = social.randint(1, 80) if reviewed else 0
                name, category, variants, units, (low, high), base = rng.choice(types)
                town = f" {rng.choice(TOWNS)}" if rng.random() < 0.6 else ""
                full = f"{name} {rng.choice(variants)} {rng.choice(MAKERS)}{town}"
                full += f" {rare[i].title()}" if i in rare else ""
                made = rng.random() < 0.04
                created = self.now - datetime.timedelta(minutes=i)
                vendor_id = rng.choice(self.vendor_ids)
                yield {
                    "vendor_id": vendor_id,
                    "vendor_approved": vendor_id in approved,  # the catalogue's copy of the vendor
                    "regency_id": self.vendor_regency[vendor_id],
                    "category_id": self.categories[category],
                    "name": full[:120],
                    "slug": f"{slugify(full)[:130]}-b{i}",
                    "description": self._description(base),
                    "price": rng.randrange(low, high + 1, 500),
                    "sale_unit": rng.choice(units),
                    "stock_on_hand": 0 if rng.random() < 0.1 else rng.randint(1, 200),
                    "status": rng.choices(["published", "draft", "hidden", "archived"], [90, 5, 2, 3])[0],
                    "made_to_order": made,
                    "lead_time_days": rng.randint(2, 7) if made else 0,
                    "is_featured": rng.random() < 0.01,
                    "rating_count": rating_count,
                    "rating_avg": round(social.uniform(2.5, 5.0), 2) if reviewed else 0,
                    "sold_count": min(int(social.paretovariate(1.2)) - 1, 20_000),
                    "created_at": created,
                    "updated_at": created,
                }

        copy_rows(Product, rows(), self.n_products, "products")
        self.product_rows = list(
            Product.objects.filter(slug__regex=BENCH_SLUG)
            .order_by("pk")
            .values_list("pk", "vendor_id", "status", "made_to_order", "stock_on_hand")
        )
        copy_rows(
            ProductImage,
            (
                {
                    "product_id": pk,
                    "image": f"products/bench/{pk}.jpg",  # one file per product: no thumbnail URL memo hit
                    "width": 800,
                    "height": 800,
                    "alt_text": "",
                    "position": 0,
                }
                for pk, *_ in self.product_rows
            ),
            len(self.product_rows),
            "images",
        )

    def make_certificates(self) -> None:
        from catalog.models import Certificate

        rng = self.rng
        by_vendor: dict[int, list[int]] = {}
        for pk, vendor_id, *_ in self.product_rows:
            by_vendor.setdefault(vendor_id, []).append(pk)
        today = timezone.localdate()
        certs, covered = [], []
        for n, vendor_id in enumerate(self.approved_ids):
            if n % 3 == 0:  # halal, granted, verified
                certs.append(
                    {
                        "vendor_id": vendor_id,
                        "kind": "halal",
                        "number": f"ID{31110000000000 + n}",
                        "halal_stage": "granted",
                        "status": "verified",
                        "issued_on": today - datetime.timedelta(days=100),
                    }
                )
                covered.append(by_vendor.get(vendor_id, []))
            if n % 4 == 0:  # P-IRT, 5 years
                certs.append(
                    {
                        "vendor_id": vendor_id,
                        "kind": "pirt",
                        "number": f"{n % 1000:03d}1803{n:06d}-{(today.year + 3) % 100:02d}",
                        "status": rng.choice(["verified", "verified", "submitted"]),
                        "issued_on": today - datetime.timedelta(days=400),
                        "valid_until": today + datetime.timedelta(days=1000),
                    }
                )
                covered.append(by_vendor.get(vendor_id, []))
            if n % 10 == 0:  # BNSP, person
                certs.append(
                    {
                        "vendor_id": vendor_id,
                        "kind": "bnsp",
                        "number": f"BNSP-{n}",
                        "holder_name": "Pemilik",
                        "status": "verified",
                        "issued_on": today - datetime.timedelta(days=200),
                        "valid_until": today + datetime.timedelta(days=900),
                    }
                )
                covered.append([])
        for cert in certs:
            cert.setdefault("created_at", self.now)
        copy_rows(Certificate, iter(certs), len(certs), "certificates")
        cert_ids = pks(Certificate, vendor_id__in=self.approved_ids)
        through = Certificate.products.through
        pairs = ((c, p) for c, products in zip(cert_ids, covered, strict=False) for p in products)
        copy_m2m(through._meta.db_table, ("certificate_id", "product_id"), pairs)

    def make_reservations(self) -> None:
        from orders.models import Reservation, ReservationLine

        rng = self.rng
        sellable = [
            (pk, v)
            for pk, v, status, made, stock in self.product_rows
            if status == "published" and stock > 0 and not made and v in set(self.approved_ids)
        ]
        codes = self._codes(self.n_reservations)
        states = ["collected"] * 60 + ["cancelled"] * 15 + ["expired"] * 20 + ["placed"] * 3 + ["ready"] * 2
        picked = [rng.choice(sellable) for _ in range(self.n_reservations)]

        def rows() -> Iterator[dict]:
            for i, (_product_id, vendor_id) in enumerate(picked):
                status = rng.choice(states)
                placed = self.now - datetime.timedelta(days=rng.randint(1, 360), minutes=rng.randint(0, 600))
                if status in {"placed", "ready"}:
                    placed = self.now - datetime.timedelta(minutes=rng.randint(5, 600))
                pickup = (placed + datetime.timedelta(days=1)).date()
                yield {
                    "code": codes[i],
                    "shopper_id": rng.choice(self.shopper_ids),
                    "vendor_id": vendor_id,
                    "status": status,
                    "pickup_date": pickup,
                    "hold_until": placed + datetime.timedelta(days=2),
                    "contact_name": "Pembeli Bench",
                    "total": 0,
                    "placed_at": placed,
                    "ready_at": placed if status in {"ready", "collected"} else None,
                    "collected_at": placed + datetime.timedelta(days=1) if status == "collected" else None,
                    "cancelled_at": placed if status == "cancelled" else None,
                    "cancel_reason": "Batal (bench)" if status == "cancelled" else "",
                    "expired_at": placed + datetime.timedelta(days=2) if status == "expired" else None,
                }

        copy_rows(Reservation, rows(), self.n_reservations, "reservations")
        reservation_ids = pks(Reservation, contact_name="Pembeli Bench")
        copy_rows(
            ReservationLine,
            (
                {
                    "reservation_id": r,
                    "product_id": p,
                    "product_name": "Produk",
                    "sale_unit": "pcs",
                    "unit_price": 25000,
                    "quantity": rng.randint(1, 3),
                }
                for r, (p, _) in zip(reservation_ids, picked, strict=False)
            ),
            len(reservation_ids),
            "lines",
        )

    def _codes(self, count: int) -> list[str]:
        from orders.models import CODE_ALPHABET, CODE_PREFIX

        base, codes = len(CODE_ALPHABET), []
        for i in range(count):
            n, chars = (i * 7919 + 12345) % base**5, []
            for _ in range(5):
                n, digit = divmod(n, base)
                chars.append(CODE_ALPHABET[digit])
            codes.append(CODE_PREFIX + "".join(chars))
        return codes

    def finish(self) -> None:
        """Totals, held stock of open reservations, sequences, ANALYZE."""
        from allauth.account.models import EmailAddress

        from catalog.models import Certificate, Product, ProductImage
        from catalog.services.badges import badges_refresh
        from orders.models import Reservation, ReservationLine
        from vendors.models import ShopUnit, UnitAssignment, Vendor, VendorMembership

        with connection.cursor() as cursor:
            line, res, product = ReservationLine._meta.db_table, Reservation._meta.db_table, Product._meta.db_table
            total = f"UPDATE {res} r SET total = l.unit_price * l.quantity FROM {line} l WHERE l.reservation_id = r.id"  # noqa: S608
            cursor.execute(total)
            held = (
                f"UPDATE {product} p SET stock_reserved = h.held, stock_on_hand = GREATEST(p.stock_on_hand, h.held) "  # noqa: S608
                f"FROM (SELECT l.product_id, SUM(l.quantity) held FROM {line} l JOIN {res} r "
                f"ON r.id = l.reservation_id WHERE r.status IN ('placed', 'ready') GROUP BY l.product_id) h "
                f"WHERE h.product_id = p.id"
            )
            cursor.execute(held)
        certified = set(Certificate.objects.values_list("vendor_id", flat=True))
        badges_refresh(vendor_ids=certified)  # only vendors with certificates have badges to store
        reset_sequences(
            get_user_model(),
            EmailAddress,
            Vendor,
            VendorMembership,
            ShopUnit,
            UnitAssignment,
            Product,
            ProductImage,
            Certificate,
            Reservation,
            ReservationLine,
        )
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
