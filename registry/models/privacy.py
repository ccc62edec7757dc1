"""The GDPR register of processing (registerförteckning, Art. 30(1))."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from isms.models import Organisation, TimeStampedModel

from .assets import InformationAsset


class LegalBasis(models.TextChoices):
    """GDPR Art. 6(1) a–f."""

    CONSENT = "a", _("a) Consent")
    CONTRACT = "b", _("b) Contract")
    LEGAL_OBLIGATION = "c", _("c) Legal obligation")
    VITAL_INTERESTS = "d", _("d) Vital interests")
    PUBLIC_TASK = "e", _("e) Public interest or exercise of official authority")
    LEGITIMATE_INTERESTS = "f", _("f) Legitimate interests")


class Transfers(models.TextChoices):
    NONE = "none", _("No transfer to a third country")
    YES = "yes", _("Transfer to a third country")


class TransferSafeguard(models.TextChoices):
    ADEQUACY = "adequacy", _("Adequacy decision (Art. 45)")
    DPF = "dpf", _("EU-U.S. Data Privacy Framework (Art. 45)")
    SCC = "scc", _("Standard contractual clauses (Art. 46)")
    BCR = "bcr", _("Binding corporate rules (Art. 47)")
    DEROGATION = "art49", _("Derogations for specific situations (Art. 49)")


class AgreementStatus(models.TextChoices):
    SIGNED = "signed", _("Agreement in place")
    MISSING = "missing", _("No agreement")
    NOT_APPLICABLE = "not_applicable", _("No processor")


class ProcessingActivity(TimeStampedModel):
    """Personuppgiftsbehandling: one row of the register of processing (GDPR Art. 30(1) a–g) plus Swedish practice
    columns. `missing_items()` names the Art. 30(1) items not yet filled in."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="processing_activities", verbose_name=_("organisation")
    )
    name = models.CharField(_("processing"), max_length=300)
    controller_contact = models.TextField(
        _("controller and contact details"),
        blank=True,
        help_text=_("Art. 30(1)(a): the controller, any joint controller and the data protection officer."),
    )
    purposes = models.TextField(_("purpose"), blank=True, help_text=_("Art. 30(1)(b)."))
    legal_basis = models.CharField(_("legal basis"), max_length=1, choices=LegalBasis.choices, blank=True)
    legal_basis_details = models.TextField(
        _("legal basis, details"),
        blank=True,
        help_text=_("E.g. statutory provision; Art. 9(2) or Art. 10 for sensitive data."),
    )
    data_subject_categories = models.TextField(
        _("categories of data subjects"), blank=True, help_text=_("Art. 30(1)(c).")
    )
    personal_data_categories = models.TextField(
        _("categories of personal data"), blank=True, help_text=_("Art. 30(1)(c).")
    )
    special_categories = models.BooleanField(_("sensitive personal data (Art. 9/10)"), default=False)
    recipients = models.TextField(_("categories of recipients"), blank=True, help_text=_("Art. 30(1)(d)."))
    processors = models.TextField(_("processors"), blank=True)
    processing_agreement = models.CharField(
        _("data processing agreement"), max_length=16, choices=AgreementStatus.choices, blank=True
    )
    transfers = models.CharField(
        _("third-country transfer"),
        max_length=4,
        choices=Transfers.choices,
        blank=True,
        help_text=_("Art. 30(1)(e)."),
    )
    transfer_countries = models.CharField(_("third country"), max_length=200, blank=True)
    transfer_safeguard = models.CharField(
        _("transfer safeguard"), max_length=10, choices=TransferSafeguard.choices, blank=True
    )
    retention = models.TextField(_("retention period"), blank=True, help_text=_("Art. 30(1)(f)."))
    security_measures = models.TextField(
        _("technical and organisational security measures"), blank=True, help_text=_("Art. 30(1)(g).")
    )
    assets = models.ManyToManyField(
        InformationAsset, blank=True, related_name="processing_activities", verbose_name=_("system/storage location")
    )
    responsible_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    dpia_required = models.BooleanField(_("impact assessment needed"), default=False)
    dpia_done_on = models.DateField(_("impact assessment carried out"), null=True, blank=True)
    last_reviewed_on = models.DateField(_("last checked"), null=True, blank=True)
    ended_on = models.DateField(_("closed on"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[assets])

    class Meta:
        verbose_name = _("processing activity")
        verbose_name_plural = _("processing activities")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(legal_basis="") | Q(legal_basis__in=LegalBasis.values),
                name="processing_legal_basis_valid",
                violation_error_message=_("Choose a legal basis in the list."),
            ),
            models.CheckConstraint(
                condition=~Q(transfers=Transfers.NONE) | (Q(transfer_countries="") & Q(transfer_safeguard="")),
                name="processing_no_transfer_no_country",
                violation_error_message=_(
                    "Without transfers to third countries, leave the countries and the safeguard empty."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def missing_items(self) -> list[str]:
        """The GDPR Art. 30(1) items not filled in, as their letters in order, e.g. ["c", "e"].

        a controller and contact; b purposes; c categories of data subjects and of personal data; d recipients;
        e transfers answered, and with a transfer its countries and safeguard; f retention; g security measures.
        """
        missing = []
        checks = {
            "a": bool(self.controller_contact.strip()),
            "b": bool(self.purposes.strip()),
            "c": bool(self.data_subject_categories.strip() and self.personal_data_categories.strip()),
            "d": bool(self.recipients.strip()),
            "e": self.transfers == Transfers.NONE
            or (self.transfers == Transfers.YES and bool(self.transfer_countries.strip() and self.transfer_safeguard)),
            "f": bool(self.retention.strip()),
            "g": bool(self.security_measures.strip()),
        }
        for letter, present in checks.items():
            if not present:
                missing.append(letter)
        return missing

    @property
    def is_complete(self) -> bool:
        return not self.missing_items()

    def reviewed_within_12_months(self, day: datetime.date) -> bool:
        """Reviewed on or before `day` and less than 12 months (by calendar date) before it."""
        if self.last_reviewed_on is None or self.last_reviewed_on > day:
            return False
        try:
            year_before = day.replace(year=day.year - 1)
        except ValueError:  # 29 February
            year_before = day.replace(year=day.year - 1, day=28)
        return self.last_reviewed_on > year_before


ART30_ITEMS = {
    "a": _("controller and contact details (a)"),
    "b": _("purpose (b)"),
    "c": _("categories of data subjects and personal data (c)"),
    "d": _("categories of recipients (d)"),
    "e": _("third-country transfer (e)"),
    "f": _("retention period (f)"),
    "g": _("security measures (g)"),
}
