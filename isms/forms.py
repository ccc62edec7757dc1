"""Form widgets, fields and messages shared by every app's forms: dates and times as the users enter them.

DateInput: the browser's date picker in ISO form (2024-03-01), with DATE_INVALID_MESSAGE for a date that does not
parse.

StockholmDateTimeField: a date and time entered as local time in Europe/Stockholm (the browser's datetime-local
input). Local time is not always one instant: in the autumn the hour 02:00–03:00 occurs twice (clocks go back from
03:00 to 02:00) and in the spring the hour 02:00–03:00 does not exist (clocks go forward from 02:00 to 03:00). The
field asks which of the two is meant when the time is ambiguous, and says what to do when it does not exist; it
never lets either reach the database as a guess, and never raises anything but a form error. Like every date field
of the registers (with_year_range), it takes years isms.dates.FIRST_YEAR to LAST_YEAR only.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .dates import check_year

DATE_INVALID_MESSAGE = gettext_lazy("Enter the date as YYYY-MM-DD, e.g. 2024-03-01.")


class DateInput(forms.DateInput):
    """The browser's date picker, in ISO form. A typed value that is not a date (sent back with an error) is shown
    as typed in a text box, since a date box would show it blank, and the user could not see what to correct."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if isinstance(value, str) and value.strip() and not _is_iso_date(value.strip()):
            context["widget"]["type"] = "text"
            context["widget"]["attrs"].setdefault("placeholder", gettext_lazy("YYYY-MM-DD"))
        return context


def _is_iso_date(text: str) -> bool:
    try:
        datetime.datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        return False
    return True


INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]
DISPLAY_FORMAT = "%Y-%m-%dT%H:%M"  # what the datetime-local input expects

BEFORE, AFTER = "before", "after"  # the first (fold=0) or second (fold=1) occurrence of an ambiguous local time
FOLD_CHOICES = [
    (BEFORE, gettext_lazy("Before the change (summer time, UTC+2) – the first time the clock shows the time")),
    (AFTER, gettext_lazy("After the change (winter time, UTC+1) – the second time the clock shows the time")),
]
FOLD_LEGEND = gettext_lazy("If the time occurs twice (when changing to winter time): before or after the change?")

NORMAL, AMBIGUOUS, NONEXISTENT = "normal", "ambiguous", "nonexistent"


def local_time_kind(naive: datetime.datetime, tz: datetime.tzinfo) -> str:
    """NORMAL for a local time that is one instant in `tz`; AMBIGUOUS when it occurs twice (the autumn change);
    NONEXISTENT when the clocks skip it (the spring change)."""
    first, second = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return NORMAL
    try:
        back = first.astimezone(datetime.UTC).astimezone(tz).replace(tzinfo=None)
    except OverflowError:  # at the very ends of the calendar (year 1, 9999), where no clocks were ever changed
        return NORMAL
    return AMBIGUOUS if back == naive else NONEXISTENT


def with_year_range(field: forms.Field) -> forms.Field:
    """`field`, a date or date-and-time form field, refusing years outside isms.dates.FIRST_YEAR … LAST_YEAR with a
    Swedish message naming the range (isms.dates.check_year). Returns the field."""
    if check_year not in field.validators:
        field.validators.append(check_year)
    return field


def gap_bounds(naive: datetime.datetime, tz: datetime.tzinfo) -> tuple[datetime.datetime, datetime.datetime]:
    """For a NONEXISTENT local time: the local times where the skipped interval starts and ends (02:00 and 03:00
    in Stockholm), found by bisecting the UTC instants around it to the minute."""
    early = naive.replace(tzinfo=tz, fold=1).astimezone(datetime.UTC)  # offset after the change: an earlier instant
    late = naive.replace(tzinfo=tz, fold=0).astimezone(datetime.UTC)  # offset before it: a later instant
    before_offset = early.astimezone(tz).utcoffset()
    while late - early > datetime.timedelta(minutes=1):
        middle = early + (late - early) / 2
        if middle.astimezone(tz).utcoffset() == before_offset:
            early = middle
        else:
            late = middle
    change = late.replace(second=0, microsecond=0)
    if change.astimezone(tz).utcoffset() == before_offset:  # bisected to just before a whole minute
        change += datetime.timedelta(minutes=1)
    after_offset = change.astimezone(tz).utcoffset()
    return (change + before_offset).replace(tzinfo=None), (change + after_offset).replace(tzinfo=None)


def parse_local(value) -> datetime.datetime | None:
    """A naive datetime from the input's text (ISO forms with "T" or a space), or None when it does not parse."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if not isinstance(value, str):
        return None
    value = value.strip()
    for fmt in INPUT_FORMATS:
        try:
            return datetime.datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DISPLAY_FORMAT)


class StockholmDateTimeWidget(forms.MultiWidget):
    """A datetime-local input named like the field, and, only when the time shown is ambiguous, a group of two
    radio buttons named <field>_fold asking which occurrence is meant. The field's <label> points at the input (not
    a fieldset legend, as for other multi-part widgets); the radios have their own fieldset and legend."""

    use_fieldset = False

    def __init__(self, attrs=None):
        super().__init__(
            widgets={"": LocalDateTimeInput(), "fold": forms.RadioSelect(choices=FOLD_CHOICES)}, attrs=attrs
        )

    def decompress(self, value):
        if not value:
            return [None, None]
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        naive = local.replace(tzinfo=None)
        fold = None
        if local_time_kind(naive, timezone.get_current_timezone()) == AMBIGUOUS:
            fold = AFTER if local.fold else BEFORE
        return [naive.strftime(DISPLAY_FORMAT), fold]

    def id_for_label(self, id_):
        return id_  # the label belongs to the date-and-time input, which keeps the field's own id

    def render(self, name, value, attrs=None, renderer=None):
        if not isinstance(value, list | tuple):
            value = self.decompress(value)
        text, fold = (list(value) + [None, None])[:2]
        final_attrs = self.build_attrs(self.attrs, attrs)
        html = self.widgets[0].render(name, text, attrs=final_attrs, renderer=renderer)
        naive = parse_local(text) if text else None
        if naive is None or local_time_kind(naive, timezone.get_current_timezone()) != AMBIGUOUS:
            return html
        base_id = final_attrs.get("id") or f"id_{name}"
        options = format_html_join(
            "",
            '<div class="form-check"><input class="form-check-input" type="radio" name="{}" id="{}" value="{}"{}>'
            '<label class="form-check-label" for="{}">{}</label></div>',
            (
                (
                    f"{name}_fold",
                    f"{base_id}_fold_{index}",
                    code,
                    " checked" if fold == code else "",
                    f"{base_id}_fold_{index}",
                    label,
                )
                for index, (code, label) in enumerate(FOLD_CHOICES)
            ),
        )
        return html + format_html(
            '<fieldset class="dst-choice border rounded p-2 mt-2"><legend class="fs-6 fw-semibold">{}</legend>{}'
            "</fieldset>",
            FOLD_LEGEND,
            options,
        )


class _LocalDateTimePart(forms.Field):
    """The first part of StockholmDateTimeField: the entered local time, naive."""

    default_error_messages = {
        "invalid": gettext_lazy("Enter the date and time as YYYY-MM-DD HH:MM, for example 2024-03-01 14:30."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        parsed = parse_local(value)
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class StockholmDateTimeField(forms.MultiValueField):
    """A date and time in Europe/Stockholm local time; cleans to an aware datetime in UTC.

    An ambiguous time (it occurs twice when the clocks go back in October) needs the user's choice of occurrence
    (<field>_fold = "before" or "after"); without it the field asks for one. A time skipped when the clocks go forward
    in March is an error that names the gap.
    """

    widget = StockholmDateTimeWidget
    default_error_messages = {
        "required": gettext_lazy("Enter a date and time."),
        "incomplete": gettext_lazy("Enter a date and time."),
    }

    def __init__(self, *, required=True, **kwargs):
        for unused in ("max_length", "empty_value", "input_formats"):
            kwargs.pop(unused, None)
        parts = (_LocalDateTimePart(required=required), forms.ChoiceField(choices=FOLD_CHOICES, required=False))
        super().__init__(fields=parts, require_all_fields=False, required=required, **kwargs)

    def compress(self, data_list):
        naive, fold = (list(data_list) + [None, None])[:2]
        if naive is None:
            return None
        check_year(naive)  # before any conversion: year 1 in Stockholm is before the first instant in UTC
        tz = timezone.get_current_timezone()
        kind = local_time_kind(naive, tz)
        if kind == NONEXISTENT:
            start, end = gap_bounds(naive, tz)
            raise ValidationError(
                _(
                    "The time %(time)s does not exist on %(date)s because the clocks went forward. Enter a time "
                    "before %(start)s or after %(end)s."
                ),
                code="nonexistent",
                params={
                    "time": naive.strftime("%H:%M"),
                    "date": naive.date().isoformat(),
                    "start": start.strftime("%H:%M"),
                    "end": end.strftime("%H:%M"),
                },
            )
        if kind == AMBIGUOUS:
            if fold not in (BEFORE, AFTER):
                raise ValidationError(
                    _(
                        "The time %(time)s on %(date)s occurred twice because the clocks went back one hour. Choose "
                        "whether you mean before the change (summer time) or after it (winter time)."
                    ),
                    code="ambiguous",
                    params={"time": naive.strftime("%H:%M"), "date": naive.date().isoformat()},
                )
            aware = naive.replace(tzinfo=tz, fold=1 if fold == AFTER else 0)
        else:
            aware = naive.replace(tzinfo=tz)
        return aware.astimezone(datetime.UTC)

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        initial_value = self.widget.decompress(initial) if not isinstance(initial, list) else initial
        data = data if isinstance(data, list) else self.widget.decompress(data)
        return parse_local(initial_value[0]) != parse_local(data[0]) or (initial_value[1] or None) != (data[1] or None)
