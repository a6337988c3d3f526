"""Expire reservations whose hold has passed and return their stock. Cron: every 5 minutes (see README)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from orders.models import Reservation
from orders.services import reservation_expire_overdue


class Command(BaseCommand):
    help = "Mark overdue reservations expired, release their held stock and email the shoppers."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count what would expire.")

    def handle(self, *args, dry_run: bool = False, verbosity: int = 1, **options):
        now = timezone.now()
        if dry_run:
            count, label = Reservation.objects.overdue(now).count(), "would_expire"
        else:
            count, label = reservation_expire_overdue(now=now), "expired"
        if verbosity >= 1:  # `-v 0` keeps cron quiet
            self.stdout.write(f"{label}={count}")
