"""Outgoing mail through the task queue: no request waits for, or fails because of, a mail server.

`QueuedEmailBackend` is the project's EMAIL_BACKEND, so every email — allauth's sign-up and password-reset
mail, reservation and review notices, certificate reminders — becomes a `deliver_email` task instead of an
SMTP conversation inside the request. With the database task backend the task row is written in the same
transaction as the change that sent it: a rolled-back change sends nothing.

The worker (`manage.py db_worker`) runs `deliver_email`, which hands the message to the real backend
(settings.SENTRA_EMAIL_BACKEND, from EMAIL_URL). When the mail server refuses or is down, the task schedules
the next attempt with a growing delay (RETRY_DELAYS) and ends successfully with a note; after the last
attempt it fails, so a failed `deliver_email` result means a message that was never delivered
(docs/operations.md: how to watch and retry them).
"""

import base64
import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# Minutes to wait before each further attempt: about a day and a half of retries in all.
RETRY_DELAYS = (1, 5, 15, 60, 180, 720, 1440)


class UndeliveredEmail(Exception):
    """The mail server refused the message on its last attempt."""


def message_to_data(message: EmailMessage) -> dict:
    """The message as JSON-safe data, the only form a task argument can take."""
    data = {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email or settings.DEFAULT_FROM_EMAIL,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(k): str(v) for k, v in (message.extra_headers or {}).items()},
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "attachments": [],
    }
    for attachment in message.attachments:
        if isinstance(attachment, tuple | list) and len(attachment) == 3:
            name, content, mimetype = attachment
            raw = content.encode() if isinstance(content, str) else bytes(content)
            data["attachments"].append([name, base64.b64encode(raw).decode("ascii"), mimetype])
    return data


def message_from_data(data: dict, connection=None) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(pair) for pair in data["alternatives"]],
        connection=connection,
    )
    for name, content, mimetype in data["attachments"]:
        message.attach(name, base64.b64decode(content), mimetype)
    return message


class QueuedEmailBackend(BaseEmailBackend):
    """Queue each message as a `deliver_email` task; the worker sends it."""

    def send_messages(self, email_messages) -> int:
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            deliver_email.enqueue(message_to_data(message))
            count += 1
        return count


@task()
def deliver_email(data: dict, attempt: int = 1) -> str:
    """Send one queued message with the real mail backend; on failure schedule the next attempt."""
    connection = get_connection(settings.SENTRA_EMAIL_BACKEND, fail_silently=False)
    try:
        message_from_data(data, connection=connection).send()
    except Exception as error:  # noqa: BLE001 - SMTP, socket and TLS errors all mean "try again later"
        return _retry_or_fail(data, attempt, error)
    return f"sent to {len(data['to']) + len(data['cc']) + len(data['bcc'])} recipient(s) on attempt {attempt}"


def _retry_or_fail(data: dict, attempt: int, error: Exception) -> str:
    if attempt > len(RETRY_DELAYS):
        logger.error("email undelivered subject=%r attempts=%s error=%s", data["subject"], attempt, error)
        raise UndeliveredEmail(f"gave up after {attempt} attempts: {error}") from error
    when = timezone.now() + datetime.timedelta(minutes=RETRY_DELAYS[attempt - 1])
    deliver_email.using(run_after=when).enqueue(data, attempt=attempt + 1)
    logger.warning("email deferred subject=%r attempt=%s next=%s error=%s", data["subject"], attempt, when, error)
    return f"attempt {attempt} failed ({error}); attempt {attempt + 1} at {when.isoformat()}"


def failed_deliveries():
    """The task results of emails given up on, oldest first."""
    return DBTaskResult.objects.filter(task_path=deliver_email.module_path, status=TaskResultStatus.FAILED)


def retry_failed(*, dry_run: bool = False) -> int:
    """Queue each failed email again from its first attempt and drop its failed result; return how many."""
    failed = list(failed_deliveries().order_by("enqueued_at"))
    if dry_run:
        return len(failed)
    with transaction.atomic():
        for result in failed:
            deliver_email.enqueue(result.args_kwargs["args"][0], attempt=1)
            result.delete()
    return len(failed)
