"""gunicorn on 127.0.0.1 + wrk: hello vs anonymous catalogue (page cache on and off), then the 60 s load."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bench.pgserver import free_port

ROOT = Path(__file__).resolve().parent.parent
LUA = ROOT / "bench" / "wrk" / "report.lua"
CACHED_RATIO, UNCACHED_RATIO = 0.30, 0.05


def workers() -> int:
    """gunicorn.conf.py's default (2 x cores + 1 sync workers) unless BENCH_GUNICORN_WORKERS says otherwise."""
    return int(os.environ.get("BENCH_GUNICORN_WORKERS", 2 * (os.cpu_count() or 1) + 1))


@contextmanager
def gunicorn(db_url: str, *, python: str = sys.executable, app: str = "sentra.wsgi:application", **env):
    """Run gunicorn (gunicorn.conf.py, bench settings) on a free 181xx port; yield its base URL.

    `python`/`app` run django-oscar's peer instead (its virtualenv, bench/peer/wsgi.py) with the same settings."""
    port = free_port(18110, 18150)
    full_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": db_url,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers()),
        "GUNICORN_LOG_LEVEL": "warning",
        **env,
    }
    executable = Path(python).parent / "gunicorn"
    args = [str(executable), "-c", str(ROOT / "gunicorn.conf.py"), app]
    server = subprocess.Popen(args, cwd=ROOT, env=full_env)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                with urllib.request.urlopen(f"{base}/bench-hello", timeout=2):  # noqa: S310 - 127.0.0.1 only
                    break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError("gunicorn exited at start") from None
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def wrk(url: str, *, seconds: int, connections: int, threads: int = 2, paths: list[str] | None = None) -> dict:
    """Run wrk against `url` (or a list of paths under it) and return rps, p50/p95 ms and errors."""
    env = dict(os.environ)
    path_file = None
    if paths:
        path_file = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False)  # noqa: SIM115
        path_file.write("\n".join(paths) + "\n")
        path_file.close()
        env["BENCH_PATHS"] = path_file.name
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(LUA), url]
    try:
        out = subprocess.run(args, capture_output=True, text=True, env=env, check=True).stdout  # noqa: S603
    finally:
        if path_file:
            Path(path_file.name).unlink(missing_ok=True)
    line = next(line for line in out.splitlines() if line.startswith("BENCH-JSON "))
    data = json.loads(line.removeprefix("BENCH-JSON "))
    errors = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
    return {
        "rps": data["requests"] / (data["duration_us"] / 1e6),
        "p50": data["p50_us"] / 1000,
        "p95": data["p95_us"] / 1000,
        "requests": data["requests"],
        "errors": errors,
    }


def ensure_wrk() -> bool:
    """wrk on PATH, installed with apt-get (Debian package `wrk`) when running as root."""
    if not shutil.which("wrk") and os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk not found: installing it with apt-get (wrk)")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False)  # noqa: S607
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, env=env)  # noqa: S607
    return bool(shutil.which("wrk"))


def run(args, results, db_url: str) -> None:
    if not ensure_wrk():
        results.notes.append("wrk not installed (apt-get install wrk): gunicorn throughput and load not measured.")
        results.ratios.append({"name": "wrk missing", "ratio": 0.0, "budget": CACHED_RATIO, "ok": False})
        return
    from django.urls import reverse

    catalogue = reverse("catalog:product-list")
    conns, secs = 16, args.wrk_seconds
    results.notes.append(
        f"wrk: {conns} connections, 2 threads, {secs} s per target; gunicorn: {workers()} sync workers "
        f"(gunicorn.conf.py), wrk on the same {os.cpu_count()} cores."
    )
    for label, cache_seconds, budget in (
        ("page cache on", "60", CACHED_RATIO),
        ("page cache off", "0", UNCACHED_RATIO),
    ):
        with gunicorn(db_url, SENTRA_PAGE_CACHE_SECONDS=cache_seconds) as base:
            wrk(f"{base}/bench-hello", seconds=2, connections=conns)  # warm every worker
            hello = wrk(f"{base}/bench-hello", seconds=secs, connections=conns)
            wrk(f"{base}{catalogue}", seconds=2, connections=conns)  # warm: page cache, connections, templates
            time.sleep(3)  # let requests still queued from the warm-up finish before measuring
            page = wrk(f"{base}{catalogue}", seconds=secs, connections=conns)
        results.http.append({"name": f"hello ({label})", **hello})
        results.http.append({"name": f"catalogue, anonymous ({label})", **page})
        ratio = page["rps"] / hello["rps"] if hello["rps"] else 0.0
        results.ratios.append(
            {"name": f"catalogue / hello, {label}", "ratio": ratio, "budget": budget, "ok": ratio >= budget}
        )
    if args.peer:
        beside_oscar(args, results, db_url, conns, secs)
    from bench import load

    load.run(args, results, db_url)


def beside_oscar(args, results, db_url: str, conns: int, secs: int) -> None:
    """Hello and the uncached product page, Sentra then django-oscar, same gunicorn settings; and Sentra's hello
    without worker recycling (max_requests 0), to see what recycling costs."""
    from bench.peer.worker import peer_env
    from catalog.models import Product

    products = [p.get_absolute_url() for p in Product.objects.published().order_by("pk")[::997][:100]]
    peer_products = results.peer.get("product_urls") or []
    rows = {}
    servers = [
        ("Sentra", {"db_url": db_url, "SENTRA_PAGE_CACHE_SECONDS": "0"}, products),
        (
            "Sentra, max_requests 0",
            {"db_url": db_url, "SENTRA_PAGE_CACHE_SECONDS": "0", "GUNICORN_MAX_REQUESTS": "0"},
            None,
        ),
        (
            "Oscar",
            {"db_url": db_url, "python": args.peer, "app": "bench.peer.wsgi:application", **peer_env(db_url)},
            peer_products,
        ),
    ]
    for name, kwargs, pages in servers:
        with gunicorn(**kwargs) as base:
            wrk(f"{base}/bench-hello", seconds=2, connections=conns)
            rows[f"{name} hello"] = wrk(f"{base}/bench-hello", seconds=secs, connections=conns)
            if pages:
                wrk(base, seconds=2, connections=conns, paths=pages)
                time.sleep(3)
                rows[f"{name} product, uncached"] = wrk(base, seconds=secs, connections=conns, paths=pages)
    for label, row in rows.items():
        results.http.append({"name": label, **row})
    for label, ours, theirs, target in (
        ("hello: Sentra / Oscar", "Sentra hello", "Oscar hello", 0.8),
        ("product, uncached: Sentra / Oscar", "Sentra product, uncached", "Oscar product, uncached", 2.0),
    ):
        if ours in rows and theirs in rows and rows[theirs]["rps"]:
            ratio = rows[ours]["rps"] / rows[theirs]["rps"]
            results.ratios.append(
                {"name": label, "ratio": ratio, "budget": target, "ok": ratio >= target, "target": True}
            )
