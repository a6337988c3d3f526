"""Where a page's time goes (`bench/run.py --profile`): SQL, template rendering and the rest of Python, per case.

Each case of the in-process part is requested `--requests` times (after its warm-up) with three clocks:
- SQL: every statement's wall time, through `connection.execute_wrapper` (the database's own time plus the
  driver's round trip);
- templates: the outermost `Template.render` of a request, minus the SQL run inside it (a lazy queryset
  evaluated by the template is SQL, not rendering);
- Python: the rest of `client.get()` — middleware, URL resolving, the view, forms, serialising the response.
Then, for every case, cProfile's heaviest functions by own time over the same requests (`--profile-top`).
Writes bench/PROFILE.md. The absolute figures run ~10-20 % higher than in RESULTS.md (the clocks cost a little);
the split is what this is for.
"""

import cProfile
import io
import pstats
import re
import statistics
import time
from contextlib import contextmanager
from itertools import cycle
from pathlib import Path

from django.db import connection
from django.template import base as template_base
from django.test import Client, override_settings

ROOT = Path(__file__).resolve().parent.parent
SHORTEN = rf"\S*/site-packages/|{re.escape(str(ROOT))}/|\S*/lib/python3\.\d+/"  # paths in cProfile's table


class Clocks:
    """SQL time and outermost-template time of the current request, in seconds."""

    def __init__(self) -> None:
        self.sql = self.template = self.sql_in_template = 0.0
        self.depth = 0

    def reset(self) -> None:
        self.sql = self.template = self.sql_in_template = 0.0

    def execute(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - start
            self.sql += elapsed
            if self.depth:
                self.sql_in_template += elapsed


@contextmanager
def clocked(clocks: Clocks):
    original = template_base.Template.render

    def render(template, context):
        if clocks.depth:
            return original(template, context)
        clocks.depth += 1
        start = time.perf_counter()
        try:
            return original(template, context)
        finally:
            clocks.template += time.perf_counter() - start
            clocks.depth -= 1

    template_base.Template.render = render
    try:
        with connection.execute_wrapper(clocks.execute):
            yield
    finally:
        template_base.Template.render = original


def split(client: Client, case, *, requests: int, warmup: int) -> dict:
    """Median ms of total, SQL, template and other Python over `requests` requests of one case."""
    urls = cycle(case.urls)
    for _ in range(max(warmup, min(len(case.urls), 12))):
        client.get(next(urls))
    clocks = Clocks()
    rows = []
    with clocked(clocks):
        for _ in range(requests):
            clocks.reset()
            if case.first_visit:
                from sentra.cache import invalidate_pages

                invalidate_pages()
            start = time.perf_counter()
            client.get(next(urls))
            total = time.perf_counter() - start
            template = clocks.template - clocks.sql_in_template
            rows.append((total, clocks.sql, template, total - clocks.sql - template))
    total, sql, template, python = (statistics.median(col) * 1000 for col in zip(*rows, strict=True))
    return {"name": case.name, "total": total, "sql": sql, "template": template, "python": python}


def top_functions(client: Client, case, *, requests: int, top: int) -> str:
    urls = cycle(case.urls)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        client.get(next(urls))
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    # Keep the table only, with paths shortened to the package.
    lines = out.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip().startswith("ncalls")), 0)
    return "\n".join(re.sub(SHORTEN, "", line) for line in lines[start:])


def middleware_costs(requests: int = 3000) -> list[tuple[str, float]]:
    """Microseconds each middleware adds to the bare hello, as gunicorn calls Django (a WSGIHandler, no test
    client): hello through the first k middlewares of settings.MIDDLEWARE, for k = 0 .. all; a row is the
    difference a middleware makes to the median."""
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/bench-hello",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
    }
    chain = list(settings.MIDDLEWARE)
    medians = []
    for k in range(len(chain) + 1):
        with override_settings(MIDDLEWARE=chain[:k]):
            handler = WSGIHandler()
            samples = []
            for i in range(requests):
                start = time.perf_counter()
                response = handler(dict(environ), lambda status, headers: None)
                response.close()
                if i >= requests // 10:
                    samples.append(time.perf_counter() - start)
            medians.append(statistics.median(samples) * 1e6)
    rows = [("(no middleware)", medians[0])]
    rows += [(name, medians[k + 1] - medians[k]) for k, name in enumerate(chain)]
    return rows


def run(args, output: Path) -> None:
    import random

    from bench.inprocess import make_sample
    from bench.measure import page_cases

    sample = make_sample(random.Random(10))
    cases = [case for case in page_cases(sample) if not args.profile_cases or case.name in args.profile_cases]
    rows, tops = [], []
    middleware = middleware_costs()
    for name, cost in middleware:
        print(f"{name}: {cost:.1f} µs")
    with override_settings(SENTRA_PAGE_CACHE_SECONDS=0):
        client = Client()
        for case in cases:
            rows.append(split(client, case, requests=args.requests, warmup=args.warmup))
            print(_row(rows[-1]))
        for case in cases:
            if args.profile_top:
                tops.append((case.name, top_functions(client, case, requests=args.requests, top=args.profile_top)))
    output.write_text(render(rows, tops, middleware, args))
    print(f"Wrote {output}")


def _row(row: dict) -> str:
    total = row["total"] or 1
    parts = " | ".join(f"{row[k]:.1f} ({row[k] / total:.0%})" for k in ("sql", "template", "python"))
    return f"| {row['name']} | {row['total']:.1f} | {parts} |"


def render(rows: list[dict], tops: list[tuple[str, str]], middleware: list[tuple[str, float]], args) -> str:
    lines = [
        "# Where the time goes",
        "",
        f"`python bench/run.py --profile` ({args.requests} requests a case, medians; how it is measured: the "
        "docstring of bench/profile.py). Percentages are of the request's total.",
        "",
        "| case | total ms | SQL ms | templates ms | other Python ms |",
        "|---|---:|---:|---:|---:|",
        *(_row(row) for row in rows),
        "",
        "## What each middleware adds to the bare hello",
        "",
        "As gunicorn calls Django (a WSGIHandler, no test client), median of 2,700 requests through the first k "
        "middlewares; a row is the difference its middleware makes (µs; noise is a few µs either way).",
        "",
        "| middleware | µs |",
        "|---|---:|",
        *(f"| `{name}` | {cost:.1f} |" for name, cost in middleware),
        f"| **total** | {sum(cost for _, cost in middleware):.1f} |",
    ]
    for name, table in tops:
        lines += ["", f"## {name}: heaviest functions (own time)", "", "```", table.rstrip(), "```"]
    return "\n".join(lines) + "\n"
