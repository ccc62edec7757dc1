"""The three-year action plan, steering documents and external factors."""

import datetime

from django.db import models
from django.db.models import Max, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from isms.models import Organisation, TimeStampedModel

from .audits import Recommendation


class Theme(models.TextChoices):
    CLASSIFICATION = "classification", _("Information classification")
    COMPETENCE = "competence", _("Competence and training")
    NIS2 = "nis2", _("NIS2/Cybersecurity Act")
    INCIDENTS = "incidents", _("Incident management")
    ACCESS = "access", _("Access management")
    PROCUREMENT = "procurement", _("Purchasing and procurement")
    CONTINUITY = "continuity", _("Continuity")
    STEERING = "steering", _("Steering documents and routines")
    OTHER = "other", _("Other theme")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    STARTED = "started", _("Started")
    DONE = "done", _("Implemented")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class Priority(models.IntegerChoices):
    HIGH = 1, _("High")
    MEDIUM = 2, _("Medium")
    LOW = 3, _("Low")


class Action(TimeStampedModel):
    """Åtgärd: one bullet of the three-year plan, worded for its plan year, at `position` in that year's list.

    The same theme in several years is several actions; postponing moves an action to a later year. An empty
    `position` (None) means "last in the plan year": save() fills it in (see `next_position`), whether the action is
    new or moves to another year, so the position always follows the year chosen.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="actions", verbose_name=_("organisation")
    )
    plan_year = models.PositiveSmallIntegerField(_("planned year"))
    position = models.PositiveSmallIntegerField(_("order"), blank=True)
    title = models.CharField(_("action"), max_length=400, help_text=_("As worded in the plan."))
    description = models.TextField(_("description"), blank=True)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, default=Theme.OTHER)
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices, default=Priority.MEDIUM)
    owner = models.CharField(_("responsible"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    progress_notes = models.TextField(_("status description"), blank=True)
    due_date = models.DateField(_("due by"), null=True, blank=True)
    done_on = models.DateField(_("implemented on"), null=True, blank=True)
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("responds to recommendation"),
    )
    business_plan_goal = models.CharField(
        _("goal in the operational plan"), max_length=100, blank=True, help_text=_("E.g. goal 3.5.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["plan_year", "position", "id"]
        indexes = [models.Index(fields=["organisation", "plan_year", "position"], name="action_org_year_pos")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ActionStatus.values),
                name="action_status_valid",
                violation_error_message=_("Choose a status in the list."),
            ),
            models.CheckConstraint(
                condition=Q(theme__in=Theme.values),
                name="action_theme_valid",
                violation_error_message=_("Choose a theme in the list."),
            ),
            models.CheckConstraint(
                condition=Q(plan_year__gte=2000, plan_year__lte=2100),
                name="action_year_range",
                violation_error_message=_("Enter a year between 2000 and 2100."),
            ),
            models.CheckConstraint(
                condition=~Q(status=ActionStatus.DONE) | Q(done_on__isnull=False),
                name="action_done_has_date",
                violation_error_message=_("An action that is done needs the date it was done."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_year}: {self.title}"

    def next_position(self) -> int:
        """The position after the last action of this action's organisation and plan year (1 in an empty year),
        this action itself not counted. Two actions placed at the same moment may get the same number; the plan
        then orders them by id (Meta.ordering)."""
        others = Action.objects.filter(organisation_id=self.organisation_id, plan_year=self.plan_year)
        last = others.exclude(pk=self.pk).aggregate(last=Max("position"))["last"]
        return (last or 0) + 1

    def clean_fields(self, exclude=None):
        # An empty position is valid: save() puts the action last in its plan year.
        if self.position is None:
            exclude = {*(exclude or ()), "position"}
        super().clean_fields(exclude=exclude)

    def save(self, *args, **kwargs):
        if self.position is None:
            self.position = self.next_position()
        super().save(*args, **kwargs)


class DocumentKind(models.TextChoices):
    POLICY = "policy", _("Policy")
    GUIDELINE = "guideline", _("Instruction")
    ROUTINE = "routine", _("Routine")
    HANDBOOK = "handbook", _("Handbook")
    PLAN = "plan", _("Plan")


class DocumentStatus(models.TextChoices):
    MISSING = "missing", _("Missing")
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Approved")
    UNDER_REVISION = "under_revision", _("Under revision")


class SteeringDocument(TimeStampedModel):
    """Styrdokument or rutin. `required` marks the routines the organisation must have; `missing` ones are listed."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="steering_documents", verbose_name=_("organisation")
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("type"), max_length=10, choices=DocumentKind.choices, default=DocumentKind.ROUTINE)
    owner = models.CharField(_("document owner"), max_length=200, blank=True)
    adopted_on = models.DateField(_("approved on"), null=True, blank=True)
    last_reviewed_on = models.DateField(_("last reviewed"), null=True, blank=True)
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT)
    required = models.BooleanField(_("mandatory routine"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("steering document")
        verbose_name_plural = _("steering documents")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=DocumentStatus.values),
                name="steeringdocument_status_valid",
                violation_error_message=_("Choose a status in the list."),
            ),
            models.CheckConstraint(
                condition=~Q(status=DocumentStatus.ADOPTED) | Q(adopted_on__isnull=False),
                name="steeringdocument_adopted_has_date",
                violation_error_message=_("An adopted document needs the date it was adopted."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @staticmethod
    def due_for_review(day: datetime.date) -> Q:
        """The documents due for review on `day`: their next review date has passed (is before `day`; a review due
        on `day` is not late yet, as with classifications) and they exist (not status missing). The one rule of the
        start page's count, the list filter and its flag."""
        return Q(next_review_on__lt=day) & ~Q(status=DocumentStatus.MISSING)


class FactorCategory(models.TextChoices):
    LAW = "law", _("Laws and regulations")
    CITY = "city", _("City governance")
    BUDGET = "budget", _("Budget")
    THREATS = "threats", _("Threat landscape and environment")
    ORGANISATION = "organisation", _("Organisation")
    INTERESTED_PARTIES = "interested_parties", _("Stakeholders")


class ExternalFactor(TimeStampedModel):
    """Faktor som påverkar: a sub-section of the review's section 3, carried from year to year until `valid_to`."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="external_factors", verbose_name=_("organisation")
    )
    title = models.CharField(_("heading"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=FactorCategory.choices)
    text = models.TextField(_("text"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("external factor")
        verbose_name_plural = _("external factors")
        ordering = ["position", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="externalfactor_valid_range",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return self.title
