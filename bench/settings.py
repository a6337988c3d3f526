"""Settings for the benchmark: production settings over plain HTTP on 127.0.0.1, plus the bench-only URLs."""

import os
import warnings

os.environ["DJANGO_DEBUG"] = "0"
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"

from sentra.settings import *  # noqa: E402, F403

ROOT_URLCONF = "bench.urls"
WHITENOISE_USE_FINDERS = True  # no collectstatic step
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")
# No collectstatic step: plain storage; bench/run.py measures the compressed CSS+JS bytes itself.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
