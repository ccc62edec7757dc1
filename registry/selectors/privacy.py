"""Reads of the register of processing (GDPR Art. 30) for any date."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
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


def processing_register_status(organisation: Organisation, day: datetime.date) -> ProcessingRegisterStatus:
    """Completeness and review status of the register of processing at the end of `day` (Europe/Stockholm).

    Read from the records' history (django-simple-history `as_of`), so a past day shows the register as it was then;
    a record created through a path that leaves no history is not seen. One query. `incomplete` lists (id, name,
    missing Art. 30(1) letters) by name.
    """
    records = (
        ProcessingActivity.history.as_of(end_of_day(day))
        .filter(organisation_id=organisation.pk)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
    )
    total = complete = reviewed = 0
    incomplete = []
    for record in records:
        total += 1
        missing = record.missing_items()
        if missing:
            incomplete.append((record.pk, record.name, missing))
        else:
            complete += 1
        if record.reviewed_within_12_months(day):
            reviewed += 1
    incomplete.sort(key=lambda row: row[1])
    return ProcessingRegisterStatus(day=day, total=total, complete=complete, reviewed=reviewed, incomplete=incomplete)
