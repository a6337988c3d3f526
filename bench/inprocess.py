"""The in-process part of the benchmark: pages, cart, reservation_place, front-end weight."""

import gzip
import io
import random
import re
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from tqdm import tqdm

from bench import measure
from bench.dataset import BENCH_EMAIL_DOMAIN, BENCH_SLUG, COMMON_WORDS, RARE_WORDS, TYPOS

MAX_ASSETS_KB = 60.0
MAX_THUMB_KB = 30.0


@dataclass
class Sample:
    root_category: str
    sub_category: str
    regency: str
    common_words: tuple[str, ...]  # search cases cycle through many words, not one cached URL
    rare_words: tuple[str, ...]
    typos: tuple[str, ...]
    peer_word: str  # a word in ~1 % of the product titles: the search measured beside django-oscar
    product_slugs: list[str]
    vendor_slugs: list[str]


def make_sample(rng: random.Random) -> Sample:
    from catalog.models import Category, Product
    from vendors.models import Regency, Vendor

    public = Product.objects.published().filter(slug__regex=BENCH_SLUG)
    products = list(public.order_by("pk").values_list("slug", flat=True)[:: max(1, public.count() // 100)])
    vendors = list(
        Vendor.objects.approved().filter(slug__regex=BENCH_SLUG).order_by("pk").values_list("slug", flat=True)
    )
    root = Category.objects.filter(parent__isnull=True).order_by("position").first()
    sub = Category.objects.filter(parent=root).order_by("position").first()
    return Sample(
        root_category=root.slug,
        sub_category=sub.slug,
        regency=Regency.objects.get(code="18.03").slug,
        common_words=COMMON_WORDS,
        rare_words=RARE_WORDS,
        typos=TYPOS,
        peer_word=word_in_one_percent(),
        product_slugs=products,
        vendor_slugs=rng.sample(vendors, min(50, len(vendors))),
    )


def word_in_one_percent() -> str:
    """The title word whose share of published products is nearest 1 %."""
    from collections import Counter

    from catalog.models import Product

    names = Product.objects.published().filter(slug__regex=BENCH_SLUG).values_list("name", flat=True)
    counts, total = Counter(), 0
    for name in names.iterator(chunk_size=5000):
        total += 1
        counts.update({word for word in name.lower().split() if word.isalpha() and len(word) >= 4})
    if not counts:
        return COMMON_WORDS[0]
    return min(counts, key=lambda word: (abs(counts[word] / total - 0.01), word))


def run(args, results) -> None:
    rng = random.Random(10)
    sample = make_sample(rng)
    results.missing_pages = measure.missing_pages()
    with override_settings(SENTRA_PAGE_CACHE_SECONDS=0):
        client = Client()
        probes = [measure.PageProbe(client, case) for case in measure.page_cases(sample)]
        probes += [PlaceProbe(args, rng), CounterSaleProbe(args, rng)]
        peer = start_peer(args, sample, results)
        probes += peer.probes() if peer else []
        with tqdm(total=len(probes) * args.rounds, desc=f"in-process, {args.rounds} rounds", unit=" block") as bar:
            results.timings += guarded_rounds(probes, args, bar)
        if peer:
            peer.close()
        results.timings.append(guarded("cart", measure_cart, sample, args))
    results.timings.append(guarded("catalogue (page cache hit)", measure_cached_catalogue, args))
    results.assets = asset_weight()
    results.thumbnail = thumbnail_weight()


def start_peer(args, sample: Sample, results):
    """django-oscar's worker (`--peer PYTHON`), or None; a failure to start is reported, not fatal."""
    if not args.peer:
        return None
    from django.db import connection

    from bench.peer.client import PeerProcess

    settings = connection.settings_dict
    source = f"postgresql://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    try:
        peer = PeerProcess(args.peer, source_db=source, word=sample.peer_word, category=sample.sub_category)
    except (OSError, RuntimeError) as exc:
        results.notes.append(f"django-oscar beside us: not measured ({exc})")
        return None
    results.peer = {"word": sample.peer_word, "load_seconds": peer.load_seconds, "product_urls": peer.product_urls}
    return peer


def guarded_rounds(probes: list, args, bar) -> list[measure.Timing]:
    """The interleaved rounds; an exception in one probe becomes its failed row and the others go on."""
    safe = [GuardedProbe(probe) for probe in probes]
    return measure.run_rounds(safe, rounds=args.rounds, requests=args.requests, warmup=args.warmup, progress=bar)


class GuardedProbe:
    """Wraps a probe so that an exception fails its row instead of stopping the benchmark."""

    def __init__(self, probe) -> None:
        self.probe, self.error = probe, None

    def _guard(self, func, *args):
        if self.error:
            return False
        try:
            return func(*args)
        except Exception as exc:  # noqa: BLE001 - reported in RESULTS.md, and the run exits non-zero
            self.error = f"error: {type(exc).__name__}: {str(exc)[:160]}"
            return False

    def check(self) -> bool:
        return bool(self._guard(self.probe.check))

    def block(self, requests: int, warmup: int) -> None:
        self._guard(self.probe.block, requests, warmup)

    @property
    def rounds(self) -> list:
        return self.probe.rounds

    def finish(self) -> measure.Timing:
        result = self.probe.finish() if not self.error else self.probe.result
        if self.error:
            result.failures.append(self.error)
        return result


def guarded(name: str, func, *args, **kwargs) -> measure.Timing:
    """Run one measurement; an exception becomes a failed row instead of stopping the benchmark."""
    try:
        return func(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - reported in RESULTS.md, and the run exits non-zero
        return measure.Timing(name, failures=[f"error: {type(exc).__name__}: {str(exc)[:160]}"])


def measure_cached_catalogue(args) -> measure.Timing:
    """The catalogue as an anonymous visitor without cookies sees it when the page cache is on."""
    case = measure.Case(
        "catalogue (page cache hit)", [measure.url("catalog:product-list") or "/katalog/"], p95_budget=None
    )
    result = measure.measure_case(Client(), case, requests=args.requests, warmup=args.warmup)
    result.note = "anonymous, no cookies"
    return result


def measure_cart(sample: Sample, args) -> measure.Timing:
    from catalog.models import Product

    cart_url, add_url = measure.url("orders:cart"), measure.url("orders:cart-add")
    if not cart_url or not add_url:
        return measure.Timing("cart", note="skipped: orders:cart not available")
    client = Client()
    for slug in sample.product_slugs[:3]:
        product = Product.objects.get(slug=slug)
        client.post(add_url, {"product": product.pk, "quantity": 1, "next": cart_url})
    result = measure.measure_case(
        client, measure.Case("cart (3 lines)", [cart_url], p95_budget=None), requests=args.requests, warmup=args.warmup
    )
    return result


def _place_inputs(count: int, rng: random.Random):
    """Yield (shopper, product) pairs: distinct verified shoppers, products with stock, approved vendors."""
    from django.db.models import F

    from catalog.models import Product
    from orders.models import Reservation

    busy = Reservation.objects.open().values("shopper_id")  # a rerun on the same database: fresh shoppers
    shoppers = list(
        get_user_model()
        .objects.filter(email__endswith=BENCH_EMAIL_DOMAIN, vendor_memberships__isnull=True)
        .exclude(pk__in=busy)
        .order_by("pk")[: count * 2]
    )
    products = list(
        Product.objects.published()
        .filter(
            slug__regex=BENCH_SLUG,
            made_to_order=False,
            vendor__on_holiday=False,
            stock_on_hand__gte=F("stock_reserved") + 5,
        )
        .order_by("?")
        .select_related("vendor")[:count]
    )
    rng.shuffle(shoppers)
    return list(zip(shoppers, products, strict=False))


class ServiceProbe:
    """A service called directly in the rounds, one fresh input per call: subclasses name it, prepare the inputs
    (`inputs()`, untimed; None when the service is missing) and make one call (`call(input, n)`)."""

    name = ""
    note = ""

    def __init__(self, args, rng: random.Random) -> None:
        self.args, self.rng = args, rng
        self.result = measure.Timing(self.name, target_ms=measure.PLACE_TARGET_MS)
        self.rounds: list[list[float]] = []
        self.queries: list[int] = []
        self.calls = 0

    def inputs(self, count: int) -> list | None:
        raise NotImplementedError

    def call(self, item, n: int) -> None:
        raise NotImplementedError

    def check(self) -> bool:
        items = self.inputs(self.args.requests + self.args.warmup * 2 + 4 * self.args.rounds)
        if not items:
            self.result.note = self.result.note or "skipped: no input for the service in the data set"
            return False
        self.items = iter(items)
        return True

    def _call(self, timed: list[float] | None) -> None:
        item = next(self.items)
        self.calls += 1
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            self.call(item, self.calls)
            elapsed = (time.perf_counter() - start) * 1000
        if timed is not None:
            timed.append(elapsed)
            self.queries.append(len(captured.captured_queries))

    def block(self, requests: int, warmup: int) -> None:
        for _ in range(warmup):
            self._call(None)
        timed: list[float] = []
        for _ in range(requests):
            self._call(timed)
        self.rounds.append(timed)

    def finish(self) -> measure.Timing:
        self.result.summarise(self.rounds, measure.PLACE_P95_MS)
        if self.queries:
            self.result.queries = int(statistics.median(self.queries))
            self.result.note = self.note
        return self.result


class PlaceProbe(ServiceProbe):
    """reservation_place called directly: one product, quantity 2, a different verified shopper each call."""

    name = "reservation_place (service)"
    note = "one product, quantity 2, a different verified shopper each call"

    def inputs(self, count: int) -> list | None:
        try:
            from orders.services import pickup_dates, reservation_place
            from vendors.selectors import vendor_pickup_points
        except ImportError as exc:
            self.result.note = f"skipped: orders.services not available ({exc})"
            return None
        self.place, self.pickup_dates, self.now = reservation_place, pickup_dates, timezone.now()
        pairs = _place_inputs(count, self.rng)
        self.points = vendor_pickup_points({product.vendor_id for _, product in pairs})
        return pairs

    def call(self, item, n: int) -> None:
        shopper, product = item
        self.place(
            shopper=shopper,
            items={product.pk: 2},
            pickup_date=self.pickup_dates(self.points[product.vendor_id].centre, now=self.now)[0],
            contact_name="Bench",
            checkout_token=f"bench-{n}-{self.rng.random()}",
        )


class CounterSaleProbe(ServiceProbe):
    """Recording a counter sale (sales.services.sale_record): two products of one vendor at the counter, one
    transaction with the stock ledger; the same budget and target as reservation_place."""

    name = "sale_record (counter sale)"
    note = "two products of one vendor, one unit each, at the unit (not an event stall)"

    def inputs(self, count: int) -> list | None:
        try:
            from sales.services import sale_record
        except ImportError as exc:
            self.result.note = f"skipped: sales.services not available ({exc})"
            return None
        from django.db.models import Count, F

        from catalog.models import Product
        from vendors.models import Vendor

        self.record = sale_record
        vendors = (
            Vendor.objects.approved()
            .filter(slug__regex=BENCH_SLUG)
            .annotate(n=Count("products"))
            .filter(n__gte=2)
            .order_by("?")[: count * 2]
        )
        inputs = []
        for vendor in vendors:  # two stocked products of each vendor
            stocked = Product.objects.filter(
                vendor=vendor,
                status=Product.Status.PUBLISHED,
                made_to_order=False,
                stock_on_hand__gte=F("stock_reserved") + 2,
            ).order_by("pk")[:2]
            if items := {p.pk: 1 for p in stocked}:
                inputs.append((vendor, items))
            if len(inputs) >= count:
                break
        return inputs

    def call(self, item, n: int) -> None:
        vendor, items = item
        self.record(vendor=vendor, actor=None, items=items, payment="cash", token=f"bench-{n}-{self.rng.random()}")


def asset_weight() -> dict:
    """CSS and JS a public page links to, raw and gzip-compressed (what whitenoise serves)."""
    html = Client().get(measure.url("catalog:home") or "/").content.decode()
    refs = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    refs += re.findall(r'<link[^>]+href="([^"]+)"[^>]+rel="stylesheet"', html)
    refs += re.findall(r'<script[^>]+src="([^"]+)"', html)
    files, raw, packed = [], 0, 0
    for ref in dict.fromkeys(refs):
        path = finders.find(re.sub(r"^/?static/", "", ref.split("?")[0]))
        if path:
            data = Path(path).read_bytes()
            files.append(ref)
            raw, packed = raw + len(data), packed + len(gzip.compress(data, 9))
    failures = [f"CSS+JS {packed / 1024:.1f} KB > {MAX_ASSETS_KB:g} KB"] if packed / 1024 > MAX_ASSETS_KB else []
    return {"files": files, "raw_kb": raw / 1024, "gzip_kb": packed / 1024, "failures": failures}


def thumbnail_weight() -> dict:
    """Bytes of the catalogue thumbnails made from a 1600x1200 photo-like JPEG (made once, at upload)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from imagekit.registry import generator_registry
    from PIL import Image, ImageDraw, ImageFilter

    image = Image.effect_noise((1600, 1200), 24).convert("RGB")
    draw = ImageDraw.Draw(image)
    for i in range(40):
        draw.ellipse(
            (i * 37 % 1500, i * 53 % 1100, i * 37 % 1500 + 180, i * 53 % 1100 + 140), fill=(180 + i % 70, 120, 60 + i)
        )
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    source = SimpleUploadedFile("photo.jpg", buffer.getvalue(), "image/jpeg")
    sizes, failures = {}, []
    for spec_id in generator_registry.get_ids():
        if not spec_id.startswith("catalog:productimage:thumb"):
            continue
        source.seek(0)
        data = generator_registry.get(spec_id, source=source).generate().read()
        sizes[spec_id.rsplit(":", 1)[1]] = len(data) / 1024
        if len(data) / 1024 > MAX_THUMB_KB:
            failures.append(f"{spec_id} {len(data) / 1024:.1f} KB > {MAX_THUMB_KB:g} KB")
    return {"source_kb": len(buffer.getvalue()) / 1024, "sizes_kb": sizes, "failures": failures}
