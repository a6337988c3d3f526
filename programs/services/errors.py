"""Domain errors of pembinaan: each message says, in Indonesian, why the action was refused."""

from sentra.exceptions import DomainError


class ProgrammeError(DomainError):
    """A programme, participant, meeting or visit write the rules refuse."""


class NotOpen(ProgrammeError):
    """The programme takes no applications (not open, or its closing date passed)."""


class NotEligible(ProgrammeError):
    """The vendor is not among who may join the programme."""


class AlreadyParticipant(ProgrammeError):
    """The vendor already applied to (or is enrolled in) the programme."""


class QuotaFull(ProgrammeError):
    """Every place of the programme is taken."""


class NotSelected(ProgrammeError):
    """Outcomes, attendance and visits are for selected participants only."""


class AidError(DomainError):
    """An aid record the rules refuse."""


class RepeatAid(AidError):
    """Aid of this kind was handed to the vendor within the last three years; `earlier` lists those records."""

    def __init__(self, message, *, earlier=(), **kwargs):
        super().__init__(message, **kwargs)
        self.earlier = list(earlier)


class RoundError(DomainError):
    """A pendataan answer or round the rules refuse."""
