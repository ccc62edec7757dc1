"""Filters of the incident register, among them the legal clocks: a running Art. 33 clock and overdue reports."""

import datetime

import django_filters
from django.db.models import Q
from django.db.models.functions import Trim
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Incident, IncidentStatus
from ..models.incidents import BREACH_NOTIFICATION_HOURS, NIS2_EARLY_WARNING_HOURS, NIS2_NOTIFICATION_HOURS
from .base import YES_NO, RegisterFilterSet


def running_breach_clock(queryset):
    """Personal-data breaches neither notified to IMY nor with a recorded reason not to (as
    Incident.breach_clock_running)."""
    return queryset.annotate(trimmed_not_notified_reason=Trim("not_notified_reason")).filter(
        is_personal_data_breach=True, imy_notified_at__isnull=True, trimmed_not_notified_reason=""
    )


def overdue_condition(queryset, now: datetime.datetime) -> Q:
    """Rows of `queryset` with a report overdue at `now`: the Art. 33 notification (clock running past 72 h) or a NIS2
    early warning, notification or final report past its deadline (Incident.breach_overdue / nis2_overdue).

    The final report's deadline is a calendar month after the notification, which SQL cannot add portably: the
    candidates (notified at least 28 days ago, no final report) are read and checked with the model's own rule, in
    one extra query.
    """
    breach = Q(
        pk__in=running_breach_clock(queryset)
        .filter(became_aware_at__lt=now - datetime.timedelta(hours=BREACH_NOTIFICATION_HOURS))
        .values("pk")
    )
    nis2 = Q(is_significant_nis2=True) & (
        Q(early_warning_at__isnull=True, became_aware_at__lt=now - datetime.timedelta(hours=NIS2_EARLY_WARNING_HOURS))
        | Q(notification_at__isnull=True, became_aware_at__lt=now - datetime.timedelta(hours=NIS2_NOTIFICATION_HOURS))
    )
    candidates = queryset.filter(
        is_significant_nis2=True,
        final_report_at__isnull=True,
        notification_at__lt=now - datetime.timedelta(days=28),
    ).only("pk", "is_significant_nis2", "notification_at", "final_report_at")
    final_report_ids = [incident.pk for incident in candidates if incident.nis2_final_report_deadline < now]
    return breach | nis2 | Q(pk__in=final_report_ids)


class IncidentFilter(RegisterFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Typ"),
        choices=[
            ("breach", _("Personuppgiftsincident")),
            ("nis2", _("Betydande incident (cybersäkerhetslagen)")),
            ("other", _("Övriga incidenter")),
        ],
        empty_label=_("Alla typer"),
        method="filter_kind",
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=IncidentStatus.choices, empty_label=_("Alla"))
    clock = django_filters.ChoiceFilter(
        label=_("72-timmarsfrist till IMY löper"),
        choices=YES_NO,
        empty_label=_("Alla"),
        method="filter_clock",
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Rapportering försenad"), choices=YES_NO, empty_label=_("Alla"), method="filter_overdue"
    )
    year = django_filters.ChoiceFilter(label=_("År"), empty_label=_("Alla år"))

    class Meta:
        model = Incident
        fields = ["kind", "status", "clock", "overdue", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The years of the register's own rows (the list's queryset is already scoped to the organisation).
        years = self.queryset.order_by("-year").values_list("year", flat=True).distinct()
        self.filters["year"].extra["choices"] = [(str(y), str(y)) for y in years]

    def filter_kind(self, queryset, name, value):
        if value == "breach":
            return queryset.filter(is_personal_data_breach=True)
        if value == "nis2":
            return queryset.filter(is_significant_nis2=True)
        return queryset.filter(is_personal_data_breach=False, is_significant_nis2=False)

    def filter_clock(self, queryset, name, value):
        if value == "yes":
            return running_breach_clock(queryset)
        return queryset.exclude(pk__in=running_breach_clock(queryset).values("pk"))

    def filter_overdue(self, queryset, name, value):
        condition = overdue_condition(queryset, timezone.now())
        return queryset.filter(condition) if value == "yes" else queryset.exclude(condition)
