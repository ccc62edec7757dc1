"""TEMPORARY stand-in for reviews.services (branch wf) so that the screens can be built and tested before it lands.

Same names and keyword arguments; each checks state and capability like the real ones will, in a transaction, and
raises the real WorkflowError. Deleted as soon as branch wf implements reviews.services.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from isms.permissions import APPROVE, COMMENT, PREPARE_REVIEW, capabilities
from registry.models import Action, Comment, Membership

from . import sections as s
from .models import Decision, ManagementReview, ReviewFactor, ReviewSection, ReviewStatus
from .services import WorkflowError


def _require(user, organisation, capability, message):
    membership = Membership.objects.filter(user=user, organisation=organisation).first()
    if capability not in capabilities(membership):
        raise WorkflowError(message)


def _require_draft(review):
    if review.status != ReviewStatus.DRAFT:
        raise WorkflowError("Genomgången kan bara ändras medan den är ett utkast.")


@transaction.atomic
def review_start(*, organisation, plan_year, user):
    _require(user, organisation, PREPARE_REVIEW, "Bara samordnaren kan starta en genomgång.")
    if ManagementReview.objects.filter(organisation=organisation, plan_year=plan_year).exists():
        raise WorkflowError(f"Det finns redan en genomgång för {plan_year}.")
    review = ManagementReview.objects.create(
        organisation=organisation,
        plan_year=plan_year,
        cutoff_date=datetime.date(plan_year - 1, 11, 15),
        created_by=user,
        updated_by=user,
    )
    for spec in s.SECTIONS:
        ReviewSection.objects.create(review=review, key=spec.key)
    return review


@transaction.atomic
def review_update(*, review, user, **fields):
    _require(user, review.organisation, PREPARE_REVIEW, "Bara samordnaren kan ändra genomgången.")
    _require_draft(review)
    for name, value in fields.items():
        setattr(review, name, value)
    review.version += 1
    review.updated_by = user
    review.save()
    return review


@transaction.atomic
def review_section_update(*, section, user, narrative, included, show_figures, expected_version):
    _require(user, section.review.organisation, PREPARE_REVIEW, "Bara samordnaren kan ändra genomgången.")
    _require_draft(section.review)
    updated = ReviewSection.objects.filter(pk=section.pk, version=expected_version).update(
        narrative=narrative, included=included, show_figures=show_figures, version=expected_version + 1
    )
    if not updated:
        raise WorkflowError("Någon annan har sparat avsnittet medan du redigerade det.")
    section.refresh_from_db()
    return section


@transaction.atomic
def review_factors_set(*, review, user, factors):
    _require(user, review.organisation, PREPARE_REVIEW, "Bara samordnaren kan ändra genomgången.")
    _require_draft(review)
    review.factors.all().delete()
    for position, (factor, text) in enumerate(factors, start=1):
        ReviewFactor.objects.create(review=review, factor=factor, position=position, text_override=text)
    return review


@transaction.atomic
def review_submit(*, review, user):
    _require(user, review.organisation, PREPARE_REVIEW, "Bara samordnaren kan skicka genomgången.")
    _require_draft(review)
    review.status, review.submitted_at, review.submitted_by = ReviewStatus.IN_REVIEW, timezone.now(), user
    review.save()
    return review


@transaction.atomic
def review_return(*, review, user, reason):
    _require(user, review.organisation, APPROVE, "Bara förvaltningschefen kan skicka tillbaka genomgången.")
    if review.status != ReviewStatus.IN_REVIEW:
        raise WorkflowError("Bara en genomgång under granskning kan skickas tillbaka.")
    review.status = ReviewStatus.DRAFT
    review.save()
    return review


@transaction.atomic
def review_approve(*, review, user, decisions):
    _require(user, review.organisation, APPROVE, "Bara förvaltningschefen kan fastställa genomgången.")
    if review.status != ReviewStatus.IN_REVIEW:
        raise WorkflowError("Bara en genomgång under granskning kan fastställas.")
    if review.submitted_by_id == user.pk:
        raise WorkflowError("Den som skickade genomgången kan inte fastställa den.")
    for position, d in enumerate(decisions, start=1):
        action = None
        if d.get("create_action"):
            action = Action.objects.create(
                organisation=review.organisation, plan_year=d["action_plan_year"], title=d["text"]
            )
        Decision.objects.create(
            review=review, position=position, text=d["text"], owner=d["owner"], due_date=d["due_date"], action=action
        )
    review.status, review.approved_at, review.approved_by = ReviewStatus.APPROVED, timezone.now(), user
    review.approver_name = user.get_full_name() or user.username
    review.save()
    return review


@transaction.atomic
def review_revise(*, review, user):
    _require(user, review.organisation, PREPARE_REVIEW, "Bara samordnaren kan rätta en genomgång.")
    if not review.is_approved:
        raise WorkflowError("Bara en fastställd genomgång kan rättas.")
    revision = ManagementReview.objects.create(
        organisation=review.organisation,
        plan_year=review.plan_year,
        revision=review.revision + 1,
        revises=review,
        cutoff_date=review.cutoff_date,
    )
    for section in review.sections.all():
        ReviewSection.objects.create(review=revision, key=section.key, narrative=section.narrative)
    return revision


@transaction.atomic
def review_comment(*, section, user, text):
    review = section.review
    _require(user, review.organisation, COMMENT, "Du kan inte kommentera genomgången.")
    if review.status != ReviewStatus.IN_REVIEW:
        raise WorkflowError("Kommentarer skrivs medan genomgången är under granskning.")
    membership = Membership.objects.get(user=user, organisation=review.organisation)
    return Comment.objects.create(
        organisation=review.organisation,
        content_type=ContentType.objects.get_for_model(ReviewSection),
        object_id=section.pk,
        author=user,
        author_role=membership.role,
        text=text,
    )


@transaction.atomic
def review_comment_answer(*, comment, user):
    _require(user, comment.organisation, PREPARE_REVIEW, "Bara samordnaren markerar kommentarer som besvarade.")
    comment.answered_at = timezone.now()
    comment.save()
    return comment
