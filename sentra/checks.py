"""System checks for deployment mistakes Django's own checks do not see."""

from django.conf import settings
from django.core.checks import Warning, register

PER_PROCESS_CACHES = ("LocMemCache", "DummyCache")


@register(deploy=True)
def check_shared_cache(app_configs, **kwargs) -> list[Warning]:
    """Rate limits and the page cache need one cache for every worker: warn about a per-process one."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.DEBUG or not backend.endswith(PER_PROCESS_CACHES):
        return []
    return [
        Warning(
            f"The default cache ({backend.rsplit('.', 1)[-1]}) is private to each process: every gunicorn worker "
            "counts login and sign-up attempts apart, so rate limits allow workers × the limit.",
            hint="Leave CACHE_URL unset (the database cache, after `manage.py createcachetable`) or use "
            "CACHE_URL=redis://… (docs/deployment.md).",
            id="sentra.W001",
        )
    ]


@register(deploy=True)
def check_mail_queue(app_configs, **kwargs) -> list[Warning]:
    """Mail must go through the queue, and the queue must not run inside the request."""
    problems = []
    if settings.EMAIL_BACKEND != "sentra.mail.QueuedEmailBackend":
        problems.append(
            Warning("EMAIL_BACKEND is not the queued backend: a slow mail server slows requests.", id="sentra.W002")
        )
    if settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend"):
        problems.append(
            Warning(
                "Tasks run inside the request (ImmediateBackend): mail failures reach the visitor.",
                hint="Use django_tasks_db.DatabaseBackend and run `manage.py db_worker`.",
                id="sentra.W003",
            )
        )
    return problems
