"""Mail never breaks a request: with the mail server refusing connections, sign-up, password reset and checkout
answer normally, every email waits in the task queue, and it is delivered once the server is back."""

import datetime
import socket
from http import HTTPStatus
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from orders.models import Reservation
from sentra import mail as sentra_mail
from tests.orders.test_views import CHECKOUT, add, checkout_data

pytestmark = pytest.mark.django_db

DELIVER = "sentra.mail.deliver_email"
PASSWORD = "kopi-robusta-liwa-2026"


def closed_port() -> int:
    """A port of 127.0.0.1 nothing listens on: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_down(settings):
    settings.EMAIL_BACKEND = "sentra.mail.QueuedEmailBackend"
    settings.SENTRA_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    return settings


def server_back(settings) -> None:
    settings.SENTRA_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def run_worker() -> None:
    """The real worker command, in this test's transaction: between tasks it closes connections that are not
    in autocommit, which on PostgreSQL would be the test's own."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def make_due() -> None:
    """Let the scheduled retries run now instead of in a few minutes."""
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())


def deliveries(status: str) -> int:
    return DBTaskResult.objects.filter(task_path=DELIVER, status=status).count()


def test_sign_up_and_reset_answer_normally_and_mail_goes_out_once_the_server_is_back(client, smtp_down):
    response = client.post(
        reverse("account_signup"),
        {"name": "Rina", "email": "baru@example.test", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == HTTPStatus.FOUND
    user = get_user_model().objects.get(email="baru@example.test")
    assert EmailAddress.objects.filter(user=user, verified=False).exists()
    client.logout()
    response = client.post(reverse("account_reset_password"), {"email": "baru@example.test"})
    assert response.status_code == HTTPStatus.FOUND
    assert deliveries(TaskResultStatus.READY) == 2 and not mail.outbox

    run_worker()  # the server still refuses: both are rescheduled, nothing is lost
    assert not mail.outbox
    assert deliveries(TaskResultStatus.READY) == 2
    waiting = DBTaskResult.objects.filter(task_path=DELIVER, status=TaskResultStatus.READY)
    assert all(result.run_after > timezone.now() for result in waiting)

    server_back(smtp_down)
    make_due()
    run_worker()
    assert sorted(message.to[0] for message in mail.outbox) == ["baru@example.test", "baru@example.test"]
    subjects = " ".join(message.subject for message in mail.outbox)
    assert "Konfirmasi" in subjects or "[Sentra]" in subjects
    assert deliveries(TaskResultStatus.READY) == 0


def test_checkout_answers_normally_and_its_emails_wait_for_the_server(
    client, shopper, stocked, pickup_day, smtp_down, django_capture_on_commit_callbacks
):
    client.force_login(shopper)
    add(client, stocked, 2)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CHECKOUT, checkout_data(client, pickup_day))
    assert response.status_code == HTTPStatus.FOUND
    assert Reservation.objects.filter(shopper=shopper).count() == 1

    run_worker()  # builds the shopper's and the vendor's email; sending them fails and is rescheduled
    assert not mail.outbox
    assert deliveries(TaskResultStatus.READY) == 2

    server_back(smtp_down)
    make_due()
    run_worker()
    recipients = {message.to[0] for message in mail.outbox}
    assert shopper.email in recipients and len(mail.outbox) == 2
    code = Reservation.objects.get(shopper=shopper).code
    assert all(code in message.body for message in mail.outbox)


def test_a_message_the_server_never_takes_ends_as_a_failed_task_staff_can_see(smtp_down):
    mail.send_mail("Uji", "Isi", None, ["pemilik@example.test"])
    for _attempt in range(len(sentra_mail.RETRY_DELAYS) + 1):
        make_due()
        run_worker()
    failed = DBTaskResult.objects.get(task_path=DELIVER, status=TaskResultStatus.FAILED)
    assert failed.args_kwargs["kwargs"]["attempt"] == len(sentra_mail.RETRY_DELAYS) + 1
    assert "UndeliveredEmail" in failed.exception_class_path
    assert deliveries(TaskResultStatus.READY) == 0 and not mail.outbox

    server_back(smtp_down)
    call_command("retry_failed_mail", verbosity=0)
    run_worker()
    assert [message.subject for message in mail.outbox] == ["Uji"]
    assert deliveries(TaskResultStatus.FAILED) == 0


def test_the_retries_wait_longer_each_time(smtp_down):
    mail.send_mail("Uji", "Isi", None, ["pemilik@example.test"])
    waits = []
    for _attempt in range(3):
        before = timezone.now()
        make_due()
        run_worker()
        nxt = DBTaskResult.objects.get(task_path=DELIVER, status=TaskResultStatus.READY)
        waits.append(nxt.run_after - before)
    assert waits[0] >= datetime.timedelta(minutes=1) and waits[0] < waits[1] < waits[2]


def test_a_rolled_back_change_sends_nothing(smtp_down):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        mail.send_mail("Uji", "Isi", None, ["pemilik@example.test"])
        raise RuntimeError
    assert not DBTaskResult.objects.exists()
