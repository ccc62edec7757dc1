"""The management review's workflow (DESIGN.md §4): draft → in review → approved, or back to draft with a reason.

Every function takes keyword-only arguments, runs in one transaction, checks the review's state and the user's
capability in the review's organisation (isms.permissions), leaves history with the user, and raises WorkflowError
with a Swedish message that says what to do when the step is not allowed.
"""

import datetime

from django.db import transaction

from registry.models import Comment, ExternalFactor, Organisation

from .models import ManagementReview, ReviewSection


class WorkflowError(Exception):
    """A workflow step that is not allowed now or not by this user; `message` is Swedish and says what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@transaction.atomic
def review_start(*, organisation: Organisation, plan_year: int, user) -> ManagementReview:
    raise NotImplementedError


@transaction.atomic
def review_update(*, review: ManagementReview, user, **fields) -> ManagementReview:
    raise NotImplementedError


@transaction.atomic
def review_section_update(
    *, section: ReviewSection, user, narrative: str, included: bool, show_figures: bool, expected_version: int
) -> ReviewSection:
    raise NotImplementedError


@transaction.atomic
def review_factors_set(
    *, review: ManagementReview, user, factors: list[tuple[ExternalFactor, str]]
) -> ManagementReview:
    raise NotImplementedError


@transaction.atomic
def review_submit(*, review: ManagementReview, user) -> ManagementReview:
    raise NotImplementedError


@transaction.atomic
def review_return(*, review: ManagementReview, user, reason: str) -> ManagementReview:
    raise NotImplementedError


@transaction.atomic
def review_approve(
    *,
    review: ManagementReview,
    user,
    decisions: list[dict],
    approved_at: datetime.datetime | None = None,
    demo: bool = False,
) -> ManagementReview:
    raise NotImplementedError


@transaction.atomic
def review_revise(*, review: ManagementReview, user) -> ManagementReview:
    raise NotImplementedError


@transaction.atomic
def review_comment(*, section: ReviewSection, user, text: str) -> Comment:
    raise NotImplementedError


@transaction.atomic
def review_comment_answer(*, comment: Comment, user) -> Comment:
    raise NotImplementedError
