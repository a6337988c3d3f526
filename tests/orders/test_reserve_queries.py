"""reservation_place makes a fixed number of queries (SPEC §10): a regression fails here, not only in bench/.

Counted from the service call to the end of the commit callbacks, with the database task backend as in
production: the emails are one queued task, built and sent by the worker afterwards. In a test the outer
transaction is a savepoint, so SAVEPOINT/RELEASE stand where BEGIN/COMMIT stand in production.
"""

from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from vendors.selectors import current_centre

pytestmark = pytest.mark.django_db

# SAVEPOINT, shopper lock (+ verified email), known reservations, product locks, vendor members,
# pickup points, reservations, their history, lines, stock hold, ledger rows, timeline events, RELEASE,
# and after the commit the emails' task row.
PLACE_QUERIES = 14
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    settings.TASKS = DATABASE_TASKS


def count_place(place, items, django_capture_on_commit_callbacks, **kwargs) -> int:
    current_centre()  # the main centre is cached for every request; do not count filling the cache
    with CaptureQueriesContext(connection) as captured, django_capture_on_commit_callbacks(execute=True):
        place(items, **kwargs)
    assert not mail.outbox  # nothing is built or sent inside the checkout
    return len(captured.captured_queries)


def run_worker() -> None:
    """The real worker command, in this test's transaction: between tasks it closes connections that are not
    in autocommit, which on PostgreSQL would be the test's own."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def products_of(vendor, count: int) -> list:
    return [factories.ProductFactory(vendor=vendor, stock_on_hand=5) for _ in range(count)]


def test_placing_one_product_takes_a_fixed_number_of_queries(place, stocked, django_capture_on_commit_callbacks):
    assert count_place(place, {stocked: 2}, django_capture_on_commit_callbacks) == PLACE_QUERIES
    run_worker()
    assert len(mail.outbox) == 2  # the shopper's and the vendor's


def test_three_products_of_two_vendors_take_the_same_number_of_queries(
    place, stocked, other_product, vendor, django_capture_on_commit_callbacks
):
    (second,) = products_of(vendor, 1)
    queries = count_place(place, {stocked: 1, second: 2, other_product: 1}, django_capture_on_commit_callbacks)

    assert queries == PLACE_QUERIES
    run_worker()
    assert len(mail.outbox) == 4


def test_five_lines_of_one_vendor_take_as_many_queries_as_one(place, vendor, unit, django_capture_on_commit_callbacks):
    one = count_place(place, dict.fromkeys(products_of(vendor, 1), 1), django_capture_on_commit_callbacks)
    five = count_place(
        place,
        dict.fromkeys(products_of(vendor, 5), 1),
        django_capture_on_commit_callbacks,
        shopper=factories.UserFactory(),
    )
    assert one == five == PLACE_QUERIES


def test_a_double_submit_is_answered_by_the_lock_and_one_read(place, stocked, django_capture_on_commit_callbacks):
    place({stocked: 1}, checkout_token="sekali")

    # SAVEPOINT, shopper lock, known reservations (finds them), RELEASE
    mail.outbox.clear()
    assert count_place(place, {stocked: 1}, django_capture_on_commit_callbacks, checkout_token="sekali") == 4
