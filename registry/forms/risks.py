"""The risk form: likelihood and consequence on the 1–4 scales of the matrix, assets and actions of the
organisation."""

from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Risk
from .base import RegisterForm

LIKELIHOOD_CHOICES = [
    (1, _("1 – Low")),
    (2, _("2 – Medium")),
    (3, _("3 – High")),
    (4, _("4 – Very high")),
]
CONSEQUENCE_CHOICES = [
    (1, _("1 – Limited")),
    (2, _("2 – Moderate")),
    (3, _("3 – Serious")),
    (4, _("4 – Very serious")),
]


class RiskForm(RegisterForm):
    likelihood = forms.TypedChoiceField(
        label=_("Likelihood"),
        choices=[("", _("Choose likelihood")), *LIKELIHOOD_CHOICES],
        coerce=int,
        error_messages={"required": _("Choose how likely the risk is, 1–4.")},
    )
    consequence = forms.TypedChoiceField(
        label=_("Consequence"),
        choices=[("", _("Choose consequence")), *CONSEQUENCE_CHOICES],
        coerce=int,
        error_messages={"required": _("Choose how serious the consequence is, 1–4.")},
    )

    class Meta:
        model = Risk
        fields = [
            "title",
            "description",
            "rsa_cycle",
            "likelihood",
            "consequence",
            "treatment",
            "owner",
            "status",
            "assessed_on",
            "assets",
            "actions",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "assets": forms.SelectMultiple(attrs={"size": 5}),
            "actions": forms.SelectMultiple(attrs={"size": 5}),
        }
        help_texts = {
            "title": _("What could happen, e.g. “Unauthorised access to pupil data via shared accounts”."),
            "rsa_cycle": _("The risk and vulnerability analysis the risk belongs to, e.g. 2023–2024."),
            "treatment": _("How the risk is treated: reduce with actions, accept, avoid or share/transfer."),
            "owner": _("The person responsible for treating the risk."),
            "assets": _("Hold down Ctrl (Cmd on Mac) to select several."),
            "actions": _(
                "Actions in the action plan that reduce the risk. Hold down Ctrl (Cmd on Mac) to select several."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["likelihood"].help_text = _(
            "1 low, 2 medium, 3 high, 4 very high. The risk value is likelihood × consequence."
        )
        self.fields["consequence"].help_text = _("1 limited, 2 moderate, 3 serious, 4 very serious.")
        self.helper.layout = Layout(
            Fieldset(_("Risk"), "title", "description", "rsa_cycle", "version"),
            Fieldset(_("Assessment"), "likelihood", "consequence", "assessed_on"),
            Fieldset(_("Treatment"), "treatment", "owner", "status", "assets", "actions"),
        )
