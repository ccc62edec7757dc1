"""Risks from the risk and vulnerability analysis (RSA) and the information-security risk work, and indicators."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from isms.models import Organisation, TimeStampedModel

from .assets import InformationAsset
from .plan import Action


class Treatment(models.TextChoices):
    REDUCE = "reduce", _("Reduce")
    ACCEPT = "accept", _("Accept")
    AVOID = "avoid", _("Avoid")
    SHARE = "share", _("Share/transfer")


class RiskStatus(models.TextChoices):
    IDENTIFIED = "identified", _("Identified")
    IN_TREATMENT = "in_treatment", _("In treatment")
    TREATED = "treated", _("Treated")
    ACCEPTED = "accepted", _("Accepted")
    CLOSED = "closed", _("Closed")


class Risk(TimeStampedModel):
    """Risk: likelihood 1–4 × consequence 1–4 gives `score` 1–16 (computed by the database). `rsa_cycle` names the
    analysis cycle it belongs to, e.g. "2023–2024"."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="risks", verbose_name=_("organisation")
    )
    title = models.CharField(_("risk"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    assets = models.ManyToManyField(InformationAsset, blank=True, related_name="risks", verbose_name=_("assets"))
    likelihood = models.PositiveSmallIntegerField(_("likelihood"), help_text=_("1 (low) – 4 (very high)."))
    consequence = models.PositiveSmallIntegerField(_("consequence"), help_text=_("1 (limited) – 4 (very serious)."))
    score = models.GeneratedField(
        expression=F("likelihood") * F("consequence"),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
        verbose_name=_("risk value"),
    )
    treatment = models.CharField(_("treatment"), max_length=10, choices=Treatment.choices, blank=True)
    owner = models.CharField(_("risk owner"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=14, choices=RiskStatus.choices, default=RiskStatus.IDENTIFIED)
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)
    rsa_cycle = models.CharField(_("RSA cycle"), max_length=20, blank=True)
    actions = models.ManyToManyField(Action, blank=True, related_name="risks", verbose_name=_("actions"))
    history = HistoricalRecords(m2m_fields=[assets, actions])

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["-score", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=4),
                name="risk_likelihood_1_4",
                violation_error_message=_("Enter a likelihood from 1 to 4."),
            ),
            models.CheckConstraint(
                condition=Q(consequence__gte=1, consequence__lte=4),
                name="risk_consequence_1_4",
                violation_error_message=_("Enter a consequence from 1 to 4."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=RiskStatus.values),
                name="risk_status_valid",
                violation_error_message=_("Choose a status in the list."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class IndicatorKind(models.TextChoices):
    COMPUTED = "computed", _("Computed from the registers")
    ENTERED = "entered", _("Entered")


class Indicator(models.Model):
    """Nyckeltal: a computed one (its `code` names the selector in registry.indicators) or an entered one whose
    values are Measurements. A code list kept by the staff admin, shared by all organisations."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=10, choices=IndicatorKind.choices)
    unit = models.CharField(_("unit"), max_length=20, default="%", help_text=_("E.g. “%” or “pcs”."))
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Measurement(TimeStampedModel):
    """An entered indicator's value for one organisation and year (e.g. 78 % completed the e-learning in 2023)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="measurements", verbose_name=_("indicator")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="measurements", verbose_name=_("organisation")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    note = models.TextField(_("comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "organisation", "year"],
                name="measurement_unique_year",
                violation_error_message=_(
                    "The indicator already has a value for this year. Change that value instead."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"
