"""Who counts as Dinas staff: the one rule every app and surface asks."""

DINAS_GROUP = "Dinas"  # created with its permissions by a vendors migration


def is_dinas(user) -> bool:
    """True for active superusers and active members of the Dinas group (their permissions are checked apart)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=DINAS_GROUP).exists()
