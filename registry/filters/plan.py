"""Filters of the action plan, steering document and external factor lists."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import (
    Action,
    ActionStatus,
    DocumentKind,
    DocumentStatus,
    ExternalFactor,
    FactorCategory,
    SteeringDocument,
    Theme,
)
from .audits import year_choices
from .base import YES_NO, RegisterFilterSet

# Actions that are neither done nor cancelled can be overdue.
FINISHED_ACTION = [ActionStatus.DONE, ActionStatus.CANCELLED]


def overdue_actions(today) -> Q:
    """Actions whose due date has passed (before `today`) and that are not done (nor cancelled)."""
    return Q(due_date__lt=today) & ~Q(status__in=FINISHED_ACTION)


class ActionFilter(RegisterFilterSet):
    plan_year = django_filters.ChoiceFilter(label=_("Planned year"), choices=[], empty_label=_("All years"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActionStatus.choices, empty_label=_("All"))
    theme = django_filters.ChoiceFilter(label=_("Theme"), choices=Theme.choices, empty_label=_("All themes"))
    overdue = django_filters.ChoiceFilter(
        label=_("Overdue"), choices=YES_NO, empty_label=_("All"), method="filter_overdue"
    )

    class Meta:
        model = Action
        fields = ["plan_year", "status", "theme", "overdue"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["plan_year"].choices = year_choices(self.request, Action, "plan_year")

    def filter_overdue(self, queryset, name, value):
        """yes: the due date has passed and the action is not done (or cancelled); no: all others."""
        condition = overdue_actions(timezone.localdate())
        return queryset.filter(condition) if value == "yes" else queryset.exclude(condition)


class SteeringDocumentFilter(RegisterFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=DocumentStatus.choices, empty_label=_("All"))
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=DocumentKind.choices, empty_label=_("All types"))
    required = django_filters.ChoiceFilter(
        label=_("Mandatory routine"), choices=YES_NO, empty_label=_("All"), method="filter_required"
    )
    review_due = django_filters.ChoiceFilter(
        label=_("Due for review"), choices=YES_NO, empty_label=_("All"), method="filter_review_due"
    )

    class Meta:
        model = SteeringDocument
        fields = ["status", "kind", "required", "review_due"]

    def filter_required(self, queryset, name, value):
        return queryset.filter(required=value == "yes")

    def filter_review_due(self, queryset, name, value):
        """yes: due for review today (SteeringDocument.due_for_review); no: the others."""
        due = SteeringDocument.due_for_review(timezone.localdate())
        return queryset.filter(due) if value == "yes" else queryset.exclude(due)


class ExternalFactorFilter(RegisterFilterSet):
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=FactorCategory.choices, empty_label=_("All categories")
    )
    in_force = django_filters.ChoiceFilter(
        label=_("In effect"), choices=YES_NO, empty_label=_("All"), method="filter_in_force"
    )

    class Meta:
        model = ExternalFactor
        fields = ["category", "in_force"]

    def filter_in_force(self, queryset, name, value):
        """yes: no end date, or an end date today or later (a factor applies on its last day); no: ended."""
        in_force = Q(valid_to__isnull=True) | Q(valid_to__gte=timezone.localdate())
        return queryset.filter(in_force) if value == "yes" else queryset.exclude(in_force)
