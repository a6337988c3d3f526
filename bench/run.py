#!/usr/bin/env python
"""Sentra's benchmark (SPEC §10): make a large data set on PostgreSQL, time every public page in-process,
then gunicorn + wrk (hello vs catalogue, with and without the page cache) and a 60 s load of shoppers.

    python bench/run.py [--products 200000] [--db URL] [--keep] [--quick] [--profile]

Writes bench/RESULTS.md; exits 1 when a budget is missed. How to read it: bench/README.md.
"""

import argparse
import datetime
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)  # not bench/: its modules must not shadow the standard library


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=200_000)
    parser.add_argument("--vendors", type=int, default=5_000)
    parser.add_argument("--units", type=int, default=400)
    parser.add_argument("--reservations", type=int, default=100_000)
    parser.add_argument("--db", help="PostgreSQL URL to use instead of a throw-away server (data kept if present)")
    parser.add_argument("--keep", action="store_true", help="leave the throw-away server and its data running")
    parser.add_argument("--requests", type=int, default=240, help="timed requests per in-process case (all rounds)")
    parser.add_argument("--rounds", type=int, default=6, help="interleaved rounds the requests are spread over")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--wrk-seconds", type=int, default=10)
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--peer", metavar="PYTHON", help="django-oscar's virtualenv python: measure Oscar beside us")
    parser.add_argument("--quick", action="store_true", help="in-process timings only (no gunicorn, wrk, load)")
    parser.add_argument("--output", default=str(ROOT / "bench" / "RESULTS.md"))
    parser.add_argument("--profile", action="store_true", help="SQL / templates / Python split per case: PROFILE.md")
    parser.add_argument("--profile-cases", nargs="*", default=[], metavar="CASE", help="only these cases (names)")
    parser.add_argument("--profile-top", type=int, default=12, help="cProfile's heaviest functions per case")
    return parser.parse_args(argv)


def setup_django(db_url: str) -> None:
    os.environ["DATABASE_URL"] = db_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.setdefault("CACHE_URL", "locmemcache://sentra-bench")
    os.chdir(ROOT)
    import django

    django.setup()


def ensure_data(args) -> float:
    """Migrate and generate the data set unless the database already holds it; return seconds spent."""
    from django.core.management import call_command

    from bench.dataset import BENCH_SLUG, Generator
    from catalog.models import Product

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    have = Product.objects.filter(slug__regex=BENCH_SLUG).count()
    if have >= args.products:
        print(f"Data set present ({have:,} bench products): not regenerating.")
        return 0.0
    if have:
        raise SystemExit(f"The database holds {have:,} bench products, fewer than --products; use an empty database.")
    Generator(products=args.products, vendors=args.vendors, units=args.units, reservations=args.reservations).run()
    return time.perf_counter() - started


def git_commit() -> str:
    try:
        git = ["git", "-C", str(ROOT)]
        out = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)  # noqa: S603
        # The results file itself does not count: a rerun finds the previous run's figures in it.
        status = [*git, "status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)bench/RESULTS.md"]
        dirty = subprocess.run(status, capture_output=True, text=True)  # noqa: S603
        return out.stdout.strip() + (" (+ uncommitted changes)" if dirty.stdout.strip() else "")
    except OSError:
        return "unknown"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    system = f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM, {system}"


def main(argv=None) -> int:
    args = parse_args(argv)
    from bench.pgserver import ThrowAwayPostgres

    server = None if args.db else ThrowAwayPostgres().start()
    db_url = args.db or server.url
    print(f"Database: {db_url}")
    try:
        setup_django(db_url)
        from bench import inprocess, report

        results = report.Results(
            started=datetime.datetime.now(datetime.UTC), machine=machine(), commit=git_commit(), args=vars(args)
        )
        results.data_seconds = ensure_data(args)
        if args.profile:
            from bench import profile

            profile.run(args, Path(args.output).with_name("PROFILE.md"))
            return 0
        load_before = os.getloadavg()[0]
        results.counts = report.counts()
        inprocess.run(args, results)
        if not args.quick:
            from bench import throughput

            throughput.run(args, results, db_url)
        results.load_average = (load_before, os.getloadavg()[0])
        results.previous = report.read_previous(Path(args.output))
        report.write(results, Path(args.output))
        print(report.render(results))
        return 0 if results.ok else 1
    finally:
        if server:
            server.stop(keep=args.keep)


if __name__ == "__main__":
    sys.exit(main())
