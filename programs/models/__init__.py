"""Rows of pembinaan, split by sub-domain: programmes and their participants, the aid register, pendataan."""

from .aid import AidRecord
from .programmes import (
    Attendance,
    FundingSource,
    Meeting,
    MonitoringVisit,
    Participant,
    ParticipantEvent,
    Programme,
    ProgrammeEvent,
)
from .rounds import DataAnswer, DataRound

__all__ = [
    "AidRecord",
    "Attendance",
    "DataAnswer",
    "DataRound",
    "FundingSource",
    "Meeting",
    "MonitoringVisit",
    "Participant",
    "ParticipantEvent",
    "Programme",
    "ProgrammeEvent",
]
