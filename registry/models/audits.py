"""Audit reports, their recommendations, and internal-control checks."""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from isms.models import Organisation, TimeStampedModel


class Issuer(models.TextChoices):
    CITY_AUDIT = "city_audit", _("City Audit Office")
    DPO_ANNUAL_REPORT = "dpo_annual_report", _("Data protection officer's annual report")
    INTERNAL_CONTROL = "internal_control", _("Internal control")
    CONSULTANT = "consultant", _("Consultant")
    IMY = "imy", _("Swedish Authority for Privacy Protection (IMY)")
    OTHER = "other", _("Other")


class DpoArea(models.TextChoices):
    """The six mandatory areas of the DPO annual report in the Stockholm group."""

    RECORDS = "records", _("Register of processing")
    STEERING_DOCUMENTS = "steering_documents", _("Steering documents")
    MEASURES = "measures", _("Technical and organisational measures")
    DPIA = "dpia", _("Impact assessments")
    RIGHTS = "rights", _("Rights of the individual")
    BREACHES = "breaches", _("Personal data breaches")


class AuditReport(TimeStampedModel):
    """Granskning/rapport: a report addressed to one or more organisations; each addressed organisation sees it.

    Its own fields and its addressees are common to every addressed organisation (who may change them:
    registry.services.audit_report_change_refusal); its recommendations and area texts are each organisation's own.
    Two rules keep those rows where they belong: the issuer does not change to or from the DPO's annual report while
    the report has recommendations (`clean`), and an organisation with recommendations or area texts in the report
    stays an addressee (`clean_addressees`).
    """

    # How a row reaches its organisation (isms.permissions.organisation_path).
    organisation_path = "organisations"

    issuer = models.CharField(_("issuer"), max_length=20, choices=Issuer.choices)
    title = models.CharField(_("title"), max_length=300)
    number = models.CharField(_("number"), max_length=40, blank=True, help_text=_("E.g. No. 5/2019."))
    diarienummer = models.CharField(_("reference number"), max_length=60, blank=True)
    date = models.DateField(_("date"))
    organisations = models.ManyToManyField(Organisation, related_name="audit_reports", verbose_name=_("addressed to"))
    overall_verdict = models.TextField(_("overall assessment"), blank=True)
    history = HistoricalRecords(m2m_fields=[organisations])

    class Meta:
        verbose_name = _("audit report")
        verbose_name_plural = _("audit reports")
        ordering = ["-date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(issuer__in=Issuer.values),
                name="auditreport_issuer_valid",
                violation_error_message=_("Choose an issuer in the list."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.number})" if self.number else self.title

    def clean(self):
        """Refuse (ValidationError on `issuer`) an issuer changed to or from the DPO's annual report while the report
        has recommendations, any organisation's: the issuer decides who changes them (the DPO those of her annual
        report, the coordinator the others) and how the review reports them, so changing it would hand another
        organisation's recommendations to another role. One query for a saved report."""
        super().clean()
        if self.pk is None:
            return
        stored = AuditReport.objects.filter(pk=self.pk).values_list("issuer", flat=True).first()
        if stored is None:
            return
        dpo = Issuer.DPO_ANNUAL_REPORT
        if (stored == dpo) != (self.issuer == dpo) and self.recommendations.exists():
            raise ValidationError(
                {
                    "issuer": _(
                        "The issuer cannot be changed to or from %(dpo_report)s while the audit report has "
                        "recommendations: the issuer decides who may change them. Register a new audit report "
                        "instead, or delete the recommendations first."
                    )
                    % {"dpo_report": dpo.label}
                }
            )

    def clean_addressees(self, organisations: Iterable[Organisation]) -> None:
        """Refuse addressing the saved report to exactly `organisations` when that removes an organisation with
        recommendations or area texts in it: those rows would stay but out of their organisation's sight. Raises
        ValidationError({"organisations": [one message per such organisation]}); a new report has nothing to lose.
        Three queries."""
        if self.pk is None:
            return
        removed = list(self.organisations.exclude(pk__in=[o.pk for o in organisations]).order_by("name", "pk"))
        if not removed:
            return
        with_recommendations = set(
            self.recommendations.filter(organisation__in=removed).values_list("organisation", flat=True)
        )
        with_areas = set(self.areas.filter(organisation__in=removed).values_list("organisation", flat=True))
        errors = []
        for org in removed:
            if org.pk in with_recommendations:
                errors.append(
                    _(
                        "%(organisation)s has recommendations in the audit report and can therefore not be removed "
                        "from its addressees. Keep %(organisation)s, or first delete its recommendations."
                    )
                    % {"organisation": org}
                )
            elif org.pk in with_areas:
                errors.append(
                    _(
                        "%(organisation)s has assessments per area in the audit report and can therefore not be "
                        "removed from its addressees. Keep %(organisation)s, or first empty its assessments."
                    )
                    % {"organisation": org}
                )
        if errors:
            raise ValidationError({"organisations": errors})


class AuditReportArea(TimeStampedModel):
    """The DPO's status text for one of the six areas of an annual report, for one organisation."""

    report = models.ForeignKey(AuditReport, on_delete=models.CASCADE, related_name="areas", verbose_name=_("report"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, verbose_name=_("organisation"))
    area = models.CharField(_("area"), max_length=20, choices=DpoArea.choices)
    status_text = models.TextField(_("assessment"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("area in annual report")
        verbose_name_plural = _("areas in annual report")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "organisation", "area"],
                name="auditreportarea_unique_area",
                violation_error_message=_(
                    "The report already has a text for this area for the organisation. Change that text instead."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.get_area_display()


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Implemented")
    NOT_PURSUED = "not_pursued", _("Will not be implemented")


class Recommendation(TimeStampedModel):
    """Rekommendation/iakttagelse of a report to one organisation, with its response and status.

    Status rules (database constraints): planned names a year; done names a date; not pursued names a reason.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("organisation")
    )
    report = models.ForeignKey(
        AuditReport, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("report")
    )
    number = models.PositiveSmallIntegerField(_("number"), help_text=_("The recommendation's number in the report."))
    area = models.CharField(_("area"), max_length=20, choices=DpoArea.choices, blank=True)
    text = models.TextField(_("recommendation"))
    response = models.TextField(_("response"), blank=True)
    owner = models.CharField(_("responsible"), max_length=200, blank=True)
    due_date = models.DateField(_("due by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=RecommendationStatus.choices, default=RecommendationStatus.OPEN
    )
    planned_year = models.PositiveSmallIntegerField(_("planned year"), null=True, blank=True)
    done_on = models.DateField(_("implemented on"), null=True, blank=True)
    not_pursued_reason = models.TextField(_("reason for not implementing"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    follow_up_reference = models.CharField(
        _("follow-up"),
        max_length=300,
        blank=True,
        help_text=_("Where the recommendation was followed up, e.g. the annual report for 2022, ref. RVK 2023/22."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "organisation", "number"],
                name="recommendation_unique_number",
                violation_error_message=_(
                    "The report already has a recommendation with this number for the organisation. Choose another "
                    "number."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=RecommendationStatus.values),
                name="recommendation_status_valid",
                violation_error_message=_("Choose a status in the list."),
            ),
            models.CheckConstraint(
                condition=~Q(status=RecommendationStatus.PLANNED) | Q(planned_year__isnull=False),
                name="recommendation_planned_has_year",
                violation_error_message=_("A planned recommendation needs the year it is planned for."),
            ),
            models.CheckConstraint(
                condition=~Q(status=RecommendationStatus.DONE) | Q(done_on__isnull=False),
                name="recommendation_done_has_date",
                violation_error_message=_("A recommendation that is done needs the date it was done."),
            ),
            models.CheckConstraint(
                condition=~Q(status=RecommendationStatus.NOT_PURSUED) | ~Q(not_pursued_reason=""),
                name="recommendation_not_pursued_has_reason",
                violation_error_message=_("A recommendation that is not pursued needs the reason why."),
            ),
            models.CheckConstraint(
                condition=Q(planned_year__isnull=True) | Q(planned_year__gte=2000, planned_year__lte=2100),
                name="recommendation_planned_year_range",
                violation_error_message=_("Enter a year between 2000 and 2100."),
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

    # How a row reaches its organisation (isms.permissions.organisation_path).
    organisation_path = "recommendation__organisation"

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="notes", verbose_name=_("recommendation")
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("by")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("status note")
        verbose_name_plural = _("status notes")
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
    plan_year = models.PositiveSmallIntegerField(_("internal control plan for year"))
    process = models.CharField(_("process/risk"), max_length=200, help_text=_("E.g. access management."))
    control = models.CharField(_("control check"), max_length=300)
    method = models.CharField(_("method"), max_length=100, default="Stickprov")
    performed_on = models.DateField(_("performed on"), null=True, blank=True)
    sample_size = models.PositiveIntegerField(_("sample size"), null=True, blank=True)
    deviations_found = models.PositiveIntegerField(_("deviations"), default=0)
    deviations_remedied = models.PositiveIntegerField(_("deviations remedied"), default=0)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("control check")
        verbose_name_plural = _("control checks")
        ordering = ["-plan_year", "performed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deviations_remedied__lte=models.F("deviations_found")),
                name="controlcheck_remedied_not_above_found",
                violation_error_message=_("Resolved deviations cannot be more than the deviations that were found."),
            ),
            models.CheckConstraint(
                condition=Q(plan_year__gte=2000, plan_year__lte=2100),
                name="controlcheck_plan_year_range",
                violation_error_message=_("Enter a year between 2000 and 2100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_year}: {self.control}"
