"""Template helpers for PDF templates: `{% pdf_static %}`, and the table filters `table_layout`, `column_widths` and
`numeric_columns`."""

import math
import re

from django import template

from isms.pdf import static_file_url

register = template.Library()


@register.simple_tag
def pdf_static(path: str) -> str:
    """file:// URL of a bundled static file ("pdf/review.css"), the only kind the PDF's URL fetcher serves.

    Raises isms.pdf.ResourceRefused when the file does not exist, so a typo fails the render instead of silently
    dropping a stylesheet."""
    return static_file_url(path)


# The geometry of report tables (static/pdf/review.css): the text width of an A4 page with the report's margins,
# 9 pt text (1 em = 3.175 mm).
TABLE_WIDTH_MM = 165.0
EM_MM = 9 * 25.4 / 72
CELL_PADDING_MM = 4.8  # 1.8 mm either side and the borders, and a little to spare for the estimate
BOLD = 1.15  # header cells are bold (and the estimate errs short for them)
WORD_CAP_MM = 30.0  # a longer word breaks inside its cell rather than widening the column
SHORT_COLUMN_MM = 40.0  # a column whose longest cell fits in this keeps it on one line when it can
LINE_MM = 9 * 1.3 * 25.4 / 72  # line-height 1.3
ROW_PADDING_MM = 2.4  # 1.2 mm above and below
# The height of an A4 page's body with the report's margins (24 mm top, 22 mm bottom; templates/pdf/base.html).
PAGE_BODY_MM = 297.0 - 24.0 - 22.0
# Rows estimated taller than this may break across pages (`may_break`): half a page, so that the estimate may err
# by half before a row that cannot fit on any page is kept whole.
BREAKABLE_ROW_MM = PAGE_BODY_MM / 2


def _text_mm(text: str, scale: float = 1.0) -> float:
    """Estimated width of `text` in 9 pt Liberation Sans/Arial, from average advances per kind of character."""
    em = 0.0
    for char in text:
        if char.isdigit():
            em += 0.556
        elif char.isupper():
            em += 0.667
        elif char.isspace():
            em += 0.278
        elif char in "fijlrt":
            em += 0.28
        elif char in "mw":
            em += 0.8
        elif char.isalpha():
            em += 0.54
        else:
            em += 0.35
    return em * EM_MM * scale


@register.filter
def column_widths(table, total: int = 100) -> list[str]:
    """Column widths for a `table-layout: fixed` table, as CSS percentages ("12.5%") adding up to `total`.

    `table` has `headers` and `rows` (lists of strings). Like a browser's automatic table layout, on estimated
    text widths: every column first gets its minimum, room for the longest word of its (bold) header or of its
    cells, words capped at 30 mm so that a 90-character word breaks inside its cell instead of taking the table;
    then short columns (longest cell within 40 mm: dates, statuses) get room for their longest cell, as long as
    there is; the rest goes to the long columns in proportion to the width they miss. When every cell fits on
    one line, widths follow the longest cells.
    """
    headers = list(getattr(table, "headers", []) or [])
    rows = [list(row) for row in getattr(table, "rows", []) or []]
    count = max([len(headers), *(len(row) for row in rows)], default=0)
    if count == 0:
        return []
    minimum, natural = [], []
    for index in range(count):
        cells = [str(row[index]) for row in rows if index < len(row)]
        header = str(headers[index]) if index < len(headers) else ""
        words = [_text_mm(word) for cell in cells for word in cell.split()]
        words += [_text_mm(word, BOLD) for word in header.split()]
        lowest = min(max(words, default=0), WORD_CAP_MM) + CELL_PADDING_MM
        longest = max([_text_mm(header, BOLD), *(_text_mm(cell) for cell in cells)]) + CELL_PADDING_MM
        minimum.append(lowest)
        natural.append(max(longest, lowest))
    if sum(natural) <= TABLE_WIDTH_MM:
        widths = natural
    else:
        # Short columns (a status, a date, a name) get their one-line width while that leaves the long ones their
        # minimum; what is left goes to the long columns in proportion to the width they miss.
        widths = list(minimum)
        spare = max(TABLE_WIDTH_MM - sum(minimum), 0.0)
        for index in sorted(range(count), key=lambda i: natural[i]):
            extra = natural[index] - minimum[index]
            if natural[index] <= SHORT_COLUMN_MM and extra <= spare:
                widths[index], spare = natural[index], spare - extra
        long = [i for i in range(count) if widths[i] < natural[i]]
        missing = sum(natural[i] - widths[i] for i in long)
        for index in long:
            widths[index] += spare * (natural[index] - widths[index]) / missing
    scale = total / sum(widths)
    return [f"{width * scale:.1f}%" for width in widths]


def _lines(text: str, width_mm: float) -> int:
    """Estimated number of lines `text` takes in a cell `width_mm` wide (its padding included): words wrapped
    greedily, a word wider than the cell broken over as many lines as it needs; its own lines kept."""
    room = max(width_mm - CELL_PADDING_MM, 1.0)
    space = _text_mm(" ")
    count = 0
    for paragraph in str(text).split("\n"):
        count += 1
        used = 0.0
        for word in paragraph.split():
            needed = _text_mm(word)
            if used and used + space + needed <= room:
                used += space + needed
                continue
            if used:
                count += 1
            pieces = max(math.ceil(needed / room), 1)
            count += pieces - 1
            used = needed - (pieces - 1) * room
    return count


def row_height_mm(row, widths_mm: list[float]) -> float:
    """Estimated height in millimetres of a table row: its tallest cell's lines, with the cells' padding."""
    lines = [_lines(cell, width) for cell, width in zip(row, widths_mm, strict=False)]
    return max(lines, default=1) * LINE_MM + ROW_PADDING_MM


class TableRow(list):
    """A table row: its cells (as table_layout gives them) and `may_break`, whether the row may break across pages
    (static/pdf/review.css keeps other rows whole)."""

    may_break: bool = False


NUMBER = re.compile(r"^[-−–]?\d[\d\s,.]*(\s?(%|st\.?|procent|kr))?$|^[–-]$")


@register.filter
def numeric_columns(table) -> list[bool]:
    """For each column of `table`: True when every body cell is a number ("12", "50 %", "2 st.", "1 234") or a
    dash, so the template can right-align it. Dates ("2023-04-12") and empty columns are not numeric, nor is the
    first column of a wider table: it labels the rows (a number, a likelihood level) and stays left."""
    headers = list(getattr(table, "headers", []) or [])
    rows = [list(row) for row in getattr(table, "rows", []) or []]
    count = max([len(headers), *(len(row) for row in rows)], default=0)
    result = []
    for index in range(count):
        cells = [str(row[index]).strip() for row in rows if index < len(row)]
        numeric = bool(cells) and all(NUMBER.match(cell) for cell in cells) and any(c[:1].isdigit() for c in cells)
        result.append(numeric and not (index == 0 and count > 1))
    return result


@register.filter
def table_layout(table) -> dict:
    """What the template needs to draw `table`: `widths` (column_widths) and `headers`, `rows`, `footer` with each
    cell as a (text, numeric) pair, numeric meaning its column is right-aligned (numeric_columns).

    Each row is a TableRow whose `may_break` is true when the row is estimated taller than half a page
    (BREAKABLE_ROW_MM). The report keeps rows whole, but WeasyPrint moves a row it cannot break to the next page
    even when it cannot fit there either, and then breaks it anyway: the caption stays behind alone and the pages
    the row runs over lose the repeated header. A tall row therefore breaks where it stands."""
    numeric = numeric_columns(table)
    widths = column_widths(table)
    widths_mm = [float(width.rstrip("%")) / 100 * TABLE_WIDTH_MM for width in widths]

    def cells(values) -> list[tuple[str, bool]]:
        return [(value, index < len(numeric) and numeric[index]) for index, value in enumerate(values)]

    rows = []
    for values in getattr(table, "rows", []) or []:
        row = TableRow(cells(values))
        row.may_break = row_height_mm(values, widths_mm) > BREAKABLE_ROW_MM
        rows.append(row)
    return {
        "widths": widths,
        "headers": cells(getattr(table, "headers", []) or []),
        "rows": rows,
        "footer": cells(getattr(table, "footer", []) or []),
    }
