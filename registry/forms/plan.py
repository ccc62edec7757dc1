"""Forms of the action plan, steering documents and external factors."""

from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from ..models import Action, ActionStatus, DocumentStatus, ExternalFactor, SteeringDocument
from .audits import FIRST_YEAR, LAST_YEAR, check_year
from .base import RegisterForm


class RecommendationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.report} – {obj.number}: {Truncator(obj.text).chars(60)}"


class ActionForm(RegisterForm):
    class Meta:
        model = Action
        fields = [
            "plan_year",
            "position",
            "title",
            "description",
            "theme",
            "priority",
            "owner",
            "status",
            "due_date",
            "done_on",
            "progress_notes",
            "recommendation",
            "business_plan_goal",
        ]
        field_classes = {"recommendation": RecommendationChoiceField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "progress_notes": forms.Textarea(attrs={"rows": 3}),
            "plan_year": forms.NumberInput(attrs={"min": FIRST_YEAR, "max": LAST_YEAR}),
        }
        help_texts = {
            "position": _(
                "The action's position in the year's list (1 first). Leave empty to put it last in the chosen plan "
                "year."
            ),
            "done_on": _("Filled in when the status is Implemented."),
            "plan_year": _("The plan year the action belongs to. If it is postponed, it is moved to a later year."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["recommendation"]
        field.queryset = field.queryset.select_related("report").order_by("-report__date", "report_id", "number")
        self.helper.layout = Layout(
            Fieldset(_("The action in the plan"), "plan_year", "position", "title", "description", "theme", "priority"),
            Fieldset(_("Responsibility and progress"), "owner", "status", "due_date", "done_on", "progress_notes"),
            Fieldset(_("Origin"), "recommendation", "business_plan_goal"),
            "version",
        )

    def clean(self):
        data = super().clean()
        check_year(self, "plan_year")
        if data.get("status") == ActionStatus.DONE and not data.get("done_on") and "done_on" not in self.errors:
            self.add_error("done_on", _("Enter the date on which the action was completed."))
        return data


class SteeringDocumentForm(RegisterForm):
    class Meta:
        model = SteeringDocument
        fields = ["title", "kind", "status", "required", "owner", "adopted_on", "last_reviewed_on", "next_review_on"]
        help_texts = {
            "required": _("Tick routines the organisation must have, e.g. the incident management routine."),
            "adopted_on": _("Filled in when the status is Approved."),
        }

    def clean(self):
        data = super().clean()
        if (
            data.get("status") == DocumentStatus.ADOPTED
            and not data.get("adopted_on")
            and "adopted_on" not in self.errors
        ):
            self.add_error("adopted_on", _("Enter when the document was approved."))
        last, following = data.get("last_reviewed_on"), data.get("next_review_on")
        if last and following and following < last:
            self.add_error("next_review_on", _("The next review cannot be before the latest review."))
        return data


class ExternalFactorForm(RegisterForm):
    class Meta:
        model = ExternalFactor
        fields = ["title", "category", "text", "source", "valid_from", "valid_to", "position"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "valid_to": _("Leave empty as long as the factor applies; it is then carried over from year to year."),
            "position": _("The factor's position in section 3 of the review (1 first)."),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end date cannot be before the date the factor started to apply."))
        return data
