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
            "position": _("Åtgärdens plats i årets lista (1 först)."),
            "done_on": _("Fylls i när status är Genomförd."),
            "plan_year": _("Året i planen som åtgärden hör till. Skjuts den upp flyttas den till ett senare år."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["recommendation"]
        field.queryset = field.queryset.select_related("report").order_by("-report__date", "report_id", "number")
        self.helper.layout = Layout(
            Fieldset(_("Åtgärden i planen"), "plan_year", "position", "title", "description", "theme", "priority"),
            Fieldset(_("Ansvar och läge"), "owner", "status", "due_date", "done_on", "progress_notes"),
            Fieldset(_("Ursprung"), "recommendation", "business_plan_goal"),
            "version",
        )

    def clean(self):
        data = super().clean()
        check_year(self, "plan_year")
        if data.get("status") == ActionStatus.DONE and not data.get("done_on") and "done_on" not in self.errors:
            self.add_error("done_on", _("Ange datum då åtgärden genomfördes."))
        return data


class SteeringDocumentForm(RegisterForm):
    class Meta:
        model = SteeringDocument
        fields = ["title", "kind", "status", "required", "owner", "adopted_on", "last_reviewed_on", "next_review_on"]
        help_texts = {
            "required": _("Markera rutiner som organisationen måste ha, t.ex. rutin för incidenthantering."),
            "adopted_on": _("Fylls i när status är Fastställd."),
        }

    def clean(self):
        data = super().clean()
        if (
            data.get("status") == DocumentStatus.ADOPTED
            and not data.get("adopted_on")
            and "adopted_on" not in self.errors
        ):
            self.add_error("adopted_on", _("Ange när dokumentet fastställdes."))
        last, following = data.get("last_reviewed_on"), data.get("next_review_on")
        if last and following and following < last:
            self.add_error("next_review_on", _("Nästa översyn kan inte ligga före den senaste översynen."))
        return data


class ExternalFactorForm(RegisterForm):
    class Meta:
        model = ExternalFactor
        fields = ["title", "category", "text", "source", "valid_from", "valid_to", "position"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "valid_to": _("Lämna tomt så länge faktorn gäller; den följer då med från år till år."),
            "position": _("Faktorns plats i genomgångens avsnitt 3 (1 först)."),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Slutdatumet kan inte ligga före datumet då faktorn började gälla."))
        return data
