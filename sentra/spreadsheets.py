"""Rows in, spreadsheets out: .xlsx (openpyxl, write-only) and CSV as Excel in Indonesia opens it (UTF-8 with
BOM, `;` between fields). Text that a spreadsheet would run as a formula is neutralised here, once, for every
export: names and notes come from vendors and shoppers."""

import csv
import datetime
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


@dataclass
class Sheet:
    title: str
    columns: list[str]
    rows: Iterable[list]


def safe_cell(value):
    """A cell's value as data: text starting like a formula (`=HYPERLINK(…)`, `+`, `-`, `@`) gets a quote."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_value(value):
    value = safe_cell(value)
    return value.isoformat() if isinstance(value, datetime.date) else value


def csv_lines(columns: list[str], rows: Iterable[list]) -> Iterator[str]:
    """Yield the CSV text piece by piece (a streaming response can send it as it is made)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(columns)
    yield "\ufeff" + flush()
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
        yield flush()


def csv_bytes(columns: list[str], rows: Iterable[list]) -> bytes:
    return "".join(csv_lines(columns, rows)).encode("utf-8")


def _sheet_title(title: str) -> str:
    """Excel refuses \\ / * ? : [ ] in a sheet title and more than 31 characters."""
    return re.sub(r"[\\/*?:\[\]]", "-", str(title))[:31]


def _header(sheet, columns: list[str]) -> list[WriteOnlyCell]:
    """Bold header cells, frozen above the rows, in columns wide enough to read them."""
    sheet.freeze_panes = "A2"
    for number, name in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = max(12, min(len(str(name)) + 4, 40))
    cells = [WriteOnlyCell(sheet, value=str(name)) for name in columns]
    for cell in cells:
        cell.font = Font(bold=True)
    return cells


def _xlsx_value(sheet, value):
    value = safe_cell(value)
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD/MM/YYYY"
        return cell
    return value


def xlsx_bytes(sheets: Iterable[Sheet], *, title: str = "") -> bytes:
    """Return a workbook with one worksheet per Sheet, rows written as they come."""
    workbook = Workbook(write_only=True)
    for spec in sheets:
        sheet = workbook.create_sheet(title=_sheet_title(spec.title))
        sheet.append(_header(sheet, spec.columns))
        for row in spec.rows:
            sheet.append([_xlsx_value(sheet, v) for v in row])
    if title:
        workbook.properties.title = title
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
