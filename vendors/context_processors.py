"""Template context shared by every page: the centre (for header, footer and opening status)."""

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from sentra.cache import generation

from .selectors import current_centre


def site(request: HttpRequest) -> dict:
    centre = current_centre()
    return {
        "centre": centre,
        "centre_is_open": bool(centre and centre.is_open_at(timezone.now())),
        "SITE_URL": settings.SITE_URL,
        "page_generation": generation(),  # in the key of the footer's fragment cache
    }
