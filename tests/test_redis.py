"""Redis for the cache and the sessions (CACHE_URL=redis://...), against a real redis-server on 127.0.0.1.

Skipped when Debian's `redis-server` is not installed (.ci/run installs it).
"""

import os
import random
import shutil
import socket
import subprocess
import sys
import time
from http import HTTPStatus
from pathlib import Path

import environ
import pytest
from django.core.cache.backends.redis import RedisCache
from django.test import Client
from django.urls import reverse

from sentra.cache import GENERATION_KEY, invalidate_pages

pytest.importorskip("redis")
ROOT = Path(__file__).resolve().parent.parent
REDIS_BACKEND = "django.core.cache.backends.redis.RedisCache"


def _free_port() -> int:
    """A free port in 18120-18159, tried from a random start (parallel test workers, other servers)."""
    offset = random.randrange(40)
    for step in range(40):
        port = 18120 + (offset + step) % 40
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip("no free port in 18120-18159")


@pytest.fixture(scope="module")
def redis_url():
    executable = shutil.which("redis-server")
    if not executable:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    for _ in range(5):
        port = _free_port()
        args = [executable, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        server = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        if _listening(server, port):
            break
    else:
        pytest.skip("redis-server did not start")
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _listening(server: subprocess.Popen, port: int) -> bool:
    for _ in range(200):
        if server.poll() is not None:
            return False
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.05)
    server.kill()
    return False


@pytest.fixture
def redis_settings(settings, redis_url):
    settings.CACHES = {"default": environ.Env.cache_url_config(redis_url)}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    return redis_url


def test_cache_url_redis_selects_djangos_redis_backend(redis_url):
    assert environ.Env.cache_url_config(redis_url)["BACKEND"] == REDIS_BACKEND


def test_two_workers_share_cached_values_and_the_page_generation(redis_settings):
    from django.core.cache import cache

    other_worker = RedisCache(redis_settings, {})
    cache.set("sentra:test", {"a": 1}, 30)
    assert other_worker.get("sentra:test") == {"a": 1}
    invalidate_pages()
    invalidate_pages()
    assert other_worker.get(GENERATION_KEY) == 2


def test_a_session_started_on_one_worker_is_valid_on_another(redis_settings, shopper):
    first = Client()
    first.force_login(shopper)
    session_key = first.cookies["sessionid"].value
    other_worker = RedisCache(redis_settings, {})
    assert other_worker.get(f"django.contrib.sessions.cache{session_key}") is not None
    second = Client()
    second.cookies["sessionid"] = session_key
    response = second.get(reverse("orders:reservation-list"))
    assert response.status_code == HTTPStatus.OK


def test_settings_keep_sessions_in_redis_when_cache_url_is_redis(redis_url):
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE)"
    env = {**os.environ, "CACHE_URL": redis_url, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    env.pop("DJANGO_SESSION_ENGINE", None)
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == [REDIS_BACKEND, "django.contrib.sessions.backends.cache"]
