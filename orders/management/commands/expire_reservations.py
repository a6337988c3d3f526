"""Expire reservations whose hold has passed and return their stock. Cron: every 5 minutes."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from orders.models import Reservation
from orders.services import reservation_expire_overdue


class Command(BaseCommand):
    help = "Mark overdue reservations expired, release their held stock and email the shoppers."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count what would expire.")

    def handle(self, *args, dry_run: bool = False, **options):
        now = timezone.now()
        if dry_run:
            count = Reservation.objects.overdue(now).count()
            self.stdout.write(f"would_expire={count}")
            return
        count = reservation_expire_overdue(now=now)
        self.stdout.write(f"expired={count}")
