"""The dates the registers accept: years FIRST_YEAR to LAST_YEAR, checked by the shared date and date-and-time form
fields and by the models' clean() (so the admin and imports obey it too).

A date outside that range is a typing error (0001-01-01, 9999-12-31 from a cleared date picker), never a real
event in an ISMS, and the ends of Python's calendar break arithmetic on it: 9999-12-31 23:00 in Stockholm has no
next year to count in, and 0001-01-01 00:00 in Stockholm is before the first instant in UTC.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FIRST_YEAR, LAST_YEAR = 1900, 2100
#: How far ahead of the server's clock "now" may be, for a time entered from a device whose clock runs fast.
CLOCK_SKEW = datetime.timedelta(minutes=5)

YEAR_RANGE_MESSAGE = _("Enter a date from the year %(first)d to the year %(last)d.")


def check_year(value: datetime.date | datetime.datetime | None) -> None:
    """Raise ValidationError (code "year_range", the Swedish message naming the range) for a date or datetime whose
    year is outside FIRST_YEAR … LAST_YEAR; None passes. An aware datetime counts in its year in the current time
    zone (Stockholm): 1900-01-01 00:00 there is 1899 in UTC. A form field validator and a model clean() helper."""
    if value is None:
        return
    try:
        year = (
            timezone.localtime(value).year
            if isinstance(value, datetime.datetime) and timezone.is_aware(value)
            else value.year
        )
    except OverflowError:  # beyond the ends of the calendar in Stockholm time
        year = None
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(YEAR_RANGE_MESSAGE, code="year_range", params={"first": FIRST_YEAR, "last": LAST_YEAR})
