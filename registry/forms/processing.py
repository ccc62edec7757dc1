"""The form of the register of processing (registerförteckningen), grouped by the items of GDPR Art. 30(1)."""

from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import ProcessingActivity, Transfers
from .base import RegisterForm

TEXTAREAS = [
    "controller_contact",
    "purposes",
    "legal_basis_details",
    "data_subject_categories",
    "personal_data_categories",
    "recipients",
    "processors",
    "retention",
    "security_measures",
]


class ProcessingActivityForm(RegisterForm):
    class Meta:
        model = ProcessingActivity
        fields = [
            "name",
            "responsible_unit",
            "controller_contact",
            "purposes",
            "legal_basis",
            "legal_basis_details",
            "data_subject_categories",
            "personal_data_categories",
            "special_categories",
            "recipients",
            "processors",
            "processing_agreement",
            "transfers",
            "transfer_countries",
            "transfer_safeguard",
            "retention",
            "security_measures",
            "assets",
            "dpia_required",
            "dpia_done_on",
            "last_reviewed_on",
            "ended_on",
        ]
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 2}) for name in TEXTAREAS},
            "assets": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "name": _("Ett kort namn som verksamheten känner igen, t.ex. ”Ekonomiskt bistånd” eller ”Lönehantering”."),
            "responsible_unit": _("Den enhet eller avdelning som ansvarar för behandlingen i vardagen."),
            "controller_contact": _(
                "Nämnden som är personuppgiftsansvarig, eventuell gemensamt personuppgiftsansvarig och "
                "kontaktuppgifter till dataskyddsombudet."
            ),
            "purposes": _("Varför uppgifterna behandlas, t.ex. ”handläggning av ansökningar om ekonomiskt bistånd”."),
            "legal_basis": _("Den rättsliga grunden enligt artikel 6.1. Kommuner använder oftast c) eller e)."),
            "legal_basis_details": _(
                "Lagrum som ger stöd, t.ex. socialtjänstlagen; vid känsliga uppgifter även grunden enligt art. 9.2 "
                "eller art. 10."
            ),
            "data_subject_categories": _("Vilka uppgifterna gäller, t.ex. sökande, medsökande, barn, anställda."),
            "personal_data_categories": _("Vilka slags uppgifter, t.ex. namn, personnummer, inkomster, hälsa."),
            "special_categories": _(
                "Uppgifter om hälsa, etniskt ursprung, religion m.m. (art. 9) eller lagöverträdelser (art. 10)."
            ),
            "recipients": _("Vilka som får ut uppgifterna, t.ex. Försäkringskassan, Skatteverket, andra nämnder."),
            "processors": _("Leverantörer som behandlar uppgifterna för nämndens räkning."),
            "processing_agreement": _("Om det finns ett personuppgiftsbiträdesavtal med varje biträde."),
            "transfers": _("Om uppgifter förs över till ett land utanför EU/EES, även vid support eller drift."),
            "transfer_countries": _("Ett eller flera länder, t.ex. USA. Fyll i endast vid överföring till tredjeland."),
            "transfer_safeguard": _("Den grund i kapitel V som överföringen stöds på."),
            "retention": _(
                "När uppgifterna gallras, t.ex. ”fem år efter att ärendet avslutats” med hänvisning till dokumenthanteringsplanen."
            ),
            "security_measures": _(
                "En allmän beskrivning, t.ex. behörighetsstyrning, loggning, kryptering, tvåfaktorsinloggning."
            ),
            "assets": _(
                "System och lagringsplatser i den här organisationens tillgångsregister. Håll ned Ctrl (Cmd på Mac) för att välja flera."
            ),
            "dpia_required": _(
                "Om behandlingen sannolikt medför hög risk och kräver en konsekvensbedömning (art. 35)."
            ),
            "dpia_done_on": _("Datum då konsekvensbedömningen blev klar."),
            "last_reviewed_on": _("När uppgifterna senast sågs över. Granska minst en gång om året."),
            "ended_on": _("Fyll i när behandlingen har upphört; den räknas då inte längre i registerförteckningen."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Fieldset(_("Behandling"), "name", "responsible_unit", "version"),
            Fieldset(_("a) Personuppgiftsansvarig och kontaktuppgifter"), "controller_contact"),
            Fieldset(_("b) Ändamål och rättslig grund"), "purposes", "legal_basis", "legal_basis_details"),
            Fieldset(
                _("c) Registrerade och personuppgifter"),
                "data_subject_categories",
                "personal_data_categories",
                "special_categories",
            ),
            Fieldset(_("d) Mottagare och personuppgiftsbiträden"), "recipients", "processors", "processing_agreement"),
            Fieldset(_("e) Överföring till tredjeland"), "transfers", "transfer_countries", "transfer_safeguard"),
            Fieldset(_("f) Gallring"), "retention"),
            Fieldset(_("g) Säkerhetsåtgärder och system"), "security_measures", "assets"),
            Fieldset(
                _("Konsekvensbedömning och uppföljning"),
                "dpia_required",
                "dpia_done_on",
                "last_reviewed_on",
                "ended_on",
            ),
        )

    def clean(self):
        data = super().clean()
        transfers = data.get("transfers")
        countries = (data.get("transfer_countries") or "").strip()
        safeguard = data.get("transfer_safeguard")
        if transfers == Transfers.YES:
            if not countries:
                self.add_error("transfer_countries", _("Ange till vilket eller vilka länder uppgifterna förs över."))
            if not safeguard:
                self.add_error(
                    "transfer_safeguard",
                    _("Välj vilken skyddsåtgärd överföringen stöds på, t.ex. standardavtalsklausuler."),
                )
        elif transfers == Transfers.NONE:
            if countries:
                self.add_error(
                    "transfer_countries",
                    _("Du har angett att ingen överföring sker. Töm fältet eller välj ”Överföring till tredjeland”."),
                )
            if safeguard:
                self.add_error(
                    "transfer_safeguard",
                    _(
                        "Du har angett att ingen överföring sker. Ta bort skyddsåtgärden eller välj ”Överföring till tredjeland”."
                    ),
                )
        elif countries or safeguard:
            self.add_error("transfers", _("Du har angett land eller skyddsåtgärd. Välj ”Överföring till tredjeland”."))
        return data
