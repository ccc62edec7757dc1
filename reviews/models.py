"""The management review (Ledningens genomgång, ISO/IEC 27001:2022 9.3) and its parts (DESIGN.md §4)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from isms.models import Organisation, TimeStampedModel
from registry.models import Action, ExternalFactor

from .sections import SECTION_CHOICES
from .storage import get_write_once_storage


class ApprovedReviewChanged(Exception):
    """A write to an approved review or to one of its parts: an approved review never changes (DESIGN.md §4)."""


def _refuse_if_approved(review_id: int | None) -> None:
    """Raise ApprovedReviewChanged when the stored review `review_id` is approved. One query; none for a new row."""
    if review_id is not None and ManagementReview.objects.filter(pk=review_id, status=ReviewStatus.APPROVED).exists():
        raise ApprovedReviewChanged("an approved review never changes; make a new revision to correct it")


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")


class ManagementReview(TimeStampedModel):
    """Ledningens genomgång of one organisation for one plan year (written in autumn, plans the year and two more).

    `cutoff_date` is the date at which register figures are computed, from 1 January of the year before the plan
    year through 31 December of the plan year (cutoff_range; clean refuses any other). `revision` starts at 1; a
    correction of an approved review is a new revision pointing to it through `revises`. On approval `frozen_figures` (JSON of the
    compiled content), `pdf`, `pdf_sha256` (hex), `approved_by` and `approved_at` are set and never change.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("organisation")
    )
    plan_year = models.PositiveSmallIntegerField(_("plan year"))
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    revises = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("revises"),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    diarienummer = models.CharField(_("reference number"), max_length=60, blank=True)
    follow_up_start = models.DateField(_("follow-up period from"), null=True, blank=True)
    follow_up_end = models.DateField(_("follow-up period to"), null=True, blank=True)
    cutoff_date = models.DateField(_("cut-off date for register figures"))
    status = models.CharField(_("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approver_name = models.CharField(_("approved by (name)"), max_length=200, blank=True)
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("returned by"),
    )
    return_reason = models.TextField(
        _("reason for return"),
        blank=True,
        help_text=_("The head of administration's reason the last time the review was sent back to draft."),
    )
    frozen_figures = models.JSONField(_("frozen figures"), null=True, blank=True, editable=False)
    pdf = models.FileField(
        _("approved PDF"),
        upload_to="reviews/",
        storage=get_write_once_storage,
        max_length=200,
        blank=True,
        editable=False,
    )
    pdf_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False, db_index=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("management review")
        verbose_name_plural = _("management reviews")
        ordering = ["organisation", "-plan_year", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "plan_year", "revision"],
                name="review_unique_year_revision",
                violation_error_message=_(
                    "The organisation already has this revision of the review for the plan year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReviewStatus.values),
                name="review_status_valid",
                violation_error_message=_("Choose a status in the list."),
            ),
            models.CheckConstraint(
                condition=Q(plan_year__gte=2000, plan_year__lte=2100),
                name="review_year_range",
                violation_error_message=_("Enter a year between 2000 and 2100."),
            ),
            models.CheckConstraint(
                condition=~Q(status=ReviewStatus.APPROVED)
                | (Q(approved_at__isnull=False) & Q(approved_by__isnull=False)),
                name="review_approved_has_approver",
                violation_error_message=_("An approved review needs the time of approval and the approver."),
            ),
            models.CheckConstraint(
                condition=Q(follow_up_end__isnull=True)
                | Q(follow_up_start__isnull=True)
                | Q(follow_up_end__gte=models.F("follow_up_start")),
                name="review_follow_up_period_order",
                violation_error_message=_("The follow-up period cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.display_title}"

    @property
    def display_title(self) -> str:
        """ "Ledningens genomgång 2024" unless a title is set."""
        return self.title or f"{_('Ledningens genomgång')} {self.plan_year}"

    @property
    def plan_years(self) -> list[int]:
        """The three years the plan covers: [plan_year, plan_year + 1, plan_year + 2]."""
        return [self.plan_year, self.plan_year + 1, self.plan_year + 2]

    @property
    def is_approved(self) -> bool:
        return self.status == ReviewStatus.APPROVED

    @staticmethod
    def cutoff_range(plan_year: int) -> tuple[datetime.date, datetime.date]:
        """The first and last cut-off date a review of `plan_year` may have: 1 January of the year before (the
        follow-up year, in which the review is written) and 31 December of the plan year (2023-01-01, 2024-12-31
        for the 2024 review)."""
        return datetime.date(plan_year - 1, 1, 1), datetime.date(plan_year, 12, 31)

    def clean(self):
        """ValidationError on cutoff_date, in Swedish, when it lies outside cutoff_range(plan_year)."""
        if self.cutoff_date is None or self.plan_year is None:
            return
        first, last = self.cutoff_range(self.plan_year)
        if not first <= self.cutoff_date <= last:
            raise ValidationError(
                {
                    "cutoff_date": _(
                        "Enter a cut-off date from %(first)s to %(last)s: the figures of the review for %(year)s "
                        "are counted at a date in the year before the plan year or in the plan year itself."
                    )
                    % {"first": first.isoformat(), "last": last.isoformat(), "year": self.plan_year}
                }
            )

    def save(self, *args, **kwargs):
        """Saves unless the stored row is approved (ApprovedReviewChanged): the workflow services are the only
        writers, and this catches any other path (admin, shell, a loader) that would change an approved review."""
        _refuse_if_approved(self.pk)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _refuse_if_approved(self.pk)
        return super().delete(*args, **kwargs)

    @property
    def period(self) -> tuple[datetime.date, datetime.date]:
        """Follow-up period (start, end): the set dates, else the year before the plan year up to the cut-off."""
        start = self.follow_up_start or datetime.date(self.plan_year - 1, 1, 1)
        end = self.follow_up_end or self.cutoff_date
        return start, end


class ReviewSection(TimeStampedModel):
    """One section's narrative in one review, keyed by the section template (reviews.sections).

    `narrative` is plain text: blank lines separate paragraphs, lines starting with "- " are bullets, "1. " numbered
    items. Placeholders in double brackets are replaced by computed text (reviews.compiler.PLACEHOLDERS), e.g.
    [[klassning.förändring]]; a paragraph that is only [[figurer]] places the section's computed figures (table or
    list) there, otherwise they follow the narrative when `show_figures` is set and there are any.
    """

    # How a row reaches its organisation (isms.permissions.organisation_path).
    organisation_path = "review__organisation"

    review = models.ForeignKey(
        ManagementReview, on_delete=models.CASCADE, related_name="sections", verbose_name=_("review")
    )
    key = models.CharField(_("section"), max_length=20, choices=SECTION_CHOICES)
    included = models.BooleanField(_("included in the report"), default=True)
    narrative = models.TextField(_("text"), blank=True)
    show_figures = models.BooleanField(_("show calculated figures"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "key"],
                name="reviewsection_unique_key",
                violation_error_message=_("The review already has this section."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.review}: {self.get_key_display()}"

    def save(self, *args, **kwargs):
        _refuse_if_approved(self.review_id)  # parts of an approved review never change either
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _refuse_if_approved(self.review_id)
        return super().delete(*args, **kwargs)


class ReviewFactor(TimeStampedModel):
    """An external factor included in a review's section 3, at `position`, optionally with this year's own text."""

    # How a row reaches its organisation (isms.permissions.organisation_path).
    organisation_path = "review__organisation"
    # Why the factor register refuses to delete a factor a review includes (registry.views.base.declared_refusal).
    delete_refusals = {
        "factor": _(
            "The external factor is part of a management review and cannot be deleted. Instead, enter a date in "
            "Valid until so that it is not carried over to later years."
        )
    }

    review = models.ForeignKey(
        ManagementReview, on_delete=models.CASCADE, related_name="factors", verbose_name=_("review")
    )
    factor = models.ForeignKey(ExternalFactor, on_delete=models.PROTECT, related_name="+", verbose_name=_("factor"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    text_override = models.TextField(_("text for this year"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("external factor in review")
        verbose_name_plural = _("external factors in review")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "factor"],
                name="reviewfactor_unique_factor",
                violation_error_message=_("The factor is already in the review."),
            )
        ]

    def __str__(self) -> str:
        return str(self.factor)

    @property
    def text(self) -> str:
        return self.text_override or self.factor.text

    def save(self, *args, **kwargs):
        _refuse_if_approved(self.review_id)  # parts of an approved review never change either
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _refuse_if_approved(self.review_id)
        return super().delete(*args, **kwargs)


class Decision(TimeStampedModel):
    """Beslut recorded by the head at approval (ISO/IEC 27001:2022 9.3.3); may have created an action at once."""

    # How a row reaches its organisation (isms.permissions.organisation_path).
    organisation_path = "review__organisation"
    # Why the action plan refuses to delete an action a decision created (registry.views.base.declared_refusal).
    delete_refusals = {
        "action": _(
            "The action was decided in a management review and cannot be deleted. Change the status to Cancelled "
            "instead."
        )
    }

    review = models.ForeignKey(
        ManagementReview, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("review")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("decision"))
    owner = models.CharField(_("responsible"), max_length=200, blank=True)
    due_date = models.DateField(_("due by"), null=True, blank=True)
    # PROTECT: the action a decision created is part of the approved record; it is cancelled, never deleted.
    action = models.OneToOneField(
        Action, on_delete=models.PROTECT, null=True, blank=True, related_name="decision", verbose_name=_("action")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["review", "position", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    def due_date_passed_on(self, day: datetime.date) -> bool:
        """True when the decision has a due date before `day` (due on the day itself has not passed)."""
        return self.due_date is not None and self.due_date < day

    def save(self, *args, **kwargs):
        _refuse_if_approved(self.review_id)  # parts of an approved review never change either
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _refuse_if_approved(self.review_id)
        return super().delete(*args, **kwargs)
