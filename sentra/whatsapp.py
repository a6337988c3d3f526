"""WhatsApp numbers and click-to-chat links (https://wa.me/62...)."""

from urllib.parse import quote

import phonenumbers


def normalize_phone(raw: str, region: str = "ID") -> str:
    """Return `raw` ('0812-3456-7890', '+62 812...') in E.164 form, or raise ValueError."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(str(exc)) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValueError("invalid number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def whatsapp_link(phone: str, message: str = "") -> str:
    """Return a wa.me link for an E.164 (or local) number with an optional pre-filled message."""
    if not phone:
        return ""
    try:
        digits = normalize_phone(phone).lstrip("+")
    except ValueError:
        return ""
    link = f"https://wa.me/{digits}"
    if message:
        link += "?text=" + quote(message)
    return link
