"""Incidents, with the legal clocks of GDPR Art. 33 and the cybersecurity law (NIS2 Art. 23(4))."""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from isms.dates import CLOCK_SKEW, check_year
from isms.models import Organisation, TimeStampedModel

from .assets import InformationAsset

BREACH_NOTIFICATION_HOURS = 72  # GDPR Art. 33(1)
NIS2_EARLY_WARNING_HOURS = 24  # cybersäkerhetslagen / Directive (EU) 2022/2555 Art. 23(4)(a)
NIS2_NOTIFICATION_HOURS = 72  # Art. 23(4)(b)
NIS2_FINAL_REPORT_MONTHS = 1  # Art. 23(4)(d): one month after the incident notification


def add_months(moment: datetime.datetime, months: int) -> datetime.datetime:
    """`moment` plus calendar months in its own time zone, the day clamped to the month's end (31 Jan + 1 → 28/29 Feb).

    Raises nothing for aware or naive datetimes; keeps the tzinfo.
    """
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    INVESTIGATING = "investigating", _("Under investigation")
    CLOSED = "closed", _("Closed")


class Incident(TimeStampedModel):
    """Incident: an information-security incident, possibly a personal-data breach and/or a significant incident
    under the cybersecurity law. `reference` is "<year>-<sequence>" (e.g. "2024-007"), allocated without gaps at
    registration (registry.services.incident_assign_reference). All datetimes are aware and stored in UTC; deadlines
    are computed in UTC.

    An incident counts in the year it became known (`counted_year`) everywhere: the incident chart, the review's
    incident paragraph, the indicators and the list's year filter. `year` is only the prefix of the reference, an
    identifier fixed at registration: when became_aware_at is later corrected into another year, the reference keeps
    its year and the incident counts in the new one.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="incidents", verbose_name=_("organisation")
    )
    year = models.PositiveSmallIntegerField(_("year"), editable=False)  # the reference's prefix only: counted_year
    sequence = models.PositiveIntegerField(_("serial number"), editable=False)
    title = models.CharField(_("heading"), max_length=300)
    is_information_security = models.BooleanField(_("information security incident"), default=True)
    is_personal_data_breach = models.BooleanField(_("personal data breach"), default=False)
    is_significant_nis2 = models.BooleanField(_("significant incident under the Cybersecurity Act"), default=False)
    occurred_at = models.DateTimeField(_("occurred at"), null=True, blank=True)
    became_aware_at = models.DateTimeField(_("detected at"))
    ended_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    affects_confidentiality = models.BooleanField(_("affects confidentiality"), default=False)
    affects_integrity = models.BooleanField(_("affects integrity"), default=False)
    affects_availability = models.BooleanField(_("affects availability"), default=False)
    affects_traceability = models.BooleanField(_("affects traceability"), default=False)
    assets = models.ManyToManyField(InformationAsset, blank=True, related_name="incidents", verbose_name=_("assets"))
    description = models.TextField(_("description"), blank=True)
    immediate_measures = models.TextField(_("immediate actions"), blank=True)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM)
    status = models.CharField(_("status"), max_length=14, choices=IncidentStatus.choices, default=IncidentStatus.OPEN)
    cause = models.TextField(_("cause"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    # Personal-data breach (GDPR Art. 33–34).
    imy_notified_at = models.DateTimeField(_("reported to IMY"), null=True, blank=True)
    imy_reference = models.CharField(_("IMY reference number"), max_length=60, blank=True)
    late_notification_reason = models.TextField(_("reason for late notification"), blank=True)
    not_notified_reason = models.TextField(
        _("reason for not notifying"),
        blank=True,
        help_text=_("If the breach is unlikely to result in a risk to the rights of data subjects (Art. 33(1))."),
    )
    subjects_informed_at = models.DateTimeField(_("data subjects informed"), null=True, blank=True)
    subjects_not_informed_reason = models.TextField(_("reason for not informing data subjects"), blank=True)
    data_subjects_count = models.PositiveIntegerField(_("number of data subjects"), null=True, blank=True)
    records_count = models.PositiveIntegerField(_("number of records"), null=True, blank=True)
    data_categories = models.TextField(_("categories of personal data"), blank=True)
    # Significant incident under the cybersecurity law.
    early_warning_at = models.DateTimeField(_("early warning submitted"), null=True, blank=True)
    notification_at = models.DateTimeField(_("incident notification submitted"), null=True, blank=True)
    final_report_at = models.DateTimeField(_("final report submitted"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[assets])

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-year", "-sequence"]
        indexes = [models.Index(fields=["organisation", "became_aware_at"], name="incident_org_aware")]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "sequence"],
                name="incident_unique_reference",
                violation_error_message=_("The organisation already has an incident with this reference."),
            ),
            models.CheckConstraint(
                condition=Q(severity__in=Severity.values),
                name="incident_severity_valid",
                violation_error_message=_("Choose a severity in the list."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=IncidentStatus.values),
                name="incident_status_valid",
                violation_error_message=_("Choose a status in the list."),
            ),
            models.CheckConstraint(
                condition=Q(occurred_at__isnull=True) | Q(occurred_at__lte=models.F("became_aware_at")),
                name="incident_occurred_before_aware",
                violation_error_message=_("The time the incident occurred cannot be after the time it was discovered."),
            ),
            models.CheckConstraint(
                condition=Q(imy_notified_at__isnull=True) | Q(not_notified_reason=""),
                name="incident_notified_or_reason_not_both",
                violation_error_message=_(
                    "The incident has been notified to IMY. Clear the reason for not notifying, or remove the "
                    "notification time if it was not notified."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    #: The times of what happened to the incident itself, which cannot lie in the future.
    HAPPENED = ("occurred_at", "became_aware_at", "ended_at")
    #: Every time the incident records, each within the years of isms.dates.
    TIMES = (
        *HAPPENED,
        "imy_notified_at",
        "subjects_informed_at",
        "early_warning_at",
        "notification_at",
        "final_report_at",
    )

    def clean_fields(self, exclude=None):
        """Django's field checks, and: every time in TIMES within isms.dates.FIRST_YEAR … LAST_YEAR; occurred,
        became aware and ended not after now (plus CLOCK_SKEW for a device whose clock runs fast). Errors by field,
        in Swedish; fields in `exclude` (those a form does not show) are not checked. Here rather than in clean(),
        which cannot know which fields a form leaves out. Every write path that validates (forms, admin, services,
        imports) meets it."""
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        latest = timezone.now() + CLOCK_SKEW
        for name in self.TIMES:
            value = getattr(self, name)
            if value is None or name in errors or name in (exclude or ()):
                continue
            try:
                check_year(value)
            except ValidationError as error:
                errors[name] = [error]
                continue
            if name in self.HAPPENED and value > latest:
                errors[name] = [
                    ValidationError(
                        _("The time is in the future. Enter when it happened (Swedish time)."), code="future"
                    )
                ]
        if errors:
            raise ValidationError(errors)

    @property
    def counted_year(self) -> int:
        """The year the incident counts in: that of `became_aware_at` in Europe/Stockholm (the current time zone).
        Its database form is registry.selectors.rules.became_aware_year / became_aware_in_years."""
        return timezone.localtime(self.became_aware_at).year

    @property
    def reference(self) -> str:
        """ "2024-007": the year and a three-digit sequence within the organisation and year."""
        return f"{self.year}-{self.sequence:03d}"

    # GDPR Art. 33 clock.

    @property
    def breach_deadline(self) -> datetime.datetime | None:
        """Aware datetime (UTC), 72 h after `became_aware_at` (GDPR Art. 33(1)); None unless a personal-data breach."""
        if not self.is_personal_data_breach or self.became_aware_at is None:
            return None
        return self.became_aware_at.astimezone(datetime.UTC) + datetime.timedelta(hours=BREACH_NOTIFICATION_HOURS)

    @property
    def breach_notified_late(self) -> bool:
        """True when IMY was notified after the 72 h deadline."""
        deadline = self.breach_deadline
        return bool(deadline and self.imy_notified_at and self.imy_notified_at > deadline)

    def breach_clock_running(self) -> bool:
        """A breach neither notified to IMY nor with a recorded reason not to notify."""
        return self.is_personal_data_breach and self.imy_notified_at is None and not self.not_notified_reason.strip()

    def breach_overdue(self, now: datetime.datetime | None = None) -> bool:
        """The clock is running and the 72 h deadline has passed at `now` (default: the current time)."""
        now = now or timezone.now()
        return self.breach_clock_running() and self.breach_deadline < now

    # Cybersecurity law clocks (NIS2 Art. 23(4)).

    @property
    def nis2_early_warning_deadline(self) -> datetime.datetime | None:
        """Aware datetime (UTC), 24 h after `became_aware_at`; None unless a significant NIS2 incident."""
        if not self.is_significant_nis2 or self.became_aware_at is None:
            return None
        return self.became_aware_at.astimezone(datetime.UTC) + datetime.timedelta(hours=NIS2_EARLY_WARNING_HOURS)

    @property
    def nis2_notification_deadline(self) -> datetime.datetime | None:
        """Aware datetime (UTC), 72 h after `became_aware_at`; None unless a significant NIS2 incident."""
        if not self.is_significant_nis2 or self.became_aware_at is None:
            return None
        return self.became_aware_at.astimezone(datetime.UTC) + datetime.timedelta(hours=NIS2_NOTIFICATION_HOURS)

    @property
    def nis2_final_report_deadline(self) -> datetime.datetime | None:
        """Aware datetime (UTC), one calendar month after the incident notification (`notification_at`, UTC);
        None until the notification is made or unless a significant NIS2 incident."""
        if not self.is_significant_nis2 or self.notification_at is None:
            return None
        return add_months(self.notification_at.astimezone(datetime.UTC), NIS2_FINAL_REPORT_MONTHS)

    def nis2_overdue(self, now: datetime.datetime | None = None) -> list[str]:
        """The NIS2 steps overdue at `now`: any of "early_warning", "notification", "final_report"."""
        if not self.is_significant_nis2:
            return []
        now = now or timezone.now()
        overdue = []
        if self.early_warning_at is None and self.nis2_early_warning_deadline < now:
            overdue.append("early_warning")
        if self.notification_at is None and self.nis2_notification_deadline < now:
            overdue.append("notification")
        deadline = self.nis2_final_report_deadline
        if deadline and self.final_report_at is None and deadline < now:
            overdue.append("final_report")
        return overdue


class IncidentCounter(models.Model):
    """The last sequence number used for an organisation's incidents in one year (locked while allocating)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"],
                name="incidentcounter_unique_year",
                violation_error_message=_("The organisation already has a reference counter for this year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.year}: {self.last}"
