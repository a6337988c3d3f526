"""Status transition tables shared by the models that have a lifecycle."""

from collections.abc import Mapping

from django.utils.translation import gettext as _

from sentra.exceptions import DomainError


class IllegalTransition(DomainError):
    """A status change the model's transition table does not allow."""


class ReasonRequired(DomainError):
    """The transition needs a written reason (rejection, revision, suspension, cancellation)."""


def check_transition(
    table: Mapping[str, set[str]],
    source: str,
    target: str,
    *,
    reason: str = "",
    needs_reason: set[str] = frozenset(),
) -> None:
    """Raise unless `source -> target` is listed in `table` (and has a reason where one is needed)."""
    if target not in table.get(source, set()):
        raise IllegalTransition(
            _("Perubahan status dari %(source)s ke %(target)s tidak diizinkan.") % {"source": source, "target": target}
        )
    if target in needs_reason and not reason.strip():
        raise ReasonRequired({"reason": [_("Alasan wajib diisi untuk perubahan status ini.")]})
