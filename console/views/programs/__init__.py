"""Console pembinaan (/dinas/program/), split by what it serves: programmes and participants, the aid register,
pendataan rounds and the reports. The names are re-exported for console/urls.py."""

from .aid import aid_create, aid_detail, aid_list, vendor_history_page, vendor_search
from .programmes import (
    meeting_add,
    meeting_attendance,
    participant_action,
    participant_detail,
    participant_outcome,
    programme_action,
    programme_create,
    programme_detail,
    programme_edit,
    programme_enrol,
    programme_list,
    visit_add,
)
from .reports import aid_candidates, programme_report_download, programme_reports
from .rounds import round_close, round_create, round_detail, round_download, round_list

__all__ = [
    "aid_candidates",
    "aid_create",
    "aid_detail",
    "aid_list",
    "meeting_add",
    "meeting_attendance",
    "participant_action",
    "participant_detail",
    "participant_outcome",
    "programme_action",
    "programme_create",
    "programme_detail",
    "programme_edit",
    "programme_enrol",
    "programme_list",
    "programme_report_download",
    "programme_reports",
    "round_close",
    "round_create",
    "round_detail",
    "round_download",
    "round_list",
    "vendor_history_page",
    "vendor_search",
    "visit_add",
]
