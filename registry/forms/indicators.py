"""Values of entered indicators (nyckeltal), one per organisation, indicator and year."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Indicator, IndicatorKind, Measurement
from .base import RegisterForm

FIRST_YEAR = 2000


class MeasurementForm(RegisterForm):
    class Meta:
        model = Measurement
        fields = ["indicator", "year", "value", "note"]
        widgets = {
            "note": forms.Textarea(attrs={"rows": 2}),
            # Text, not type=number: a browser in English would refuse the Swedish decimal comma.
            "value": forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        }
        help_texts = {
            "year": _("The year the value applies to, e.g. 2023."),
            "value": _("Percentages are given as 0–100, with a decimal comma or decimal point (e.g. 78.5)."),
            "note": _("Where the value comes from or how it was measured."),
        }
        error_messages = {
            "indicator": {"required": _("Choose which indicator the value applies to.")},
            "year": {
                "required": _("Enter the year the value applies to."),
                "invalid": _("Enter the year with four digits."),
            },
            "value": {"required": _("Enter a value."), "invalid": _("Enter a number, e.g. 78 or 78.5.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        entered = Indicator.objects.filter(kind=IndicatorKind.ENTERED).order_by("position", "name")
        self.fields["indicator"].queryset = entered
        self.fields["indicator"].empty_label = _("Choose indicator")
        self.fields["value"].localize = True  # accepts 78,5 as well as 78.5
        self.fields["value"].widget.is_localized = True  # shows 78,5
        if not self.instance.pk and len(entered) == 1:
            self.initial.setdefault("indicator", entered[0].pk)

    def clean_value(self):
        value = self.cleaned_data.get("value")
        if value is not None and value < 0:
            raise forms.ValidationError(_("The value cannot be negative."))
        return value

    def clean_year(self):
        year = self.cleaned_data.get("year")
        this_year = timezone.localdate().year
        if year is not None and not FIRST_YEAR <= year <= this_year:
            raise forms.ValidationError(
                _("Enter a year from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": this_year}
            )
        return year

    def clean(self):
        data = super().clean()
        indicator, year, value = data.get("indicator"), data.get("year"), data.get("value")
        if indicator and value is not None and indicator.unit.strip() == "%" and value > Decimal(100):
            self.add_error("value", _("A percentage is between 0 and 100. Enter e.g. 78 for 78 %."))
        if indicator and year and self.organisation is not None:
            taken = Measurement.objects.filter(organisation=self.organisation, indicator=indicator, year=year)
            if self.instance.pk:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error(
                    "year",
                    _("There is already a value for %(indicator)s %(year)s. Change that value instead.")
                    % {"indicator": indicator, "year": year},
                )
        return data
