"""Audit reports, their recommendations, and internal-control checks."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from isms.models import TimeStampedModel

from .organisations import Organisation


class Issuer(models.TextChoices):
    CITY_AUDIT = "city_audit", _("Stadsrevisionen")
    DPO_ANNUAL_REPORT = "dpo_annual_report", _("Dataskyddsombudets årsrapport")
    INTERNAL_CONTROL = "internal_control", _("Intern kontroll")
    CONSULTANT = "consultant", _("Konsult")
    IMY = "imy", _("Integritetsskyddsmyndigheten (IMY)")
    OTHER = "other", _("Annan")


class DpoArea(models.TextChoices):
    """The six mandatory areas of the DPO annual report in the Stockholm group."""

    RECORDS = "records", _("Registerförteckning")
    STEERING_DOCUMENTS = "steering_documents", _("Styrdokument")
    MEASURES = "measures", _("Tekniska och organisatoriska åtgärder")
    DPIA = "dpia", _("Konsekvensbedömningar")
    RIGHTS = "rights", _("Individens rättigheter")
    BREACHES = "breaches", _("Personuppgiftsincidenter")


class AuditReport(TimeStampedModel):
    """Granskning/rapport: a report addressed to one or more organisations; each addressed organisation sees it."""

    issuer = models.CharField(_("utfärdare"), max_length=20, choices=Issuer.choices)
    title = models.CharField(_("titel"), max_length=300)
    number = models.CharField(_("nummer"), max_length=40, blank=True, help_text=_("T.ex. Nr 5/2019."))
    diarienummer = models.CharField(_("diarienummer"), max_length=60, blank=True)
    date = models.DateField(_("datum"))
    organisations = models.ManyToManyField(Organisation, related_name="audit_reports", verbose_name=_("riktad till"))
    overall_verdict = models.TextField(_("samlad bedömning"), blank=True)
    history = HistoricalRecords(m2m_fields=[organisations])

    class Meta:
        verbose_name = _("granskning")
        verbose_name_plural = _("granskningar")
        ordering = ["-date", "title"]
        constraints = [models.CheckConstraint(condition=Q(issuer__in=Issuer.values), name="auditreport_issuer_valid")]

    def __str__(self) -> str:
        return f"{self.title} ({self.number})" if self.number else self.title


class AuditReportArea(TimeStampedModel):
    """The DPO's status text for one of the six areas of an annual report, for one organisation."""

    report = models.ForeignKey(AuditReport, on_delete=models.CASCADE, related_name="areas", verbose_name=_("rapport"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, verbose_name=_("organisation"))
    area = models.CharField(_("område"), max_length=20, choices=DpoArea.choices)
    status_text = models.TextField(_("bedömning"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("område i årsrapport")
        verbose_name_plural = _("områden i årsrapport")
        constraints = [
            models.UniqueConstraint(fields=["report", "organisation", "area"], name="auditreportarea_unique_area")
        ]

    def __str__(self) -> str:
        return self.get_area_display()


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("Öppen")
    PLANNED = "planned", _("Planerad")
    IN_PROGRESS = "in_progress", _("Pågår")
    DONE = "done", _("Genomförd")
    NOT_PURSUED = "not_pursued", _("Genomförs inte")


class Recommendation(TimeStampedModel):
    """Rekommendation/iakttagelse of a report to one organisation, with its response and status.

    Status rules (database constraints): planned names a year; done names a date; not pursued names a reason.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("organisation")
    )
    report = models.ForeignKey(
        AuditReport, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("rapport")
    )
    number = models.PositiveSmallIntegerField(_("nummer"), help_text=_("Rekommendationens nummer i rapporten."))
    area = models.CharField(_("område"), max_length=20, choices=DpoArea.choices, blank=True)
    text = models.TextField(_("rekommendation"))
    response = models.TextField(_("svar"), blank=True)
    owner = models.CharField(_("ansvarig"), max_length=200, blank=True)
    due_date = models.DateField(_("klart senast"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=RecommendationStatus.choices, default=RecommendationStatus.OPEN
    )
    planned_year = models.PositiveSmallIntegerField(_("planerat år"), null=True, blank=True)
    done_on = models.DateField(_("genomförd den"), null=True, blank=True)
    not_pursued_reason = models.TextField(_("skäl att inte genomföra"), blank=True)
    closed_on = models.DateField(_("avslutad den"), null=True, blank=True)
    follow_up_reference = models.CharField(
        _("uppföljning"),
        max_length=300,
        blank=True,
        help_text=_("Var rekommendationen följdes upp, t.ex. årsrapporten för 2022, dnr RVK 2023/22."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rekommendation")
        verbose_name_plural = _("rekommendationer")
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "organisation", "number"], name="recommendation_unique_number"),
            models.CheckConstraint(
                condition=Q(status__in=RecommendationStatus.values), name="recommendation_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=RecommendationStatus.PLANNED) | Q(planned_year__isnull=False),
                name="recommendation_planned_has_year",
            ),
            models.CheckConstraint(
                condition=~Q(status=RecommendationStatus.DONE) | Q(done_on__isnull=False),
                name="recommendation_done_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=RecommendationStatus.NOT_PURSUED) | ~Q(not_pursued_reason=""),
                name="recommendation_not_pursued_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(planned_year__isnull=True) | Q(planned_year__gte=2000, planned_year__lte=2100),
                name="recommendation_planned_year_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} – {self.number}"

    @property
    def status_label(self) -> str:
        """The status as the review prints it, e.g. "Genomförd 2023", "Planerad 2024"."""
        if self.status == RecommendationStatus.DONE and self.done_on:
            return f"{self.get_status_display()} {self.done_on.year}"
        if self.status == RecommendationStatus.PLANNED and self.planned_year:
            return f"{self.get_status_display()} {self.planned_year}"
        return str(self.get_status_display())


class RecommendationNote(TimeStampedModel):
    """A dated progress note on a recommendation, e.g. "2023: ägarskap tydliggjort"."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="notes", verbose_name=_("rekommendation")
    )
    date = models.DateField(_("datum"))
    text = models.TextField(_("anteckning"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("av")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lägesanteckning")
        verbose_name_plural = _("lägesanteckningar")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}: {self.text[:60]}"


class ControlCheck(TimeStampedModel):
    """Kontroll i internkontrollplanen (IKP), e.g. a sample check (stickprov) of access management.

    `deviations_remedied` never exceeds `deviations_found`.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="control_checks", verbose_name=_("organisation")
    )
    plan_year = models.PositiveSmallIntegerField(_("internkontrollplan för år"))
    process = models.CharField(_("process/risk"), max_length=200, help_text=_("T.ex. behörighetshantering."))
    control = models.CharField(_("kontroll"), max_length=300)
    method = models.CharField(_("metod"), max_length=100, default="Stickprov")
    performed_on = models.DateField(_("utförd den"), null=True, blank=True)
    sample_size = models.PositiveIntegerField(_("stickprovets storlek"), null=True, blank=True)
    deviations_found = models.PositiveIntegerField(_("avvikelser"), default=0)
    deviations_remedied = models.PositiveIntegerField(_("åtgärdade avvikelser"), default=0)
    notes = models.TextField(_("anteckningar"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kontroll")
        verbose_name_plural = _("kontroller")
        ordering = ["-plan_year", "performed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deviations_remedied__lte=models.F("deviations_found")),
                name="controlcheck_remedied_not_above_found",
            ),
            models.CheckConstraint(
                condition=Q(plan_year__gte=2000, plan_year__lte=2100), name="controlcheck_plan_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_year}: {self.control}"
