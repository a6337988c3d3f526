"""gunicorn settings for Sentra (`gunicorn -c gunicorn.conf.py sentra.wsgi`), each overridable by environment.

Workers are stateless: sessions live in the database (or Redis with CACHE_URL=redis://...), media on disk or
S3 (STORAGE_S3_*), so any worker on any machine behind the load balancer can serve any request.
Sizing: docs/scaling.md.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: pages take a few ms of CPU and a few ms of PostgreSQL; 2 x cores + 1 keeps the cores busy.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
# Load the code once in the master, then fork (less memory; Django opens no connection at import).
preload_app = True
# Recycle workers now and then so a slow leak can never take a server down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# The load balancer / nginx in front sets X-Forwarded-Proto; trust it only from these addresses.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 - heartbeat files, tmpfs
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None  # "-" for stdout
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "sentra"
