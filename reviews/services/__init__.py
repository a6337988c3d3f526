"""Writes of the reviews app: reviews (create, edit, reply, vote), moderation, favourites."""

from .favourites import favourite_toggle, notify_back_in_stock
from .moderation import review_hide, review_report, review_restore
from .reviews import (
    EDIT_WINDOW,
    can_edit,
    create_review,
    is_blocked,
    refresh_product_rating,
    review_reply,
    review_vote,
    sold_label,
    update_review,
)

__all__ = [
    "EDIT_WINDOW",
    "can_edit",
    "create_review",
    "favourite_toggle",
    "is_blocked",
    "notify_back_in_stock",
    "refresh_product_rating",
    "review_hide",
    "review_reply",
    "review_report",
    "review_restore",
    "review_vote",
    "sold_label",
    "update_review",
]
