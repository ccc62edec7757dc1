"""Reads about management reviews used by the compiler and the views."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from isms.models import Comment, Organisation

from .models import Decision, ManagementReview, ReviewSection, ReviewStatus


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


def decisions_due_before_approval(review: ManagementReview) -> list[Decision]:
    """The approved review's decisions whose due date had already passed on the day it was approved (Europe/Stockholm
    date of approved_at; Decision.due_date_passed_on), in order. Accepted, not refused: the approval page warns of
    them so that the dates can be checked. Empty before approval. One query."""
    if review.approved_at is None:
        return []
    approved_on = timezone.localdate(review.approved_at)
    return [d for d in review.decisions.order_by("position", "id") if d.due_date_passed_on(approved_on)]


def earlier_decisions(organisation: Organisation, plan_year: int) -> list[Decision]:
    """Decisions recorded in approved reviews of earlier plan years, oldest review first, each with its action."""
    return list(
        Decision.objects.filter(
            review__organisation=organisation, review__plan_year__lt=plan_year, review__status=ReviewStatus.APPROVED
        )
        .select_related("review", "action")
        .order_by("review__plan_year", "review__revision", "position", "id")
    )


def review_decisions(review: ManagementReview) -> list[Decision]:
    """The decisions a review carries: its own and, for a correction, those of the revisions it corrects (recorded
    once, at their approval, and still in force), oldest revision first, each with its action."""
    ids, current = [review.pk], review
    while current.revises_id is not None:
        ids.append(current.revises_id)
        current = ManagementReview.objects.only("pk", "revises_id").get(pk=current.revises_id)
    return list(
        Decision.objects.filter(review_id__in=ids)
        .select_related("review", "action")
        .order_by("review__revision", "position", "id")
    )


def approved_review_by_sha256(sha256: str) -> ManagementReview | None:
    """The approved review whose stored PDF has this SHA-256 (hex, lower case), or None."""
    return (
        ManagementReview.objects.filter(pdf_sha256=sha256.lower(), status=ReviewStatus.APPROVED)
        .select_related("organisation", "approved_by")
        .first()
    )


def later_approved_revision(review: ManagementReview) -> ManagementReview | None:
    """The newest approved revision that corrects `review` (directly or through others), or None. Drafts are left
    out: the verification page, open to anyone, speaks of approved reviews only."""
    return (
        ManagementReview.objects.filter(
            organisation_id=review.organisation_id,
            plan_year=review.plan_year,
            revision__gt=review.revision,
            status=ReviewStatus.APPROVED,
        )
        .order_by("-revision")
        .first()
    )


def section_comments(review: ManagementReview) -> dict[int, list[Comment]]:
    """The comments on each section of `review`: {section id: [Comment]} oldest first, with their authors."""
    content_type = ContentType.objects.get_for_model(ReviewSection)
    section_ids = list(review.sections.values_list("pk", flat=True))
    result: dict[int, list[Comment]] = {pk: [] for pk in section_ids}
    for comment in (
        Comment.objects.filter(content_type=content_type, object_id__in=section_ids)
        .select_related("author")
        .order_by("created_at", "id")
    ):
        result[comment.object_id].append(comment)
    return result
