"""The management review's workflow (DESIGN.md §4): draft → in review → approved, or back to draft with a reason.

Every function takes keyword-only arguments, runs in one transaction, checks the review's state (re-read under a
row lock) and the user's capability in the review's organisation (isms.permissions), leaves history with the user,
and raises WorkflowError with a Swedish message that says what to do when the step is not allowed.

    review = review_start(organisation=eav, plan_year=2025, user=coordinator)
    review_section_update(section=..., user=coordinator, narrative=..., included=True, show_figures=True,
                          expected_version=section.version)
    review_submit(review=review, user=coordinator)
    review_comment(section=..., user=dpo, text="...");  review_comment_answer(comment=..., user=coordinator)
    review_return(review=review, user=head, reason="...")  # or:
    review_approve(review=review, user=head, decisions=[{"text": ..., "owner": ..., "due_date": ...,
                                                         "create_action": True, "action_plan_year": 2025}],
                   expected_fingerprint=review_fingerprint(review))  # of what the head read

Approval freezes the review: the compiled content goes to `frozen_figures`, the PDF is rendered once and stored
write-once (isms.storage: under MEDIA_ROOT or in an S3 bucket) with its SHA-256. Nothing changes an approved review afterwards; `review_revise` starts a
correction as a new revision.
"""

import datetime
import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from isms.models import Comment, ConflictError, Membership, Organisation, Role
from isms.pdf import PDF_LANGUAGE
from isms.permissions import APPROVE, COMMENT, PREPARE_REVIEW, capabilities
from isms.storage import store_once
from registry.models import Action, ExternalFactor

from . import sections as s
from .compiler import compile_review, review_fingerprint
from .models import Decision, ManagementReview, ReviewFactor, ReviewSection, ReviewStatus
from .pdf import render_compiled_pdf
from .selectors import previous_approved_review

__all__ = [
    "ConflictError",
    "ContentChangedError",
    "WorkflowError",
    "approved_pdf_name",
    "review_approve",
    "review_comment",
    "review_comment_answer",
    "review_factors_set",
    "review_return",
    "review_revise",
    "review_section_update",
    "review_start",
    "review_submit",
    "review_update",
]


class WorkflowError(Exception):
    """A workflow step that is not allowed now or not by this user; `message` is Swedish and says what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ContentChangedError(WorkflowError):
    """Approval refused because the review's compiled content is not the content the head read (review_approve)."""


# Fields review_update may change (everything else is the workflow's).
UPDATABLE_FIELDS = ("title", "diarienummer", "cutoff_date", "follow_up_start", "follow_up_end")

# The section rows of a first review: every section of the template except 4.4 Incidenter, which the coordinator
# adds when wanted (the reference document has none). Sections that have computed figures show them by default.
FIRST_REVIEW_SKIPPED = frozenset({s.INCIDENTS})
SECTIONS_WITHOUT_FIGURES = frozenset({s.BACKGROUND})

_STATUS_NAMES = {
    ReviewStatus.DRAFT: gettext_lazy("a draft"),
    ReviewStatus.IN_REVIEW: gettext_lazy("in review"),
    ReviewStatus.APPROVED: gettext_lazy("approved"),
}


# ---------------------------------------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------------------------------------


def _membership(user, organisation: Organisation) -> Membership | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return Membership.objects.filter(user=user, organisation=organisation, organisation__is_active=True).first()


def _require(user, organisation: Organisation, capability: str, message: str) -> Membership:
    """The user's membership of `organisation` if its role grants `capability`; WorkflowError(message) otherwise."""
    membership = _membership(user, organisation)
    if capability not in capabilities(membership):
        raise WorkflowError(message)
    return membership


def _locked(review: ManagementReview) -> ManagementReview:
    """The review re-read under a row lock (PostgreSQL; SQLite serialises writers anyway), so the state checked is
    the state changed: two approvals at the same moment cannot both see "in review"."""
    return ManagementReview.objects.select_for_update().select_related("organisation").get(pk=review.pk)


def _require_status(review: ManagementReview, status: str, what: str) -> None:
    """WorkflowError unless `review` is in `status`; `what` (translated) completes "… it can only be <what> when …"."""
    if review.status == status:
        return
    if review.status == ReviewStatus.APPROVED:
        raise WorkflowError(
            _("The review is approved and cannot be changed. If it needs correcting, make a new revision of it.")
        )
    raise WorkflowError(
        _("The review is %(state)s; it can only be %(action)s when it is %(required)s.")
        % {"state": _STATUS_NAMES[review.status], "action": what, "required": _STATUS_NAMES[status]}
    )


def _require_valid(review: ManagementReview) -> None:
    """WorkflowError naming what to correct in the review's details when they break a rule of the model (e.g. a
    cut-off date outside the plan year's range, ManagementReview.clean), so that no step goes on from them."""
    try:
        review.full_clean()
    except ValidationError as error:
        problems = " ".join(message for messages in error.message_dict.values() for message in messages)
        raise WorkflowError(
            _("Correct the review's details first (Details): %(problems)s") % {"problems": problems}
        ) from None


def _save(obj, user, **kwargs) -> None:
    obj._history_user = user
    if hasattr(obj, "updated_by_id"):
        obj.updated_by = user
    obj.full_clean()
    obj.save(**kwargs)


def _copy_review(review: ManagementReview, source: ManagementReview, user) -> None:
    """Copy the sections (narrative, included, show_figures) and the external factors of `source` to the new
    `review`. Factors: all of them for a revision of the same year; for a later year only those still in force at
    the new cut-off (valid_to empty or on or after it), each with its position and this year's text."""
    present = set()
    for row in source.sections.all():
        _save(
            ReviewSection(
                review=review,
                key=row.key,
                narrative=row.narrative,
                included=row.included,
                show_figures=row.show_figures,
                created_by=user,
            ),
            user,
        )
        present.add(row.key)
    if source.plan_year != review.plan_year:
        # Sections added to the template since the source review: as in a first review.
        _create_sections(review, user, skip=present | FIRST_REVIEW_SKIPPED)
    for item in source.factors.select_related("factor").order_by("position", "id"):
        valid_to = item.factor.valid_to
        if source.plan_year != review.plan_year and valid_to is not None and valid_to < review.cutoff_date:
            continue
        _save(
            ReviewFactor(
                review=review,
                factor=item.factor,
                position=item.position,
                text_override=item.text_override,
                created_by=user,
            ),
            user,
        )


def _create_sections(review: ManagementReview, user, *, skip: set[str] | frozenset[str]) -> None:
    for spec in s.SECTIONS:
        if spec.key in skip:
            continue
        _save(
            ReviewSection(
                review=review,
                key=spec.key,
                narrative="",
                included=True,
                show_figures=spec.key not in SECTIONS_WITHOUT_FIGURES,
                created_by=user,
            ),
            user,
        )


# ---------------------------------------------------------------------------------------------------------------------
# Draft
# ---------------------------------------------------------------------------------------------------------------------


@transaction.atomic
def review_start(*, organisation: Organisation, plan_year: int, user) -> ManagementReview:
    """Start the review of `plan_year` as a draft (coordinator only) and return it.

    The first review of the organisation gets a row for every section (4.4 Incidenter left out), empty narrative,
    cut-off 15 November the year before. A later one starts from the latest approved review of an earlier plan
    year: each section's narrative, inclusion and figures setting copied, the external factors still in force at
    the new cut-off carried in their order with their texts for the year; title and diarienummer blank. The earlier
    reviews' decisions then appear in section 1 by themselves (reviews.selectors.earlier_decisions). The follow-up
    period is 1 January of the year before up to the cut-off.

    WorkflowError when the user is not the organisation's coordinator, or a review of the year already exists (an
    approved one is corrected with review_revise).
    """
    _require(
        user,
        organisation,
        PREPARE_REVIEW,
        _("Only the organisation's information security coordinator can start a management review."),
    )
    if not 2000 <= plan_year <= 2100:
        raise WorkflowError(_("Enter a plan year between 2000 and 2100."))
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()  # one start at a time
    existing = (
        ManagementReview.objects.filter(organisation=organisation, plan_year=plan_year).order_by("-revision").first()
    )
    if existing is not None:
        if existing.is_approved:
            raise WorkflowError(
                _("The review for %(year)s is already approved. If it needs correcting, make a new revision of it.")
                % {"year": plan_year}
            )
        raise WorkflowError(
            _("There is already a review for %(year)s (%(status)s). Continue working in it.")
            % {"year": plan_year, "status": existing.get_status_display().lower()}
        )
    cutoff = datetime.date(plan_year - 1, 11, 15)
    review = ManagementReview(
        organisation=organisation,
        plan_year=plan_year,
        revision=1,
        cutoff_date=cutoff,
        follow_up_start=datetime.date(plan_year - 1, 1, 1),
        follow_up_end=cutoff,
        status=ReviewStatus.DRAFT,
        created_by=user,
    )
    _save(review, user)
    previous = previous_approved_review(organisation, plan_year)
    if previous is None:
        _create_sections(review, user, skip=FIRST_REVIEW_SKIPPED)
    else:
        _copy_review(review, previous, user)
    return review


@transaction.atomic
def review_update(*, review: ManagementReview, user, expected_version: int | None = None, **fields) -> ManagementReview:
    """Change the draft's title, diarienummer, cut-off date or follow-up period (`fields`, by those names).

    TypeError for any other field name. With `expected_version`, ConflictError when the review was saved by someone
    else since that version was read. django.core.exceptions.ValidationError for invalid values (nothing saved).
    """
    unknown = set(fields) - set(UPDATABLE_FIELDS)
    if unknown:
        raise TypeError(f"review_update cannot change {', '.join(sorted(unknown))}")
    review = _locked(review)
    _require(user, review.organisation, PREPARE_REVIEW, _("Only the coordinator can change the review's details."))
    _require_status(review, ReviewStatus.DRAFT, pgettext_lazy("review action", "changed"))
    if expected_version is not None:
        review.version = expected_version  # the model's save refuses it when the stored review has moved on
    for name, value in fields.items():
        setattr(review, name, value)
    _save(review, user)
    return review


@transaction.atomic
def review_section_update(
    *, section: ReviewSection, user, narrative: str, included: bool, show_figures: bool, expected_version: int
) -> ReviewSection:
    """Save a section's narrative and settings in a draft unless someone saved it since `expected_version`.

    ConflictError (isms.models; nothing saved) on a version conflict; WorkflowError when the review is
    not a draft or the user is not the coordinator.
    """
    review = _locked(section.review)
    _require(user, review.organisation, PREPARE_REVIEW, _("Only the coordinator can write in the review's sections."))
    _require_status(review, ReviewStatus.DRAFT, pgettext_lazy("review action", "changed"))
    section.narrative = narrative.replace("\r\n", "\n")
    section.included = included
    section.show_figures = show_figures
    section.version = expected_version  # the model's save refuses it when the stored section has moved on
    _save(section, user)
    return section


@transaction.atomic
def review_factors_set(
    *, review: ManagementReview, user, factors: list[tuple[ExternalFactor, str]]
) -> ManagementReview:
    """Make `factors` ([(factor, text_override)], in order) exactly the external factors of the draft's section 3.

    Factors left out are removed from the review (the factor itself stays in the register); the others get
    positions 1, 2, … in the order given. WorkflowError for another organisation's factor or one given twice.
    """
    review = _locked(review)
    _require(
        user, review.organisation, PREPARE_REVIEW, _("Only the coordinator can choose the review's external factors.")
    )
    _require_status(review, ReviewStatus.DRAFT, pgettext_lazy("review action", "changed"))
    ids = [factor.pk for factor, _text in factors]
    if len(set(ids)) != len(ids):
        raise WorkflowError(_("The same factor is chosen twice. Choose each factor once."))
    if any(factor.organisation_id != review.organisation_id for factor, _text in factors):
        raise WorkflowError(_("Choose only factors from your own organisation's register."))
    existing = {row.factor_id: row for row in review.factors.all()}
    for factor_id, row in existing.items():
        if factor_id not in ids:
            row._history_user = user
            row.delete()
    for position, (factor, text) in enumerate(factors, start=1):
        row = existing.get(factor.pk) or ReviewFactor(review=review, factor=factor, created_by=user)
        text = (text or "").replace("\r\n", "\n")
        if row.pk and row.position == position and row.text_override == text:
            continue
        row.position, row.text_override = position, text
        _save(row, user)
    return review


# ---------------------------------------------------------------------------------------------------------------------
# Review and approval
# ---------------------------------------------------------------------------------------------------------------------


def _demo_time(value: datetime.datetime | None, demo: bool, name: str) -> datetime.datetime:
    """`value` when the demo loader passes one, else now.

    The time of a workflow step is evidence (who approved, when), so no ordinary caller may choose it: a back-dated
    approval would make the record say something that did not happen. Only the demo data reproduces the reference
    document's approval on 2023-11-23, and it says so with demo=True.
    """
    if value is None:
        return timezone.now()
    if not demo:
        raise ValueError(f"{name} may only be given by the demo loader (demo=True); the workflow records the time")
    if timezone.is_naive(value):
        raise ValueError(f"{name} must be timezone-aware")
    return value


@transaction.atomic
def review_submit(
    *, review: ManagementReview, user, submitted_at: datetime.datetime | None = None, demo: bool = False
) -> ManagementReview:
    """Send the draft for review (draft → in review) and record who did it and when. Coordinator only.

    `submitted_at` only with demo=True (see _demo_time).
    """
    when = _demo_time(submitted_at, demo, "submitted_at")
    review = _locked(review)
    _require(user, review.organisation, PREPARE_REVIEW, _("Only the coordinator can send the review for review."))
    _require_status(review, ReviewStatus.DRAFT, pgettext_lazy("review action", "sent for review"))
    _require_valid(review)
    review.status = ReviewStatus.IN_REVIEW
    review.submitted_at, review.submitted_by = when, user
    _save(review, user)
    return review


@transaction.atomic
def review_return(*, review: ManagementReview, user, reason: str) -> ManagementReview:
    """Send the review back to draft (in review → draft) with `reason`, which stays on the review. Head only."""
    review = _locked(review)
    _require(
        user,
        review.organisation,
        APPROVE,
        _("Only the organisation's head of administration can send the review back to the coordinator."),
    )
    _require_status(review, ReviewStatus.IN_REVIEW, pgettext_lazy("review action", "sent back"))
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(_("Write why the review is sent back, so that the coordinator knows what to change."))
    review.status = ReviewStatus.DRAFT
    review.returned_at, review.returned_by, review.return_reason = timezone.now(), user, reason
    _save(review, user)
    return review


def approved_pdf_name(review: ManagementReview, sha256: str) -> str:
    """Storage name of an approved PDF: "reviews/<org code>-<plan year>-rev<N>-<sha256>.pdf"."""
    return f"reviews/{review.organisation.code}-{review.plan_year}-rev{review.revision}-{sha256}.pdf"


def _store_pdf(name: str, data: bytes, sha256: str) -> str:
    """Store `data` write-once under `name` (isms.storage.store_once: a file of that name already there with the
    same SHA-256, left by a render whose transaction rolled back, is used as it is). Returns the stored name."""
    return store_once(name=name, data=data).name


def _clean_decisions(review: ManagementReview, decisions: list[dict]) -> list[dict]:
    cleaned = []
    for number, item in enumerate(decisions, start=1):
        text = (item.get("text") or "").strip()
        if not text:
            raise WorkflowError(
                _("Decision %(number)s has no text. Write the decision or remove the row.") % {"number": number}
            )
        due_date = item.get("due_date")
        if due_date is not None and not isinstance(due_date, datetime.date):
            raise WorkflowError(_("Decision %(number)s: enter the date as YYYY-MM-DD.") % {"number": number})
        create_action = bool(item.get("create_action"))
        year = item.get("action_plan_year") or review.plan_year
        if create_action and year not in review.plan_years:
            years = ", ".join(str(y) for y in review.plan_years)
            raise WorkflowError(
                _("Decision %(number)s: an action can only be put in the plan's years (%(years)s).")
                % {"number": number, "years": years}
            )
        cleaned.append(
            {
                "text": text,
                "owner": (item.get("owner") or "").strip(),
                "due_date": due_date,
                "create_action": create_action,
                "action_plan_year": year,
            }
        )
    return cleaned


def _decision_action(review: ManagementReview, decision: dict, user) -> Action:
    """A new action at the end of the plan year's list for a decision (an empty position: Action.save)."""
    year = decision["action_plan_year"]
    text = decision["text"]
    title = text if len(text) <= 400 else text[:399].rstrip() + "…"
    action = Action(
        organisation=review.organisation,
        plan_year=year,
        position=None,
        title=title,
        description=_("Decision in %(review)s (revision %(revision)s).")
        % {"review": review.display_title, "revision": review.revision}
        + f"\n\n{text}",
        owner=decision["owner"],
        due_date=decision["due_date"],
        created_by=user,
    )
    _save(action, user)
    return action


@transaction.atomic
def review_approve(
    *,
    review: ManagementReview,
    user,
    decisions: list[dict],
    expected_fingerprint: str,
    approved_at: datetime.datetime | None = None,
    demo: bool = False,
) -> ManagementReview:
    """Approve (fastställa) the review: in review → approved, by a head of its organisation.

    `expected_fingerprint`: reviews.compiler.review_fingerprint of the content the head read (the approve page
    carries it). The approval freezes what the registers and texts say now, so it is refused when that is no longer
    what the head read (a register or a text changed in between): the head reads the review again first.

    `decisions`: [{"text", "owner", "due_date" (date or None; a date already passed is accepted, and the approval
    page warns of it: reviews.selectors.decisions_due_before_approval), "create_action" (bool), "action_plan_year"
    (int or None: the plan year)}], in order; each becomes a Decision, and with create_action an Action at the end of that
    year's list of the plan, linked to it (approving includes that right). Then the review is compiled (decisions
    included), the compiled content stored in `frozen_figures`, the PDF rendered once and stored write-once with
    its SHA-256, and the approver's name and the time recorded.

    WorkflowError: not in review (a draft must be submitted first; approved is approved once), the user is not a
    head of the organisation, or the user submitted or started the review (whatever their role now), or a decision
    is invalid, or the content no longer has `expected_fingerprint`. `approved_at` only with demo=True (ValueError
    otherwise; see _demo_time).
    """
    when = _demo_time(approved_at, demo, "approved_at")
    review = _locked(review)
    membership = _require(
        user, review.organisation, APPROVE, _("Only the organisation's head of administration can approve the review.")
    )
    if membership.role != Role.HEAD:  # APPROVE is the head's; the check says so in case capabilities change
        raise WorkflowError(_("Only the organisation's head of administration can approve the review."))
    if review.status == ReviewStatus.DRAFT:
        raise WorkflowError(
            _("The review is a draft. The coordinator sends it for review first; then it can be approved.")
        )
    _require_status(review, ReviewStatus.IN_REVIEW, pgettext_lazy("review action", "approved"))
    if user.pk in {review.submitted_by_id, review.created_by_id}:
        raise WorkflowError(
            _(
                "Whoever prepared or submitted the review cannot approve it. Another head of administration must "
                "approve it."
            )
        )
    _require_valid(review)
    cleaned = _clean_decisions(review, decisions)
    if review_fingerprint(review) != expected_fingerprint:
        raise ContentChangedError(
            _(
                "The review has changed since you opened it: figures from the registers or texts are no longer what "
                "you read. The review has not been approved. Read it again, then approve it."
            )
        )

    for position, item in enumerate(cleaned, start=1):
        action = _decision_action(review, item, user) if item["create_action"] else None
        _save(
            Decision(
                review=review,
                position=position,
                text=item["text"],
                owner=item["owner"],
                due_date=item["due_date"],
                action=action,
                created_by=user,
            ),
            user,
        )

    review.status = ReviewStatus.APPROVED
    review.approved_at, review.approved_by = when, user
    review.approver_name = user.get_full_name() or user.get_username()
    with translation.override(PDF_LANGUAGE):
        compiled = compile_review(review)
    data = render_compiled_pdf(compiled)
    sha256 = hashlib.sha256(data).hexdigest()
    review.pdf.name = _store_pdf(approved_pdf_name(review, sha256), data, sha256)
    review.pdf_sha256 = sha256
    review.frozen_figures = compiled.to_dict()
    _save(review, user)
    return review


@transaction.atomic
def review_revise(*, review: ManagementReview, user) -> ManagementReview:
    """Start a correction of an approved review: a new draft, revision + 1, pointing to it (`revises`), with its
    fields, sections and factors copied. The approved review stays as it is; the correction is approved again.

    WorkflowError unless the user is the coordinator, the review is approved, and it is the latest revision.
    """
    review = _locked(review)
    _require(user, review.organisation, PREPARE_REVIEW, _("Only the coordinator can start a new revision."))
    if not review.is_approved:
        raise WorkflowError(_("Only an approved review is corrected with a new revision; a draft is changed directly."))
    latest = (
        ManagementReview.objects.filter(organisation=review.organisation, plan_year=review.plan_year)
        .order_by("-revision")
        .first()
    )
    if latest.pk != review.pk:
        raise WorkflowError(
            _("There is already revision %(revision)s of the review for %(year)s. Work in that one.")
            % {"revision": latest.revision, "year": review.plan_year}
        )
    revision = ManagementReview(
        organisation=review.organisation,
        plan_year=review.plan_year,
        revision=review.revision + 1,
        revises=review,
        title=review.title,
        diarienummer=review.diarienummer,
        follow_up_start=review.follow_up_start,
        follow_up_end=review.follow_up_end,
        cutoff_date=review.cutoff_date,
        status=ReviewStatus.DRAFT,
        created_by=user,
    )
    _save(revision, user)
    _copy_review(revision, review, user)
    return revision


# ---------------------------------------------------------------------------------------------------------------------
# Comments
# ---------------------------------------------------------------------------------------------------------------------


@transaction.atomic
def review_comment(*, section: ReviewSection, user, text: str) -> Comment:
    """Comment on a section of a review in review (DPO, head, coordinator: the COMMENT capability)."""
    review = _locked(section.review)
    membership = _require(
        user, review.organisation, COMMENT, _("You cannot comment on the organisation's management review.")
    )
    if review.status != ReviewStatus.IN_REVIEW:
        _require_status(review, ReviewStatus.IN_REVIEW, pgettext_lazy("review action", "commented on"))
    text = (text or "").strip()
    if not text:
        raise WorkflowError(_("Write a comment."))
    comment = Comment(
        organisation=review.organisation,
        content_type=ContentType.objects.get_for_model(ReviewSection),
        object_id=section.pk,
        author=user,
        author_role=membership.role,
        text=text,
        created_by=user,
    )
    _save(comment, user)
    return comment


@transaction.atomic
def review_comment_answer(*, comment: Comment, user) -> Comment:
    """Mark a comment on a review section answered (the coordinator), while the review is not approved."""
    if comment.content_type_id != ContentType.objects.get_for_model(ReviewSection).pk:
        raise WorkflowError(_("The comment does not belong to a management review."))
    section = ReviewSection.objects.select_related("review").get(pk=comment.object_id)
    review = _locked(section.review)
    _require(user, review.organisation, PREPARE_REVIEW, _("Only the coordinator marks comments as answered."))
    if review.is_approved:
        _require_status(review, ReviewStatus.IN_REVIEW, pgettext_lazy("review action", "changed"))
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.answered_at is not None:
        raise WorkflowError(_("The comment is already marked as answered."))
    comment.answered_at = timezone.now()
    _save(comment, user)
    return comment
