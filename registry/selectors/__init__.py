"""Reads and aggregations of the registers, used by views and by the management review's compiler.

Every selector takes an organisation and returns plain data (dataclasses, dicts, lists); none writes. Each makes a
fixed number of queries whatever the register's size.
"""

from .incidents import IncidentSummary, incident_summary, incidents_per_year
from .indicators import (
    IndicatorSeries,
    indicator_values,
    measurement_day,
    open_recommendations_on,
    open_recommendations_series,
)
from .privacy import ProcessingRegisterStatus, end_of_day, processing_register_series, processing_register_status
from .registers import (
    ControlSummary,
    Coverage,
    actions_by_year,
    actions_by_year_and_status,
    audit_reports_with_recommendations,
    classification_coverage,
    classification_coverage_series,
    control_check_summary,
    coverage_by_year_end,
    dpo_recommendations,
    latest_report,
    percent,
    recommendations_by_source_and_status,
    report_recommendations,
    required_routines,
)
from .risks import RiskSummary, risk_summary

__all__ = [
    "IndicatorSeries",
    "indicator_values",
    "measurement_day",
    "open_recommendations_on",
    "open_recommendations_series",
    "ControlSummary",
    "Coverage",
    "IncidentSummary",
    "ProcessingRegisterStatus",
    "RiskSummary",
    "actions_by_year",
    "actions_by_year_and_status",
    "audit_reports_with_recommendations",
    "classification_coverage",
    "classification_coverage_series",
    "control_check_summary",
    "coverage_by_year_end",
    "dpo_recommendations",
    "end_of_day",
    "incident_summary",
    "incidents_per_year",
    "latest_report",
    "percent",
    "processing_register_series",
    "processing_register_status",
    "recommendations_by_source_and_status",
    "report_recommendations",
    "required_routines",
    "risk_summary",
]
