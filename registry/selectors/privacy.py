"""Reads of the register of processing (GDPR Art. 30) for any date."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils import timezone

from isms.models import Organisation

from ..models import ProcessingActivity
from .registers import percent
from .rules import (
    InSubquery,
    flag,
    processing_complete,
    reviewed_within_12_months,
    version_shown_at,
    version_shown_until,
)


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The last moment of `day` in Europe/Stockholm, as an aware datetime."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


@dataclass(frozen=True)
class ProcessingRegisterStatus:
    """The register of processing as it stood at the end of `day`: active records (not ended on or before the day),
    how many have every Art. 30(1) item, how many were reviewed within 12 months, and the missing items by record."""

    day: datetime.date
    total: int
    complete: int
    reviewed: int
    incomplete: list[tuple[int, str, list[str]]] = field(default_factory=list)

    @property
    def complete_percent(self) -> int | None:
        return percent(self.complete, self.total)

    @property
    def reviewed_percent(self) -> int | None:
        return percent(self.reviewed, self.total)


# The columns the lists of incomplete records need from the history: the record, its version's date and order, the
# fields ProcessingActivity.missing_items() reads, and the date of the record's next version (the window).
_STATUS_FIELDS = (
    "id",
    "history_date",
    "history_id",
    "history_type",
    "organisation_id",
    "ended_on",
    "name",
    "controller_contact",
    "purposes",
    "data_subject_categories",
    "personal_data_categories",
    "recipients",
    "transfers",
    "transfer_countries",
    "transfer_safeguard",
    "retention",
    "security_measures",
    "last_reviewed_on",
    "shown_until",
)


class _Version:
    """One historical version of a processing record: the attributes ProcessingActivity's completeness and review
    methods read, without building a model instance (which cost most of the time on large registers)."""

    __slots__ = _STATUS_FIELDS

    def __init__(self, row):
        for name, value in zip(_STATUS_FIELDS, row, strict=True):
            setattr(self, name, value)

    missing_items = ProcessingActivity.missing_items
    reviewed_within_12_months = ProcessingActivity.reviewed_within_12_months


def processing_register_status(organisation: Organisation, day: datetime.date) -> ProcessingRegisterStatus:
    """Completeness and review status of the register of processing at the end of `day` (Europe/Stockholm).

    Read from the records' history (django-simple-history), so a past day shows the register as it was then;
    a record created through a path that leaves no history is not seen. Two queries. `incomplete` lists (id, name,
    missing Art. 30(1) letters) by name. See processing_register_series for what counts.
    """
    return processing_register_series(organisation, [day])[0]


def processing_register_series(
    organisation: Organisation, days: Iterable[datetime.date], *, incomplete: bool = True
) -> list[ProcessingRegisterStatus]:
    """processing_register_status for each of `days`, in the order given.

    The register as `ProcessingActivity.history.as_of(end_of_day(day))` shows it: for each record, its latest
    historical version(s) dated up to the end of the day (versions with the very same date all count, as in as_of),
    unless that version is a deletion; of those, the versions that belong to the organisation and are not ended on
    or before the day. A record that moved between organisations counts where its version of that day puts it.

    The counts are made by the database, in one query (rules.version_shown_until and version_shown_at,
    processing_complete, reviewed_within_12_months). With `incomplete` (the default) a second query reads the versions counted and lists
    the incomplete ones with their missing items; `incomplete=False` leaves the lists empty (the indicators).
    """
    days = list(days)
    if not days:
        return []
    ends = [end_of_day(day) for day in days]
    versions = _versions(organisation, max(ends))
    aggregates = {}
    for i, (day, end) in enumerate(zip(days, ends, strict=True)):
        counted = _counted(day, end)
        aggregates[f"total_{i}"] = Count("history_id", filter=counted)
        aggregates[f"complete_{i}"] = Count("history_id", filter=counted & Q(complete=True))
        aggregates[f"reviewed_{i}"] = Count("history_id", filter=counted & reviewed_within_12_months(day))
    counts = versions.aggregate(**aggregates)
    lists = _incomplete_lists(organisation, days, ends, versions) if incomplete else [[] for _day in days]
    return [
        ProcessingRegisterStatus(
            day=day,
            total=counts[f"total_{i}"],
            complete=counts[f"complete_{i}"],
            reviewed=counts[f"reviewed_{i}"],
            incomplete=lists[i],
        )
        for i, day in enumerate(days)
    ]


def _versions(organisation: Organisation, last: datetime.datetime):
    """The history rows of every record that was ever the organisation's, dated up to `last`, each with
    `shown_until` (the window of rules.version_shown_until over all of its record's versions: the rows left out
    here are all dated after `last`, so they change no row's shown days up to it), `here` (not a deletion, and the
    organisation's) and `complete` (every Art. 30(1) item), the last two computed once per row."""
    history = ProcessingActivity.history.model.objects
    ever_here = history.filter(organisation_id=organisation.pk).values("id")
    return history.filter(InSubquery(F("id"), ever_here), history_date__lte=last).annotate(
        shown_until=version_shown_until(),
        here=flag(~Q(history_type="-") & Q(organisation_id=organisation.pk)),
        complete=flag(processing_complete()),
    )


def _counted(day: datetime.date, end: datetime.datetime) -> Q:
    """A version as_of shows at `end`, the end of `day`, that is the organisation's and not ended by the day."""
    return Q(here=True) & version_shown_at(end) & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))


def _incomplete_lists(organisation: Organisation, days: list[datetime.date], ends: list, versions) -> list[list]:
    """For each day, (id, name, missing Art. 30(1) letters) of the incomplete versions counted, by name (as_of's
    order, newest version first, among records of the same name). One query: the incomplete versions of the
    organisation that as_of shows on some day."""
    listed = Q()
    for day, end in zip(days, ends, strict=True):
        listed |= _counted(day, end) & Q(complete=False)
    # One flag that reads the window: filtering on it filters after the window. (A filter's conditions that do not
    # read the window would be applied before it, and so change which versions are the latest.)
    rows = versions.annotate(listed=flag(listed)).filter(listed=True).values_list(*_STATUS_FIELDS)
    latest = sorted((_Version(row) for row in rows), key=lambda v: (v.history_date, v.history_id), reverse=True)
    lists = []
    for day, end in zip(days, ends, strict=True):
        found = [
            (version.id, version.name, version.missing_items())
            for version in latest
            if version.history_date <= end
            and (version.shown_until is None or version.shown_until > end)
            and (version.ended_on is None or version.ended_on > day)
        ]
        found.sort(key=lambda row: row[1])
        lists.append(found)
    return lists
