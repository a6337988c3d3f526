"""Format rules for Indonesian business identifiers."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NIB_RE = re.compile(r"^\d{13}$")


def validate_nib(value: str) -> None:
    """NIB from OSS: exactly 13 digits."""
    if not NIB_RE.match(value or ""):
        raise ValidationError(_("NIB harus terdiri dari tepat 13 angka (contoh: 1234567890123)."), code="nib_format")
