"""Email vendors whose certificates expire in 60 and in 14 days. Cron-friendly: safe to run often.

15 7 * * *  cd /srv/sentra && .venv/bin/python manage.py remind_certificates
"""

import datetime

from django.core.management.base import BaseCommand

from catalog.services.certificates import certificate_send_reminders


class Command(BaseCommand):
    help = "Send certificate expiry reminders (60 and 14 days before); each one only once."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count the reminders due without sending.")
        parser.add_argument("--today", type=datetime.date.fromisoformat, help="Pretend today is YYYY-MM-DD.")

    def handle(self, *args, dry_run: bool = False, today: datetime.date | None = None, **options):
        count = certificate_send_reminders(today=today, dry_run=dry_run)
        verb = "would send" if dry_run else "sent"
        self.stdout.write(f"{verb} {count} certificate reminder(s)")
