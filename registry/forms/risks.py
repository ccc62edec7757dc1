"""The risk form: likelihood and consequence on the 1–4 scales of the matrix, assets and actions of the
organisation."""

from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Risk
from .base import RegisterForm

LIKELIHOOD_CHOICES = [
    (1, _("1 – Låg")),
    (2, _("2 – Medel")),
    (3, _("3 – Hög")),
    (4, _("4 – Mycket hög")),
]
CONSEQUENCE_CHOICES = [
    (1, _("1 – Begränsad")),
    (2, _("2 – Måttlig")),
    (3, _("3 – Allvarlig")),
    (4, _("4 – Mycket allvarlig")),
]


class RiskForm(RegisterForm):
    likelihood = forms.TypedChoiceField(
        label=_("Sannolikhet"),
        choices=[("", _("Välj sannolikhet")), *LIKELIHOOD_CHOICES],
        coerce=int,
        error_messages={"required": _("Välj hur sannolik risken är, 1–4.")},
    )
    consequence = forms.TypedChoiceField(
        label=_("Konsekvens"),
        choices=[("", _("Välj konsekvens")), *CONSEQUENCE_CHOICES],
        coerce=int,
        error_messages={"required": _("Välj hur allvarlig konsekvensen blir, 1–4.")},
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
            "title": _("Vad kan hända, t.ex. ”Obehörig åtkomst till elevuppgifter via delade konton”."),
            "rsa_cycle": _("Den risk- och sårbarhetsanalys risken hör till, t.ex. 2023–2024."),
            "treatment": _("Hur risken hanteras: reducera med åtgärder, acceptera, undvika eller dela/överföra."),
            "owner": _("Den som ansvarar för att risken hanteras."),
            "assets": _("Håll ned Ctrl (Cmd på Mac) för att välja flera."),
            "actions": _(
                "Åtgärder i handlingsplanen som minskar risken. Håll ned Ctrl (Cmd på Mac) för att välja flera."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["likelihood"].help_text = _(
            "1 låg, 2 medel, 3 hög, 4 mycket hög. Riskvärdet är sannolikhet × konsekvens."
        )
        self.fields["consequence"].help_text = _("1 begränsad, 2 måttlig, 3 allvarlig, 4 mycket allvarlig.")
        self.helper.layout = Layout(
            Fieldset(_("Risk"), "title", "description", "rsa_cycle", "version"),
            Fieldset(_("Bedömning"), "likelihood", "consequence", "assessed_on"),
            Fieldset(_("Hantering"), "treatment", "owner", "status", "assets", "actions"),
        )
