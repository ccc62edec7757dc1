"""Indicators (nyckeltal): computed ones from the registers and entered ones, a value per year, for trends.

The start page, the indicator pages and the review all read indicators here, so a figure is the same wherever it
appears.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from isms.models import Organisation

from ..models import Indicator, IndicatorKind, Measurement, Recommendation, RecommendationStatus
from .incidents import incidents_per_year
from .privacy import processing_register_series
from .registers import Coverage, classification_coverage_series

# The computed indicators live in code, beside what computes them; entered ones are Indicator rows.
CLASSIFICATION_COVERAGE = "classification_coverage"  # % of systems in use with a current classification
PROCESSING_COMPLETENESS = "processing_completeness"  # % of processing records with every Art. 30(1) item
PROCESSING_REVIEWED = "processing_reviewed"  # % of processing records reviewed within 12 months
OPEN_RECOMMENDATIONS = "open_recommendations"  # recommendations neither done, closed nor dropped
INCIDENTS = "incidents"  # incidents that became known in the year
BREACHES = "personal_data_breaches"  # personal-data breaches that became known in the year

COMPUTED_INDICATORS: list[tuple[str, str, str]] = [
    (CLASSIFICATION_COVERAGE, _("Share of systems with information classification"), "%"),
    (PROCESSING_COMPLETENESS, _("Share of complete rows in the register of processing"), "%"),
    (PROCESSING_REVIEWED, _("Share of processing activities checked in the last 12 months"), "%"),
    (OPEN_RECOMMENDATIONS, _("Open recommendations"), _("pcs.")),
    (INCIDENTS, _("Incidents"), _("pcs.")),
    (BREACHES, _("Personal data breaches"), _("pcs.")),
]


@dataclass(frozen=True)
class IndicatorSeries:
    """One indicator's values by year (None where it cannot be computed or was not entered)."""

    code: str
    name: str
    unit: str
    kind: str
    values: dict[int, Decimal | int | None]


def open_recommendations_on(organisation: Organisation, day: datetime.date) -> int:
    """Recommendations to the organisation from reports dated on or before `day` that were not done, closed or
    dropped by then (read from the current rows: done_on and closed_on dates, status not pursued)."""
    return open_recommendations_series(organisation, [day])[0]


def open_recommendations_series(organisation: Organisation, days: Iterable[datetime.date]) -> list[int]:
    """open_recommendations_on for each of `days`, in the order given. One query in all."""
    days = list(days)
    if not days:
        return []
    rows = list(
        Recommendation.objects.filter(organisation=organisation, report__date__lte=max(days))
        .exclude(status=RecommendationStatus.NOT_PURSUED)
        .values_list("report__date", "done_on", "closed_on")
    )
    return [
        sum(
            1
            for report_date, done_on, closed_on in rows
            if report_date <= day and (done_on is None or done_on > day) and (closed_on is None or closed_on > day)
        )
        for day in days
    ]


def measurement_day(year: int, until: datetime.date | None) -> datetime.date:
    """31 December of `year`, or `until` when that comes first (a year not yet over is measured at its cut-off)."""
    year_end = datetime.date(year, 12, 31)
    return min(year_end, until) if until else year_end


def indicator_values(
    organisation: Organisation,
    years: list[int],
    until: datetime.date | None = None,
    coverage: dict[datetime.date, Coverage] | None = None,
) -> list[IndicatorSeries]:
    """Every indicator's value for each of `years`, in the indicators' order.

    Computed indicators (COMPUTED_INDICATORS) come first, measured at 31 December, or at `until` for a year that ends after it (the review passes
    its cut-off date). Entered indicators take the Measurement of that year. `coverage` may hold classification
    coverage already computed by classification_coverage_series, by day; the days missing from it are computed
    here. A fixed number of queries (seven at most), whatever the number of years and the registers' sizes.
    """
    days = {year: measurement_day(year, until) for year in years}
    coverage = dict(coverage or {})
    missing_days = [day for day in days.values() if day not in coverage]
    coverage.update(zip(missing_days, classification_coverage_series(organisation, missing_days), strict=True))
    processing = dict(
        zip(years, processing_register_series(organisation, days.values(), incomplete=False), strict=True)
    )
    open_recommendations = dict(zip(years, open_recommendations_series(organisation, days.values()), strict=True))
    incidents = incidents_per_year(organisation, years, until=until)
    computed = {
        CLASSIFICATION_COVERAGE: {y: coverage[days[y]].percent for y in years},
        PROCESSING_COMPLETENESS: {y: processing[y].complete_percent for y in years},
        PROCESSING_REVIEWED: {y: processing[y].reviewed_percent for y in years},
        OPEN_RECOMMENDATIONS: {y: open_recommendations[y] for y in years},
        INCIDENTS: {y: incidents[y]["total"] for y in years},
        BREACHES: {y: incidents[y]["breaches"] for y in years},
    }
    entered: dict[int, dict[int, Decimal]] = {}
    for indicator_id, year, value in Measurement.objects.filter(organisation=organisation, year__in=years).values_list(
        "indicator_id", "year", "value"
    ):
        entered.setdefault(indicator_id, {})[year] = value

    series = [
        IndicatorSeries(code, str(name), str(unit), IndicatorKind.COMPUTED, computed[code])
        for code, name, unit in COMPUTED_INDICATORS
    ]
    for indicator in Indicator.objects.filter(kind=IndicatorKind.ENTERED).order_by("position", "name"):
        values = {y: entered.get(indicator.id, {}).get(y) for y in years}
        series.append(IndicatorSeries(indicator.code, indicator.name, indicator.unit, indicator.kind, values))
    return series
