"""Template context shared by every page: the centre (for header, footer and opening status)."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from sentra.cache import generation
from vendors.models import Centre

CENTRE_CACHE_KEY = "sentra:centre"


def current_centre() -> Centre | None:
    """Return the (first) centre with its hours, cached for a minute or until a watched model is saved."""
    key = f"{CENTRE_CACHE_KEY}:{generation()}"  # a save of the centre, its hours or closed dates: read anew
    centre = cache.get(key)
    if centre is None:
        centre = Centre.objects.prefetch_related("opening_hours", "closed_dates").order_by("pk").first()
        cache.set(key, centre or False, 60)
    return centre or None


def site(request: HttpRequest) -> dict:
    centre = current_centre()
    return {
        "centre": centre,
        "centre_is_open": bool(centre and centre.is_open_at(timezone.now())),
        "SITE_URL": settings.SITE_URL,
        "page_generation": generation(),  # in the key of the footer's fragment cache
    }
