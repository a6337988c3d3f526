"""User accounts (allauth): facts several apps ask, and the adapter that tunes allauth for Sentra."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress


def has_verified_email(user) -> bool:
    """True when the signed-in user has confirmed at least one email address."""
    return user.is_authenticated and EmailAddress.objects.filter(user=user, verified=True).exists()


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter with failed logins counted per account *and* address.

    allauth refuses every login to an account after its `login_failed` key limit, the right password too, so
    a stranger guessing an owner's password from anywhere could lock the owner out. Keyed by account and
    address, the stranger only slows down their own guessing; the owner logs in from their own phone. The
    per-address limit (`10/m/ip`) still caps a stranger's guesses across accounts.
    allauth has no public hook for this key: `_get_login_attempts_cache_key` is its private method
    (tests/test_rate_limits.py fails if allauth stops calling it).
    """

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{key}:{self.get_client_ip(request)}"
