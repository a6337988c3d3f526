"""Unique slugs for public URLs (/produk/<slug>/, /umkm/<slug>/): printed on shelf labels, so never reused."""

from django.db.models import QuerySet
from django.utils.crypto import get_random_string
from django.utils.text import slugify

SUFFIX_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off a printed label


def unique_slug(name: str, *, taken: QuerySet, fallback: str, max_length: int = 130) -> str:
    """Return a slug for `name` that no row of `taken` uses yet (a random suffix when the plain one is used)."""
    base = slugify(name)[:max_length] or fallback
    slug = base
    while taken.filter(slug=slug).exists():
        slug = f"{base}-{get_random_string(5, SUFFIX_ALPHABET)}"
    return slug
