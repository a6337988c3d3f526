"""Data safety (docs/operations.md): a JSON dump of the demo data loads into a fresh database unchanged, and our
migrations can be unapplied to zero and applied again."""

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

BASE_DIR = Path(__file__).resolve().parent.parent
# Rows Django rebuilds itself (content types, permissions) or that are not data worth keeping (sessions, log).
EXCLUDE = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]
DUMP_ARGS = ["--natural-foreign", "--indent", "1", *[f"--exclude={name}" for name in EXCLUDE]]


def manage(database: Path, *args: str, **environ: str) -> subprocess.CompletedProcess:
    """Run manage.py on a fresh SQLite file with the test settings."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        **environ,
    }
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def canonical(dump: str) -> list[str]:
    """Rows in a stable order. Django's JSON keeps milliseconds: `…:03.000Z` (0.4 ms) comes back as `…:03Z`."""
    rows = (json.dumps(_sorted_lists(row), sort_keys=True) for row in json.loads(dump))
    return sorted(re.sub(r"(T\d\d:\d\d:\d\d)\.000(?=Z|[+-]\d\d:\d\d)", r"\1", row) for row in rows)


def _sorted_lists(row: dict) -> dict:
    """Many-to-many values in a fixed order (databases list them in any order)."""
    fields = {k: sorted(v, key=json.dumps) if isinstance(v, list) else v for k, v in row["fields"].items()}
    return row | {"fields": fields}


@pytest.mark.django_db
def test_dumpdata_round_trips_the_demo_data_into_a_fresh_database(tmp_path, monkeypatch):
    from demo.catalog import ProductMaker

    monkeypatch.setattr(ProductMaker, "make_renditions", lambda self: None)  # photos are files: backed up apart
    call_command("seed_demo", "--force", "--products", "40", stdout=io.StringIO(), stderr=io.StringIO())
    original = io.StringIO()
    call_command("dumpdata", *DUMP_ARGS, stdout=original)
    dump = tmp_path / "sentra.json"
    dump.write_text(original.getvalue())

    fresh = tmp_path / "fresh.sqlite3"
    manage(fresh, "migrate", "--no-input", "-v", "0")
    # As docs/operations.md says: history off while loading, or setting m2m fields would add history entries.
    manage(fresh, "loaddata", str(dump), "-v", "0", SENTRA_HISTORY_ENABLED="0")
    restored = manage(fresh, "dumpdata", *DUMP_ARGS).stdout

    assert len(json.loads(restored)) > 500
    assert canonical(restored) == canonical(original.getvalue())


def test_migrations_unapply_to_zero_and_apply_again(tmp_path):
    database = tmp_path / "migrations.sqlite3"
    manage(database, "migrate", "--no-input", "-v", "0")

    for app in ["orders", "catalog", "vendors"]:
        manage(database, "migrate", app, "zero", "--no-input", "-v", "0")
    remaining = manage(database, "showmigrations", "vendors", "catalog", "orders").stdout
    manage(database, "migrate", "--no-input", "-v", "0")

    assert "[X]" not in remaining
    assert "[X]" in manage(database, "showmigrations", "vendors", "catalog", "orders").stdout
