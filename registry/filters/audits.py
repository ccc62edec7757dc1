"""Filters of the audit report, recommendation and control-check lists."""

import django_filters
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from isms.permissions import scoped

from ..models import AuditReport, ControlCheck, Issuer, Recommendation, RecommendationStatus
from .base import YES_NO, RegisterFilterSet


def year_choices(request, model, field: str) -> list[tuple[int, int]]:
    """The years the organisation's rows of `model` have in `field`, newest first (one query)."""
    if request is None:
        return []
    years = scoped(request, model).exclude(**{f"{field}__isnull": True}).values_list(field, flat=True)
    return [(year, year) for year in sorted(set(years.distinct().order_by()), reverse=True)]


class AuditReportFilter(RegisterFilterSet):
    issuer = django_filters.ChoiceFilter(label=_("Issuer"), choices=Issuer.choices, empty_label=_("All"))

    class Meta:
        model = AuditReport
        fields = ["issuer"]


def organisation_reports(request):
    """The reports addressed to the request's organisation, newest first."""
    if request is None:
        return AuditReport.objects.none()
    return scoped(request, AuditReport).order_by("-date", "title")


class RecommendationFilter(RegisterFilterSet):
    report = django_filters.ModelChoiceFilter(
        label=_("Report"), queryset=organisation_reports, empty_label=_("All reports")
    )
    source = django_filters.ChoiceFilter(
        label=_("Source"), field_name="report__issuer", choices=Issuer.choices, empty_label=_("All sources")
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RecommendationStatus.choices, empty_label=_("All"))
    planned_year = django_filters.ChoiceFilter(label=_("Planned year"), choices=[], empty_label=_("All years"))
    no_response = django_filters.ChoiceFilter(
        label=_("No response"), choices=YES_NO, empty_label=_("All"), method="filter_no_response"
    )

    class Meta:
        model = Recommendation
        fields = ["report", "source", "status", "planned_year", "no_response"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["planned_year"].choices = year_choices(self.request, Recommendation, "planned_year")

    def filter_no_response(self, queryset, name, value):
        """yes: no response recorded yet (blank); no: answered."""
        if value == "yes":
            return queryset.filter(response="")
        return queryset.exclude(response="")


class ControlCheckFilter(RegisterFilterSet):
    plan_year = django_filters.ChoiceFilter(
        label=_("Internal control plan for year"), choices=[], empty_label=_("All years")
    )
    open_deviations = django_filters.ChoiceFilter(
        label=_("Unresolved deviations"), choices=YES_NO, empty_label=_("All"), method="filter_open_deviations"
    )

    class Meta:
        model = ControlCheck
        fields = ["plan_year", "open_deviations"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["plan_year"].choices = year_choices(self.request, ControlCheck, "plan_year")

    def filter_open_deviations(self, queryset, name, value):
        """yes: more deviations found than remedied; no: every deviation remedied (or none found)."""
        if value == "yes":
            return queryset.filter(deviations_found__gt=F("deviations_remedied"))
        return queryset.filter(deviations_found__lte=F("deviations_remedied"))
