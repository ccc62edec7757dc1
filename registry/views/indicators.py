"""Indicators (nyckeltal): every indicator's values for the last four years, and the entered indicators' values
(Measurement rows, one per organisation, indicator and year) kept by the coordinator with their history."""

from decimal import Decimal

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from isms.display import EMPTY, decimal_text
from isms.permissions import EDIT, has, organisation_required, require, scoped

from ..forms.indicators import MeasurementForm
from ..models import Indicator, IndicatorKind, Measurement
from ..selectors import indicator_values
from ..services import register_create
from .base import Column, Register

YEARS_SHOWN = 4


def number(value, unit: str = "") -> str:
    """A value as Swedish text: decimal comma, no trailing zeros, the unit after a no-break space ("78,5 %")."""
    if value is None:
        return EMPTY
    text = decimal_text(value) if isinstance(value, Decimal) else str(value).replace(".", ",")
    return f"{text}\xa0{unit}" if unit else text


def indicator_table(request) -> dict:
    """Register.list_context: the table of every indicator for the last four years (the current year measured
    today), with, for coordinators, a link per entered value to enter or change it."""
    today = timezone.localdate()
    years = list(range(today.year - YEARS_SHOWN + 1, today.year + 1))
    series = indicator_values(request.organisation, years, until=today)
    ids = dict(Indicator.objects.values_list("code", "id"))
    measured = {
        (indicator_id, year): pk
        for pk, indicator_id, year in scoped(request, Measurement)
        .filter(year__in=years)
        .values_list("pk", "indicator_id", "year")
    }
    can_enter = has(request, EDIT)
    rows = []
    for item in series:
        cells = []
        for year in years:
            cell = {
                "text": number(item.values.get(year), item.unit),
                "url": None,
                "action": None,
                "context": _("the value for %(name)s %(year)s") % {"name": item.name, "year": year},
            }
            if item.kind == IndicatorKind.ENTERED and can_enter:
                pk = measured.get((ids[item.code], year))
                if pk:
                    cell["url"], cell["action"] = INDICATORS.url("update", pk), _("Edit")
                else:
                    cell["url"], cell["action"] = INDICATORS.url("enter", ids[item.code], year), _("Enter")
            cells.append(cell)
        rows.append({"name": item.name, "entered": item.kind == IndicatorKind.ENTERED, "cells": cells})
    return {"indicator_table": {"years": years, "current_year": today.year, "today": today, "rows": rows}}


@require_http_methods(["GET", "POST"])
@organisation_required
def enter_measurement(request, indicator_id: int, year: int):
    """The create form for one entered indicator and year, filled in; the update form when the value exists."""
    require(request, EDIT)
    indicator = get_object_or_404(Indicator, pk=indicator_id, kind=IndicatorKind.ENTERED)
    existing = scoped(request, Measurement).filter(indicator=indicator, year=year).first()
    if existing:
        return redirect(INDICATORS.url("update", existing.pk))
    form = MeasurementForm(
        request.POST or None, organisation=request.organisation, initial={"indicator": indicator.pk, "year": year}
    )
    if request.method == "POST" and form.is_valid():
        obj = register_create(form=form, organisation=request.organisation, user=request.user)
        messages.success(request, _("%(name)s was saved.") % {"name": obj})
        return redirect(INDICATORS.url("list"))
    return render(
        request,
        "registry/form.html",
        {
            "register": INDICATORS,
            "form": form,
            "obj": None,
            "heading": _("Value for %(indicator)s %(year)s") % {"indicator": indicator, "year": year},
        },
    )


INDICATORS = Register(
    slug="indicators",
    model=Measurement,
    form_class=MeasurementForm,
    edit_capability=EDIT,
    search_fields=["indicator__name", "note"],
    default_sort="-year",
    select_related=("indicator",),
    columns=[
        Column("indicator", sort="indicator__position"),
        Column("year", sort="year"),
        Column("value", value=lambda m: number(m.value, m.indicator.unit)),
        Column("note"),
    ],
    detail_fields=["indicator", "year", "value", "note", "created_at", "updated_at"],
    list_context=indicator_table,
    list_template="registry/indicators/list.html",
)
INDICATORS.extra_urls = [path("enter/<int:indicator_id>/<int:year>/", enter_measurement, name="enter")]
