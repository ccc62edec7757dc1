"""The risk register, with the likelihood × consequence matrix above the list."""

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from isms.permissions import EDIT

from ..filters.risks import HIGH_SCORE, RiskFilter
from ..forms.risks import CONSEQUENCE_CHOICES, LIKELIHOOD_CHOICES, RiskForm
from ..models import Risk
from ..selectors import risk_summary
from .base import Column, Register

MEDIUM_SCORE = 4


def score_level(score: int) -> tuple[str, str]:
    """(css modifier, Swedish name) of a risk value: low under 4, medium under 9, high from 9."""
    if score >= HIGH_SCORE:
        return "high", _("high")
    if score >= MEDIUM_SCORE:
        return "medium", _("medium")
    return "low", _("low")


def risk_matrix(request) -> dict:
    """Register.list_context: the matrix of open risks (of the chosen RSA cycle), likelihood 4 at the top, each
    cell with its count and a link to the list filtered to those risks."""
    cycle = request.GET.get("rsa_cycle") or None
    summary = risk_summary(request.organisation, rsa_cycle=cycle)
    likelihood_names = dict(LIKELIHOOD_CHOICES)
    rows = []
    for likelihood in range(4, 0, -1):
        cells = []
        for consequence in range(1, 5):
            score = likelihood * consequence
            level, level_name = score_level(score)
            params = QueryDict(mutable=True)
            params.update({"likelihood": likelihood, "consequence": consequence, "status": "open"})
            if cycle:
                params["rsa_cycle"] = cycle
            count = summary.matrix[likelihood - 1][consequence - 1]
            cells.append(
                {
                    "count": count,
                    "score": score,
                    "level": level,
                    "url": "?" + params.urlencode(),
                    "description": ngettext(
                        "open risk with likelihood %(likelihood)s and consequence %(consequence)s, risk score "
                        "%(score)s (%(level)s)",
                        "open risks with likelihood %(likelihood)s and consequence %(consequence)s, risk score "
                        "%(score)s (%(level)s)",
                        count,
                    )
                    % {
                        "likelihood": likelihood,
                        "consequence": consequence,
                        "score": score,
                        "level": level_name,
                    },
                }
            )
        rows.append({"likelihood": likelihood, "label": likelihood_names[likelihood], "cells": cells})
    return {
        "matrix": {
            "rows": rows,
            "consequences": CONSEQUENCE_CHOICES,
            "total_open": summary.total_open,
            "high": summary.high,
            "cycle": cycle,
        }
    }


def risk_panels(request, risk):
    return [
        {
            "title": gettext_lazy("Assets"),
            "template": "registry/panels/linked_assets.html",
            "assets": list(risk.assets.order_by("name")),
            "empty": _("No information assets are linked to the risk."),
        },
        {
            "title": gettext_lazy("Actions"),
            "template": "registry/panels/linked_actions.html",
            "actions": list(risk.actions.order_by("plan_year", "position", "id")),
            "empty": _("No actions are linked to the risk."),
        },
    ]


RISKS = Register(
    slug="risks",
    model=Risk,
    form_class=RiskForm,
    edit_capability=EDIT,
    filterset_class=RiskFilter,
    search_fields=["title", "description", "owner"],
    default_sort="-score",
    columns=[
        Column("title", sort="title"),
        Column("likelihood", sort="likelihood"),
        Column("consequence", sort="consequence"),
        Column("score", sort="score"),
        Column("treatment", sort="treatment"),
        Column("status", sort="status"),
        Column("owner", sort="owner"),
    ],
    detail_fields=[
        "title",
        "description",
        "rsa_cycle",
        "likelihood",
        "consequence",
        "score",
        "treatment",
        "owner",
        "status",
        "assessed_on",
        "created_at",
        "updated_at",
    ],
    related=risk_panels,
    list_context=risk_matrix,
    list_template="registry/risks/list.html",
)
