"""Filters of the register of processing.

"incomplete" and "stale_review" are the filters the start page links to (portal.views); like its counts
(registry.selectors.attention.processing_gaps) they look at current records only, those not ended by today.
"""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import LegalBasis, ProcessingActivity, Transfers
from ..selectors.rules import processing_complete, reviewed_within_12_months
from .base import YES_NO, RegisterFilterSet


def current(queryset):
    """Records not ended by today (as registry.selectors.attention.processing_gaps)."""
    return queryset.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=timezone.localdate()))


class ProcessingFilter(RegisterFilterSet):
    incomplete = django_filters.ChoiceFilter(
        label=_("Incomplete (Art. 30)"), choices=YES_NO, empty_label=_("All"), method="filter_incomplete"
    )
    stale_review = django_filters.ChoiceFilter(
        label=_("Not reviewed in 12 months"), choices=YES_NO, empty_label=_("All"), method="filter_stale_review"
    )
    legal_basis = django_filters.ChoiceFilter(label=_("Legal basis"), choices=LegalBasis.choices, empty_label=_("All"))
    transfers = django_filters.ChoiceFilter(
        label=_("Third-country transfer"),
        choices=[*Transfers.choices, ("unknown", _("Not specified"))],
        empty_label=_("All"),
        method="filter_transfers",
    )
    dpia = django_filters.ChoiceFilter(
        label=_("Impact assessment"),
        choices=[("required", _("Needed")), ("missing", _("Needed but not done")), ("no", _("Not needed"))],
        empty_label=_("All"),
        method="filter_dpia",
    )
    active = django_filters.ChoiceFilter(
        label=_("Ongoing or ended"),
        choices=[("yes", _("Ongoing")), ("no", _("Ended"))],
        empty_label=_("All"),
        method="filter_active",
    )

    class Meta:
        model = ProcessingActivity
        fields = ["incomplete", "stale_review", "legal_basis", "transfers", "dpia", "active"]

    def filter_incomplete(self, queryset, name, value):
        """Current records missing an Art. 30(1) item (yes) or with every item (no)."""
        queryset = current(queryset)
        return queryset.exclude(processing_complete()) if value == "yes" else queryset.filter(processing_complete())

    def filter_stale_review(self, queryset, name, value):
        """Current records not reviewed within 12 months (yes) or reviewed (no): reviewed means on or before today
        and after the same date a year ago (as ProcessingActivity.reviewed_within_12_months)."""
        reviewed = reviewed_within_12_months(timezone.localdate())
        queryset = current(queryset)
        return queryset.exclude(reviewed) if value == "yes" else queryset.filter(reviewed)

    def filter_transfers(self, queryset, name, value):
        return queryset.filter(transfers="" if value == "unknown" else value)

    def filter_dpia(self, queryset, name, value):
        if value == "required":
            return queryset.filter(dpia_required=True)
        if value == "missing":
            return queryset.filter(dpia_required=True, dpia_done_on__isnull=True)
        return queryset.filter(dpia_required=False)

    def filter_active(self, queryset, name, value):
        return current(queryset) if value == "yes" else queryset.filter(ended_on__lte=timezone.localdate())
