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
            "name": _("A short name the service recognises, e.g. “Financial assistance” or “Payroll”."),
            "responsible_unit": _("The unit or department responsible for the processing day to day."),
            "controller_contact": _(
                "The committee that is the controller, any joint controller and the contact details of the DPO."
            ),
            "purposes": _("Why the data is processed, e.g. “handling applications for financial assistance”."),
            "legal_basis": _("The legal basis under Article 6(1). Municipalities usually use c) or e)."),
            "legal_basis_details": _(
                "Supporting legal provisions, e.g. the Social Services Act; for sensitive data also the basis under "
                "Art. 9(2) or Art. 10."
            ),
            "data_subject_categories": _(
                "Whom the data concerns, e.g. applicants, co-applicants, children, employees."
            ),
            "personal_data_categories": _("What kinds of data, e.g. name, personal identity number, income, health."),
            "special_categories": _(
                "Data concerning health, ethnic origin, religion etc. (Art. 9) or criminal offences (Art. 10)."
            ),
            "recipients": _(
                "Who receives the data, e.g. the Social Insurance Agency, the Tax Agency, other committees."
            ),
            "processors": _("Suppliers that process the data on behalf of the committee."),
            "processing_agreement": _("Whether there is a data processing agreement with each processor."),
            "transfers": _(
                "Whether data is transferred to a country outside the EU/EEA, including for support or operations."
            ),
            "transfer_countries": _("One or more countries, e.g. USA. Fill in only for transfers to a third country."),
            "transfer_safeguard": _("The basis in Chapter V on which the transfer relies."),
            "retention": _(
                "When the data is erased, e.g. “five years after the case was closed” with reference to the records "
                "management plan."
            ),
            "security_measures": _(
                "A general description, e.g. access control, logging, encryption, two-factor login."
            ),
            "assets": _(
                "Systems and storage locations in this organisation's asset register. Hold down Ctrl (Cmd on Mac) "
                "to select several."
            ),
            "dpia_required": _(
                "Whether the processing is likely to result in a high risk and requires an impact assessment (Art. 35)."
            ),
            "dpia_done_on": _("Date the impact assessment was completed."),
            "last_reviewed_on": _("When the information was last reviewed. Review at least once a year."),
            "ended_on": _(
                "Fill in when the processing has ended; it is then no longer counted in the register of processing."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Fieldset(_("Processing"), "name", "responsible_unit", "version"),
            Fieldset(_("a) Controller and contact details"), "controller_contact"),
            Fieldset(_("b) Purpose and legal basis"), "purposes", "legal_basis", "legal_basis_details"),
            Fieldset(
                _("c) Data subjects and personal data"),
                "data_subject_categories",
                "personal_data_categories",
                "special_categories",
            ),
            Fieldset(_("d) Recipients and processors"), "recipients", "processors", "processing_agreement"),
            Fieldset(_("e) Transfer to a third country"), "transfers", "transfer_countries", "transfer_safeguard"),
            Fieldset(_("f) Erasure"), "retention"),
            Fieldset(_("g) Security measures and systems"), "security_measures", "assets"),
            Fieldset(
                _("Impact assessment and follow-up"),
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
                self.add_error("transfer_countries", _("Enter the country or countries the data is transferred to."))
            if not safeguard:
                self.add_error(
                    "transfer_safeguard",
                    _("Choose the safeguard the transfer relies on, e.g. standard contractual clauses."),
                )
        elif transfers == Transfers.NONE:
            if countries:
                self.add_error(
                    "transfer_countries",
                    _(
                        "You have indicated that no transfer takes place. Clear the field or choose “Transfer to a "
                        "third country”."
                    ),
                )
            if safeguard:
                self.add_error(
                    "transfer_safeguard",
                    _(
                        "You have indicated that no transfer takes place. Remove the safeguard or choose “Transfer "
                        "to a third country”."
                    ),
                )
        elif countries or safeguard:
            self.add_error(
                "transfers", _("You have entered a country or safeguard. Choose “Transfer to a third country”.")
            )
        return data
