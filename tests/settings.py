"""Settings for the test suite: production settings with a throw-away secret and fast, plain storage."""

import os
import tempfile

# Always production-like, whatever a developer's .env says (sentra/settings.py reads it without overwriting).
os.environ["DJANGO_DEBUG"] = "0"
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
# One media folder per test process: xdist workers inherit the controller's environment, and two workers
# writing the same generated picture at once read each other's half-written files.
_media = tempfile.mkdtemp(prefix=f"sentra-test-media-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-")
os.environ["MEDIA_ROOT"] = os.path.join(_media, "public")
os.environ["PRIVATE_MEDIA_ROOT"] = os.path.join(_media, "private")

from sentra.settings import *  # noqa: E402, F403

STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The page cache (sentra/cache.py) would serve a test the page of the previous request; tests/test_cache.py
# switches it on where it is under test.
SENTRA_PAGE_CACHE_SECONDS = 0
# One process runs the tests: a per-process cache is right here (production defaults to the database cache),
# unless a test asks for a real one through CACHE_URL (tests/test_redis.py).
if not os.environ.get("CACHE_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sentra-tests"}}
# Tasks run at once, inside the call that enqueues them (tests/test_mail_queue.py runs the database backend).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SENTRA_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
