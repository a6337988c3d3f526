"""Django settings for Sentra, read from the environment (see .env.example)."""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- core -----------------------------------------------------------------

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])

if DEBUG:
    SECRET_KEY = SECRET_KEY or "django-insecure-sentra-local-development-only"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]
else:
    if not SECRET_KEY:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off.")

CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
ROOT_URLCONF = "sentra.urls"
WSGI_APPLICATION = "sentra.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SITE_ID = 1
SITE_URL = env.str("SENTRA_SITE_URL", default="http://127.0.0.1:8000")

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

# --- apps -----------------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "django_filters",
    "template_partials",
    "django_htmx",
    "simple_history",
    "imagekit",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "sentra",
    "vendors",
    "catalog",
    "orders",
    "sales",
    "buyers",
    "ekatalog",
    "programs",
    "reviews",
    "portal",
    "console",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sentra.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sentra.middleware.RejectNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sentra.middleware.CookieLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "vendors.context_processors.site",
                "orders.context_processors.cart",
            ],
            "builtins": ["django.templatetags.i18n"],
        },
    }
]

# --- database and cache ---------------------------------------------------

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + immediate transactions: concurrent writers queue instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=60))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Typo search (catalog/search.py): "kripik" is 0.57 word-similar to "keripik"; pg_trgm's default needs 0.6.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c pg_trgm.word_similarity_threshold=0.5")

# Rate limits (allauth) and the page cache live here, so every process must see the same one: in production
# without CACHE_URL, the database cache (`manage.py createcachetable`); a per-process cache only in debug.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://sentra" if DEBUG else "dbcache://sentra_cache")}
if CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 5000)

# Scaling out (docs/scaling.md); each part is off unless its environment variable is set.
SENTRA_PAGE_CACHE_SECONDS = env.int("SENTRA_PAGE_CACHE_SECONDS", default=60)  # anonymous pages; 0 = off
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # Sessions live next to the cache, so any gunicorn worker on any machine can serve any visitor.
    SESSION_ENGINE = env.str("DJANGO_SESSION_ENGINE", default="django.contrib.sessions.backends.cache")
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=60))
    DATABASES["replica"].setdefault("OPTIONS", {}).update(DATABASES["default"].get("OPTIONS", {}))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["sentra.db_router.PrimaryReplicaRouter"]
    MIDDLEWARE.append("sentra.db_router.ReplicaMiddleware")
    SENTRA_REPLICA_PIN_SECONDS = env.int("SENTRA_REPLICA_PIN_SECONDS", default=5)

# --- auth -----------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Sentra] "
ACCOUNT_ADAPTER = "sentra.accounts.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "sentra.accounts.SignupForm"  # name and optional WhatsApp number (issue 16)
# Failed logins: 10 a minute per address, and 5 in 5 minutes per account *from one address* (the adapter keys
# them by account and address): a stranger guessing an owner's password never locks the owner out elsewhere.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    # Reviews app (reviews.views): writing reviews and reporting them, per signed-in user.
    "review_write": "10/h/user",
    "review_report": "10/h/user",
}

# --- static and media -----------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "sentra.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if env.str("STORAGE_S3_BUCKET", default=""):
    # Media on S3-compatible storage: public product photos in one bucket, certificate scans in another,
    # private one (no public URL; read through the permission-checked view). See docs/scaling.md.
    _s3 = {
        "endpoint_url": env.str("STORAGE_S3_ENDPOINT_URL", default=None),
        "region_name": env.str("STORAGE_S3_REGION", default=None),
        "access_key": env.str("STORAGE_S3_ACCESS_KEY_ID", default=None),
        "secret_key": env.str("STORAGE_S3_SECRET_ACCESS_KEY", default=None),
        "file_overwrite": False,
    }
    _private_bucket = env.str("STORAGE_S3_PRIVATE_BUCKET", default="")
    if not _private_bucket or _private_bucket == env.str("STORAGE_S3_BUCKET"):
        raise ImproperlyConfigured("STORAGE_S3_PRIVATE_BUCKET must name a second bucket for certificate scans.")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": _s3
        | {
            "bucket_name": env.str("STORAGE_S3_BUCKET"),
            "custom_domain": env.str("STORAGE_S3_CUSTOM_DOMAIN", default=None),
            "querystring_auth": False,
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": _s3
        | {
            "bucket_name": _private_bucket,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
        },
    }
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"
IMAGEKIT_CACHEFILE_DIR = "renditions"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- security -------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Sent by sentra.middleware.PermissionsPolicyMiddleware; the camera stays for the owner's pickup QR scanner.
PERMISSIONS_POLICY = env.str(
    "DJANGO_PERMISSIONS_POLICY",
    default="accelerometer=(), camera=(self), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=()",
)
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Behind a TLS-terminating proxy that sets this header; DJANGO_SECURE_PROXY_SSL_HEADER="" when not behind one.
    _proxy_ssl_header = env.list("DJANGO_SECURE_PROXY_SSL_HEADER", default=["HTTP_X_FORWARDED_PROTO", "https"])
    SECURE_PROXY_SSL_HEADER = tuple(_proxy_ssl_header) if len(_proxy_ssl_header) == 2 else None

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- email ----------------------------------------------------------------

DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Sentra Oleh-oleh <noreply@sentra.test>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Every email goes through the task queue (sentra/mail.py); the worker sends it with SENTRA_EMAIL_BACKEND.
if DEBUG and "EMAIL_URL" not in env:
    SENTRA_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    _email = env.email("EMAIL_URL", default="smtp://localhost:25")
    SENTRA_EMAIL_BACKEND = _email.pop("EMAIL_BACKEND")
    vars().update(_email)
EMAIL_BACKEND = "sentra.mail.QueuedEmailBackend"
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)  # seconds a worker waits for the mail server

# --- background tasks -----------------------------------------------------

# Django's tasks API (the django-tasks backport) on the database backend: `manage.py db_worker` runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- logging --------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "kv": {"format": "time=%(asctime)s level=%(levelname)s logger=%(name)s msg=%(message)s"},
    },
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "kv"}},
    "root": {"handlers": ["stdout"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Sentra rules (SPEC §5) -----------------------------------------------

SENTRA_MAX_QUANTITY_PER_LINE = env.int("SENTRA_MAX_QUANTITY_PER_LINE", default=20)
SENTRA_MAX_OPEN_RESERVATIONS = env.int("SENTRA_MAX_OPEN_RESERVATIONS", default=5)
SENTRA_PICKUP_WINDOW_DAYS = env.int("SENTRA_PICKUP_WINDOW_DAYS", default=7)
SENTRA_CERTIFICATE_WARNING_DAYS = env.int("SENTRA_CERTIFICATE_WARNING_DAYS", default=60)
SENTRA_PAGE_SIZE = env.int("SENTRA_PAGE_SIZE", default=24)
SENTRA_B2B_CUTOFF_HOUR = env.int("SENTRA_B2B_CUTOFF_HOUR", default=17)  # drops confirmed by this hour, day before
SENTRA_B2B_PAYMENT_DAYS = env.int("SENTRA_B2B_PAYMENT_DAYS", default=14)  # faktur due date
# Lists count their results up to this many ("Lebih dari 240 produk"), then page on with "next": counting up to
# 1,000 rows of a narrow filter on 200,000 products cost as much as a whole page (see bench/README.md).
SENTRA_COUNT_CAP = 240

# Change history (django-simple-history). Off only while restoring a JSON dump (docs/operations.md), so that
# loaddata does not write history entries of its own.
SIMPLE_HISTORY_ENABLED = env.bool("SENTRA_HISTORY_ENABLED", default=True)
