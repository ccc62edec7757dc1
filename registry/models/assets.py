"""Information assets and their classifications (KLASSA / MSB levels 0–4)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from isms.models import Organisation, TimeStampedModel


class AssetKind(models.TextChoices):
    SYSTEM = "system", _("System (IT system/e-service)")
    INFORMATION_SET = "information_set", _("Information set")
    PROCESS = "process", _("Business process")


class Hosting(models.TextChoices):
    OWN = "own", _("In-house hosting")
    CITY_SHARED = "city_shared", _("City-wide shared hosting")
    SUPPLIER_SAAS = "supplier_saas", _("Supplier's service (SaaS)")
    CLOUD_EU = "cloud_eu", _("Cloud service within the EU/EEA")
    CLOUD_THIRD_COUNTRY = "cloud_third_country", _("Cloud service in a third country")


class AssetStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_USE = "in_use", _("In operation")
    RETIRED = "retired", _("Decommissioned")


class StatusOutdated(models.TextChoices):
    """How an asset's stored status can have fallen behind its dates since it was saved (InformationAsset.clean
    refuses both at saving; time brings them about): a planned asset whose start date has come, an asset in
    operation whose decommissioning date has come."""

    PLANNED_STARTED = "planned_started", _("Planned, but the start date has passed")
    RETIREMENT_PASSED = "retirement_passed", _("In operation, but the decommissioning date has passed")


class InformationAsset(TimeStampedModel):
    """Informationstillgång: a system, an information set or a process of one organisation.

    In use on a date D when it is not planned, `in_use_from` <= D and (`retired_on` is empty or D < `retired_on`):
    an asset is in use on the day it is put into use and no longer on the day it is retired, and a planned asset is
    never in use, whatever its dates say (its start date is a plan). Classification coverage, the start page and
    the asset list's "in operation today" filter all count by this rule (registry.selectors.rules.asset_in_use_on).

    Status and dates must agree on the day of saving (clean): in operation from a date that has come and not past
    its decommissioning date; decommissioned on a date that has come; planned to start on a date still to come.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="assets", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=AssetKind.choices, default=AssetKind.SYSTEM)
    owner = models.CharField(_("information owner"), max_length=200, blank=True)
    system_owner = models.CharField(_("system owner"), max_length=200, blank=True)
    system_administrator = models.CharField(_("system administrator"), max_length=200, blank=True)
    supplier = models.CharField(_("supplier"), max_length=200, blank=True)
    hosting = models.CharField(_("hosting"), max_length=24, choices=Hosting.choices, blank=True)
    processes_personal_data = models.BooleanField(_("processes personal data"), default=False)
    special_categories = models.BooleanField(
        _("sensitive personal data"), default=False, help_text=_("Special categories under GDPR Art. 9 or 10.")
    )
    osl_secrecy = models.BooleanField(_("confidentiality under OSL"), default=False)
    nis2_covered = models.BooleanField(_("covered by the Cybersecurity Act"), default=False)
    critical_function = models.BooleanField(_("essential societal function"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=AssetStatus.choices, default=AssetStatus.IN_USE)
    in_use_from = models.DateField(_("in operation from"), null=True, blank=True)
    retired_on = models.DateField(_("decommissioned on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("information asset")
        verbose_name_plural = _("information assets")
        ordering = ["name"]
        indexes = [models.Index(fields=["organisation", "kind", "in_use_from"], name="asset_org_kind_inuse")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AssetKind.values),
                name="asset_kind_valid",
                violation_error_message=_("Choose a kind in the list."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=AssetStatus.values),
                name="asset_status_valid",
                violation_error_message=_("Choose a status in the list."),
            ),
            models.CheckConstraint(
                condition=Q(retired_on__isnull=True)
                | Q(in_use_from__isnull=True)
                | Q(retired_on__gte=models.F("in_use_from")),
                name="asset_retired_after_in_use",
                violation_error_message=_(
                    "The decommissioning date cannot be before the date it was put into operation."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status=AssetStatus.IN_USE) | Q(in_use_from__isnull=False),
                name="asset_in_use_has_start_date",
                violation_error_message=_("Enter the date from which the asset is in operation."),
            ),
            models.CheckConstraint(
                condition=~Q(status=AssetStatus.RETIRED) | Q(retired_on__isnull=False),
                name="asset_retired_has_date",
                violation_error_message=_("Enter when the asset was decommissioned."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_in_use_on(self, day: datetime.date) -> bool:
        """True when the asset is in use on `day` (see the class docstring for the boundary days and planned
        assets). Its database form is registry.selectors.rules.asset_in_use_on."""
        return (
            self.status != AssetStatus.PLANNED
            and self.in_use_from is not None
            and self.in_use_from <= day
            and (self.retired_on is None or day < self.retired_on)
        )

    def status_outdated_on(self, day: datetime.date) -> str | None:
        """The StatusOutdated value when the stored status contradicts the dates on `day`, else None. Its database
        form is registry.selectors.rules.status_outdated."""
        if self.status == AssetStatus.PLANNED and self.in_use_from is not None and self.in_use_from <= day:
            return StatusOutdated.PLANNED_STARTED
        if self.status == AssetStatus.IN_USE and self.retired_on is not None and self.retired_on <= day:
            return StatusOutdated.RETIREMENT_PASSED
        return None

    def clean(self):
        """Status and dates agree today (Europe/Stockholm): raises ValidationError by field, in Swedish, saying what
        to change. In operation: a start date that has come, and no decommissioning date that has come;
        decommissioned: a decommissioning date that has come; planned: no start date that has come. The
        decommissioning date is never before the start date."""
        today = timezone.localdate()
        status, start, end = self.status, self.in_use_from, self.retired_on
        errors = {}
        if status == AssetStatus.IN_USE:
            if start is None:
                errors["in_use_from"] = _("Enter the date from which the asset is in operation.")
            elif start > today:
                errors["in_use_from"] = _(
                    "The asset cannot be in operation from a date that has not yet come. Enter the date it was put "
                    "into operation, or set the status to Planned."
                )
            if end is not None and end <= today:
                errors["retired_on"] = _(
                    "The decommissioning date has come, so the asset is no longer in operation. Set the status to "
                    "Decommissioned, or enter a later date."
                )
        elif status == AssetStatus.RETIRED:
            if end is None:
                errors["retired_on"] = _("Enter when the asset was decommissioned.")
            elif end > today:
                errors["retired_on"] = _(
                    "The asset cannot be decommissioned on a date that has not yet come. Keep the status In "
                    "operation until then, or enter the date it was decommissioned."
                )
        elif status == AssetStatus.PLANNED and start is not None and start <= today:
            errors["in_use_from"] = _(
                "A planned asset cannot have a start date that has already come. Set the status to In operation, "
                "or enter the planned start date."
            )
        if start and end and end < start and "retired_on" not in errors:
            errors["retired_on"] = _("The decommissioning date cannot be before the date it was put into operation.")
        if errors:
            raise ValidationError(errors)


class ClassificationMethod(models.TextChoices):
    KLASSA_4 = "klassa4", _("KLASSA 4.0")
    KLASSA_3 = "klassa3", _("KLASSA 3")
    MSB = "msb", _("MSB's classification model")
    OTHER = "other", _("Other method")


# Methods that assess spårbarhet (S) as well as K, R and T.
METHODS_WITH_TRACEABILITY = {ClassificationMethod.KLASSA_4, ClassificationMethod.KLASSA_3}


class Level(models.IntegerChoices):
    """KLASSA/MSB consequence levels. Level 4 needs a separate analysis outside KLASSA."""

    NONE = 0, _("0 – No or negligible harm")
    MODERATE = 1, _("1 – Moderate harm")
    SIGNIFICANT = 2, _("2 – Significant harm")
    SERIOUS = 3, _("3 – Serious harm")
    VERY_SERIOUS = 4, _("4 – Extremely serious harm")


def _level_field(name):
    return models.PositiveSmallIntegerField(name, choices=Level.choices, null=True, blank=True)


class ClassificationState(models.TextChoices):
    """The state of an asset's classification in force on a day, one of four, in this order of precedence:
    missing (none in force), incomplete (in force but an aspect the method requires is not assessed: it never counts
    as classified, whatever its review date), stale (complete, its review date passed), current (complete and not
    past its review date: what classification coverage counts). Classification.state_on and
    registry.selectors.rules.classification_state are its two forms."""

    CURRENT = "current", _("Current")
    INCOMPLETE = "incomplete", capfirst(_("incomplete"))
    STALE = "stale", _("Out of date (review overdue)")
    MISSING = "missing", _("Missing")


class Classification(TimeStampedModel):
    """Informationsklassning of one asset, decided on one date. An asset keeps every classification.

    The newest one decided on or before a date is the one in force on that date; it is stale once `next_review_due`
    has passed (a classification due on D is still current on D). It is complete when K, R and T are assessed, and S
    too where the method has spårbarhet (METHODS_WITH_TRACEABILITY); an incomplete one is in force but never counts
    as classified (ClassificationState).
    """

    # How a row reaches its organisation (isms.permissions.organisation_path).
    organisation_path = "asset__organisation"

    asset = models.ForeignKey(
        InformationAsset, on_delete=models.CASCADE, related_name="classifications", verbose_name=_("asset")
    )
    decided_on = models.DateField(_("decided on"))
    decided_by = models.CharField(_("decided by"), max_length=200, blank=True, help_text=_("The information owner."))
    participants = models.TextField(_("participants"), blank=True)
    method = models.CharField(
        _("method"), max_length=10, choices=ClassificationMethod.choices, default=ClassificationMethod.KLASSA_4
    )
    confidentiality = _level_field(_("confidentiality"))
    integrity = _level_field(_("integrity"))
    availability = _level_field(_("availability"))
    traceability = _level_field(_("traceability"))
    confidentiality_motivation = models.TextField(_("justification for confidentiality"), blank=True)
    integrity_motivation = models.TextField(_("justification for integrity"), blank=True)
    availability_motivation = models.TextField(_("justification for availability"), blank=True)
    traceability_motivation = models.TextField(_("justification for traceability"), blank=True)
    next_review_due = models.DateField(_("next review due by"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("information classification")
        verbose_name_plural = _("information classifications")
        ordering = ["asset", "-decided_on", "-id"]
        indexes = [models.Index(fields=["asset", "decided_on"], name="classification_asset_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(confidentiality__lte=4),
                name="classification_k_level_0_4",
                violation_error_message=_("Enter a level from 0 to 4 for confidentiality."),
            ),
            models.CheckConstraint(
                condition=Q(integrity__lte=4),
                name="classification_r_level_0_4",
                violation_error_message=_("Enter a level from 0 to 4 for integrity."),
            ),
            models.CheckConstraint(
                condition=Q(availability__lte=4),
                name="classification_t_level_0_4",
                violation_error_message=_("Enter a level from 0 to 4 for availability."),
            ),
            models.CheckConstraint(
                condition=Q(traceability__lte=4),
                name="classification_s_level_0_4",
                violation_error_message=_("Enter a level from 0 to 4 for traceability."),
            ),
            models.CheckConstraint(
                condition=Q(next_review_due__isnull=True) | Q(next_review_due__gt=models.F("decided_on")),
                name="classification_review_after_decision",
                violation_error_message=_("The next review must be after the decision date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.asset} {self.decided_on:%Y-%m-%d}"

    def missing_aspects(self) -> list[str]:
        """The letters of the aspects the method requires that are not assessed, in K, R, T, S order: ["S"] for a
        KLASSA classification without spårbarhet; [] when complete. Database form: rules.assessed()."""
        required = [("K", self.confidentiality), ("R", self.integrity), ("T", self.availability)]
        if self.method in METHODS_WITH_TRACEABILITY:
            required.append(("S", self.traceability))
        return [letter for letter, level in required if level is None]

    @property
    def is_complete(self) -> bool:
        """K, R and T assessed, and S where the method has it."""
        return not self.missing_aspects()

    def state_on(self, day: datetime.date) -> str:
        """This classification's ClassificationState on `day`, taken as the one in force: incomplete, stale or
        current (missing is an asset's state without one)."""
        if not self.is_complete:
            return ClassificationState.INCOMPLETE
        if self.is_stale_on(day):
            return ClassificationState.STALE
        return ClassificationState.CURRENT

    def is_stale_on(self, day: datetime.date) -> bool:
        """True when the review date has passed on `day` (due on `day` itself is not yet stale)."""
        return self.next_review_due is not None and self.next_review_due < day
