"""Template helpers for PDF templates: `{% pdf_static %}` and the `column_widths` filter."""

from django import template

from isms.pdf import static_file_url

register = template.Library()


@register.simple_tag
def pdf_static(path: str) -> str:
    """file:// URL of a bundled static file ("pdf/review.css"), the only kind the PDF's URL fetcher serves.

    Raises isms.pdf.ResourceRefused when the file does not exist, so a typo fails the render instead of silently
    dropping a stylesheet."""
    return static_file_url(path)


# Text width of an A4 page with the report's margins (165 mm), in characters of 9 pt table text (about 1.8 mm).
TABLE_WIDTH_CHARS = 92
CELL_PADDING_CHARS = 2.5


@register.filter
def column_widths(table, total: int = 100) -> list[str]:
    """Column widths for a `table-layout: fixed` table, as CSS percentages ("12.5%") adding up to `total`.

    `table` has `headers` and `rows` (lists of strings). Like a browser's automatic layout, in characters of table
    text: every column first gets its minimum, the longest word of its header (bold: a tenth wider) or of its cells,
    capped at 14 characters so that a 90-character word breaks inside its cell instead of taking the table; the
    rest of the width goes to the columns whose longest cell does not fit on one line, in proportion to the
    missing width. When everything fits on one line, widths follow the longest cells.
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
        words = [len(word) for cell in cells for word in cell.split()]
        header_words = [len(word) * 1.1 for word in header.split()]
        lowest = min(max([*words, *header_words, 1]), 14) + CELL_PADDING_CHARS
        longest = max([len(header) * 1.1, *(len(cell) for cell in cells)]) + CELL_PADDING_CHARS
        minimum.append(lowest)
        natural.append(max(longest, lowest))
    if sum(natural) <= TABLE_WIDTH_CHARS or sum(natural) == sum(minimum):
        widths = natural
    else:
        spare = max(TABLE_WIDTH_CHARS - sum(minimum), 0)
        wanted = [n - m for n, m in zip(natural, minimum, strict=True)]
        widths = [m + spare * w / sum(wanted) for m, w in zip(minimum, wanted, strict=True)]
    scale = total / sum(widths)
    return [f"{width * scale:.1f}%" for width in widths]
