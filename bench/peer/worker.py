#!/usr/bin/env python
"""django-oscar beside Sentra in the benchmark: runs in bench/peer/.venv (Oscar installed), never in Sentra's.

    bench/peer/.venv/bin/python bench/peer/worker.py --source-db URL --word WORD --category SLUG

Makes a database `oscar_bench` on the bench's PostgreSQL server, migrates Oscar into it and copies Sentra's
bench products into Oscar's tables (the same names, descriptions, prices, stock and categories), then answers
one JSON command per line on stdin — the same PageProbe as Sentra's cases (bench/measure.py), so both are
timed by the same client and method, interleaved in the same rounds by bench/run.py:

    {"op": "cases"} -> {"cases": [{"name": ..., "urls": [...]}]}
    {"op": "check", "case": NAME} -> {"ok": true, "timing": {...}}
    {"op": "block", "case": NAME, "requests": N, "warmup": W, "max_seconds": S} -> {"samples": [...]}
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path[0] = str(ROOT)  # `bench.*` importable; Sentra's apps are not installed here
PEER_DB = "oscar_bench"
PRODUCT_LIST_MARK = 'class="product_pod"'  # Oscar's product card in lists


def parse_args(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--source-db", required=True, help="Sentra's bench database URL (same server)")
    parser.add_argument("--word", required=True, help="a word in ~1 %% of product titles")
    parser.add_argument("--category", required=True, help="slug of the category page to measure")
    return parser.parse_args(argv)


def peer_env(source_db: str) -> dict[str, str]:
    """The environment bench/peer/settings.py reads: Oscar's database beside Sentra's on the same server."""
    url = urlsplit(source_db)
    return {
        "PEER_DB_NAME": PEER_DB,
        "PEER_DB_HOST": url.hostname or "127.0.0.1",
        "PEER_DB_PORT": str(url.port or 5432),
        "PEER_DB_USER": url.username or "postgres",
        "PEER_DB_PASSWORD": url.password or "",
        "DJANGO_SETTINGS_MODULE": "bench.peer.settings",
    }


def setup(source_db: str) -> None:
    import psycopg

    with psycopg.connect(source_db, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PEER_DB]).fetchone():
            conn.execute(f"CREATE DATABASE {PEER_DB}")
    os.environ.update(peer_env(source_db))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def load(source_db: str) -> None:
    """Copy Sentra's bench products into Oscar's catalogue unless they are there already."""
    import psycopg
    from django.db import connection
    from django.utils import timezone
    from oscar.core.loading import get_model

    from bench.dataset import copy_rows

    Product = get_model("catalogue", "Product")
    with psycopg.connect(source_db) as source:
        wanted = source.execute("SELECT count(*) FROM catalog_product").fetchone()[0]
        if Product.objects.count() >= wanted:
            return
        if Product.objects.exists():
            raise SystemExit(f"{PEER_DB} holds a partial catalogue; drop the database and run again.")
        print(f"Loading {wanted:,} products into Oscar…", file=sys.stderr)
        categories = source.execute(
            "SELECT id, name, slug, parent_id FROM catalog_category ORDER BY parent_id NULLS FIRST, position, id"
        ).fetchall()
        products = source.execute(
            "SELECT p.id, p.name, p.slug, p.description, p.price, p.stock_on_hand, p.category_id, "
            "p.status = 'published', p.created_at FROM catalog_product p ORDER BY p.id"
        ).fetchall()

    Category = get_model("catalogue", "Category")
    ProductClass = get_model("catalogue", "ProductClass")
    ProductCategory = get_model("catalogue", "ProductCategory")
    Partner = get_model("partner", "Partner")
    StockRecord = get_model("partner", "StockRecord")
    nodes = {}
    for pk, name, slug, parent_id in categories:
        nodes[pk] = (
            nodes[parent_id].add_child(name=name, slug=slug) if parent_id else Category.add_root(name=name, slug=slug)
        )
    product_class, _ = ProductClass.objects.get_or_create(name="Oleh-oleh", defaults={"track_stock": True})
    partner, _ = Partner.objects.get_or_create(name="UMKM")
    now = timezone.now()
    copy_rows(
        Product,
        (
            {
                "structure": "standalone",
                "is_public": public,
                "upc": None,
                "title": name,
                "slug": slug,
                "description": description,
                "meta_title": None,
                "meta_description": None,
                "product_class_id": product_class.pk,
                "rating": None,
                "date_created": created,
                "date_updated": created,
                "is_discountable": True,
                "parent_id": None,
                "code": None,
                "priority": 0,
            }
            for _, name, slug, description, _, _, _, public, created in products
        ),
        len(products),
        "oscar products",
    )
    oscar_ids = dict(Product.objects.values_list("slug", "pk"))
    copy_rows(
        ProductCategory,
        ({"product_id": oscar_ids[row[2]], "category_id": nodes[row[6]].pk} for row in products),
        len(products),
        "oscar product categories",
    )
    copy_rows(
        StockRecord,
        (
            {
                "partner_id": partner.pk,
                "product_id": oscar_ids[slug],
                "partner_sku": f"SKU-{pk}",
                "price_currency": "IDR",
                "price": price,
                "num_in_stock": stock,
                "num_allocated": 0,
                "low_stock_threshold": None,
                "date_created": now,
                "date_updated": now,
            }
            for pk, _, slug, _, price, stock, _, _, _ in products
        ),
        len(products),
        "oscar stock records",
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def cases(word: str, category_slug: str) -> dict:
    from django.urls import reverse
    from oscar.core.loading import get_model

    from bench.measure import Case

    Product = get_model("catalogue", "Product")
    Category = get_model("catalogue", "Category")
    public = Product.objects.filter(is_public=True).order_by("pk")
    step = max(1, public.count() // 100)
    product_urls = [p.get_absolute_url() for p in public.only("pk", "slug")[::step][:100]]
    category = Category.objects.filter(slug=category_slug).first() or Category.objects.order_by("path").last()
    return {
        case.name: case
        for case in (
            Case("oscar product", product_urls, p95_budget=None),
            Case(f"oscar search {word}", [f"{reverse('search:search')}?q={word}"], p95_budget=None, expect=True),
            Case("oscar category", [category.get_absolute_url()], p95_budget=None, expect=True),
        )
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    setup(args.source_db)
    load(args.source_db)
    from django.test import Client, override_settings

    from bench.measure import PageProbe

    with override_settings(ALLOWED_HOSTS=["testserver"]):
        client = Client()
        probes = {
            name: PageProbe(client, case, found_mark=PRODUCT_LIST_MARK)
            for name, case in cases(args.word, args.category).items()
        }
        print(json.dumps({"ready": True}), flush=True)
        for line in sys.stdin:
            command = json.loads(line)
            op = command["op"]
            if op == "cases":
                reply = {"cases": [{"name": p.case.name, "urls": p.case.urls} for p in probes.values()]}
            elif op == "check":
                probe = probes[command["case"]]
                ok = probe.check()
                reply = {"ok": ok, "timing": probe.result.__dict__}
            elif op == "block":
                probe = probes[command["case"]]
                deadline = time.perf_counter() + command.get("max_seconds", 1e9)
                probe.block(command["requests"], command["warmup"], deadline=deadline)
                reply = {"samples": probe.rounds.pop()}
            else:
                break
            print(json.dumps(reply), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
