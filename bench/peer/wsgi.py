"""WSGI entry point of the django-oscar peer (gunicorn in bench/peer/.venv, bench/throughput.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.peer.settings")
application = get_wsgi_application()
