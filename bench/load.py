"""60 s of load through gunicorn + PostgreSQL: 50 shoppers browsing (wrk) while 10 reserve the same few products
(Python threads posting cart-add + checkout as signed-in, verified shoppers). Then: 0 errors, 0 oversold units."""

import http.client
import os
import secrets
import shutil
import statistics
import subprocess
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlparse

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.db.models import F, Q, Sum
from django.urls import reverse
from django.utils import timezone

from bench.dataset import BENCH_EMAIL_DOMAIN, BENCH_SLUG
from bench.measure import percentile
from bench.pgserver import free_port

BROWSERS, RESERVERS, HOT_PRODUCTS = 50, 10, 5
# Units per hot product: few enough that the 10 reserving shoppers sell them out and meet refusals.
HOT_STOCK = int(os.environ.get("BENCH_HOT_STOCK", "60"))


@dataclass
class ReserverStats:
    attempts: int = 0
    placed: int = 0
    refused: int = 0  # out of stock, limits: a correct answer, shown to the shopper
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)


def hot_products() -> list:
    """A few products of vendors with a unit at the bench centre, given a known stock to fight over."""
    from catalog.models import Product

    products = list(
        Product.objects.published()
        .filter(slug__regex=BENCH_SLUG, made_to_order=False, vendor__on_holiday=False)
        .filter(vendor__unit_assignments__end_on__isnull=True)
        .order_by("pk")[:HOT_PRODUCTS]
    )
    for product in products:
        Product.objects.filter(pk=product.pk).update(stock_on_hand=F("stock_reserved") + HOT_STOCK)
        product.refresh_from_db()
    return products


def shopper_sessions(count: int) -> list[str]:
    """Session keys of signed-in verified bench shoppers with no open reservation."""
    from orders.models import Reservation

    busy = Reservation.objects.open().values("shopper_id")
    users = (
        get_user_model()
        .objects.filter(email__endswith=BENCH_EMAIL_DOMAIN, vendor_memberships__isnull=True)
        .exclude(pk__in=busy)
        .order_by("-pk")[:count]
    )
    keys = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    return keys


def reserver(base: str, sessions: list[str], products: list, day: str, deadline: float, stats: ReserverStats) -> None:
    target = urlparse(base)
    conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
    csrf = secrets.token_hex(16)
    urls = {name: reverse(f"orders:{name}") for name in ("cart-add", "checkout", "cart-remove")}
    reservations = reverse("orders:reservation-list")
    for n in range(10**6):
        if time.monotonic() > deadline:
            break
        session, product = sessions[n % len(sessions)], products[(n * 7 + len(sessions)) % len(products)]
        headers = {
            "Cookie": f"sessionid={session}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
            "Content-Type": "application/x-www-form-urlencoded",
        }

        def post(name, data, expect, headers=headers):
            conn.request("POST", urls[name], urlencode(data), headers)
            response = conn.getresponse()
            response.read()
            if response.status >= 500 or response.status not in expect:
                stats.errors.append(f"{name} HTTP {response.status}")
            return response.status, response.getheader("Location", "")

        stats.attempts += 1
        quantity = 1 + n % 2
        post("cart-add", {"product": product.pk, "quantity": quantity, "next": urls["checkout"]}, {302})
        form = {"pickup_date": day, "contact_name": "Bench", "contact_phone": "0812 3456 7890", "note": ""}
        started = time.perf_counter()
        status, location = post("checkout", form | {"checkout_token": uuid.uuid4().hex}, {200, 302})
        stats.latencies.append((time.perf_counter() - started) * 1000)
        if status == 302 and location.startswith(reservations):
            stats.placed += 1
        else:
            stats.refused += 1
            post("cart-remove", {"product": product.pk}, {302})
    conn.close()


def check_stock(products: list, before: dict) -> tuple[list[str], int]:
    """Return (problems, units held now): held must equal open lines, never exceed stock on hand."""
    from catalog.models import Product
    from orders.models import Reservation, ReservationLine

    problems, held_total = [], 0
    for product in Product.objects.filter(pk__in=[p.pk for p in products]):
        open_lines = ReservationLine.objects.filter(
            product=product, reservation__status__in=Reservation.OPEN_STATUSES
        ).aggregate(total=Sum("quantity"))["total"]
        if product.stock_reserved > product.stock_on_hand:
            problems.append(f"{product.slug}: {product.stock_reserved} held > {product.stock_on_hand} on hand")
        if (open_lines or 0) != product.stock_reserved:
            problems.append(f"{product.slug}: held {product.stock_reserved} != open lines {open_lines}")
        held_total += product.stock_reserved - before[product.pk]
    oversold = Product.objects.filter(~Q(made_to_order=True), stock_reserved__gt=F("stock_on_hand")).count()
    if oversold:
        problems.append(f"{oversold} products oversold")
    return problems, held_total


def browse_paths(sample_size: int = 60) -> list[str]:
    """What a crowd looks at: home, catalogue pages, every category and region, popular products and stores."""
    from catalog.models import Category, Product
    from vendors.models import Regency, Vendor

    catalogue = reverse("catalog:product-list")
    products = Product.objects.published().filter(slug__regex=BENCH_SLUG).order_by("?")[:sample_size]
    vendors = Vendor.objects.approved().order_by("?")[:20]
    paths = [reverse("catalog:home"), catalogue, f"{catalogue}?halaman=2", f"{catalogue}?q=keripik"]
    paths += [f"{catalogue}?kategori={slug}" for slug in Category.objects.values_list("slug", flat=True)]
    paths += [f"{catalogue}?daerah={slug}" for slug in Regency.objects.values_list("slug", flat=True)]
    paths += [p.get_absolute_url() for p in products] + [v.get_absolute_url() for v in vendors]
    return paths


def run(args, results, db_url: str) -> None:
    from bench.throughput import gunicorn, wrk
    from orders.services import pickup_dates
    from vendors.selectors import vendor_pickup_points

    products = hot_products()
    before = {p.pk: p.stock_reserved for p in products}
    sessions = shopper_sessions(RESERVERS * 40)
    centre = vendor_pickup_points([products[0].vendor_id])[products[0].vendor_id].centre
    day = pickup_dates(centre, now=timezone.now())[0].isoformat()
    paths = browse_paths()
    stats = [ReserverStats() for _ in range(RESERVERS)]
    with shared_cache() as cache_env, gunicorn(db_url, **cache_env) as base:
        results.notes.append(
            "load: gunicorn workers share "
            + ("a Redis cache (redis-server on 127.0.0.1)" if cache_env else "nothing: per-worker memory caches")
            + "; every browse path requested once before the 60 s start (a crowd arrives at a warm site)."
        )
        warm(base, paths)
        deadline = time.monotonic() + args.load_seconds
        threads = [
            threading.Thread(target=reserver, args=(base, sessions[i::RESERVERS], products, day, deadline, stats[i]))
            for i in range(RESERVERS)
        ]
        for thread in threads:
            thread.start()
        browse = wrk(base, seconds=args.load_seconds, connections=BROWSERS, paths=paths)
        for thread in threads:
            thread.join()
    summarize(results, browse, stats, *check_stock(products, before), args.load_seconds)


@contextmanager
def shared_cache():
    """A throw-away redis-server for the workers' shared page cache, as with several machines; {} without one."""
    executable = shutil.which("redis-server")
    if not executable:
        yield {}
        return
    port = free_port(18150, 18200)
    args = [executable, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    server = subprocess.Popen(args, stdout=subprocess.DEVNULL)  # noqa: S603
    try:
        time.sleep(0.5)
        # Sessions stay in the database: the reserving shoppers' sessions were made there.
        yield {
            "CACHE_URL": f"redis://127.0.0.1:{port}/0",
            "DJANGO_SESSION_ENGINE": "django.contrib.sessions.backends.db",
        }
    finally:
        server.terminate()
        server.wait(timeout=10)


def warm(base: str, paths: list[str]) -> None:
    target = urlparse(base)
    conn = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
    for path in paths:
        conn.request("GET", path)
        conn.getresponse().read()
    conn.close()


def summarize(results, browse: dict, stats: list[ReserverStats], problems: list[str], held: int, seconds: int):
    latencies = [ms for s in stats for ms in s.latencies]
    placed, refused = sum(s.placed for s in stats), sum(s.refused for s in stats)
    errors = [e for s in stats for e in s.errors]
    failures = list(problems)
    if browse["errors"]:
        failures.append(f"{browse['errors']} browsing errors")
    if errors:
        failures.append(f"{len(errors)} reserving errors, e.g. {errors[:3]}")
    results.load = {
        "failures": failures,
        "lines": [
            f"{BROWSERS} browsing shoppers (wrk): "
            f"**{browse['rps']:.0f} requests/s**, p50 {browse['p50']:.1f} ms, **p95 {browse['p95']:.1f} ms**, "
            f"{browse['errors']} errors ({browse['requests']:,} requests in {seconds} s; catalogue, filters, search, "
            f"product and vendor pages, page cache on)",
            f"{RESERVERS} reserving shoppers on the same {HOT_PRODUCTS} products ({HOT_STOCK} units each): "
            f"{sum(s.attempts for s in stats):,} checkouts, {placed:,} placed, {refused:,} refused (out of stock or "
            f"limits), checkout POST p50 {statistics.median(latencies) if latencies else 0:.1f} ms, "
            f"**p95 {percentile(latencies, 95) if latencies else 0:.1f} ms**, {len(errors)} errors",
            f"Units held after the run: {held} of {HOT_STOCK * HOT_PRODUCTS} available; "
            f"**oversold units: {0 if not problems else 'SEE BELOW'}**",
            *problems,
        ],
    }
