"""Reads and aggregations of the registers, used by views and by the management review's compiler.

Every selector takes an organisation and returns plain data (dataclasses, dicts, lists); none writes. Counts are of
the registers' current state unless a date parameter says otherwise; classification coverage can be computed for any
past date from the dated classification rows.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from ..models import (
    METHODS_WITH_TRACEABILITY,
    Action,
    AssetKind,
    AuditReport,
    Classification,
    ControlCheck,
    InformationAsset,
    Issuer,
    Organisation,
    Recommendation,
    SteeringDocument,
)


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


def _systems_in_use(organisation: Organisation, first: datetime.date, last: datetime.date):
    """Systems of the organisation in use on some day between `first` and `last` (inclusive)."""
    return InformationAsset.objects.filter(
        organisation=organisation, kind=AssetKind.SYSTEM, in_use_from__lte=last
    ).filter(Q(retired_on__isnull=True) | Q(retired_on__gt=first))


def classification_coverage_series(organisation: Organisation, days: Iterable[datetime.date]) -> list[Coverage]:
    """Andel informationsklassade system on each of `days` (DESIGN.md §3), in the order given. Two queries in all.

    Counted on a day D: assets of kind system in use on D (put into use on or before D; not retired, or retired
    after D: an asset retired on D no longer counts). Classified on D: the newest classification decided on or before
    D (ties: the last registered) has K, R and T assessed (S too for KLASSA methods) and its next review is not
    before D (due on D is still current). An older classification never stands in for a newer stale or incomplete
    one. Source: InformationAsset.in_use_from/retired_on, Classification.decided_on/levels/next_review_due.
    """
    days = list(days)
    if not days:
        return []
    systems = _systems_in_use(organisation, min(days), max(days))
    assets = list(systems.values_list("id", "in_use_from", "retired_on"))
    history: dict[int, list[tuple]] = defaultdict(list)
    rows = (
        # The same systems as a subquery: a large organisation's thousands of ids as parameters cost more.
        Classification.objects.filter(asset_id__in=systems.values("id"), decided_on__lte=max(days))
        .order_by("asset_id", "decided_on", "id")
        .values_list(
            "asset_id",
            "decided_on",
            "method",
            "confidentiality",
            "integrity",
            "availability",
            "traceability",
            "next_review_due",
        )
    )
    for asset_id, decided_on, method, k, r, t, s, next_review_due in rows:
        complete = None not in (k, r, t) and (method not in METHODS_WITH_TRACEABILITY or s is not None)
        history[asset_id].append((decided_on, complete, next_review_due))

    result = []
    for day in days:
        systems = classified = 0
        for asset_id, in_use_from, retired_on in assets:
            if not (in_use_from <= day and (retired_on is None or day < retired_on)):
                continue
            systems += 1
            current = None
            for entry in history.get(asset_id, ()):
                if entry[0] > day:
                    break
                current = entry
            if current and current[1] and (current[2] is None or current[2] >= day):
                classified += 1
        result.append(Coverage(day=day, systems=systems, classified=classified))
    return result


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
