"""Queue again every email the mail server never took (failed `deliver_email` tasks), from the first attempt."""

from django.core.management.base import BaseCommand

from sentra.mail import retry_failed


class Command(BaseCommand):
    help = "Queue again the emails whose delivery failed after every retry (docs/operations.md)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count them, change nothing")

    def handle(self, *args, dry_run: bool = False, **options):
        count = retry_failed(dry_run=dry_run)
        verb = "would be queued again" if dry_run else "queued again"
        self.stdout.write(f"{count} failed email(s) {verb}.")
