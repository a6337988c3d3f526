"""Serving a private upload (a certificate scan, an aid hand-over record, a visit photo) that has no public URL."""

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

from catalog.services.certificates import scan_type


def private_file_response(field: FieldFile, filename: str) -> FileResponse:
    """Stream the file as `filename` plus the extension its content shows; 404 when there is none."""
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    kind = scan_type(handle.read(8))
    handle.seek(0)
    extension, content_type = kind or ("bin", "application/octet-stream")
    response = FileResponse(handle, content_type=content_type, filename=f"{filename}.{extension}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    # Nothing on the page may load or run anything; no sandbox: Chrome will not render PDFs in a sandbox.
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; object-src 'self'"
    return response
