"""Risks from the risk and vulnerability analysis (RSA) and the information-security risk work, and indicators."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from isms.models import TimeStampedModel

from .assets import InformationAsset
from .organisations import Organisation
from .plan import Action


class Treatment(models.TextChoices):
    REDUCE = "reduce", _("Reducera")
    ACCEPT = "accept", _("Acceptera")
    AVOID = "avoid", _("Undvika")
    SHARE = "share", _("Dela/överföra")


class RiskStatus(models.TextChoices):
    IDENTIFIED = "identified", _("Identifierad")
    IN_TREATMENT = "in_treatment", _("Under behandling")
    TREATED = "treated", _("Behandlad")
    ACCEPTED = "accepted", _("Accepterad")
    CLOSED = "closed", _("Avslutad")


class Risk(TimeStampedModel):
    """Risk: likelihood 1–4 × consequence 1–4 gives `score` 1–16 (computed by the database). `rsa_cycle` names the
    analysis cycle it belongs to, e.g. "2023–2024"."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="risks", verbose_name=_("organisation")
    )
    title = models.CharField(_("risk"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    assets = models.ManyToManyField(InformationAsset, blank=True, related_name="risks", verbose_name=_("tillgångar"))
    likelihood = models.PositiveSmallIntegerField(_("sannolikhet"), help_text=_("1 (låg) – 4 (mycket hög)."))
    consequence = models.PositiveSmallIntegerField(
        _("konsekvens"), help_text=_("1 (begränsad) – 4 (mycket allvarlig).")
    )
    score = models.GeneratedField(
        expression=F("likelihood") * F("consequence"),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
        verbose_name=_("riskvärde"),
    )
    treatment = models.CharField(_("hantering"), max_length=10, choices=Treatment.choices, blank=True)
    owner = models.CharField(_("riskägare"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=14, choices=RiskStatus.choices, default=RiskStatus.IDENTIFIED)
    assessed_on = models.DateField(_("bedömd den"), null=True, blank=True)
    rsa_cycle = models.CharField(_("RSA-cykel"), max_length=20, blank=True)
    actions = models.ManyToManyField(Action, blank=True, related_name="risks", verbose_name=_("åtgärder"))
    history = HistoricalRecords(m2m_fields=[assets, actions])

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risker")
        ordering = ["-score", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(likelihood__gte=1, likelihood__lte=4), name="risk_likelihood_1_4"),
            models.CheckConstraint(condition=Q(consequence__gte=1, consequence__lte=4), name="risk_consequence_1_4"),
            models.CheckConstraint(condition=Q(status__in=RiskStatus.values), name="risk_status_valid"),
        ]

    def __str__(self) -> str:
        return self.title


class IndicatorKind(models.TextChoices):
    COMPUTED = "computed", _("Beräknat ur registren")
    ENTERED = "entered", _("Inmatat")


class Indicator(models.Model):
    """Nyckeltal: a computed one (its `code` names the selector in registry.indicators) or an entered one whose
    values are Measurements. A code list kept by the staff admin, shared by all organisations."""

    code = models.SlugField(_("kod"), max_length=40, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=10, choices=IndicatorKind.choices)
    unit = models.CharField(_("enhet"), max_length=20, default="%", help_text=_("T.ex. % eller st."))
    description = models.TextField(_("beskrivning"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nyckeltal")
        verbose_name_plural = _("nyckeltal")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Measurement(TimeStampedModel):
    """An entered indicator's value for one organisation and year (e.g. 78 % completed the e-learning in 2023)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="measurements", verbose_name=_("nyckeltal")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="measurements", verbose_name=_("organisation")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    value = models.DecimalField(_("värde"), max_digits=12, decimal_places=2)
    note = models.TextField(_("kommentar"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mätvärde")
        verbose_name_plural = _("mätvärden")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "organisation", "year"], name="measurement_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"
