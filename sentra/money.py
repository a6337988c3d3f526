"""Rupiah formatting: whole rupiah, dot as the thousands separator (Rp25.000)."""


def format_rupiah(amount: int | None) -> str:
    """Return `amount` as Indonesians write prices, e.g. 25000 -> 'Rp25.000'."""
    if amount is None:
        return ""
    amount = int(amount)
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(amount):,}".replace(",", ".")
