"""Forms of audit reports, their recommendations and progress notes, and internal-control checks."""

import json

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import (
    AuditReport,
    ControlCheck,
    DpoArea,
    Issuer,
    Recommendation,
    RecommendationNote,
    RecommendationStatus,
)
from .base import DateInput, RegisterForm

FIRST_YEAR, LAST_YEAR = 2000, 2100


def check_year(form: forms.Form, name: str) -> None:
    """A field error on `name` unless its year lies within the range the database allows."""
    year = form.cleaned_data.get(name)
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        form.add_error(
            name, _("Ange ett årtal mellan %(first)s och %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )


class AuditReportForm(RegisterForm):
    """A report addressed to the current organisation: who it is addressed to is not a form field, the new report
    is addressed to the organisation the form was opened in (after the row is saved, see `_save_m2m`)."""

    class Meta:
        model = AuditReport
        fields = ["issuer", "title", "number", "diarienummer", "date", "overall_verdict"]
        widgets = {"overall_verdict": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._new = self.instance.pk is None

    def _save_m2m(self):
        super()._save_m2m()
        if self._new and self.organisation is not None:
            self.instance.organisations.add(self.organisation)


class RecommendationForm(RegisterForm):
    """A recommendation of a report addressed to the organisation. The status rules of the model (planned names a
    year, done a date, not pursued a reason) are field errors here. An existing recommendation stays with reports of
    its kind (the DPO's annual report, or any other), so an edit never moves it to where another role may change it."""

    class Meta:
        model = Recommendation
        fields = [
            "report",
            "number",
            "area",
            "text",
            "response",
            "owner",
            "due_date",
            "status",
            "planned_year",
            "done_on",
            "not_pursued_reason",
            "closed_on",
            "follow_up_reference",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "response": forms.Textarea(attrs={"rows": 4}),
            "not_pursued_reason": forms.Textarea(attrs={"rows": 2}),
            "planned_year": forms.NumberInput(attrs={"min": FIRST_YEAR, "max": LAST_YEAR}),
        }
        help_texts = {
            "area": _("Bara för dataskyddsombudets årsrapport: vilket av de sex områdena rekommendationen hör till."),
            "response": _("Organisationens svar på rekommendationen."),
            "planned_year": _("Fylls i när status är Planerad."),
            "done_on": _("Fylls i när status är Genomförd."),
            "not_pursued_reason": _("Fylls i när status är Genomförs inte."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reports = self.fields["report"].queryset
        if self.instance.pk:
            if self.instance.report.issuer == Issuer.DPO_ANNUAL_REPORT:
                reports = reports.filter(issuer=Issuer.DPO_ANNUAL_REPORT)
            else:
                reports = reports.exclude(issuer=Issuer.DPO_ANNUAL_REPORT)
        self.fields["report"].queryset = reports.order_by("-date", "title")
        self.helper.layout = Layout(
            Fieldset(_("Rekommendationen"), "report", "number", "area", "text"),
            Fieldset(_("Svar och ansvar"), "response", "owner", "due_date"),
            Fieldset(
                _("Status"),
                "status",
                "planned_year",
                "done_on",
                "not_pursued_reason",
                "closed_on",
                "follow_up_reference",
            ),
            "version",
        )

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if (
            status == RecommendationStatus.PLANNED
            and not data.get("planned_year")
            and "planned_year" not in self.errors
        ):
            self.add_error("planned_year", _("Ange vilket år rekommendationen är planerad att genomföras."))
        if status == RecommendationStatus.DONE and not data.get("done_on") and "done_on" not in self.errors:
            self.add_error("done_on", _("Ange datum då rekommendationen genomfördes."))
        if status == RecommendationStatus.NOT_PURSUED and not (data.get("not_pursued_reason") or "").strip():
            self.add_error("not_pursued_reason", _("Skriv varför rekommendationen inte ska genomföras."))
        check_year(self, "planned_year")
        report, number, area = data.get("report"), data.get("number"), data.get("area")
        if report and area and report.issuer != Issuer.DPO_ANNUAL_REPORT:
            self.add_error("area", _("Område anges bara för dataskyddsombudets årsrapport. Lämna fältet tomt."))
        if report and number is not None and self.organisation is not None:
            taken = Recommendation.objects.filter(report=report, organisation=self.organisation, number=number)
            if taken.exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "number",
                    _("Rapporten har redan en rekommendation nummer %(number)s till er organisation. Välj ett annat.")
                    % {"number": number},
                )
        return data


class RecommendationNoteForm(forms.ModelForm):
    """A dated progress note, e.g. "2023: ägarskap tydliggjort"; the author is the signed-in user."""

    class Meta:
        model = RecommendationNote
        fields = ["date", "text"]
        widgets = {"date": DateInput(), "text": forms.Textarea(attrs={"rows": 2})}
        labels = {"date": _("Datum"), "text": _("Lägesanteckning")}
        error_messages = {
            "date": {"required": _("Ange datum för anteckningen."), "invalid": _("Ange datum som 2024-03-01.")},
            "text": {"required": _("Skriv vad som har hänt innan du sparar.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].input_formats = ["%Y-%m-%d"]
        self.fields["text"].max_length = 5000


class AuditReportAreasForm(forms.Form):
    """The DPO's status text for each of the six areas of an annual report, for one organisation. `areas` are the
    existing rows by area; their versions travel in a hidden field, for conflict detection."""

    versions = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        for number, (code, label) in enumerate(DpoArea.choices, start=1):
            self.fields[code] = forms.CharField(
                label=f"{number}. {label}",
                required=False,
                max_length=10000,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=areas[code].status_text if code in areas else "",
            )
        self.initial.setdefault("versions", json.dumps({code: area.version for code, area in areas.items()}))
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_versions(self):
        try:
            versions = json.loads(self.cleaned_data["versions"] or "{}")
            return {str(code): int(version) for code, version in versions.items()}
        except (ValueError, TypeError, AttributeError):
            raise forms.ValidationError(
                _("Formuläret är inaktuellt. Ladda om sidan och skriv in texterna igen.")
            ) from None

    def texts(self) -> dict[str, str]:
        return {code: self.cleaned_data[code] for code, _label in DpoArea.choices}


class ControlCheckForm(RegisterForm):
    class Meta:
        model = ControlCheck
        fields = [
            "plan_year",
            "process",
            "control",
            "method",
            "performed_on",
            "sample_size",
            "deviations_found",
            "deviations_remedied",
            "notes",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "plan_year": forms.NumberInput(attrs={"min": FIRST_YEAR, "max": LAST_YEAR}),
        }
        help_texts = {"deviations_remedied": _("Högst lika många som antalet avvikelser.")}

    def clean(self):
        data = super().clean()
        check_year(self, "plan_year")
        found, remedied = data.get("deviations_found"), data.get("deviations_remedied")
        if found is not None and remedied is not None and remedied > found:
            self.add_error(
                "deviations_remedied",
                _("Åtgärdade avvikelser kan inte vara fler än de %(found)s avvikelser som hittades.")
                % {"found": found},
            )
        return data
