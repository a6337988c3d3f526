"""The Dinas console (/dinas/): work queue, vendor and certificate review, ruko units, reports."""

from .certificates import certificate_detail, certificate_list, certificate_review
from .dashboard import dashboard
from .reports import province_report, province_report_xlsx, report_download, reports
from .units import assignment_end, assignment_move, unit_assign, unit_board, unit_create, unit_detail, unit_edit
from .vendors import product_action, vendor_action, vendor_assign, vendor_detail, vendor_list, vendor_move_centre

__all__ = [
    "assignment_end",
    "assignment_move",
    "certificate_detail",
    "certificate_list",
    "certificate_review",
    "dashboard",
    "product_action",
    "province_report",
    "province_report_xlsx",
    "report_download",
    "reports",
    "unit_assign",
    "unit_board",
    "unit_create",
    "unit_detail",
    "unit_edit",
    "vendor_action",
    "vendor_assign",
    "vendor_detail",
    "vendor_list",
    "vendor_move_centre",
]
