"""Filters of the information asset list."""

import django_filters
from django.db.models import Exists, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import AssetKind, AssetStatus, InformationAsset
from ..selectors.rules import in_force_of_outer_asset
from .base import YES_NO, RegisterFilterSet


class AssetFilter(RegisterFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=AssetKind.choices, empty_label=_("All types"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AssetStatus.choices, empty_label=_("All"))
    classification = django_filters.ChoiceFilter(
        label=_("Classification"),
        choices=[("current", _("Current")), ("stale", _("Out of date (review overdue)")), ("missing", _("Missing"))],
        empty_label=_("All"),
        method="filter_classification",
    )
    nis2_covered = django_filters.ChoiceFilter(
        label=_("Covered by the Cybersecurity Act"), choices=YES_NO, empty_label=_("All"), method="filter_yes_no"
    )

    class Meta:
        model = InformationAsset
        fields = ["kind", "status", "classification", "nis2_covered"]

    def filter_yes_no(self, queryset, name, value):
        return queryset.filter(**{name: value == "yes"})

    def filter_classification(self, queryset, name, value):
        """current: the newest classification's review date has not passed; stale: it has; missing: none at all."""
        today = timezone.localdate()
        newest = in_force_of_outer_asset(today)
        queryset = queryset.annotate(
            has_classification=Exists(newest), newest_review_due=Subquery(newest.values("next_review_due")[:1])
        )
        if value == "missing":
            return queryset.filter(has_classification=False)
        queryset = queryset.filter(has_classification=True)
        if value == "stale":
            return queryset.filter(newest_review_due__lt=today)
        return queryset.filter(Q(newest_review_due__isnull=True) | Q(newest_review_due__gte=today))
