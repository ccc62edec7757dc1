"""Reads of the register of processing (GDPR Art. 30) for any date."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from ..models import Organisation, ProcessingActivity
from .registers import percent


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


# The columns a register status needs from the history: the record, its version's date and order, and the fields
# ProcessingActivity.missing_items() and reviewed_within_12_months() read.
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
    a record created through a path that leaves no history is not seen. One query. `incomplete` lists (id, name,
    missing Art. 30(1) letters) by name. See processing_register_series for what counts.
    """
    return processing_register_series(organisation, [day])[0]


def processing_register_series(
    organisation: Organisation, days: Iterable[datetime.date]
) -> list[ProcessingRegisterStatus]:
    """processing_register_status for each of `days`, in the order given. One query in all.

    The register as `ProcessingActivity.history.as_of(end_of_day(day))` shows it: for each record, its latest
    historical version(s) dated up to the end of the day (versions with the very same date all count, as in as_of),
    unless that version is a deletion; of those, the versions that belong to the organisation and are not ended on
    or before the day. A record that moved between organisations counts where its version of that day puts it.
    """
    days = list(days)
    if not days:
        return []
    ends = [end_of_day(day) for day in days]
    history = ProcessingActivity.history.model.objects
    ever_here = history.filter(organisation_id=organisation.pk).values("id")
    versions: dict[int, list[_Version]] = defaultdict(list)
    for row in (
        history.filter(id__in=ever_here, history_date__lte=max(ends))
        .order_by("id", "history_date", "history_id")
        .values_list(*_STATUS_FIELDS)
    ):
        version = _Version(row)
        versions[version.id].append(version)

    result = []
    for day, end in zip(days, ends, strict=True):
        latest: list[_Version] = []
        for record_versions in versions.values():
            last_date = None
            for version in record_versions:  # oldest first
                if version.history_date > end:
                    break
                last_date = version.history_date
            if last_date is None:
                continue
            latest.extend(v for v in record_versions if v.history_date == last_date and v.history_type != "-")
        # as_of's order (newest version first), so that records of the same name keep it after the sort by name.
        latest.sort(key=lambda v: (v.history_date, v.history_id), reverse=True)
        total = complete = reviewed = 0
        incomplete = []
        for version in latest:
            if version.organisation_id != organisation.pk:
                continue
            if version.ended_on is not None and version.ended_on <= day:
                continue
            total += 1
            missing = version.missing_items()
            if missing:
                incomplete.append((version.id, version.name, missing))
            else:
                complete += 1
            if version.reviewed_within_12_months(day):
                reviewed += 1
        incomplete.sort(key=lambda row: row[1])
        result.append(
            ProcessingRegisterStatus(day=day, total=total, complete=complete, reviewed=reviewed, incomplete=incomplete)
        )
    return result
