"""The management review (Ledningens genomgång, ISO/IEC 27001:2022 9.3) and its parts (DESIGN.md §4)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from isms.models import TimeStampedModel
from registry.models import Action, ExternalFactor, Organisation

from .sections import SECTION_CHOICES
from .storage import get_write_once_storage


class ApprovedReviewChanged(Exception):
    """A write to an approved review or to one of its parts: an approved review never changes (DESIGN.md §4)."""


def _refuse_if_approved(review_id: int | None) -> None:
    """Raise ApprovedReviewChanged when the stored review `review_id` is approved. One query; none for a new row."""
    if review_id is not None and ManagementReview.objects.filter(pk=review_id, status=ReviewStatus.APPROVED).exists():
        raise ApprovedReviewChanged("En fastställd genomgång ändras aldrig. Gör en ny revision om den behöver rättas.")


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    IN_REVIEW = "in_review", _("Under granskning")
    APPROVED = "approved", _("Fastställd")


class ManagementReview(TimeStampedModel):
    """Ledningens genomgång of one organisation for one plan year (written in autumn, plans the year and two more).

    `cutoff_date` is the date at which register figures are computed. `revision` starts at 1; a correction of an
    approved review is a new revision pointing to it through `revises`. On approval `frozen_figures` (JSON of the
    compiled content), `pdf`, `pdf_sha256` (hex), `approved_by` and `approved_at` are set and never change.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("organisation")
    )
    plan_year = models.PositiveSmallIntegerField(_("planår"))
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    revises = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("rättar"),
    )
    title = models.CharField(_("titel"), max_length=200, blank=True)
    diarienummer = models.CharField(_("diarienummer"), max_length=60, blank=True)
    follow_up_start = models.DateField(_("uppföljningsperiod från"), null=True, blank=True)
    follow_up_end = models.DateField(_("uppföljningsperiod till"), null=True, blank=True)
    cutoff_date = models.DateField(_("brytdatum för registeruppgifter"))
    status = models.CharField(_("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT)
    submitted_at = models.DateTimeField(_("inskickad"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inskickad av"),
    )
    approved_at = models.DateTimeField(_("fastställd"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fastställd av"),
    )
    approver_name = models.CharField(_("fastställd av (namn)"), max_length=200, blank=True)
    returned_at = models.DateTimeField(_("återförvisad"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("återförvisad av"),
    )
    return_reason = models.TextField(
        _("skäl till återförvisning"),
        blank=True,
        help_text=_("Förvaltningschefens skäl senast genomgången skickades tillbaka till utkast."),
    )
    frozen_figures = models.JSONField(_("frysta uppgifter"), null=True, blank=True, editable=False)
    pdf = models.FileField(
        _("fastställd PDF"),
        upload_to="reviews/",
        storage=get_write_once_storage,
        max_length=200,
        blank=True,
        editable=False,
    )
    pdf_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False, db_index=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ledningens genomgång")
        verbose_name_plural = _("ledningens genomgångar")
        ordering = ["organisation", "-plan_year", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "plan_year", "revision"], name="review_unique_year_revision"
            ),
            models.CheckConstraint(condition=Q(status__in=ReviewStatus.values), name="review_status_valid"),
            models.CheckConstraint(condition=Q(plan_year__gte=2000, plan_year__lte=2100), name="review_year_range"),
            models.CheckConstraint(
                condition=~Q(status=ReviewStatus.APPROVED)
                | (Q(approved_at__isnull=False) & Q(approved_by__isnull=False)),
                name="review_approved_has_approver",
            ),
            models.CheckConstraint(
                condition=Q(follow_up_end__isnull=True)
                | Q(follow_up_start__isnull=True)
                | Q(follow_up_end__gte=models.F("follow_up_start")),
                name="review_follow_up_period_order",
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

    review = models.ForeignKey(
        ManagementReview, on_delete=models.CASCADE, related_name="sections", verbose_name=_("genomgång")
    )
    key = models.CharField(_("avsnitt"), max_length=20, choices=SECTION_CHOICES)
    included = models.BooleanField(_("med i rapporten"), default=True)
    narrative = models.TextField(_("text"), blank=True)
    show_figures = models.BooleanField(_("visa beräknade uppgifter"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("avsnitt")
        verbose_name_plural = _("avsnitt")
        constraints = [models.UniqueConstraint(fields=["review", "key"], name="reviewsection_unique_key")]

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

    review = models.ForeignKey(
        ManagementReview, on_delete=models.CASCADE, related_name="factors", verbose_name=_("genomgång")
    )
    factor = models.ForeignKey(ExternalFactor, on_delete=models.PROTECT, related_name="+", verbose_name=_("faktor"))
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    text_override = models.TextField(_("text för detta år"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("faktor i genomgång")
        verbose_name_plural = _("faktorer i genomgång")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["review", "factor"], name="reviewfactor_unique_factor")]

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

    review = models.ForeignKey(
        ManagementReview, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("genomgång")
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    text = models.TextField(_("beslut"))
    owner = models.CharField(_("ansvarig"), max_length=200, blank=True)
    due_date = models.DateField(_("klart senast"), null=True, blank=True)
    # PROTECT: the action a decision created is part of the approved record; it is cancelled, never deleted.
    action = models.OneToOneField(
        Action, on_delete=models.PROTECT, null=True, blank=True, related_name="decision", verbose_name=_("åtgärd")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        ordering = ["review", "position", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    def save(self, *args, **kwargs):
        _refuse_if_approved(self.review_id)  # parts of an approved review never change either
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _refuse_if_approved(self.review_id)
        return super().delete(*args, **kwargs)
