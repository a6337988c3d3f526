"""A counter sale's receipt for the buyer: its absolute link, a WhatsApp share link and a QR code of the link."""

from urllib.parse import quote

from django.conf import settings
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from orders.pickup_qr import pickup_qr_svg
from sentra.money import format_rupiah

from .models import CounterSale


def receipt_url(sale: CounterSale) -> str:
    """The absolute address of the buyer's receipt."""
    return settings.SITE_URL.rstrip("/") + sale.get_receipt_url()


def receipt_share_link(sale: CounterSale) -> str:
    """A wa.me link that opens WhatsApp with the receipt's link typed in, for any chat the seller picks."""
    message = _("Struk %(code)s dari %(vendor)s, %(total)s: %(url)s") % {
        "code": sale.code,
        "vendor": sale.vendor.name,
        "total": format_rupiah(sale.total),
        "url": receipt_url(sale),
    }
    return "https://wa.me/?text=" + quote(message)


def receipt_qr(sale: CounterSale) -> SafeString:
    """The receipt link as an inline SVG QR code the buyer scans from the seller's phone."""
    return pickup_qr_svg(receipt_url(sale), scale=4)
