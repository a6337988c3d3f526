"""Storage backends chosen by settings.STORAGES, referenced lazily so migrations stay stable."""

from django.core.files.storage import storages


def private_storage():
    """Storage for files that must never have a public URL (certificate scans)."""
    return storages["private"]
