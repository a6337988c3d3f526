#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

# Commands that only read the code and its files: they sign nothing and serve nothing, so a fresh clone runs them
# with the local-development defaults (no secret key, no allowed hosts). Every other command keeps production's
# refusal to start without them (sentra/settings.py).
OFFLINE_COMMANDS = {"makemigrations", "makemessages", "compilemessages"}


def main():
    """Run administrative tasks."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sentra.settings")
    if sys.argv[1:2] and sys.argv[1] in OFFLINE_COMMANDS:
        os.environ.setdefault("DJANGO_DEBUG", "1")
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError(
            "Couldn't import Django. Are you sure it's installed and "
            "available on your PYTHONPATH environment variable? Did you "
            "forget to activate a virtual environment?"
        ) from exc
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
