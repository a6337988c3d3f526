"""sentra/settings.py read from the environment: each case starts Django in a fresh process with a clean env."""

import functools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
LONG_SECRET = "x7Hq-" * 12

# Ignore a developer's .env so every case sees only the variables it sets.
SETUP = """
import environ
environ.Env.read_env = staticmethod(lambda *args, **kwargs: None)
import django
django.setup()
from django.conf import settings
"""


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """`code` in a fresh interpreter in the project folder, with only PATH and `env` in its environment."""
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def start_django(env: dict[str, str], code: str = "print('started')") -> subprocess.CompletedProcess:
    return run_python(SETUP + code, {"DJANGO_SETTINGS_MODULE": "sentra.settings", **env})


DUMP_SETTINGS = """
import json


def plain(value):
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [plain(item) for item in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


print(json.dumps({name: plain(getattr(settings, name)) for name in dir(settings) if name.isupper()}))
"""


@functools.cache
def _all_settings(env_items: tuple[tuple[str, str], ...]) -> dict:
    """Every upper-case setting of one environment; one process per distinct environment."""
    result = start_django(dict(env_items), DUMP_SETTINGS)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def read_settings(env: dict[str, str], *names: str) -> dict:
    values = _all_settings(tuple(sorted(env.items())))
    return {name: values.get(name) for name in names}


PRODUCTION = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": LONG_SECRET, "DJANGO_ALLOWED_HOSTS": "sentra.example"}
DEBUG_ON = {"DJANGO_DEBUG": "1"}
SERVICES = {
    **PRODUCTION,
    "DATABASE_URL": "postgres://sentra:rahasia@db.internal:5433/sentra_prod",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
    "EMAIL_URL": "smtp://mailer:pw@smtp.example:587",
    "SENTRA_MAX_OPEN_RESERVATIONS": "9",
}


def test_settings_refuse_to_start_without_secret_key_when_debug_is_off():
    result = start_django({"DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": "sentra.example"})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_settings_refuse_to_start_with_an_empty_secret_key_when_debug_is_off():
    result = start_django({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "", "DJANGO_ALLOWED_HOSTS": "sentra.example"})

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_settings_refuse_to_start_without_allowed_hosts_when_debug_is_off():
    result = start_django({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": LONG_SECRET})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def run_manage(*args: str) -> subprocess.CompletedProcess:
    """manage.py with no DJANGO_* variables (a developer's .env ignored), as on a fresh clone."""
    no_env_file = SETUP.split("import django")[0]
    return run_python(no_env_file + f"import sys, manage; sys.argv = ['manage.py', *{list(args)!r}]; manage.main()", {})


def test_makemigrations_check_runs_on_a_fresh_clone_without_any_settings():
    result = run_manage("makemigrations", "--check", "--dry-run")

    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_other_commands_still_refuse_to_start_without_a_secret_key():
    result = run_manage("migrate", "--plan")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_debug_is_off_when_the_environment_does_not_ask_for_it():
    result = start_django({})

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_settings_start_without_secret_key_or_hosts_when_debug_is_on():
    values = read_settings(DEBUG_ON, "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS")

    assert values["DEBUG"] is True
    assert values["SECRET_KEY"]
    assert "127.0.0.1" in values["ALLOWED_HOSTS"]


def test_debug_uses_sqlite_and_the_worker_prints_email_to_the_console():
    values = read_settings(DEBUG_ON, "DATABASES", "SENTRA_EMAIL_BACKEND")

    assert values["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert values["DATABASES"]["default"]["NAME"].endswith("db.sqlite3")
    assert values["SENTRA_EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_database_url_for_postgres_is_parsed():
    database = read_settings(SERVICES, "DATABASES")["DATABASES"]["default"]

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["PASSWORD"]) == ("sentra_prod", "sentra", "rahasia")
    assert (database["HOST"], str(database["PORT"])) == ("db.internal", "5433")


def test_cache_url_and_email_url_are_read_from_the_environment():
    values = read_settings(SERVICES, "CACHES", "EMAIL_HOST", "EMAIL_PORT")

    assert values["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert (values["EMAIL_HOST"], values["EMAIL_PORT"]) == ("smtp.example", 587)


def test_the_default_cache_in_production_is_shared_by_every_worker_so_rate_limits_count():
    values = read_settings(PRODUCTION, "CACHES")

    assert values["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert values["CACHES"]["default"]["LOCATION"] == "sentra_cache"


def test_debug_keeps_the_per_process_cache_and_every_email_goes_through_the_queue():
    debug = read_settings({"DJANGO_DEBUG": "1"}, "CACHES", "EMAIL_BACKEND", "SENTRA_EMAIL_BACKEND")
    production = read_settings({**SERVICES}, "EMAIL_BACKEND", "SENTRA_EMAIL_BACKEND", "TASKS")

    assert debug["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert debug["EMAIL_BACKEND"] == production["EMAIL_BACKEND"] == "sentra.mail.QueuedEmailBackend"
    assert debug["SENTRA_EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert production["SENTRA_EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert production["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def test_production_settings_use_https_secure_cookies_and_hsts():
    values = read_settings(
        PRODUCTION,
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "LANGUAGE_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "X_FRAME_OPTIONS",
    )

    assert values == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "X_FRAME_OPTIONS": "DENY",
    }


def test_sentra_limits_have_the_spec_defaults_and_follow_the_environment():
    names = ("SENTRA_MAX_QUANTITY_PER_LINE", "SENTRA_MAX_OPEN_RESERVATIONS", "SENTRA_PICKUP_WINDOW_DAYS")

    assert read_settings(PRODUCTION, *names) == dict(zip(names, (20, 5, 7), strict=True))
    assert read_settings(SERVICES, names[1]) == {names[1]: 9}


@pytest.mark.parametrize("env", [PRODUCTION, DEBUG_ON], ids=["production", "debug"])
def test_language_is_indonesian_by_default_with_english_available(env):
    values = read_settings(env, "LANGUAGE_CODE", "LANGUAGES", "TIME_ZONE")

    assert values["LANGUAGE_CODE"] == "id"
    assert [code for code, _name in values["LANGUAGES"]] == ["id", "en"]
    assert values["TIME_ZONE"] == "Asia/Jakarta"


def test_check_deploy_passes_with_production_environment():
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DJANGO_SETTINGS_MODULE": "sentra.settings",
            **PRODUCTION,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def environment_variables_read_by_settings() -> set[str]:
    source = (BASE_DIR / "sentra" / "settings.py").read_text()
    names = set(re.findall(r"env\.\w+\(\s*\"([A-Z][A-Z0-9_]+)\"", source))
    names |= set(re.findall(r"\"([A-Z][A-Z0-9_]+)\" in env\b", source))
    return names


def test_every_environment_variable_is_documented_in_env_example_and_readme():
    names = environment_variables_read_by_settings()
    env_example = (BASE_DIR / ".env.example").read_text()
    readme = (BASE_DIR / "README.md").read_text()

    assert "DJANGO_SECRET_KEY" in names
    assert not {n for n in names if not re.search(rf"^#?\s*{n}=", env_example, re.MULTILINE)}, ".env.example"
    assert not {n for n in names if f"| `{n}` |" not in readme}, "README.md configuration table"
