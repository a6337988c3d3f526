"""Form fields shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError

# The widest primary key any of our databases stores (BigAutoField).
MAX_ID = 2**63 - 1


class ModelMultipleIdsField(forms.ModelMultipleChoiceField):
    """ModelMultipleChoiceField that refuses ids outside the database's integer range with a form error.

    Django's `pk__in` lookup passes them to the database, where SQLite raises OverflowError (a 500) and
    PostgreSQL an out-of-range error; a tampered form must get a clear message instead.
    """

    def _check_values(self, value):
        for pk in value:
            try:
                out_of_range = not -MAX_ID <= int(pk) <= MAX_ID
            except (TypeError, ValueError):
                continue  # not a number: the parent class reports it
            if out_of_range:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)
