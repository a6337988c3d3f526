"""Facts about a user account that several apps ask (allauth keeps the email addresses)."""

from allauth.account.models import EmailAddress


def has_verified_email(user) -> bool:
    """True when the signed-in user has confirmed at least one email address."""
    return user.is_authenticated and EmailAddress.objects.filter(user=user, verified=True).exists()
