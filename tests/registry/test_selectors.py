import datetime

import pytest

from registry import selectors
from registry.models import (
    Action,
    ActionStatus,
    AuditReport,
    ControlCheck,
    Issuer,
    Recommendation,
    RecommendationStatus,
    SteeringDocument,
)
from reviews.models import Decision, ManagementReview, ReviewStatus
from reviews.selectors import coverage_baseline_date, earlier_decisions
from tests.factories import organisation

D = datetime.date
pytestmark = pytest.mark.django_db


def report(org, issuer, date, **kwargs):
    r = AuditReport.objects.create(issuer=issuer, title=kwargs.pop("title", "Rapport"), date=date, **kwargs)
    r.organisations.add(org)
    return r


def test_recommendations_by_source_and_status_counts_own_organisation_only():
    org, other = organisation(), organisation()
    dpo = report(org, Issuer.DPO_ANNUAL_REPORT, D(2023, 3, 1))
    audit = report(org, Issuer.CITY_AUDIT, D(2019, 5, 1))
    audit.organisations.add(other)
    Recommendation.objects.create(organisation=org, report=dpo, number=1, text="a", status="planned", planned_year=2024)
    Recommendation.objects.create(
        organisation=org, report=dpo, number=2, text="b", status="done", done_on=D(2023, 5, 1)
    )
    Recommendation.objects.create(
        organisation=org, report=dpo, number=3, text="c", status="done", done_on=D(2023, 6, 1)
    )
    Recommendation.objects.create(organisation=org, report=audit, number=1, text="d")
    Recommendation.objects.create(organisation=other, report=audit, number=1, text="e")
    assert selectors.recommendations_by_source_and_status(org) == {
        "dpo_annual_report": {"planned": 1, "done": 2},
        "city_audit": {"open": 1},
    }


def test_dpo_recommendations_come_from_the_newest_report_before_the_date():
    org = organisation()
    old = report(org, Issuer.DPO_ANNUAL_REPORT, D(2022, 3, 1))
    new = report(org, Issuer.DPO_ANNUAL_REPORT, D(2024, 3, 1))
    Recommendation.objects.create(organisation=org, report=old, number=2, text="old 2")
    Recommendation.objects.create(organisation=org, report=old, number=1, text="old 1")
    Recommendation.objects.create(organisation=org, report=new, number=1, text="new")
    assert [r.text for r in selectors.dpo_recommendations(org, on=D(2023, 11, 15))] == ["old 1", "old 2"]
    assert [r.text for r in selectors.dpo_recommendations(org)] == ["new"]


def test_status_label_names_year_or_date():
    org = organisation()
    dpo = report(org, Issuer.DPO_ANNUAL_REPORT, D(2023, 3, 1))
    planned = Recommendation(organisation=org, report=dpo, number=1, status="planned", planned_year=2024)
    done = Recommendation(organisation=org, report=dpo, number=2, status="done", done_on=D(2023, 5, 1))
    assert (planned.status_label, done.status_label) == ("Planerad 2024", "Genomförd 2023")


def test_actions_by_year_in_plan_order_without_cancelled_and_counted_by_status():
    org = organisation()
    Action.objects.create(organisation=org, plan_year=2024, position=2, title="andra")
    Action.objects.create(organisation=org, plan_year=2024, position=1, title="första")
    Action.objects.create(organisation=org, plan_year=2024, position=3, title="struken", status="cancelled")
    Action.objects.create(organisation=org, plan_year=2025, position=1, title="nästa år", status="started")
    by_year = selectors.actions_by_year(org, [2024, 2025, 2026])
    assert [a.title for a in by_year[2024]] == ["första", "andra"]
    assert by_year[2026] == []
    assert selectors.actions_by_year_and_status(org, [2024, 2025, 2026]) == {
        2024: {"planned": 2, "cancelled": 1},
        2025: {"started": 1},
        2026: {},
    }


def test_control_check_summary_totals_the_plan_year():
    org = organisation()
    ControlCheck.objects.create(
        organisation=org, plan_year=2023, process="p", control="a", deviations_found=3, deviations_remedied=1
    )
    ControlCheck.objects.create(
        organisation=org, plan_year=2023, process="p", control="b", deviations_found=2, deviations_remedied=2
    )
    ControlCheck.objects.create(organisation=org, plan_year=2022, process="p", control="c", deviations_found=9)
    summary = selectors.control_check_summary(org, 2023)
    assert (len(summary.checks), summary.deviations_found, summary.deviations_remedied) == (2, 5, 3)
    assert summary.deviations_open == 2


def test_required_routines_include_missing_ones():
    org = organisation()
    SteeringDocument.objects.create(organisation=org, title="Incidentrutin", required=True, status="missing")
    SteeringDocument.objects.create(organisation=org, title="Policy", required=False)
    assert [d.title for d in selectors.required_routines(org)] == ["Incidentrutin"]


def test_baseline_is_two_years_back_without_an_approved_review_and_its_cutoff_with_one(django_user_model):
    org = organisation()
    assert coverage_baseline_date(org, 2024) == D(2022, 12, 31)
    head = django_user_model.objects.create(username="chef")
    ManagementReview.objects.create(organisation=org, plan_year=2023, cutoff_date=D(2022, 11, 1))  # a draft
    assert coverage_baseline_date(org, 2024) == D(2022, 12, 31)
    approved = ManagementReview.objects.create(
        organisation=org,
        plan_year=2023,
        revision=2,
        cutoff_date=D(2022, 11, 20),
        status=ReviewStatus.APPROVED,
        approved_by=head,
        approved_at=datetime.datetime(2022, 11, 25, 12, tzinfo=datetime.UTC),
    )
    assert coverage_baseline_date(org, 2024) == D(2022, 11, 20)
    action = Action.objects.create(organisation=org, plan_year=2023, title="x", status=ActionStatus.STARTED)
    # Decisions are recorded while approving (reviews.services); an approved review refuses new parts afterwards.
    ManagementReview.objects.filter(pk=approved.pk).update(status=ReviewStatus.IN_REVIEW)
    Decision.objects.create(review=approved, text="Ta fram incidentrutin", action=action)
    ManagementReview.objects.filter(pk=approved.pk).update(status=ReviewStatus.APPROVED)
    assert [(d.text, d.action.status) for d in earlier_decisions(org, 2024)] == [("Ta fram incidentrutin", "started")]
    assert earlier_decisions(org, 2023) == []


def test_constraints_guard_ranges():
    from django.db import IntegrityError, transaction

    org = organisation()
    with pytest.raises(IntegrityError), transaction.atomic():
        ControlCheck.objects.create(
            organisation=org, plan_year=2023, process="p", control="c", deviations_found=1, deviations_remedied=2
        )
    dpo = report(org, Issuer.DPO_ANNUAL_REPORT, D(2023, 3, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.create(
            organisation=org, report=dpo, number=1, text="x", status=RecommendationStatus.PLANNED
        )
