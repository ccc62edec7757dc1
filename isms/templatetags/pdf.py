"""Template helpers for PDF templates: `{% pdf_static %}`, and the table filters `table_layout`, `column_widths` and
`numeric_columns`."""

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
    cell as a (text, numeric) pair, numeric meaning its column is right-aligned (numeric_columns)."""
    numeric = numeric_columns(table)

    def cells(values) -> list[tuple[str, bool]]:
        return [(value, index < len(numeric) and numeric[index]) for index, value in enumerate(values)]

    return {
        "widths": column_widths(table),
        "headers": cells(getattr(table, "headers", []) or []),
        "rows": [cells(row) for row in getattr(table, "rows", []) or []],
        "footer": cells(getattr(table, "footer", []) or []),
    }
