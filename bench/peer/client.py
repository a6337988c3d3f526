"""Sentra's side of `make bench-peer`: starts bench/peer/worker.py in Oscar's virtualenv and measures its
pages as probes of the same interleaved rounds as Sentra's own cases (bench/measure.py run_rounds)."""

import json
import subprocess
import time
from pathlib import Path

from bench import measure

WORKER = Path(__file__).with_name("worker.py")
BLOCK_SECONDS = 6.0  # a slow peer page (Haystack's simple search scans every title) gets at least 3 samples


class PeerProcess:
    def __init__(self, python: str, *, source_db: str, word: str, category: str) -> None:
        self.python, self.source_db = python, source_db
        command = [python, str(WORKER), "--source-db", source_db, "--word", word, "--category", category]
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # noqa: S603
        started = time.perf_counter()
        ready = self.proc.stdout.readline()
        if not ready:
            raise RuntimeError("the Oscar worker stopped before it was ready (see its output above)")
        self.load_seconds = time.perf_counter() - started
        self.cases = self.ask({"op": "cases"})["cases"]

    def ask(self, command: dict) -> dict:
        self.proc.stdin.write(json.dumps(command) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the Oscar worker stopped")
        return json.loads(line)

    @property
    def product_urls(self) -> list[str]:
        return next(case["urls"] for case in self.cases if case["name"] == "oscar product")

    def probes(self) -> list["RemoteProbe"]:
        return [RemoteProbe(self, case["name"]) for case in self.cases]

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait(timeout=30)


class RemoteProbe:
    """A case of the Oscar worker, driven like a PageProbe."""

    def __init__(self, peer: PeerProcess, name: str) -> None:
        self.peer, self.name = peer, name
        self.result = measure.Timing(name, timed=False)
        self.rounds: list[list[float]] = []

    def check(self) -> bool:
        reply = self.peer.ask({"op": "check", "case": self.name})
        for key, value in reply["timing"].items():
            if key in {"status", "queries", "html_kb", "gzip_kb", "found", "failures"}:
                setattr(self.result, key, value)
        if self.result.found is False:  # Oscar's documented set-up listing nothing is a finding, not a failure
            self.result.failures, self.result.note = [], "lists no product"
        return reply["ok"]

    def block(self, requests: int, warmup: int) -> None:
        reply = self.peer.ask(
            {"op": "block", "case": self.name, "requests": requests, "warmup": warmup, "max_seconds": BLOCK_SECONDS}
        )
        self.rounds.append(reply["samples"])

    def finish(self) -> measure.Timing:
        self.result.summarise(self.rounds, None)
        return self.result
