"""Multi-row writes of pembinaan (STYLE: services), split by sub-domain; the names are re-exported here."""

from .aid import aid_grant, aid_repeat_warning
from .errors import (
    AidError,
    AlreadyParticipant,
    NotEligible,
    NotOpen,
    NotSelected,
    ProgrammeError,
    QuotaFull,
    RepeatAid,
    RoundError,
)
from .meetings import meeting_add, meeting_record_attendance, visit_add
from .participants import (
    participant_apply,
    participant_decline,
    participant_enrol,
    participant_outcome,
    participant_select,
    participant_waitlist,
)
from .programmes import (
    programme_cancel,
    programme_create,
    programme_finish,
    programme_open,
    programme_start,
    programme_update,
)
from .rounds import round_answer, round_close, round_open

__all__ = [
    "AidError",
    "AlreadyParticipant",
    "NotEligible",
    "NotOpen",
    "NotSelected",
    "ProgrammeError",
    "QuotaFull",
    "RepeatAid",
    "RoundError",
    "aid_grant",
    "aid_repeat_warning",
    "meeting_add",
    "meeting_record_attendance",
    "participant_apply",
    "participant_decline",
    "participant_enrol",
    "participant_outcome",
    "participant_select",
    "participant_waitlist",
    "programme_cancel",
    "programme_create",
    "programme_finish",
    "programme_open",
    "programme_start",
    "programme_update",
    "round_answer",
    "round_close",
    "round_open",
    "visit_add",
]
