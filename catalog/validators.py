"""Format rules for certificate numbers (P-IRT, halal)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PIRT_RE = re.compile(r"^(\d{13})-?(\d{2})$")
HALAL_RE = re.compile(r"^ID\d{6,}$")


def normalize_pirt(value: str) -> str:
    """Return a P-IRT number written the standard way, `1234567890123-45`."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 15:
        return f"{digits[:13]}-{digits[13:]}"
    return (value or "").strip()


def validate_pirt(value: str) -> None:
    """P-IRT (SPP-IRT): 15 digits written `1234567890123-45`."""
    if not PIRT_RE.match(value or ""):
        raise ValidationError(_("Nomor P-IRT harus 15 angka, ditulis seperti 1234567890123-45."), code="pirt_format")


def pirt_region_code(value: str) -> str:
    """Return the province+regency digits (4th to 7th) of a P-IRT number, e.g. '1803'."""
    digits = re.sub(r"\D", "", value or "")
    return digits[3:7] if len(digits) == 15 else ""


def pirt_expiry_year(value: str) -> int | None:
    """Return the year (20YY) encoded by the last two digits of a P-IRT number."""
    digits = re.sub(r"\D", "", value or "")
    return 2000 + int(digits[-2:]) if len(digits) == 15 else None


def validate_halal(value: str) -> None:
    """Halal certificate from BPJPH (SIHALAL): `ID` followed by digits."""
    if not HALAL_RE.match(value or ""):
        raise ValidationError(
            _("Nomor sertifikat halal diawali 'ID' lalu angka, contoh: ID18110000123450822."),
            code="halal_format",
        )
