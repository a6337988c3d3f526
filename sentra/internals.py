"""The few places Sentra reaches into Django's private API, each behind one named helper saying why.

tests/test_internals.py fails when a Django upgrade changes what these rely on; fix them here then.
"""

from django.db import models
from django.middleware import csrf


def set_prefetched(instance: models.Model, name: str, objects: list) -> None:
    """Give `instance` the related rows `name` as prefetch_related() would, so `instance.<name>.all()` reads
    `objects` without a query.

    reservation_place creates the lines it just inserted and hands them to the emails; fetching them again
    would cost a query per checkout. Django has no public way to seed a prefetch, so this sets the same private
    attributes `django.db.models.query.prefetch_one_level()` sets.
    """
    rows = getattr(instance, name).all()
    rows._result_cache = list(objects)
    rows._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = rows


def unmask_csrf_token(token: str) -> str:
    """The CSRF secret inside a masked form token (the page cache finds this visitor's tokens in a page to cut
    them out). Django keeps the unmasking private (`_unmask_cipher_token`)."""
    return csrf._unmask_cipher_token(token)
