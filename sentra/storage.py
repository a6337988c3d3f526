"""Storage backends chosen by settings.STORAGES, referenced lazily so migrations stay stable."""

from django.core.files.storage import FileSystemStorage, storages


def private_storage():
    """Storage for files that must never have a public URL (certificate scans)."""
    return storages["private"]


class PrivateFileSystemStorage(FileSystemStorage):
    """Local storage for private files: they have no URL, only the permission-checked views serve them."""

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no public URL; serve them through a permission-checked view.")
