"""Filters of the incident register, among them the legal clocks (GDPR Art. 33 and the cybersecurity law).

The clock filter's values are those the start page links to (portal.views): "running" and "overdue"
for any clock, and "breach_running", "breach_overdue", "nis2_running", "nis2_overdue" for one kind, and
"breach_waiting", "nis2_waiting" for the running ones of a kind not yet overdue. Their rules
are the Incident model's own (breach_clock_running, breach_overdue, nis2_overdue) and those of
registry.selectors.attention.incident_clocks, so a count on the start page is the number of rows the list shows.
"""

import datetime

import django_filters
from django.db.models import Q
from django.db.models.functions import Trim
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isms.dates import FIRST_YEAR, LAST_YEAR

from ..models import Incident, IncidentStatus
from ..models.incidents import BREACH_NOTIFICATION_HOURS, NIS2_EARLY_WARNING_HOURS, NIS2_NOTIFICATION_HOURS
from ..selectors.rules import became_aware_in_years, became_aware_year
from .base import RegisterFilterSet


def breach_running(queryset) -> Q:
    """Personal-data breaches neither notified to IMY nor with a recorded reason not to (as
    Incident.breach_clock_running)."""
    running = queryset.annotate(trimmed_not_notified_reason=Trim("not_notified_reason")).filter(
        is_personal_data_breach=True, imy_notified_at__isnull=True, trimmed_not_notified_reason=""
    )
    return Q(pk__in=running.values("pk"))


def breach_overdue(queryset, now: datetime.datetime) -> Q:
    """A running breach clock whose 72 hours have passed at `now` (Incident.breach_overdue)."""
    late = Q(became_aware_at__lt=now - datetime.timedelta(hours=BREACH_NOTIFICATION_HOURS))
    return breach_running(queryset) & late


def nis2_running() -> Q:
    """Significant incidents with a report not yet made (the final report's clock starts at the notification, and
    without a notification the notification itself is outstanding)."""
    return Q(is_significant_nis2=True) & (
        Q(early_warning_at__isnull=True) | Q(notification_at__isnull=True) | Q(final_report_at__isnull=True)
    )


def nis2_overdue(queryset, now: datetime.datetime) -> Q:
    """Significant incidents with a report past its deadline at `now` (Incident.nis2_overdue).

    The final report's deadline is a calendar month after the notification, which SQL cannot add portably: the
    candidates (notified at least 28 days ago, no final report) are read and checked with the model's own rule, in
    one extra query.
    """
    candidates = queryset.filter(
        is_significant_nis2=True,
        final_report_at__isnull=True,
        notification_at__lt=now - datetime.timedelta(days=28),
    ).only("pk", "is_significant_nis2", "notification_at", "final_report_at")
    final_report_late = [incident.pk for incident in candidates if incident.nis2_final_report_deadline < now]
    return Q(is_significant_nis2=True) & (
        Q(early_warning_at__isnull=True, became_aware_at__lt=now - datetime.timedelta(hours=NIS2_EARLY_WARNING_HOURS))
        | Q(notification_at__isnull=True, became_aware_at__lt=now - datetime.timedelta(hours=NIS2_NOTIFICATION_HOURS))
        | Q(pk__in=final_report_late)
    )


CLOCK_CHOICES = [
    ("running", _("A report is outstanding")),
    ("overdue", _("A report is overdue")),
    ("breach_running", _("Notification to IMY outstanding (72 h)")),
    ("breach_overdue", _("Notification to IMY is overdue")),
    ("nis2_running", _("Report under the Cybersecurity Act outstanding")),
    ("nis2_overdue", _("Report under the Cybersecurity Act is overdue")),
    ("breach_waiting", _("Notification to IMY outstanding, not yet overdue")),
    ("nis2_waiting", _("Report under the Cybersecurity Act outstanding, none overdue")),
]


class IncidentFilter(RegisterFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Type"),
        choices=[
            ("breach", _("Personal data breach")),
            ("nis2", _("Significant incident (Cybersecurity Act)")),
            ("other", _("Other incidents")),
        ],
        empty_label=_("All types"),
        method="filter_kind",
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=IncidentStatus.choices, empty_label=_("All"))
    clock = django_filters.ChoiceFilter(
        label=_("Reporting deadline"), choices=CLOCK_CHOICES, empty_label=_("All"), method="filter_clock"
    )
    year = django_filters.ChoiceFilter(label=_("Year"), empty_label=_("All years"), method="filter_year")

    class Meta:
        model = Incident
        fields = ["kind", "status", "clock", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The years the register's own rows count in (the list's queryset is already scoped to the organisation):
        # the year each became known, as everywhere else, not the year of its reference.
        years = (
            self.queryset.annotate(counted_year=became_aware_year())
            .order_by("-counted_year")
            .values_list("counted_year", flat=True)
            .distinct()
        )
        years = list(years)
        # A year chosen (or linked to) without incidents is a valid filter with an empty list, and stays chosen.
        chosen = (self.data.get("year") or "").strip() if self.data is not None else ""
        if chosen.isdigit() and FIRST_YEAR <= int(chosen) <= LAST_YEAR and int(chosen) not in years:
            years = sorted([*years, int(chosen)], reverse=True)
        self.filters["year"].extra["choices"] = [(str(y), str(y)) for y in years]
        self.filters["year"].extra["error_messages"] = {
            "invalid_choice": _("Choose a year in the list, or a year from %(first)d to %(last)d.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        }

    def filter_queryset(self, queryset):
        # An unreadable year lists nothing under its error, rather than every year's incidents as if it were unset.
        if "year" in self.form.errors:
            return queryset.none()
        return super().filter_queryset(queryset)

    def filter_year(self, queryset, name, value):
        """Incidents that became known in the year (Incident.counted_year)."""
        year = int(value)
        return queryset.filter(became_aware_in_years(year, year))

    def filter_kind(self, queryset, name, value):
        if value == "breach":
            return queryset.filter(is_personal_data_breach=True)
        if value == "nis2":
            return queryset.filter(is_significant_nis2=True)
        return queryset.filter(is_personal_data_breach=False, is_significant_nis2=False)

    def filter_clock(self, queryset, name, value):
        now = timezone.now()
        conditions = {
            "running": lambda: breach_running(queryset) | nis2_running(),
            "overdue": lambda: breach_overdue(queryset, now) | nis2_overdue(queryset, now),
            "breach_running": lambda: breach_running(queryset),
            "breach_overdue": lambda: breach_overdue(queryset, now),
            "nis2_running": nis2_running,
            "nis2_overdue": lambda: nis2_overdue(queryset, now),
            "breach_waiting": lambda: breach_running(queryset) & ~breach_overdue(queryset, now),
            "nis2_waiting": lambda: nis2_running() & ~nis2_overdue(queryset, now),
        }
        return queryset.filter(conditions[value]())
