"""Reads about management reviews used by the compiler and the views."""

import datetime

from registry.models import Organisation

from .models import Decision, ManagementReview, ReviewStatus


def previous_approved_review(organisation: Organisation, plan_year: int) -> ManagementReview | None:
    """The organisation's latest approved review for an earlier plan year (highest year, then revision), or None."""
    return (
        ManagementReview.objects.filter(
            organisation=organisation, plan_year__lt=plan_year, status=ReviewStatus.APPROVED
        )
        .order_by("-plan_year", "-revision")
        .first()
    )


def coverage_baseline_date(organisation: Organisation, plan_year: int) -> datetime.date:
    """The date the review compares classification coverage with (DESIGN.md §3).

    The cut-off date of the previous approved review; where there is none, 31 December two years before the plan
    year (2022-12-31 for the 2024 review).
    """
    previous = previous_approved_review(organisation, plan_year)
    if previous is not None:
        return previous.cutoff_date
    return datetime.date(plan_year - 2, 12, 31)


def earlier_decisions(organisation: Organisation, plan_year: int) -> list[Decision]:
    """Decisions recorded in approved reviews of earlier plan years, oldest review first, each with its action."""
    return list(
        Decision.objects.filter(
            review__organisation=organisation, review__plan_year__lt=plan_year, review__status=ReviewStatus.APPROVED
        )
        .select_related("review", "action")
        .order_by("review__plan_year", "review__revision", "position", "id")
    )
