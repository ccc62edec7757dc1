"""Forms of audit reports, their recommendations and progress notes, and internal-control checks."""

import json

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from isms.forms import DATE_INVALID_MESSAGE, DateInput, with_year_range
from isms.models import Organisation

from ..models import (
    AuditReport,
    ControlCheck,
    DpoArea,
    Issuer,
    Recommendation,
    RecommendationNote,
    RecommendationStatus,
)
from .base import RegisterForm

FIRST_YEAR, LAST_YEAR = 2000, 2100


def check_year(form: forms.Form, name: str) -> None:
    """A field error on `name` unless its year lies within the range the database allows."""
    year = form.cleaned_data.get(name)
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        form.add_error(
            name, _("Enter a year between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )


class AuditReportForm(RegisterForm):
    """A report addressed to the current organisation and, where the user is coordinator in others too, to those
    the user ticks.

    `addressable`: the organisations the user may address reports to (isms.permissions.organisations_with(user,
    EDIT)); those besides the current organisation are offered as the "Also addressed to" checkboxes, shown only when
    there are any. The report is always addressed to the current organisation and keeps the addressees the form does
    not offer, so an edit never drops an organisation it could not show (addressees()). Removing an addressee that
    has recommendations or area texts in the report is a field error (AuditReport.clean_addressees); the issuer rule
    is the model's (AuditReport.clean). Who may save it at all: registry.services.audit_report_change_refusal.
    """

    class Meta:
        model = AuditReport
        fields = ["issuer", "title", "number", "diarienummer", "date", "overall_verdict"]
        widgets = {"overall_verdict": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, addressable=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._addressed = list(self.instance.organisations.all()) if self.instance.pk else []
        offered = addressable.exclude(pk=getattr(self.organisation, "pk", None)) if addressable is not None else None
        shown = list(offered) if offered is not None else []
        if not shown:
            return
        choice_error = _(
            "You can only address the audit report to organisations where you are information security coordinator."
        )
        here = (
            _("The audit report is always addressed to %(organisation)s, where you are working now.")
            % {"organisation": self.organisation}
            if self.organisation is not None
            else ""
        )
        self.fields["organisations"] = forms.ModelMultipleChoiceField(
            queryset=offered,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=_("Also addressed to"),
            help_text=" ".join(
                filter(None, [here, str(_("Tick the other organisations the report is addressed to."))])
            ),
            error_messages={"invalid_choice": choice_error, "invalid_pk_value": choice_error},
        )
        self.initial.setdefault("organisations", [o.pk for o in self._addressed if o in shown])
        self.order_fields(["issuer", "title", "number", "diarienummer", "date", "organisations", "overall_verdict"])

    def addressees(self) -> list[Organisation]:
        """After validation: the organisations the report is to be addressed to, by name: the current one, those
        ticked, and those it is addressed to now that the form does not offer."""
        field = self.fields.get("organisations")
        offered = set(field.queryset) if field is not None else set()
        chosen = set(self.cleaned_data.get("organisations") or ())
        result = {o for o in self._addressed if o not in offered} | chosen
        if self.organisation is not None:
            result.add(self.organisation)
        return sorted(result, key=lambda o: (o.name, o.pk))

    def clean(self):
        data = super().clean()
        if "organisations" in self.fields and "organisations" not in self.errors:
            try:
                self.instance.clean_addressees(self.addressees())
            except ValidationError as error:
                self.add_error(None, error)
        return data


class RecommendationForm(RegisterForm):
    """A recommendation of a report addressed to the organisation. The status rules of the model (planned names a
    year, done a date, not pursued a reason) are field errors here. An existing recommendation stays with reports of
    its kind (the DPO's annual report, or any other), so an edit never moves it to where another role may change it.
    `dpo_only` (for the DPO) offers only the DPO's annual reports and only the recommendation itself (DPO_FIELDS):
    the response, owner, due date and status are the organisation's, so the DPO's form has no such fields and a
    posted value for them is ignored (the row keeps what the coordinator wrote)."""

    DPO_FIELDS = ("report", "number", "area", "text")

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
            "area": _("Only for the DPO's annual report: which of the six areas the recommendation belongs to."),
            "response": _("The organisation's response to the recommendation."),
            "planned_year": _("Filled in when the status is Planned."),
            "done_on": _("Filled in when the status is Implemented."),
            "not_pursued_reason": _("Filled in when the status is Will not be implemented."),
        }

    def __init__(self, *args, dpo_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        reports = self.fields["report"].queryset
        if dpo_only:
            reports = reports.filter(issuer=Issuer.DPO_ANNUAL_REPORT)
        if self.instance.pk:
            if self.instance.report.issuer == Issuer.DPO_ANNUAL_REPORT:
                reports = reports.filter(issuer=Issuer.DPO_ANNUAL_REPORT)
            else:
                reports = reports.exclude(issuer=Issuer.DPO_ANNUAL_REPORT)
        self.fields["report"].queryset = reports.order_by("-date", "title")
        if dpo_only:
            for name in list(self.fields):
                if name not in (*self.DPO_FIELDS, "version"):
                    del self.fields[name]
            self.helper.layout = Layout(Fieldset(_("The recommendation"), *self.DPO_FIELDS), "version")
            return
        self.helper.layout = Layout(
            Fieldset(_("The recommendation"), "report", "number", "area", "text"),
            Fieldset(_("Response and responsibility"), "response", "owner", "due_date"),
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
            self.add_error(
                "planned_year", _("Enter the year in which the recommendation is planned to be implemented.")
            )
        if status == RecommendationStatus.DONE and not data.get("done_on") and "done_on" not in self.errors:
            self.add_error("done_on", _("Enter the date on which the recommendation was implemented."))
        if status == RecommendationStatus.NOT_PURSUED and not (data.get("not_pursued_reason") or "").strip():
            self.add_error("not_pursued_reason", _("Explain why the recommendation will not be implemented."))
        check_year(self, "planned_year")
        report, number, area = data.get("report"), data.get("number"), data.get("area")
        if report and area and report.issuer != Issuer.DPO_ANNUAL_REPORT:
            self.add_error("area", _("Area is only given for the DPO's annual report. Leave the field empty."))
        if report and number is not None and self.organisation is not None:
            taken = Recommendation.objects.filter(report=report, organisation=self.organisation, number=number)
            if taken.exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "number",
                    _(
                        "The report already has a recommendation number %(number)s to your organisation. Choose "
                        "another one."
                    )
                    % {"number": number},
                )
        return data


class RecommendationNoteForm(forms.ModelForm):
    """A dated progress note, e.g. "2023: ägarskap tydliggjort"; the author is the signed-in user."""

    class Meta:
        model = RecommendationNote
        fields = ["date", "text"]
        widgets = {"date": DateInput(), "text": forms.Textarea(attrs={"rows": 2})}
        labels = {"date": _("Date"), "text": _("Progress note")}
        error_messages = {
            "date": {"required": _("Enter the date of the note."), "invalid": DATE_INVALID_MESSAGE},
            "text": {"required": _("Write what has happened before you save.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].input_formats = ["%Y-%m-%d"]
        with_year_range(self.fields["date"])
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
                _("The form is out of date. Reload the page and enter the texts again.")
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
        help_texts = {"deviations_remedied": _("At most as many as the number of deviations.")}

    def clean(self):
        data = super().clean()
        check_year(self, "plan_year")
        found, remedied = data.get("deviations_found"), data.get("deviations_remedied")
        if found is not None and remedied is not None and remedied > found:
            self.add_error(
                "deviations_remedied",
                ngettext(
                    "Resolved deviations cannot be more than the %(found)s deviation that was found.",
                    "Resolved deviations cannot be more than the %(found)s deviations that were found.",
                    found,
                )
                % {"found": found},
            )
        return data
