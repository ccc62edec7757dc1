"""Forms of the management review screens. They validate what the user typed; the workflow services
(reviews.services) decide whether the step is allowed."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from registry.forms.base import DateInput

from .models import ManagementReview

FIRST_YEAR, LAST_YEAR = 2000, 2100


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


def _date_field(label, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), input_formats=["%Y-%m-%d"], **kwargs)


class StartForm(forms.Form):
    plan_year = forms.IntegerField(
        label=_("Planår"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text=_("Året planen gäller från. Genomgången för 2025 skrivs under hösten 2024."),
        error_messages={
            "required": _("Ange planåret, t.ex. 2025."),
            "min_value": _("Ange ett årtal mellan 2000 och 2100."),
            "max_value": _("Ange ett årtal mellan 2000 och 2100."),
            "invalid": _("Ange planåret med fyra siffror, t.ex. 2025."),
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
            "title": _("Lämna tomt för ”Ledningens genomgång <planår>”."),
            "cutoff_date": _("Registeruppgifterna i rapporten räknas fram per detta datum."),
            "follow_up_start": _("Lämna tomt för 1 januari året före planåret."),
            "follow_up_end": _("Lämna tomt för brytdatumet."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("cutoff_date", "follow_up_start", "follow_up_end"):
            self.fields[name].widget = DateInput()
            self.fields[name].input_formats = ["%Y-%m-%d"]
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        self.helper = _helper()

    def clean_version(self):
        return self.cleaned_data.get("version") or self.instance.version

    def clean(self):
        data = super().clean()
        start, end = data.get("follow_up_start"), data.get("follow_up_end")
        if start and end and end < start:
            self.add_error("follow_up_end", _("Uppföljningsperioden kan inte sluta före den börjar."))
        return data

    def _post_clean(self):
        # The service saves; the model's own validation (constraints) is not run against the unsaved instance here.
        pass


class SectionForm(forms.Form):
    narrative = forms.CharField(
        label=_("Avsnittets text"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 16, "class": "narrative-input", "spellcheck": "true"}),
    )
    included = forms.BooleanField(
        label=_("Med i rapporten"),
        required=False,
        help_text=_("Ta bort markeringen för att lämna avsnittet (och dess underavsnitt) utanför rapporten."),
    )
    show_figures = forms.BooleanField(
        label=_("Visa beräknade uppgifter"),
        required=False,
        help_text=_("Tabellerna och listorna som räknas fram ur registren, efter texten eller där [[figurer]] står."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class FactorRowForm(forms.Form):
    """One external factor of the organisation: in this review or not, where, and with which text this year."""

    factor_id = forms.IntegerField(widget=forms.HiddenInput)
    included = forms.BooleanField(label=_("Med"), required=False)
    position = forms.IntegerField(
        label=_("Ordning"),
        required=False,
        min_value=1,
        max_value=99,
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm position-input"}),
    )
    text_override = forms.CharField(
        label=_("Text för detta år"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control form-control-sm"}),
    )


FactorFormSet = forms.formset_factory(FactorRowForm, extra=0)


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Skäl"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vad behöver samordnaren ändra? Skälet visas på genomgångens sida."),
        error_messages={"required": _("Skriv varför genomgången skickas tillbaka.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class DecisionForm(forms.Form):
    """One decision (ISO/IEC 27001:2022 9.3.3). A row left completely empty is skipped."""

    text = forms.CharField(label=_("Beslut"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.CharField(label=_("Ansvarig"), required=False, max_length=200)
    due_date = _date_field(_("Klart senast"), required=False)
    create_action = forms.BooleanField(label=_("Skapa åtgärd i planen"), required=False)
    action_plan_year = forms.IntegerField(
        label=_("Planår för åtgärden"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
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
            self.add_error("text", _("Skriv beslutet, eller töm raden."))
        if data.get("create_action") and not data.get("action_plan_year"):
            self.add_error("action_plan_year", _("Välj vilket år i planen åtgärden hör till."))
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
    confirm = forms.BooleanField(
        label=_("Jag har läst genomgången och fastställer den. Jag förstår att den inte kan ändras efteråt."),
        error_messages={"required": _("Kryssa i rutan för att bekräfta att du fastställer genomgången.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
