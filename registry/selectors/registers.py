"""Reads and aggregations of the registers, used by views and by the management review's compiler.

Every selector takes an organisation and returns plain data (dataclasses, dicts, lists); none writes. Counts are of
the registers' current state unless a date parameter says otherwise; classification coverage can be computed for any
past date from the dated classification rows.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Count, Q

from isms.models import Organisation

from ..models import (
    Action,
    AssetKind,
    AuditReport,
    Classification,
    ControlCheck,
    InformationAsset,
    Issuer,
    Recommendation,
    SteeringDocument,
)
from .rules import assessed, counts_as_classified, flag, in_force_on, next_decided_on, system_in_use_on


def percent(numerator: int, denominator: int) -> int | None:
    """Whole percent of numerator/denominator, rounded half up (1/8 → 13); None when the denominator is 0."""
    if denominator == 0:
        return None
    return (200 * numerator + denominator) // (2 * denominator)


@dataclass(frozen=True)
class Coverage:
    """Classification coverage on one date: `classified` of `systems` systems in use, `percent` whole percent."""

    day: datetime.date
    systems: int
    classified: int

    @property
    def percent(self) -> int | None:
        return percent(self.classified, self.systems)


def classification_coverage_series(organisation: Organisation, days: Iterable[datetime.date]) -> list[Coverage]:
    """Andel informationsklassade system on each of `days` (DESIGN.md §3), in the order given. Two queries in all.

    Counted on a day D: assets of kind system in use on D (put into use on or before D; not retired, or retired
    after D: an asset retired on D no longer counts). Classified on D: the newest classification decided on or before
    D (ties: the last registered) has K, R and T assessed (S too for KLASSA methods) and its next review is not
    before D (due on D is still current). An older classification never stands in for a newer stale or incomplete
    one. Source: InformationAsset.in_use_from/retired_on, Classification.decided_on/levels/next_review_due.

    Both counts are made by the database (the rules in rules.py): the systems in use on each day, and the
    classifications in force on each day (each with the date of its asset's next one, a window function) that
    count. See classification_counts.
    """
    return classification_counts(organisation, days)[0]


class ClassificationGaps(NamedTuple):
    """Among the systems in use on a day (rules.system_in_use_on), how many have a classification in force that is
    stale, how many have none (missing), and how many have one that is incomplete (ClassificationState)."""

    stale: int
    missing: int
    incomplete: int


def classification_counts(
    organisation: Organisation, days: Iterable[datetime.date], gaps_on: datetime.date | None = None
) -> tuple[list[Coverage], ClassificationGaps | None]:
    """Classification coverage on each of `days` (classification_coverage_series) and, when `gaps_on` is given,
    the start page's ClassificationGaps on that day (registry.selectors.attention.classification_gaps), else None.
    Two queries in all, whatever the number of days: one over the systems, one over their classifications."""
    days = list(days)
    if not days and gaps_on is None:
        return [], None
    spans = list(days) + ([gaps_on] if gaps_on is not None else [])
    first, last = min(spans), max(spans)

    # The systems any count reads: put into use by the last day and not retired by the first (each count then
    # applies its own day's rule).
    def wanted(prefix: str = "") -> Q:
        return Q(
            **{
                f"{prefix}organisation": organisation,
                f"{prefix}kind": AssetKind.SYSTEM,
                f"{prefix}in_use_from__lte": last,
            }
        ) & (Q(**{f"{prefix}retired_on__isnull": True}) | Q(**{f"{prefix}retired_on__gt": first}))

    counts = {f"systems_{i}": Count("pk", filter=system_in_use_on(day)) for i, day in enumerate(days)}
    if gaps_on is not None:
        counts["systems_in_use"] = Count("pk", filter=system_in_use_on(gaps_on))
    counts = InformationAsset.objects.filter(wanted()).aggregate(**counts)
    # Every classification of those systems decided by the last day, each with its asset's next decision date (a
    # window: only whole assets, and decisions after the last day, which change no row's days in force up to it,
    # are left out before it) and whether its levels are assessed, computed once per row. Every other condition
    # is in the counts, applied after the window.
    classifications = Classification.objects.filter(wanted("asset__"), decided_on__lte=last).annotate(
        next_on=next_decided_on(), assessed=flag(assessed())
    )
    aggregates = {
        f"classified_{i}": Count(
            "pk", filter=in_force_on(day) & counts_as_classified(day, "assessed") & system_in_use_on(day, "asset__")
        )
        for i, day in enumerate(days)
    }
    if gaps_on is not None:
        # ClassificationState's order: incomplete before stale.
        current = in_force_on(gaps_on) & system_in_use_on(gaps_on, "asset__")
        aggregates["with_classification"] = Count("pk", filter=current)
        aggregates["incomplete"] = Count("pk", filter=current & Q(assessed=False))
        aggregates["stale"] = Count("pk", filter=current & Q(assessed=True, next_review_due__lt=gaps_on))
    counts.update(classifications.aggregate(**aggregates))
    coverage = [
        Coverage(day=day, systems=counts[f"systems_{i}"], classified=counts[f"classified_{i}"])
        for i, day in enumerate(days)
    ]
    if gaps_on is None:
        return coverage, None
    missing = counts["systems_in_use"] - counts["with_classification"]
    return coverage, ClassificationGaps(stale=counts["stale"], missing=missing, incomplete=counts["incomplete"])


def classification_coverage(organisation: Organisation, day: datetime.date) -> Coverage:
    """Classification coverage on `day`; see classification_coverage_series for what counts."""
    return classification_coverage_series(organisation, [day])[0]


def coverage_by_year_end(organisation: Organisation, years: Iterable[int]) -> dict[int, Coverage]:
    """Coverage at 31 December of each year: {year: Coverage}."""
    years = list(years)
    series = classification_coverage_series(organisation, [datetime.date(y, 12, 31) for y in years])
    return dict(zip(years, series, strict=True))


def recommendations_by_source_and_status(organisation: Organisation) -> dict[str, dict[str, int]]:
    """Current recommendations of the organisation counted by report issuer and status: {issuer: {status: n}}.

    Issuers and statuses are the codes of registry.models.Issuer and RecommendationStatus; absent pairs are absent.
    """
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    rows = Recommendation.objects.filter(organisation=organisation).values_list("report__issuer", "status")
    for (issuer, status), n in Counter(rows).items():
        counts[issuer][status] = n
    return dict(counts)


def latest_report(organisation: Organisation, issuer: str, on: datetime.date | None = None) -> AuditReport | None:
    """The newest report of `issuer` addressed to the organisation, dated on or before `on` when given."""
    reports = AuditReport.objects.filter(organisations=organisation, issuer=issuer)
    if on is not None:
        reports = reports.filter(date__lte=on)
    return reports.order_by("-date", "-id").first()


def report_recommendations(organisation: Organisation, report: AuditReport | None) -> list[Recommendation]:
    """The organisation's recommendations of one report, by number (empty for no report)."""
    if report is None:
        return []
    return list(Recommendation.objects.filter(organisation=organisation, report=report).order_by("number"))


def dpo_recommendations(organisation: Organisation, on: datetime.date | None = None) -> list[Recommendation]:
    """The numbered recommendations of the newest DPO annual report (dated on or before `on`), with status."""
    return report_recommendations(organisation, latest_report(organisation, Issuer.DPO_ANNUAL_REPORT, on))


def audit_reports_with_recommendations(
    organisation: Organisation, issuers: Iterable[str], on: datetime.date | None = None
) -> list[tuple[AuditReport, list[Recommendation]]]:
    """Reports of `issuers` addressed to the organisation (dated on or before `on`) that still have recommendations
    for it, newest first, each with its recommendations by number. Two queries."""
    reports = AuditReport.objects.filter(organisations=organisation, issuer__in=list(issuers))
    if on is not None:
        reports = reports.filter(date__lte=on)
    by_report: dict[int, list[Recommendation]] = defaultdict(list)
    for rec in Recommendation.objects.filter(organisation=organisation, report__in=reports).order_by("number"):
        by_report[rec.report_id].append(rec)
    return [(report, by_report[report.id]) for report in reports.order_by("-date", "-id") if by_report[report.id]]


def actions_by_year(organisation: Organisation, years: Iterable[int]) -> dict[int, list[Action]]:
    """The plan's actions for each year, in plan order (position): {year: [Action]}; cancelled ones left out."""
    years = list(years)
    result: dict[int, list[Action]] = {year: [] for year in years}
    for action in (
        Action.objects.filter(organisation=organisation, plan_year__in=years)
        .exclude(status="cancelled")
        .order_by("plan_year", "position", "id")
    ):
        result[action.plan_year].append(action)
    return result


def actions_by_year_and_status(organisation: Organisation, years: Iterable[int]) -> dict[int, dict[str, int]]:
    """Counts of actions per planned year and status: {year: {status: n}} for every year asked (empty dict if none)."""
    years = list(years)
    result: dict[int, dict[str, int]] = {year: {} for year in years}
    rows = Action.objects.filter(organisation=organisation, plan_year__in=years).values_list("plan_year", "status")
    for (year, status), n in Counter(rows).items():
        result[year][status] = n
    return result


@dataclass(frozen=True)
class ControlSummary:
    """Control checks of one internal-control-plan year with their deviations found and remedied."""

    checks: list[ControlCheck]
    deviations_found: int
    deviations_remedied: int

    @property
    def deviations_open(self) -> int:
        return self.deviations_found - self.deviations_remedied


def control_check_summary(organisation: Organisation, plan_year: int) -> ControlSummary:
    """The checks of the internal-control plan for `plan_year` and their deviation totals. One query."""
    checks = list(
        ControlCheck.objects.filter(organisation=organisation, plan_year=plan_year).order_by("performed_on", "id")
    )
    return ControlSummary(
        checks=checks,
        deviations_found=sum(c.deviations_found for c in checks),
        deviations_remedied=sum(c.deviations_remedied for c in checks),
    )


def required_routines(organisation: Organisation) -> list[SteeringDocument]:
    """The routines the organisation must have, by title, each with its status (missing ones included)."""
    return list(SteeringDocument.objects.filter(organisation=organisation, required=True).order_by("title"))
