"""CSV files of the registers as Swedish Excel reads them: UTF-8 with a byte-order mark (else Excel takes the file
for Windows-1252), semicolons between the values (the comma is the decimal sign), decimal commas, ISO dates, CRLF
line ends; values quoted where they hold a semicolon, a quote or a line break. Written row by row as it is sent."""

import csv
from collections.abc import Iterable, Iterator

from .columns import Sheet

BOM = "\ufeff"
DELIMITER = ";"
CHUNK = 64 * 1024  # bytes sent at a time: rows are gathered up to this, not sent one by one


class _Line:
    """A file-like object whose write() returns what it was given, so csv.writer produces one line at a time."""

    def write(self, text: str) -> str:
        return text


def csv_lines(sheet: Sheet, rows: Iterable) -> Iterator[bytes]:
    """The CSV file of `rows` under `sheet`'s columns, as UTF-8 bytes in pieces of about CHUNK bytes: the
    byte-order mark and the header line first."""
    writer = csv.writer(_Line(), delimiter=DELIMITER, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    columns = sheet.columns
    pending = [BOM + writer.writerow([str(c.header) for c in columns])]
    size = 0
    for row in rows:
        line = writer.writerow([column.kind.text(column.get(row)) for column in columns])
        pending.append(line)
        size += len(line)
        if size >= CHUNK:
            yield "".join(pending).encode()
            pending, size = [], 0
    if pending:
        yield "".join(pending).encode()
