"""Generate the coming drops of standing orders, mail tomorrow's drops to vendors, flag late confirmations."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from buyers.services.occurrences import occurrences_flag_late, occurrences_remind
from buyers.services.orders import HORIZON_DAYS, orders_schedule


class Command(BaseCommand):
    help = "Generate standing orders' drops (idempotent), remind vendors of tomorrow's drops, flag late ones."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=HORIZON_DAYS, help="generate drops this many days ahead")

    def handle(self, *args, days: int, **options):
        made = orders_schedule(until=timezone.localdate() + datetime.timedelta(days=days))
        reminded = occurrences_remind()
        late = occurrences_flag_late()
        self.stdout.write(f"{made} drops generated, {reminded} vendors reminded, {late} late drops flagged")
