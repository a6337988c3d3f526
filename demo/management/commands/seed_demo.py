"""manage.py seed_demo: fill an empty database with the demo centre (SPEC §8)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from demo.builder import DEFAULT_PRODUCTS, planned_steps, seed_demo
from demo.data import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Create the demo centre, vendors, products, certificates, reservations and accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even when DEBUG is off (e.g. on a staging server)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Build and count everything, then roll back.")
        parser.add_argument(
            "--products", type=int, default=DEFAULT_PRODUCTS, help=f"Number of products (default {DEFAULT_PRODUCTS})."
        )

    def handle(self, *args, force: bool, dry_run: bool, products: int, verbosity: int, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo refuses to run with DEBUG off: it creates accounts with a public password. "
                "Use --force if you really want demo data on this server."
            )
        if products < 1:
            raise CommandError("--products must be at least 1.")
        with tqdm(total=planned_steps(products), disable=verbosity == 0, unit="step", file=self.stderr._out) as bar:

            def tick(label: str, n: int) -> None:
                bar.set_description(label)
                bar.update(n)

            summary = seed_demo(products=products, tick=tick, dry_run=dry_run)
        if dry_run:
            self.stdout.write("Dry run: this is what would be created; nothing was saved.")
        elif not summary.created:
            self.stdout.write("Demo data already present: nothing created.")
        else:
            self.stdout.write(self.style.SUCCESS("Demo data created."))
        self.stdout.write(", ".join(f"{label}: {count}" for label, count in summary.counts.items()))
        self.stdout.write(f"\nDemo accounts (password: {DEMO_PASSWORD}):")
        for account in summary.accounts:
            self.stdout.write(f"  {account.email:<24} {account.description}")
