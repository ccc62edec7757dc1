import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from registry import selectors
from registry.models import Incident, Indicator, Measurement, ProcessingActivity, Risk, Transfers
from registry.selectors.indicators import CLASSIFICATION_COVERAGE, INCIDENTS
from registry.services import incident_create
from tests.factories import classify, organisation, system

D = datetime.date
STHLM = ZoneInfo("Europe/Stockholm")
pytestmark = pytest.mark.django_db

COMPLETE = {
    "controller_contact": "Stadsdelsnämnden, dso@example.se",
    "purposes": "Handläggning av bistånd",
    "data_subject_categories": "Sökande",
    "personal_data_categories": "Namn, personnummer",
    "recipients": "Försäkringskassan",
    "transfers": Transfers.NONE,
    "retention": "Gallras efter 5 år",
    "security_measures": "Behörighetsstyrning, loggning",
}


def record(org, history_at=None, **fields):
    values = {"name": "Behandling", **COMPLETE, **fields}
    activity = ProcessingActivity(organisation=org, **values)
    if history_at:
        activity._history_date = history_at
    activity.save()
    return activity


def test_completeness_names_exactly_the_missing_art_30_items():
    org = organisation()
    assert record(org).missing_items() == []
    assert record(org, purposes="", retention=" ").missing_items() == ["b", "f"]
    assert record(org, personal_data_categories="").missing_items() == ["c"]
    assert record(org, transfers="").missing_items() == ["e"]
    assert record(org, transfers=Transfers.YES, transfer_countries="USA").missing_items() == ["e"]
    assert (
        record(org, transfers=Transfers.YES, transfer_countries="USA", transfer_safeguard="dpf").missing_items() == []
    )


def test_register_status_reads_the_past_from_history_and_counts_reviews_within_12_months():
    org = organisation()
    then = timezone.make_aware(datetime.datetime(2022, 6, 1, 12))
    a = record(org, name="A", recipients="", history_at=then, last_reviewed_on=D(2022, 5, 1))
    record(org, name="B", history_at=then, last_reviewed_on=D(2021, 1, 1))
    a.recipients = "Skatteverket"
    a._history_date = timezone.make_aware(datetime.datetime(2023, 3, 1, 12))
    a.save()
    past = selectors.processing_register_status(org, D(2022, 12, 31))
    assert (past.total, past.complete, past.reviewed) == (2, 1, 1)
    assert past.incomplete == [(a.pk, "A", ["d"])]
    now = selectors.processing_register_status(org, D(2023, 6, 1))
    assert (now.complete_percent, now.reviewed_percent) == (100, 0)
    assert selectors.processing_register_status(org, D(2022, 5, 31)).total == 0


def test_incident_summary_counts_late_and_unnotified_breaches():
    org = organisation()
    aware = datetime.datetime(2023, 5, 2, 9, 0, tzinfo=STHLM)
    hours = datetime.timedelta(hours=1)
    common = {"organisation": org, "user": None, "became_aware_at": aware}
    incident_create(title="I tid", is_personal_data_breach=True, imy_notified_at=aware + 70 * hours, **common)
    incident_create(title="Sen", is_personal_data_breach=True, imy_notified_at=aware + 80 * hours, **common)
    incident_create(title="Ej anmäld", is_personal_data_breach=True, not_notified_reason="Ingen risk", **common)
    incident_create(title="Pågår", is_personal_data_breach=True, **common)
    incident_create(title="NIS2", is_significant_nis2=True, **common)
    incident_create(title="Förra året", organisation=org, user=None, became_aware_at=aware.replace(year=2022))
    summary = selectors.incident_summary(org, D(2023, 1, 1), D(2023, 11, 15))
    assert (summary.total, summary.breaches, summary.notified, summary.notified_in_time) == (5, 4, 2, 1)
    assert (summary.notified_late, summary.not_notified, summary.clock_running, summary.significant) == (1, 1, 1, 1)


def test_risk_matrix_counts_open_risks_by_cell():
    org = organisation()
    Risk.objects.create(organisation=org, title="a", likelihood=3, consequence=4)
    Risk.objects.create(organisation=org, title="b", likelihood=3, consequence=4, status="in_treatment")
    Risk.objects.create(organisation=org, title="c", likelihood=1, consequence=2)
    Risk.objects.create(organisation=org, title="d", likelihood=4, consequence=4, status="closed")
    summary = selectors.risk_summary(org)
    assert summary.matrix[2][3] == 2 and summary.matrix[0][1] == 1 and summary.matrix[3][3] == 0
    assert (summary.total_open, summary.high) == (3, 2)
    assert [r.title for r in summary.highest] == ["a", "b", "c"]


def test_indicators_computed_from_registers_and_entered_values():
    org = organisation()
    classify(system(org), D(2022, 3, 1))
    system(org)
    incident_create(
        organisation=org, user=None, title="x", became_aware_at=timezone.make_aware(datetime.datetime(2022, 2, 1))
    )
    e_learning, _ = Indicator.objects.get_or_create(
        code="e_learning", defaults={"name": "E-utbildning", "kind": "entered"}
    )
    Measurement.objects.create(indicator=e_learning, organisation=org, year=2022, value=78)
    series = {s.code: s.values for s in selectors.indicator_values(org, [2021, 2022, 2023], until=D(2023, 6, 1))}
    assert series[CLASSIFICATION_COVERAGE] == {2021: 0, 2022: 50, 2023: 50}
    assert series[INCIDENTS] == {2021: 0, 2022: 1, 2023: 0}
    assert series["e_learning"] == {2021: None, 2022: 78, 2023: None}
    assert series[CLASSIFICATION_COVERAGE][2023] == selectors.classification_coverage(org, D(2023, 6, 1)).percent


def test_incident_kinds_are_kept_whether_notified_or_not():
    org = organisation()
    incident_create(
        organisation=org,
        user=None,
        title="Ej anmäld",
        is_personal_data_breach=True,
        not_notified_reason="Låg risk",
        became_aware_at=timezone.now(),
    )
    assert Incident.objects.filter(organisation=org, is_personal_data_breach=True).count() == 1
