"""Domain errors of reservations; each carries a message a shopper or vendor can read."""

from django.utils.translation import gettext as _

from sentra.exceptions import DomainError
from sentra.states import IllegalTransition


class ReservationError(DomainError):
    """A reservation request that breaks a rule; `str(error)` is the Indonesian message to show."""


class EmptyCart(ReservationError):
    def __init__(self) -> None:
        super().__init__(_("Keranjang masih kosong."))


class InvalidQuantity(ReservationError):
    def __init__(self, product_name: str = "") -> None:
        if product_name:
            super().__init__(_("Jumlah %(name)s harus berupa angka 1 atau lebih.") % {"name": product_name})
        else:
            super().__init__(_("Jumlah harus berupa angka 1 atau lebih."))


class LimitExceeded(ReservationError):
    """A per-line quantity or open-reservation limit (settings SENTRA_*) would be passed."""


class EmailNotVerified(ReservationError):
    def __init__(self) -> None:
        super().__init__(_("Verifikasi alamat email Anda terlebih dahulu sebelum memesan."))


class ProductUnavailable(ReservationError):
    def __init__(self, product_name: str) -> None:
        self.product_name = product_name
        super().__init__(_("%(name)s sudah tidak tersedia untuk dipesan.") % {"name": product_name})


class OutOfStock(ReservationError):
    def __init__(self, product_name: str, available: int) -> None:
        self.product_name, self.available = product_name, max(available, 0)
        if self.available:
            message = _("Stok %(name)s tidak cukup: tinggal %(available)d.")
        else:
            message = _("Stok habis: %(name)s.")
        super().__init__(message % {"name": product_name, "available": self.available})


class VendorUnavailable(ReservationError):
    def __init__(self, vendor_name: str) -> None:
        super().__init__(_("%(vendor)s sedang tidak menerima pesanan.") % {"vendor": vendor_name})


class OwnProduct(ReservationError):
    def __init__(self, product_name: str) -> None:
        super().__init__(_("Anda tidak dapat memesan produk usaha Anda sendiri: %(name)s.") % {"name": product_name})


class PickupDateInvalid(ReservationError):
    def __init__(self) -> None:
        super().__init__(_("Tanggal ambil tidak tersedia. Pilih salah satu hari buka sentra yang ditawarkan."))


class CheckoutConflict(ReservationError):
    def __init__(self) -> None:
        super().__init__(_("Formulir pemesanan sudah kedaluwarsa. Muat ulang halaman lalu coba lagi."))


class ReservationNotFound(ReservationError):
    def __init__(self) -> None:
        super().__init__(_("Kode ambil tidak ditemukan untuk UMKM ini."))


class ReservationClosed(ReservationError, IllegalTransition):
    """The reservation was already collected, cancelled or expired (also an IllegalTransition)."""

    def __init__(self, code: str, status_label: str) -> None:
        super().__init__(
            _("Reservasi %(code)s berstatus “%(status)s”; tidak bisa diubah lagi.")
            % {"code": code, "status": status_label}
        )
