"""Collects the benchmark's figures and writes bench/RESULTS.md."""

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path

from bench.measure import REFERENCE, REFERENCE_MS


@dataclass
class Results:
    started: datetime.datetime
    machine: str
    commit: str
    args: dict
    data_seconds: float = 0.0
    counts: dict = field(default_factory=dict)
    missing_pages: list = field(default_factory=list)
    timings: list = field(default_factory=list)
    assets: dict = field(default_factory=dict)
    thumbnail: dict = field(default_factory=dict)
    http: list = field(default_factory=list)  # dicts: name, rps, p50, p95, errors, note
    ratios: list = field(default_factory=list)  # dicts: name, ratio, budget, ok
    load: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    load_average: tuple = ()  # 1-minute load average when the measurements started and ended

    @property
    def failures(self) -> list[str]:
        found = [f"{t.name}: {f}" for t in self.timings for f in t.failures]
        found += [f"front-end: {f}" for f in self.assets.get("failures", []) + self.thumbnail.get("failures", [])]
        found += [f"{r['name']}: ratio {r['ratio']:.1%} < {r['budget']:.0%}" for r in self.ratios if not r["ok"]]
        found += [f"wrk {h['name']}: {h['errors']} errors" for h in self.http if h.get("errors")]
        found += [f"load: {f}" for f in self.load.get("failures", [])]
        return found

    @property
    def ok(self) -> bool:
        return not self.failures


def counts() -> dict:
    from catalog.models import Certificate, Product
    from orders.models import Reservation
    from vendors.models import Regency, ShopUnit, Vendor

    return {
        "regions": Regency.objects.count(),
        "vendors": Vendor.objects.count(),
        "products": Product.objects.count(),
        "published products": Product.objects.published().count(),
        "units": ShopUnit.objects.count(),
        "certificates": Certificate.objects.count(),
        "reservations": Reservation.objects.count(),
    }


def _num(value, fmt="{:.1f}") -> str:
    return "–" if value is None else fmt.format(value)


def render(r: Results) -> str:
    lines = [
        "# Sentra benchmark results",
        "",
        f"- Date: {r.started:%Y-%m-%d %H:%M} UTC",
        f"- Git commit: `{r.commit}`",
        f"- Machine: {r.machine}"
        + (
            f"; load average {r.load_average[0]:.1f} at start, {r.load_average[1]:.1f} at end" if r.load_average else ""
        ),
        "- Command: `python bench/run.py "
        + " ".join(f"--{k.replace('_', '-')} {v}" for k, v in r.args.items() if k in {"products", "requests"})
        + "`",
        "- Data set: "
        + ", ".join(f"{v:,} {k}" for k, v in r.counts.items())
        + (f" (generated in {r.data_seconds:.0f} s)" if r.data_seconds else " (reused)"),
        f"- Verdict: **{'all budgets met' if r.ok else 'BUDGET MISSED'}**",
        "",
        "How to read this: bench/README.md. Budgets: SPEC §10.",
        "",
        "## In-process (Django test client, warm, page cache off unless stated)",
        "",
        "| case | median ms | p95 ms | queries | HTML KB | gzip KB | found | budget |",
        "|---|---:|---:|---:|---:|---:|:-:|---|",
    ]
    for t in r.timings:
        verdict = ("ok" if t.timed else "ok (no p95 budget)") if t.ok else "**" + "; ".join(t.failures) + "**"
        if t.note.startswith("skipped"):
            verdict = t.note
        found = "" if t.found is None else ("yes" if t.found else "**no**")
        lines.append(
            f"| {t.name} | {_num(t.median_ms or None)} | {_num(t.p95_ms or None)} | {_num(t.queries, '{}')} | "
            f"{_num(t.html_kb)} | {_num(t.gzip_kb)} | {found} | {verdict} |"
        )
    reference = next((t for t in r.timings if t.name == REFERENCE and t.median_ms), None)
    if reference:
        lines += [
            "",
            f"Machine speed: the bare 24-card page (first row) takes {reference.median_ms:.1f} ms here; SPEC §10 gives "
            f"~{REFERENCE_MS:g} ms for it on the hardware its budgets were set on (a factor of "
            f"{reference.median_ms / REFERENCE_MS:.1f}). The budgets stay absolute; compare runs by this row.",
        ]
    if r.missing_pages:
        lines += ["", "Not measured (URL not available yet): " + ", ".join(r.missing_pages)]
    if r.assets:
        lines += [
            "",
            "## Front-end weight",
            "",
            f"- CSS + JS linked by a public page: {r.assets['raw_kb']:.1f} KB raw, "
            f"**{r.assets['gzip_kb']:.1f} KB gzip** "
            f"(budget 60 KB): " + ", ".join(f"`{f}`" for f in r.assets["files"]),
        ]
    if r.thumbnail:
        sizes = ", ".join(f"{k} {v:.1f} KB" for k, v in r.thumbnail["sizes_kb"].items())
        lines.append(
            f"- Thumbnails (WebP) from a {r.thumbnail['source_kb']:.0f} KB 1600×1200 JPEG: {sizes} (budget 30 KB)"
        )
    if r.http:
        lines += [
            "",
            "## gunicorn + wrk on 127.0.0.1",
            "",
            "| target | requests/s | per core | p50 ms | p95 ms | errors |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for h in r.http:
            lines.append(
                f"| {h['name']} | {h['rps']:.0f} | {h['rps'] / (os.cpu_count() or 1):.0f} | {h['p50']:.1f} "
                f"| {h['p95']:.1f} | {h['errors']} |"
            )
        lines += ["", "| ratio to hello | value | budget |", "|---|---:|---|"]
        for ratio in r.ratios:
            lines.append(
                f"| {ratio['name']} | {ratio['ratio']:.1%} | ≥ {ratio['budget']:.0%} "
                f"{'ok' if ratio['ok'] else '**missed**'} |"
            )
    if r.load:
        lines += ["", "## Load: shoppers browsing and reserving the same products", ""]
        lines += [f"- {line}" for line in r.load.get("lines", [])]
    if r.notes:
        lines += ["", "## Notes", ""] + [f"- {note}" for note in r.notes]
    if r.failures:
        lines += ["", "## Budgets missed", ""] + [f"- {f}" for f in r.failures]
    return "\n".join(lines) + "\n"


def write(r: Results, path: Path) -> None:
    path.write_text(render(r))
    print(f"Wrote {path}")
