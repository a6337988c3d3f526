"""The one root of every domain error.

A service or a model's transition refuses an action by raising a DomainError (or a subclass such as
IllegalTransition, OutOfStock, UnitFull) whose message a shopper, owner or Dinas officer can read. It is a
ValidationError, so a form takes it the way it takes its own errors (`sentra.forms.add_domain_error`), and
one raised with a dict of field messages lands on those fields. `str(error)` is the message itself.
"""

from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """A rule of the domain refused the action; `str(error)` is the message to show."""

    def __str__(self) -> str:
        return " ".join(str(message) for message in self.messages)


def clean_or_refuse(instance, *, full: bool = True, **kwargs) -> None:
    """Run the model's own validation (full_clean, or clean alone) inside a service; its errors are raised as a
    DomainError on the same fields."""
    try:
        instance.full_clean(**kwargs) if full else instance.clean()
    except ValidationError as error:
        raise DomainError(error.error_dict if hasattr(error, "error_dict") else error.messages) from error
