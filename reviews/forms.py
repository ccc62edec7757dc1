"""Forms of the management review screens. They validate what the user typed; the workflow services
(reviews.services) decide whether the step is allowed."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from isms.dates import check_year
from isms.forms import DATE_INVALID_MESSAGE, DateInput

from .models import ManagementReview

FIRST_YEAR, LAST_YEAR = 2000, 2100


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


def _date_field(label, **kwargs) -> forms.DateField:
    field = forms.DateField(
        label=label, widget=DateInput(), input_formats=["%Y-%m-%d"], validators=[check_year], **kwargs
    )
    field.error_messages["invalid"] = DATE_INVALID_MESSAGE
    return field


class StartForm(forms.Form):
    plan_year = forms.IntegerField(
        label=_("Plan year"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text=_("The year the plan applies from. The review for 2025 is written in autumn 2024."),
        error_messages={
            "required": _("Enter the plan year, e.g. 2025."),
            "min_value": _("Enter a year between 2000 and 2100."),
            "max_value": _("Enter a year between 2000 and 2100."),
            "invalid": _("Enter the plan year as four digits, e.g. 2025."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class SettingsForm(forms.ModelForm):
    """Title, diarienummer, cut-off date and follow-up period. `version` travels with the form: a save over a
    newer version is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ManagementReview
        fields = ["title", "diarienummer", "cutoff_date", "follow_up_start", "follow_up_end"]
        help_texts = {
            "title": _("Leave blank for “Management review <plan year>”."),
            "cutoff_date": _("The register figures in the report are calculated as at this date."),
            "follow_up_start": _("Leave blank for 1 January of the year before the plan year."),
            "follow_up_end": _("Leave blank for the cut-off date."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("cutoff_date", "follow_up_start", "follow_up_end"):
            self.fields[name].widget = DateInput()
            self.fields[name].input_formats = ["%Y-%m-%d"]
            self.fields[name].error_messages["invalid"] = DATE_INVALID_MESSAGE
            self.fields[name].validators.append(check_year)
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        self.helper = _helper()

    def clean_version(self):
        return self.cleaned_data.get("version") or self.instance.version

    def clean(self):
        data = super().clean()
        start, end = data.get("follow_up_start"), data.get("follow_up_end")
        if start and end and end < start:
            self.add_error("follow_up_end", _("The follow-up period cannot end before it starts."))
        return data

    def _post_clean(self):
        # The service saves; the model's own validation (constraints) is not run against the unsaved instance here.
        pass


class SectionForm(forms.Form):
    narrative = forms.CharField(
        label=_("Section text"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 16, "class": "narrative-input", "spellcheck": "true"}),
    )
    included = forms.BooleanField(
        label=_("Included in the report"),
        required=False,
        help_text=_("Untick to leave the section (and its subsections) out of the report."),
    )
    show_figures = forms.BooleanField(
        label=_("Show calculated figures"),
        required=False,
        help_text=_("The tables and lists calculated from the registers, after the text or where [[figurer]] appears."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class FactorRowForm(forms.Form):
    """One external factor of the organisation: in this review or not, where, and with which text this year."""

    factor_id = forms.IntegerField(widget=forms.HiddenInput)
    included = forms.BooleanField(label=_("Included"), required=False)
    position = forms.IntegerField(
        label=_("Order"),
        required=False,
        min_value=1,
        max_value=99,
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm position-input"}),
    )
    text_override = forms.CharField(
        label=_("Text for this year"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control form-control-sm"}),
    )


FactorFormSet = forms.formset_factory(FactorRowForm, extra=0)


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What does the coordinator need to change? The reason is shown on the review's page."),
        error_messages={"required": _("Write why the review is being sent back.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class DecisionForm(forms.Form):
    """One decision (ISO/IEC 27001:2022 9.3.3). A row left completely empty is skipped."""

    text = forms.CharField(
        label=_("Decision"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = forms.CharField(label=_("Responsible"), required=False, max_length=200)
    due_date = _date_field(_("Due by"), required=False)
    # Unticked unless the head ticks it: an empty row must never create an action (rows without text, owner or due
    # date are skipped whatever the box says, see is_blank).
    create_action = forms.BooleanField(label=_("Create action in the plan"), required=False, initial=False)
    action_plan_year = forms.IntegerField(
        label=_("Plan year for the action"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )

    def __init__(self, *args, plan_years=(), **kwargs):
        super().__init__(*args, **kwargs)
        if plan_years:
            self.fields["action_plan_year"].widget = forms.Select(choices=[(y, str(y)) for y in plan_years])
            self.fields["action_plan_year"].initial = plan_years[0]

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return (
            not (data.get("text") or "").strip() and not (data.get("owner") or "").strip() and not data.get("due_date")
        )

    def clean(self):
        data = super().clean()
        if self.is_blank:
            return data
        if not (data.get("text") or "").strip():
            self.add_error("text", _("Write the decision, or clear the row."))
        if data.get("create_action") and not data.get("action_plan_year"):
            self.add_error("action_plan_year", _("Choose which year of the plan the action belongs to."))
        return data


class BaseDecisionFormSet(forms.BaseFormSet):
    def decisions(self) -> list[dict]:
        """The filled-in rows as the approval service takes them, in order."""
        rows = []
        for form in self.forms:
            if form.is_blank:
                continue
            data = form.cleaned_data
            rows.append(
                {
                    "text": data["text"].strip(),
                    "owner": data.get("owner", "").strip(),
                    "due_date": data.get("due_date"),
                    "create_action": bool(data.get("create_action")),
                    "action_plan_year": data.get("action_plan_year") if data.get("create_action") else None,
                }
            )
        return rows


DecisionFormSet = forms.formset_factory(DecisionForm, formset=BaseDecisionFormSet, extra=3, max_num=30)


class ApproveForm(forms.Form):
    """The head's confirmation, with the fingerprint (reviews.compiler.review_fingerprint) of the content the head's
    page showed: approval is refused when the content has changed since."""

    confirm = forms.BooleanField(
        label=_("I have read the review and approve it. I understand that it cannot be changed afterwards."),
        error_messages={"required": _("Tick the box to confirm that you approve the review.")},
    )
    fingerprint = forms.RegexField(
        regex=r"^[0-9a-f]{64}$",
        widget=forms.HiddenInput,
        error_messages={
            "required": _("The page is incomplete. Open the approval page again from the review."),
            "invalid": _("The page is incomplete. Open the approval page again from the review."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
