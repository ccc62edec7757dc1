"""The base of every register form: the edit version travels with it, and choices stay inside the organisation."""

from crispy_forms.helper import FormHelper
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from isms.forms import DATE_INVALID_MESSAGE, DateInput, StockholmDateTimeField, with_year_range
from isms.permissions import organisation_path


class RegisterForm(forms.ModelForm):
    """ModelForm for a register row of one organisation.

    `organisation` (keyword) limits every related-row choice (ForeignKey and ManyToMany to a model that belongs to
    an organisation) to that organisation. The hidden `version` carries the row's version for conflict detection.
    Dates use the browser's date picker in ISO form; dates with times are Europe/Stockholm local times through
    StockholmDateTimeField (which asks which hour is meant in the autumn's repeated hour and refuses the spring's
    skipped one). Both take years isms.dates.FIRST_YEAR to LAST_YEAR only.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        for name, field in list(self.fields.items()):
            model_field = self._meta.model._meta.get_field(name) if name != "version" else None
            if isinstance(field, forms.ModelChoiceField) and organisation is not None:
                related = field.queryset.model
                if _belongs_to_organisation(related):
                    field.queryset = field.queryset.filter(**{organisation_path(related): organisation}).distinct()
            _label_empty_choice(field)
            if isinstance(model_field, models.DateField) and not isinstance(model_field, models.DateTimeField):
                field.widget = DateInput(attrs=field.widget.attrs)
                field.input_formats = ["%Y-%m-%d"]
                field.error_messages["invalid"] = DATE_INVALID_MESSAGE
                with_year_range(field)
            elif isinstance(model_field, models.DateTimeField) and not isinstance(field, StockholmDateTimeField):
                self.fields[name] = StockholmDateTimeField(
                    required=field.required, label=field.label, help_text=field.help_text
                )
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_version(self):
        return self.cleaned_data.get("version") or (self.instance.version if self.instance.pk else 1)


# The empty choice of a single-choice select, in Swedish instead of Django's "---------": "choose" where a value is
# required, "not given" where the field may stay empty.
EMPTY_CHOICE_REQUIRED = _("– Choose –")
EMPTY_CHOICE_OPTIONAL = _("– Not given –")


def _label_empty_choice(field: forms.Field) -> None:
    label = EMPTY_CHOICE_REQUIRED if field.required else EMPTY_CHOICE_OPTIONAL
    if isinstance(field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
        return
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label is not None:
            field.empty_label = label
    elif isinstance(field, forms.ChoiceField):
        field.choices = [(value, label if value in ("", None) else text) for value, text in field.choices]


def _belongs_to_organisation(model) -> bool:
    try:
        model._meta.get_field(organisation_path(model).split("__")[0])
    except Exception:  # noqa: BLE001 - FieldDoesNotExist: a code list shared by all organisations
        return False
    return True


CONFLICT_MESSAGE = _(
    "Someone else has saved changes to this record while you were editing it. Nothing of yours has been saved yet. "
    "What the other person changed is listed below: fields you had not changed now show their saved values, fields "
    "you changed keep your input. Check the form and save again, or cancel to keep the saved version."
)

# For forms that cannot show what changed (the DPO's texts per area of an annual report).
RELOAD_CONFLICT_MESSAGE = _(
    "Someone else has saved changes to this record while you were editing it. Your changes have not been saved but "
    "are still in the form. Open the record in a new tab to see the latest version, carry over what should be kept "
    "and save again."
)
