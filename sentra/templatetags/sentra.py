"""Generic template helpers: money, WhatsApp links, JSON-LD, absolute URLs."""

import json
from typing import Any

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from sentra.money import format_rupiah
from sentra.whatsapp import whatsapp_link

register = template.Library()

_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def rupiah(amount: Any) -> str:
    """Render a whole-rupiah amount as 'Rp25.000'; empty for None or non-numbers."""
    if amount is None or amount == "":
        return ""
    try:
        return format_rupiah(int(amount))
    except (TypeError, ValueError):
        return ""


@register.simple_tag
def whatsapp_url(phone: str, message: str = "") -> str:
    """Return a wa.me click-to-chat link, or '' when the number is missing or invalid."""
    return whatsapp_link(phone or "", str(message or ""))


@register.simple_tag
def json_ld(data: Any) -> SafeString:
    """Render `data` as a schema.org JSON-LD block, escaped so no text can close the script element."""
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(payload))


@register.simple_tag(takes_context=True)
def absolute_url(context: template.Context, path: str) -> str:
    """Return `path` as an absolute URL for canonical and Open Graph tags (the request's validated host)."""
    if not path or path.startswith(("http://", "https://")):
        return path or ""
    request = context.get("request")
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL.rstrip("/") + path


@register.filter
def stock_label(product: Any) -> str:
    """Shopper-facing stock state of a product card: Tersedia, Sisa 3, Habis, Pesanan khusus · 14 hari."""
    if getattr(product, "made_to_order", False):
        days = product.lead_time_days
        return ngettext("Pesanan khusus · %(days)s hari", "Pesanan khusus · %(days)s hari", days) % {"days": days}
    available = product.stock_available
    if available <= 0:
        return gettext("Habis")
    if available <= 5:
        return gettext("Sisa %(count)s") % {"count": available}
    return gettext("Tersedia")


@register.filter
def stock_class(product: Any) -> str:
    """CSS class matching stock_label."""
    if getattr(product, "made_to_order", False):
        return "stock-mto"
    available = product.stock_available
    if available <= 0:
        return "stock-out"
    return "stock-low" if available <= 5 else "stock-ok"


_INITIALS_SKIP = {"ud", "cv", "pt", "kwt", "kub", "ikm", "umkm", "bu", "ibu", "pak", "dan", "&"}


@register.filter
def initials(name: Any) -> str:
    """Two letters for a placeholder logo: 'Keripik Pisang Yuli' → 'KP'; legal forms (UD, CV, KWT) skipped."""
    words = [w for w in str(name or "").split() if w[:1].isalnum()]
    kept = [w for w in words if w.lower().strip(".") not in _INITIALS_SKIP] or words
    return "".join(w[0] for w in kept[:2]).upper()


@register.filter
def tint(value: Any, count: int = 4) -> int:
    """A stable palette index (0..count-1) for a placeholder's colour, from a primary key."""
    try:
        return int(value) % int(count)
    except (TypeError, ValueError):
        return 0


@register.filter
def person(user: Any) -> str:
    """A person as others see them: the name given at sign-up, else the username (issue 16)."""
    from sentra.accounts import person_name

    return person_name(user) if user else ""
