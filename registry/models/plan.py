"""The three-year action plan, steering documents and external factors."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from isms.models import TimeStampedModel

from .audits import Recommendation
from .organisations import Organisation


class Theme(models.TextChoices):
    CLASSIFICATION = "classification", _("Informationsklassning")
    COMPETENCE = "competence", _("Kompetens och utbildning")
    NIS2 = "nis2", _("NIS2/cybersäkerhetslagen")
    INCIDENTS = "incidents", _("Incidenthantering")
    ACCESS = "access", _("Behörighetshantering")
    PROCUREMENT = "procurement", _("Inköp och upphandling")
    CONTINUITY = "continuity", _("Kontinuitet")
    STEERING = "steering", _("Styrdokument och rutiner")
    OTHER = "other", _("Annat")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planerad")
    STARTED = "started", _("Påbörjad")
    DONE = "done", _("Genomförd")
    POSTPONED = "postponed", _("Senarelagd")
    CANCELLED = "cancelled", _("Avbruten")


class Priority(models.IntegerChoices):
    HIGH = 1, _("Hög")
    MEDIUM = 2, _("Medel")
    LOW = 3, _("Låg")


class Action(TimeStampedModel):
    """Åtgärd: one bullet of the three-year plan, worded for its plan year, at `position` in that year's list.

    The same theme in several years is several actions; postponing moves an action to a later year.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="actions", verbose_name=_("organisation")
    )
    plan_year = models.PositiveSmallIntegerField(_("planerat år"))
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    title = models.CharField(_("åtgärd"), max_length=400, help_text=_("Som den står i planen."))
    description = models.TextField(_("beskrivning"), blank=True)
    theme = models.CharField(_("tema"), max_length=20, choices=Theme.choices, default=Theme.OTHER)
    priority = models.PositiveSmallIntegerField(_("prioritet"), choices=Priority.choices, default=Priority.MEDIUM)
    owner = models.CharField(_("ansvarig"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    progress_notes = models.TextField(_("lägesbeskrivning"), blank=True)
    due_date = models.DateField(_("klart senast"), null=True, blank=True)
    done_on = models.DateField(_("genomförd den"), null=True, blank=True)
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("svarar på rekommendation"),
    )
    business_plan_goal = models.CharField(
        _("mål i verksamhetsplanen"), max_length=100, blank=True, help_text=_("T.ex. mål 3.5.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        ordering = ["plan_year", "position", "id"]
        indexes = [models.Index(fields=["organisation", "plan_year", "position"], name="action_org_year_pos")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ActionStatus.values), name="action_status_valid"),
            models.CheckConstraint(condition=Q(theme__in=Theme.values), name="action_theme_valid"),
            models.CheckConstraint(condition=Q(plan_year__gte=2000, plan_year__lte=2100), name="action_year_range"),
            models.CheckConstraint(
                condition=~Q(status=ActionStatus.DONE) | Q(done_on__isnull=False), name="action_done_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_year}: {self.title}"


class DocumentKind(models.TextChoices):
    POLICY = "policy", _("Policy")
    GUIDELINE = "guideline", _("Anvisning")
    ROUTINE = "routine", _("Rutin")
    HANDBOOK = "handbook", _("Handbok")
    PLAN = "plan", _("Plan")


class DocumentStatus(models.TextChoices):
    MISSING = "missing", _("Saknas")
    DRAFT = "draft", _("Utkast")
    ADOPTED = "adopted", _("Fastställd")
    UNDER_REVISION = "under_revision", _("Under revidering")


class SteeringDocument(TimeStampedModel):
    """Styrdokument or rutin. `required` marks the routines the organisation must have; `missing` ones are listed."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="steering_documents", verbose_name=_("organisation")
    )
    title = models.CharField(_("titel"), max_length=300)
    kind = models.CharField(_("typ"), max_length=10, choices=DocumentKind.choices, default=DocumentKind.ROUTINE)
    owner = models.CharField(_("dokumentägare"), max_length=200, blank=True)
    adopted_on = models.DateField(_("fastställd den"), null=True, blank=True)
    last_reviewed_on = models.DateField(_("senast översedd"), null=True, blank=True)
    next_review_on = models.DateField(_("nästa översyn"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT)
    required = models.BooleanField(_("obligatorisk rutin"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("styrdokument")
        verbose_name_plural = _("styrdokument")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=DocumentStatus.values), name="steeringdocument_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=DocumentStatus.ADOPTED) | Q(adopted_on__isnull=False),
                name="steeringdocument_adopted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class FactorCategory(models.TextChoices):
    LAW = "law", _("Lagar och förordningar")
    CITY = "city", _("Stadens styrning")
    BUDGET = "budget", _("Budget")
    THREATS = "threats", _("Hotbild och omvärld")
    ORGANISATION = "organisation", _("Organisation")
    INTERESTED_PARTIES = "interested_parties", _("Intressenter")


class ExternalFactor(TimeStampedModel):
    """Faktor som påverkar: a sub-section of the review's section 3, carried from year to year until `valid_to`."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="external_factors", verbose_name=_("organisation")
    )
    title = models.CharField(_("rubrik"), max_length=200)
    category = models.CharField(_("kategori"), max_length=20, choices=FactorCategory.choices)
    text = models.TextField(_("text"))
    valid_from = models.DateField(_("gäller från"), null=True, blank=True)
    valid_to = models.DateField(_("gäller till"), null=True, blank=True)
    source = models.CharField(_("källa"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("faktor som påverkar")
        verbose_name_plural = _("faktorer som påverkar")
        ordering = ["position", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="externalfactor_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title
