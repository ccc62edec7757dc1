"""What needs attention in an organisation now (the start page), and coverage of many organisations at once.

Every function makes a fixed number of queries whatever the registers' sizes. The counts use the same rules as the
filtered lists the start page links to, so the number on the start page is the number of rows the list shows.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from isms.models import Organisation

from ..models import (
    Action,
    ActionStatus,
    Classification,
    DocumentStatus,
    Incident,
    InformationAsset,
    ProcessingActivity,
    Recommendation,
    RecommendationStatus,
    StatusOutdated,
    SteeringDocument,
)
from .registers import ClassificationGaps, Coverage, classification_counts
from .rules import (
    counts_as_classified,
    in_force_on_without_window,
    processing_complete,
    reviewed_within_12_months,
    status_outdated,
    system_in_use_on,
)

# The NIS2 steps in order, with the Incident fields of their deadline and of the time they were done.
NIS2_STEPS = [
    ("early_warning", "nis2_early_warning_deadline", "early_warning_at"),
    ("notification", "nis2_notification_deadline", "notification_at"),
    ("final_report", "nis2_final_report_deadline", "final_report_at"),
]


@dataclass(frozen=True)
class Clock:
    """One running legal clock of an incident: `kind` is "breach" (GDPR Art. 33, IMY) or a NIS2 step
    ("early_warning", "notification", "final_report"); `deadline` an aware datetime; `overdue` at the time asked."""

    incident: Incident
    kind: str
    deadline: datetime.datetime
    overdue: bool


@dataclass(frozen=True)
class IncidentClocks:
    """Incidents whose clocks run: personal-data breaches neither notified nor with a reason not to notify, and
    significant NIS2 incidents with a step not yet taken (the final report's clock starts at the notification).
    Counts are of incidents; `clocks` lists each running clock, the earliest deadline first."""

    breach_running: int = 0
    breach_overdue: int = 0
    nis2_running: int = 0
    nis2_overdue: int = 0
    clocks: list[Clock] = field(default_factory=list)

    @property
    def breach_waiting(self) -> int:
        """Breaches whose clock runs and is not yet overdue: those not already counted in `breach_overdue`."""
        return self.breach_running - self.breach_overdue

    @property
    def nis2_waiting(self) -> int:
        """Significant incidents with a report outstanding but none overdue (an overdue step is also outstanding, so
        these are the running ones not already counted in `nis2_overdue`)."""
        return self.nis2_running - self.nis2_overdue


def incident_clocks(organisation: Organisation, now: datetime.datetime | None = None) -> IncidentClocks:
    """The organisation's running breach and NIS2 clocks at `now` (default: the current time). One query.

    The rules are the Incident model's own (breach_clock_running, breach_overdue, nis2_overdue)."""
    now = now or timezone.now()
    outstanding_nis2 = Q(early_warning_at__isnull=True) | Q(notification_at__isnull=True)
    outstanding_nis2 |= Q(final_report_at__isnull=True)
    candidates = Incident.objects.filter(organisation=organisation).filter(
        Q(is_personal_data_breach=True, imy_notified_at__isnull=True) | (Q(is_significant_nis2=True) & outstanding_nis2)
    )
    counts = {"breach_running": 0, "breach_overdue": 0, "nis2_running": 0, "nis2_overdue": 0}
    clocks = []
    for incident in candidates:
        if incident.breach_clock_running():
            overdue = incident.breach_overdue(now)
            counts["breach_running"] += 1
            counts["breach_overdue"] += overdue
            clocks.append(Clock(incident, "breach", incident.breach_deadline, overdue))
        if incident.is_significant_nis2:
            late = set(incident.nis2_overdue(now))
            running = False
            for step, deadline_name, done_name in NIS2_STEPS:
                deadline = getattr(incident, deadline_name)
                if deadline is not None and getattr(incident, done_name) is None:
                    running = True
                    clocks.append(Clock(incident, step, deadline, step in late))
            counts["nis2_running"] += running
            counts["nis2_overdue"] += bool(late)
    clocks.sort(key=lambda c: (c.deadline, c.incident.pk))
    return IncidentClocks(**counts, clocks=clocks)


@dataclass(frozen=True)
class Attention:
    """Counts of what needs attention in the organisation's registers on `day`.

    stale_classifications / missing_classifications / incomplete_classifications: systems in use on the day
    (rules.system_in_use_on, as coverage counts them) whose classification in force is stale / that have none / whose
    classification in force is incomplete (ClassificationState, as the asset list's classification filter).
    planned_started / retirement_passed: assets of any kind whose status their dates contradict (StatusOutdated, as
    the asset list's status-and-dates filter): planned although the start date has come (not counted as in use),
    in operation although the decommissioning date has come.
    processing_incomplete / processing_not_reviewed: current processing records (not ended) missing an Art. 30(1)
    item / not reviewed within 12 months. actions_overdue: actions past their due date, neither done nor
    cancelled. recommendations_without_response: recommendations still open (not done, not pursued, not closed)
    with no response written. documents_due: steering documents whose next review date has come.
    routines_missing: required routines with status missing.
    """

    day: datetime.date
    stale_classifications: int
    missing_classifications: int
    incomplete_classifications: int
    planned_started: int
    retirement_passed: int
    processing_total: int
    processing_incomplete: int
    processing_not_reviewed: int
    actions_overdue: int
    recommendations_without_response: int
    documents_due: int
    routines_missing: int


def classification_gaps(organisation: Organisation, day: datetime.date) -> ClassificationGaps:
    """(stale, missing, incomplete) among the organisation's systems in use on `day` (rules.system_in_use_on), by
    the asset list filter's rules: of those systems, the ones whose classification in force on the day (the newest
    decided on or before it, ties: the last registered) is stale, the ones with none, and the ones whose
    classification in force is incomplete (ClassificationState). Two queries, counted by the database
    (classification_counts, which also gives them with the coverage chart's figures in the same two queries)."""
    return classification_counts(organisation, [], gaps_on=day)[1]


def processing_gaps(organisation: Organisation, day: datetime.date) -> tuple[int, int, int]:
    """(total, incomplete, not reviewed within 12 months) of the current processing records. One query, counted by
    the database with the rules of ProcessingActivity.missing_items and reviewed_within_12_months (rules.py)."""
    counts = (
        ProcessingActivity.objects.filter(organisation=organisation)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
        .aggregate(
            total=Count("pk"),
            complete=Count("pk", filter=processing_complete()),
            reviewed=Count("pk", filter=reviewed_within_12_months(day)),
        )
    )
    return counts["total"], counts["total"] - counts["complete"], counts["total"] - counts["reviewed"]


def attention(
    organisation: Organisation, day: datetime.date | None = None, classification: ClassificationGaps | None = None
) -> Attention:
    """What needs attention in the organisation on `day` (default: today in Europe/Stockholm); see Attention.
    `classification`: the ClassificationGaps on the day when already counted (classification_counts' gaps)."""
    day = day or timezone.localdate()
    stale, missing, incomplete = classification or classification_gaps(organisation, day)
    outdated = InformationAsset.objects.filter(organisation=organisation).aggregate(
        planned_started=Count("pk", filter=status_outdated(StatusOutdated.PLANNED_STARTED, day)),
        retirement_passed=Count("pk", filter=status_outdated(StatusOutdated.RETIREMENT_PASSED, day)),
    )
    processing_total, processing_incomplete, processing_not_reviewed = processing_gaps(organisation, day)
    actions_overdue = (
        Action.objects.filter(organisation=organisation, due_date__lt=day)
        .exclude(status__in=[ActionStatus.DONE, ActionStatus.CANCELLED])
        .count()
    )
    recommendations_without_response = (
        Recommendation.objects.filter(organisation=organisation, response="", closed_on__isnull=True)
        .exclude(status__in=[RecommendationStatus.DONE, RecommendationStatus.NOT_PURSUED])
        .count()
    )
    documents = SteeringDocument.objects.filter(organisation=organisation).aggregate(
        due=Count("pk", filter=SteeringDocument.due_for_review(day)),
        missing=Count("pk", filter=Q(required=True, status=DocumentStatus.MISSING)),
    )
    return Attention(
        day=day,
        stale_classifications=stale,
        missing_classifications=missing,
        incomplete_classifications=incomplete,
        planned_started=outdated["planned_started"],
        retirement_passed=outdated["retirement_passed"],
        processing_total=processing_total,
        processing_incomplete=processing_incomplete,
        processing_not_reviewed=processing_not_reviewed,
        actions_overdue=actions_overdue,
        recommendations_without_response=recommendations_without_response,
        documents_due=documents["due"],
        routines_missing=documents["missing"],
    )


def coverage_of_organisations(organisation_ids, day: datetime.date) -> dict[int, Coverage]:
    """Classification coverage on `day` of each organisation in `organisation_ids`: {organisation id: Coverage}.

    The rules of classification_coverage_series (DESIGN.md §3, rules.py), computed by the database for all
    organisations in two queries: systems in use on `day`, and of those the ones whose classification in force (the
    newest decided on or before the day, ties to the last registered) has K, R and T assessed (S too for KLASSA
    methods) and its review date not passed. Organisations without systems get Coverage(systems=0).
    """
    organisation_ids = list(organisation_ids)
    systems = (
        InformationAsset.objects.filter(organisation_id__in=organisation_ids)
        .filter(system_in_use_on(day))
        .values("organisation_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    # The classification in force on the day (without a window, so that the count can be grouped by organisation).
    classified = (
        Classification.objects.filter(asset__organisation_id__in=organisation_ids)
        .filter(system_in_use_on(day, "asset__") & in_force_on_without_window(day) & counts_as_classified(day))
        .values("asset__organisation_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counted = {row["asset__organisation_id"]: row["n"] for row in classified}
    result = {org_id: Coverage(day=day, systems=0, classified=0) for org_id in organisation_ids}
    for row in systems:
        org_id = row["organisation_id"]
        result[org_id] = Coverage(day=day, systems=row["n"], classified=counted.get(org_id, 0))
    return result
