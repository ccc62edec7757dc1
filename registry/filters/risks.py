"""Filters of the risk register; likelihood and consequence let the matrix's cells link to their risks."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ..models import Risk, RiskStatus, Treatment
from ..selectors.risks import OPEN_STATUSES
from .base import YES_NO, RegisterFilterSet

HIGH_SCORE = 9  # the matrix's upper-right area (RiskSummary.high)
SCALE = [(str(n), str(n)) for n in range(1, 5)]


class RiskFilter(RegisterFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("open", _("Open (identified or being treated)")), *RiskStatus.choices],
        empty_label=_("All"),
        method="filter_status",
    )
    treatment = django_filters.ChoiceFilter(label=_("Treatment"), choices=Treatment.choices, empty_label=_("All"))
    high = django_filters.ChoiceFilter(
        label=_("Risk value 9 or higher"), choices=YES_NO, empty_label=_("All"), method="filter_high"
    )
    rsa_cycle = django_filters.ChoiceFilter(label=_("RSA cycle"), empty_label=_("All"))
    likelihood = django_filters.ChoiceFilter(label=_("Likelihood"), choices=SCALE, empty_label=_("All"))
    consequence = django_filters.ChoiceFilter(label=_("Consequence"), choices=SCALE, empty_label=_("All"))

    class Meta:
        model = Risk
        fields = ["status", "treatment", "high", "rsa_cycle", "likelihood", "consequence"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The cycles of the register's own rows (the list's queryset is already scoped to the organisation).
        cycles = (
            self.queryset.exclude(rsa_cycle="").order_by("-rsa_cycle").values_list("rsa_cycle", flat=True).distinct()
        )
        self.filters["rsa_cycle"].extra["choices"] = [(c, c) for c in cycles]

    def filter_status(self, queryset, name, value):
        if value == "open":
            return queryset.filter(status__in=OPEN_STATUSES)
        return queryset.filter(status=value)

    def filter_high(self, queryset, name, value):
        return queryset.filter(score__gte=HIGH_SCORE) if value == "yes" else queryset.filter(score__lt=HIGH_SCORE)
