"""The columns of a register's spreadsheet file, declared once for the export and the import.

A `Sheet` lists its `FileColumn`s in file order. Each column names its Swedish header (gettext), the field it
holds (a model field the import writes, or a dotted accessor read for the reader) and its `Kind`, which says how a
value is written into an XLSX cell (typed: numbers as numbers, dates as dates), into CSV text (as Swedish Excel
reads it: decimal comma, ISO dates) and how a cell read back from either file becomes the field's value again
(`Kind.parse`, raising ValueError with a Swedish message saying what to write instead).

Text that a spreadsheet would run as a formula is neutralised on the way out (`neutralise`) and restored on the way
in (`restore`), one function each, so a file exported and imported again gives back the very same text.
"""

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isms.display import decimal_text
from isms.forms import AMBIGUOUS, NONEXISTENT, local_time_kind

# A cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice or Google Sheets: "=", "+",
# "-" and "@" start one, and a tab or carriage return before them is skipped by some of them (OWASP, CSV injection).
# A line feed too: an XLSX file's XML turns a carriage return into one when it is read.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
QUOTE = "'"


def _needs_quote(text: str) -> bool:
    # Text already starting with the quote needs another when what follows it would: "'=1" is written "''=1", so
    # that `restore` can tell the quote it added from one the user typed, and every text comes back unchanged.
    if text.startswith(FORMULA_TRIGGERS):
        return True
    return text.startswith(QUOTE) and _needs_quote(text[1:])


def neutralise(text: str) -> str:
    """`text` as it may go into a spreadsheet cell: prefixed with an apostrophe when a spreadsheet would run it as a
    formula (it starts with =, +, -, @, a tab, a carriage return or a line feed), else unchanged. The one place of that rule, for
    XLSX and CSV alike. `restore(neutralise(t)) == t` for every text."""
    return QUOTE + text if _needs_quote(text) else text


def restore(text: str) -> str:
    """The text `neutralise` was given: the leading apostrophe removed where `neutralise` added it, else unchanged."""
    if text.startswith(QUOTE) and _needs_quote(text[1:]):
        return text[1:]
    return text


class Kind:
    """How a column's values are written and read back. Subclasses implement `_cell`, `_text` and `_parse` for
    non-empty values; an empty value (None, "", []) is an empty cell and reads back as `empty`."""

    empty: Any = None
    width = 16  # XLSX column width, in characters
    number_format: str | None = None  # XLSX number format of the cells, where the default is not right
    description: Promise = gettext_lazy("text")  # what the README's column table says of the values

    def cell(self, value):
        """The value for an XLSX cell: str, int, Decimal, date or naive datetime; None for an empty cell."""
        return None if self.is_empty(value) else self._cell(value)

    def text(self, value) -> str:
        """The value as CSV text; "" when empty."""
        return "" if self.is_empty(value) else self._text(value)

    def parse(self, raw):
        """The field's value from what a file holds: an XLSX cell's value (str, int, float, bool, date, datetime)
        or CSV text. Empty cells and blank text give `empty`. Raises ValueError with a Swedish message."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return self.empty
        return self._parse(raw.strip() if isinstance(raw, str) else raw)

    @staticmethod
    def is_empty(value) -> bool:
        return value is None or value == "" or value == []

    def _cell(self, value):
        return self._text(value)

    def _text(self, value) -> str:
        raise NotImplementedError

    def _parse(self, raw):
        raise NotImplementedError


class Text(Kind):
    """Free text: written as text, neutralised against formulas; read back unchanged (its surrounding spaces kept)."""

    empty = ""
    width = 40

    def _text(self, value) -> str:
        return neutralise(str(value))

    def parse(self, raw):
        if raw is None:
            return ""
        if isinstance(raw, str):
            return restore(raw)
        if isinstance(raw, bool):
            return str(raw)
        return Integer.number_text(raw) if isinstance(raw, int | float | Decimal) else str(raw)


class Integer(Kind):
    """A whole number: a number cell; plain digits in CSV."""

    width = 10
    description = gettext_lazy("whole number")

    def _cell(self, value) -> int:
        return int(value)

    def _text(self, value) -> str:
        return str(int(value))

    @staticmethod
    def number_text(value) -> str:
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    def _parse(self, raw) -> int:
        if isinstance(raw, bool):
            raise ValueError(_("Write a whole number, e.g. 3."))
        if isinstance(raw, int):
            return raw
        if isinstance(raw, float | Decimal) and raw == int(raw):
            return int(raw)
        text = re.sub(r"[\s\u00a0\u202f]", "", str(raw))
        if re.fullmatch(r"[+-]?\d+", text):
            return int(text)
        if re.fullmatch(r"[+-]?\d+[.,]0+", text):
            return int(text.replace(",", ".").split(".")[0])
        raise ValueError(_("“%(value)s” is not a whole number. Write a whole number, e.g. 3.") % {"value": raw})


class DecimalNumber(Kind):
    """A decimal number: a number cell; in CSV with a decimal comma ("78,5"). Reads a comma or a point."""

    width = 12
    description = gettext_lazy("number, decimal comma")

    def _cell(self, value) -> Decimal:
        return self._decimal(value)

    def _text(self, value) -> str:
        return decimal_text(self._decimal(value))

    @staticmethod
    def _decimal(value) -> Decimal:
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)

    def _parse(self, raw) -> Decimal:
        if isinstance(raw, bool):
            raise ValueError(_("Write a number, e.g. 78,5."))
        if isinstance(raw, int | Decimal):
            return Decimal(raw)
        if isinstance(raw, float):
            return Decimal(repr(raw))
        text = re.sub(r"[\s\u00a0\u202f]", "", str(raw)).replace(",", ".").replace("\u2212", "-")
        try:
            return Decimal(text)
        except InvalidOperation:
            raise ValueError(_("“%(value)s” is not a number. Write a number, e.g. 78,5.") % {"value": raw}) from None


class Date(Kind):
    """A date: a date cell shown as 2024-03-01; in CSV ISO 8601 ("2024-03-01"). Reads a date cell or that text."""

    width = 12
    number_format = "yyyy-mm-dd"
    description = gettext_lazy("date, YYYY-MM-DD")

    def _cell(self, value) -> datetime.date:
        return value

    def _text(self, value) -> str:
        return value.isoformat()

    def _parse(self, raw) -> datetime.date:
        if isinstance(raw, datetime.datetime):
            if raw.time() != datetime.time(0):
                raise ValueError(
                    _("“%(value)s” has a time of day. Write only the date, as YYYY-MM-DD.") % {"value": raw}
                )
            return raw.date()
        if isinstance(raw, datetime.date):
            return raw
        text = str(raw)
        match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00)?)?", text)
        if match:
            try:
                return datetime.date.fromisoformat(match.group(1))
            except ValueError:
                pass
        raise ValueError(
            _("“%(value)s” is not a date. Write the date as YYYY-MM-DD, e.g. 2024-03-01.") % {"value": raw}
        )


class DateTime(Kind):
    """A moment, in Swedish time (Europe/Stockholm): a date-and-time cell shown as 2024-03-01 09:30; in CSV
    "2024-03-01 09:30" (seconds only when there are any), in the autumn's repeated hour followed by "(sommartid)" or
    "(vintertid)". Reads such a cell or text (as an aware datetime in UTC), and refuses a time that does not exist (the spring's skipped hour) or
    an ambiguous one without summer or winter time named."""

    width = 17
    number_format = "yyyy-mm-dd hh:mm"
    description = gettext_lazy("date and time in Swedish time, YYYY-MM-DD HH:MM")

    def _cell(self, value) -> datetime.datetime:
        return timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones: Swedish time, as shown

    def _text(self, value) -> str:
        local = timezone.localtime(value)
        text = local.strftime("%Y-%m-%d %H:%M:%S" if local.second else "%Y-%m-%d %H:%M")
        if local_time_kind(local.replace(tzinfo=None), local.tzinfo) == AMBIGUOUS:
            text += " " + (self.winter() if local.fold else self.summer())
        return text

    @staticmethod
    def summer() -> str:
        return _("(summer time)")

    @staticmethod
    def winter() -> str:
        return _("(winter time)")

    def _parse(self, raw) -> datetime.datetime:
        fold = None
        if isinstance(raw, datetime.datetime):
            naive = raw.replace(tzinfo=None)
        elif isinstance(raw, datetime.date):
            naive = datetime.datetime.combine(raw, datetime.time(0))
        else:
            text = str(raw)
            for suffix, value in ((self.summer(), 0), (self.winter(), 1)):
                if text.lower().endswith(suffix.lower()):
                    text, fold = text[: -len(suffix)].strip(), value
            try:
                naive = datetime.datetime.fromisoformat(text.replace(" ", "T", 1))
            except ValueError:
                raise ValueError(
                    _("“%(value)s” is not a date and time. Write it as YYYY-MM-DD HH:MM, e.g. 2024-03-01 09:30.")
                    % {"value": raw}
                ) from None
            if naive.tzinfo is not None:
                return naive.astimezone(datetime.UTC)
        tz = timezone.get_current_timezone()
        kind = local_time_kind(naive, tz)
        if kind == NONEXISTENT:
            raise ValueError(
                _("%(value)s does not exist in Swedish time (the clocks were put forward). Write the time again.")
                % {"value": naive.strftime("%Y-%m-%d %H:%M")}
            )
        if kind == AMBIGUOUS and fold is None:
            raise ValueError(
                _("%(value)s occurs twice in Swedish time. Add %(summer)s or %(winter)s after the time.")
                % {"value": naive.strftime("%Y-%m-%d %H:%M"), "summer": self.summer(), "winter": self.winter()}
            )
        # In UTC: Python compares and subtracts two times of one zone by their wall clocks, fold ignored.
        return naive.replace(tzinfo=tz, fold=fold or 0).astimezone(datetime.UTC)


class Boolean(Kind):
    """Yes or no: "Ja" or "Nej". Reads Ja/Nej, yes/no, true/false, sant/falskt, 1/0, x (yes) and boolean cells."""

    width = 10
    description = gettext_lazy("Ja or Nej")
    YES = {"ja", "j", "yes", "y", "true", "sant", "1", "x"}
    NO = {"nej", "n", "no", "false", "falskt", "0"}

    def cell(self, value):
        return None if value is None else self._text(value)

    def text(self, value) -> str:
        return "" if value is None else self._text(value)

    def _text(self, value) -> str:
        return _("Yes") if value else _("No")

    def parse(self, raw):
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return False  # an empty cell is "no", as an unticked box
        if isinstance(raw, bool):
            return raw
        text = Integer.number_text(raw).strip().lower() if not isinstance(raw, str) else raw.strip().lower()
        if text in self.YES or text == _("Yes").lower():
            return True
        if text in self.NO or text == _("No").lower():
            return False
        raise ValueError(_("“%(value)s” is neither Ja nor Nej. Write Ja or Nej.") % {"value": raw})


class Choice(Kind):
    """One of a field's choices: written as its Swedish label; read back by the label or the stored value,
    whatever the case and spacing."""

    def __init__(self, choices, empty=""):
        self.choices = list(choices)
        self.empty = empty

    @property
    def width(self):
        return min(max([len(str(label)) for _value, label in self.choices] + [10]) + 2, 45)

    @property
    def description(self):
        return _("one of: %(choices)s") % {"choices": ", ".join(str(label) for _value, label in self.choices)}

    def _text(self, value) -> str:
        for stored, label in self.choices:
            if stored == value:
                return neutralise(str(label))
        return neutralise(str(value))

    @staticmethod
    def _key(text) -> str:
        return " ".join(str(text).split()).casefold()

    def _parse(self, raw):
        wanted = self._key(restore(raw) if isinstance(raw, str) else Integer.number_text(raw))
        for stored, label in self.choices:
            if wanted in (self._key(label), self._key(stored)):
                return stored
        raise ValueError(
            _("“%(value)s” is not one of the choices. Write one of: %(choices)s.")
            % {"value": raw, "choices": "; ".join(str(label) for _stored, label in self.choices)}
        )


class Names(Kind):
    """Several related rows by name (many to many), separated by semicolons: "Procapita; Lifecare". Reads the list
    of names back; which rows they name is for the import to look up. A name with a semicolon in it cannot be told
    apart."""

    empty: Any = ()
    width = 40
    description = gettext_lazy("names separated by semicolons")
    SEPARATOR = "; "

    def is_empty(self, value) -> bool:
        return not value

    def _text(self, value) -> str:
        return neutralise(self.SEPARATOR.join(str(v) for v in value))

    def _parse(self, raw) -> tuple[str, ...]:
        text = restore(raw) if isinstance(raw, str) else str(raw)
        return tuple(part.strip() for part in text.split(";") if part.strip())


TEXT, INTEGER, DECIMAL, DATE, DATETIME, BOOLEAN, NAMES = (
    Text(),
    Integer(),
    DecimalNumber(),
    Date(),
    DateTime(),
    Boolean(),
    Names(),
)


@dataclass(frozen=True)
class FileColumn:
    """One column of a register's file.

    header: the Swedish header (lazy gettext), unique in its sheet whatever the case and spacing (the import
    matches columns by it). field: the model field the column holds, which the import writes ("name", "report_id"),
    or a dotted accessor of the row for a value the reader needs ("report.title"). kind: how values are written
    and read back. value: function(row) → the value, where `field` is not a plain attribute path. read_only: the
    value is written for the reader (computed, or another row's) and the import ignores it. width: XLSX column
    width in characters (default: the kind's, widened to the header).
    """

    header: Any
    field: str
    kind: Kind = TEXT
    value: Callable[[Any], Any] | None = None
    read_only: bool = False
    width: int | None = None

    def get(self, row):
        """The column's value of `row` (None where a relation on the way is empty)."""
        if self.value is not None:
            return self.value(row)
        value = row
        for name in self.field.split("."):
            value = getattr(value, name, None)
            if value is None:
                return None
        return value

    @property
    def xlsx_width(self) -> int:
        return self.width or max(self.kind.width, min(len(str(self.header)) + 2, 40))


def model_column(model: type[models.Model], name: str, **kwargs) -> FileColumn:
    """The column of the model field `name`: its verbose name as header and the kind its type calls for (choices
    by label, dates, moments, yes/no, numbers, text; many to many by name, read only). Keyword arguments override."""
    model_field = model._meta.get_field(name)
    kwargs.setdefault("header", capfirst(model_field.verbose_name))
    if "kind" not in kwargs:
        kwargs["kind"] = kind_of(model_field)
    if model_field.many_to_many:
        kwargs.setdefault("value", lambda row: sorted(str(o) for o in getattr(row, name).all()))
        kwargs.setdefault("read_only", True)
    if isinstance(model_field, models.GeneratedField) or not model_field.editable:
        kwargs.setdefault("read_only", True)
    return FileColumn(field=name, **kwargs)


def kind_of(model_field: models.Field) -> Kind:
    """The Kind for a model field's values."""
    if model_field.choices:
        return Choice(model_field.choices, empty=None if model_field.null else "")
    if model_field.many_to_many:
        return NAMES
    if isinstance(model_field, models.GeneratedField):
        return kind_of(model_field.output_field)
    if isinstance(model_field, models.BooleanField):
        return BOOLEAN
    if isinstance(model_field, models.DateTimeField):
        return DATETIME
    if isinstance(model_field, models.DateField):
        return DATE
    if isinstance(model_field, models.DecimalField):
        return DECIMAL
    if isinstance(model_field, models.IntegerField | models.AutoField):
        return INTEGER
    return TEXT


@dataclass
class Sheet:
    """The columns of one table of a file (a sheet of the XLSX, the whole of a CSV) and what reading its rows
    needs, so that a whole register is read in chunks with a fixed number of queries per chunk.

    key: a stable name ("assets"). title: the XLSX sheet's Swedish name (at most 31 characters). model: the model
    of the rows. select_related, prefetch_related: what the columns follow (prefetched per chunk). annotate:
    function(queryset) → queryset with values the columns read. attach: function(rows) → None, reads what the
    columns need for one chunk of rows in a fixed number of queries and sets it on them. importable: whether the
    import reads files of this sheet (the legal layouts are for reading only).
    """

    key: str
    title: Any
    model: type[models.Model]
    columns: list[FileColumn]
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple = ()
    annotate: Callable | None = None
    attach: Callable[[list], None] | None = None
    importable: bool = True

    def __post_init__(self):
        keys = [header_key(c.header) for c in self.columns]
        duplicates = {k for k in keys if keys.count(k) > 1}
        if duplicates:
            raise ValueError(f"sheet {self.key}: headers not unique: {sorted(duplicates)}")

    @property
    def headers(self) -> list[str]:
        return [str(c.header) for c in self.columns]

    def rows(self, queryset, chunk_size: int) -> Iterator:
        """The rows of `queryset` with what the columns need, read `chunk_size` at a time (never the whole table
        at once): the queryset's own query per chunk, one per prefetched relation and attach's."""
        queryset = queryset.select_related(*self.select_related).prefetch_related(*self.prefetch_related)
        if self.annotate:
            queryset = self.annotate(queryset)
        chunk = []
        for row in queryset.iterator(chunk_size=chunk_size):
            chunk.append(row)
            if len(chunk) == chunk_size:
                yield from self._attached(chunk)
                chunk = []
        if chunk:
            yield from self._attached(chunk)

    def _attached(self, chunk: list) -> list:
        if self.attach:
            self.attach(chunk)
        return chunk

    def values(self, row) -> list:
        return [c.get(row) for c in self.columns]


def header_key(header) -> str:
    """A header as the import compares it: case and spacing ignored."""
    return " ".join(str(header).split()).casefold()


@dataclass
class ExportFile:
    """One file a register list offers: the register's own file, or a legal layout of it (Art. 30, Art. 33(5)).

    key: "" for the register's own file, else a short name in its address ("art30"). label: the menu's words.
    file_stem: the file name's first part, Swedish and without spaces (through gettext: "informationstillgangar").
    parts: the sheets in order, each with function(request, rows) → the sheet's rows, given the rows the list
    shows (the identity for the register's own sheet). A CSV file holds the first part only.
    """

    key: str
    label: Any
    file_stem: Any
    parts: list[tuple[Sheet, Callable]] = field(default_factory=list)


def same_rows(request, rows):
    """ExportFile part: the rows the list shows."""
    return rows
