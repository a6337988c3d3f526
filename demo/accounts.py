"""Demo users: the five documented accounts, extra shoppers and one owner account per vendor."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from .data import ACCOUNTS, DEMO_PASSWORD, EXTRA_SHOPPERS, Account

OWNER_EMAIL_DOMAIN = "umkm.sentra.test"
DINAS_ROLES = {"dinas", "provinsi", "dinas_bdl"}


class AccountMaker:
    """Create users with the demo password, hashed once (hashing is slow on purpose) and reused."""

    def __init__(self) -> None:
        self.password_hash = make_password(DEMO_PASSWORD)

    def ensure(self, account: Account):
        """Return the user of `account`, creating it (verified primary email) when missing."""
        user, created = get_user_model().objects.get_or_create(
            username=account.username,
            defaults={
                "email": account.email,
                "first_name": account.first_name,
                "last_name": account.last_name,
                "password": self.password_hash,
                "is_staff": account.role in {"superuser", *DINAS_ROLES},
                "is_superuser": account.role == "superuser",
            },
        )
        if created and account.role in DINAS_ROLES:
            user.groups.add(Group.objects.get(name="Dinas"))
        EmailAddress.objects.get_or_create(user=user, email=account.email, defaults={"verified": True, "primary": True})
        return user

    def ensure_documented(self) -> dict[str, object]:
        """Return the documented accounts by role (superuser, dinas, provinsi, dinas_bdl, umkm, calon, shopper)."""
        return {account.role: self.ensure(account) for account in ACCOUNTS}

    def ensure_shoppers(self) -> list:
        return [self.ensure(account) for account in EXTRA_SHOPPERS]

    def owner_for(self, slug: str, full_name: str):
        """Return the owner account of a demo vendor without a documented account."""
        first, _, last = full_name.partition(" ")
        return self.ensure(Account(f"{slug}@{OWNER_EMAIL_DOMAIN}", first, last, "owner"))
