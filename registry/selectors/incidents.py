"""Reads of the incident register: counts for a period and per year, with GDPR Art. 33 timeliness."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q

from isms.models import Organisation

from ..models import Incident
from .privacy import end_of_day
from .rules import became_aware_in_years, became_aware_year


@dataclass(frozen=True)
class IncidentSummary:
    """Incidents that became known between `start` and `end` (inclusive, Europe/Stockholm dates).

    breaches: personal-data breaches; notified: of those, notified to IMY; notified_in_time: of those, within 72 h;
    not_notified: breaches with a recorded reason not to notify; clock_running: neither notified nor reasoned;
    significant: significant incidents under the cybersecurity law.
    """

    start: datetime.date
    end: datetime.date
    total: int
    breaches: int
    notified: int
    notified_in_time: int
    not_notified: int
    clock_running: int
    significant: int

    @property
    def notified_late(self) -> int:
        return self.notified - self.notified_in_time


def _aware_between(organisation: Organisation, start: datetime.date, end: datetime.date):
    return Incident.objects.filter(
        organisation=organisation,
        became_aware_at__gte=end_of_day(start - datetime.timedelta(days=1)),
        became_aware_at__lte=end_of_day(end),
    )


def incident_summary(organisation: Organisation, start: datetime.date, end: datetime.date) -> IncidentSummary:
    """Counts of the incidents that became known in the period; see IncidentSummary. One query."""
    counts = defaultdict(int)
    for incident in _aware_between(organisation, start, end).only(
        "is_personal_data_breach", "is_significant_nis2", "became_aware_at", "imy_notified_at", "not_notified_reason"
    ):
        counts["total"] += 1
        counts["significant"] += incident.is_significant_nis2
        if incident.is_personal_data_breach:
            counts["breaches"] += 1
            if incident.imy_notified_at:
                counts["notified"] += 1
                counts["notified_in_time"] += not incident.breach_notified_late
            elif incident.not_notified_reason.strip():
                counts["not_notified"] += 1
            else:
                counts["clock_running"] += 1
    return IncidentSummary(
        start=start,
        end=end,
        total=counts["total"],
        breaches=counts["breaches"],
        notified=counts["notified"],
        notified_in_time=counts["notified_in_time"],
        not_notified=counts["not_notified"],
        clock_running=counts["clock_running"],
        significant=counts["significant"],
    )


def incidents_per_year(
    organisation: Organisation, years: list[int], until: datetime.date | None = None
) -> dict[int, dict[str, int]]:
    """{year: {"total", "breaches", "significant"}} by the Stockholm year the incident became known
    (Incident.counted_year, not the year of its reference), counting only those known by the end of `until` when
    given (so a year not yet over is counted to the cut-off). One query, counted by the database."""
    result = {year: {"total": 0, "breaches": 0, "significant": 0} for year in years}
    if not years:
        return result
    incidents = Incident.objects.filter(organisation=organisation).filter(became_aware_in_years(min(years), max(years)))
    if until is not None:
        incidents = incidents.filter(became_aware_at__lte=end_of_day(until))
    rows = (
        incidents.annotate(counted_year=became_aware_year())
        .values("counted_year")
        .annotate(
            total=Count("pk"),
            breaches=Count("pk", filter=Q(is_personal_data_breach=True)),
            significant=Count("pk", filter=Q(is_significant_nis2=True)),
        )
        .order_by()
    )
    for row in rows:
        if row["counted_year"] in result:
            result[row["counted_year"]] = {name: row[name] for name in ("total", "breaches", "significant")}
    return result
