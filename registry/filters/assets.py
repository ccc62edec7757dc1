"""Filters of the information asset list. Each uses the rule the start page counts with (registry.selectors.rules),
so a start-page figure is the number of rows the list it links to shows."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import AssetKind, AssetStatus, ClassificationState, InformationAsset, StatusOutdated
from ..selectors.rules import (
    asset_in_use_on,
    classification_in_force_of_outer_asset,
    classification_state,
    status_outdated,
)
from .base import YES_NO, RegisterFilterSet


class AssetFilter(RegisterFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=AssetKind.choices, empty_label=_("All types"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AssetStatus.choices, empty_label=_("All"))
    in_use = django_filters.ChoiceFilter(
        label=_("In operation today"), choices=YES_NO, empty_label=_("All"), method="filter_in_use"
    )
    classification = django_filters.ChoiceFilter(
        label=_("Classification"),
        choices=[
            (ClassificationState.CURRENT, ClassificationState.CURRENT.label),
            (ClassificationState.INCOMPLETE, ClassificationState.INCOMPLETE.label),
            (ClassificationState.STALE, ClassificationState.STALE.label),
            (ClassificationState.MISSING, ClassificationState.MISSING.label),
        ],
        empty_label=_("All"),
        method="filter_classification",
    )
    outdated_status = django_filters.ChoiceFilter(
        label=_("Status and dates"), choices=StatusOutdated.choices, empty_label=_("All"), method="filter_outdated"
    )
    nis2_covered = django_filters.ChoiceFilter(
        label=_("Covered by the Cybersecurity Act"), choices=YES_NO, empty_label=_("All"), method="filter_yes_no"
    )

    class Meta:
        model = InformationAsset
        fields = ["kind", "status", "in_use", "classification", "outdated_status", "nis2_covered"]

    def filter_yes_no(self, queryset, name, value):
        return queryset.filter(**{name: value == "yes"})

    def filter_in_use(self, queryset, name, value):
        """In operation today by InformationAsset.is_in_use_on (not planned, within its dates), not by status."""
        in_use = asset_in_use_on(timezone.localdate())
        return queryset.filter(in_use) if value == "yes" else queryset.exclude(in_use)

    def filter_classification(self, queryset, name, value):
        """The state of the classification in force today (ClassificationState): current, incomplete, stale or
        missing."""
        today = timezone.localdate()
        queryset = queryset.annotate(**classification_in_force_of_outer_asset(today))
        return queryset.filter(classification_state(value, today))

    def filter_outdated(self, queryset, name, value):
        """Assets whose status their dates contradict today (StatusOutdated)."""
        return queryset.filter(status_outdated(value, timezone.localdate()))
