"""XLSX files of the registers, written with openpyxl's write-only mode: rows go to disk as they come, so a large
register never sits in memory whole."""

import tempfile
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .columns import Sheet

SHEET_TITLE_LENGTH = 31  # Excel's limit
_FORBIDDEN_IN_TITLES = str.maketrans({c: " " for c in "[]:*?/\\"})


def sheet_title(title) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    return str(title).translate(_FORBIDDEN_IN_TITLES).strip()[:SHEET_TITLE_LENGTH]


def write_workbook(parts: Iterable[tuple[Sheet, Iterable]]) -> tempfile.SpooledTemporaryFile:
    """An XLSX workbook of the given (sheet, rows) pairs, one worksheet each, in an anonymous temporary file (gone
    once closed), positioned at its start. Each worksheet has a bold header row that stays in view (frozen), column
    widths from the declarations and an autofilter over its rows; cells are typed by their column's kind (numbers,
    dates with a date format, text never a formula)."""
    workbook = Workbook(write_only=True)
    for sheet, rows in parts:
        _write_sheet(workbook, sheet, rows)
    output = tempfile.TemporaryFile(suffix=".xlsx")
    workbook.save(output)
    output.seek(0)
    return output


def _write_sheet(workbook: Workbook, sheet: Sheet, rows: Iterable) -> None:
    worksheet = workbook.create_sheet(sheet_title(sheet.title))
    columns = sheet.columns
    for index, column in enumerate(columns, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = column.xlsx_width
    worksheet.freeze_panes = "A2"
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    header = []
    for column in columns:
        cell = WriteOnlyCell(worksheet, value=_text_value(str(column.header)))
        cell.font, cell.alignment = bold, wrap
        header.append(cell)
    worksheet.append(header)
    formats = [column.kind.number_format for column in columns]
    count = 0
    for row in rows:
        worksheet.append(
            [
                _cell(worksheet, column.kind.cell(column.get(row)), fmt)
                for column, fmt in zip(columns, formats, strict=True)
            ]
        )
        count += 1
    last = get_column_letter(len(columns))
    worksheet.auto_filter.ref = f"A1:{last}{count + 1}"


def _cell(worksheet, value, number_format):
    if isinstance(value, str):
        value = _text_value(value)
        if value.startswith("=") or value in ERROR_CODES:
            # openpyxl would store these as a formula or an error; `neutralise` already keeps "=" away, and a text
            # like "#N/A" stays text too.
            cell = WriteOnlyCell(worksheet, value=value)
            cell.data_type = "s"
            return cell
        return value
    if number_format and value is not None:
        cell = WriteOnlyCell(worksheet, value=value)
        cell.number_format = number_format
        return cell
    return value


def _text_value(text: str) -> str:
    # XML 1.0 cannot hold most control characters (openpyxl refuses them): they are dropped, tabs and line breaks kept.
    return ILLEGAL_CHARACTERS_RE.sub("", text)
