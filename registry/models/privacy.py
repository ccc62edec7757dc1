"""The GDPR register of processing (registerförteckning, Art. 30(1))."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from isms.models import TimeStampedModel

from .assets import InformationAsset
from .organisations import Organisation


class LegalBasis(models.TextChoices):
    """GDPR Art. 6(1) a–f."""

    CONSENT = "a", _("a) Samtycke")
    CONTRACT = "b", _("b) Avtal")
    LEGAL_OBLIGATION = "c", _("c) Rättslig förpliktelse")
    VITAL_INTERESTS = "d", _("d) Grundläggande intressen")
    PUBLIC_TASK = "e", _("e) Uppgift av allmänt intresse eller myndighetsutövning")
    LEGITIMATE_INTERESTS = "f", _("f) Berättigat intresse")


class Transfers(models.TextChoices):
    NONE = "none", _("Ingen överföring till tredjeland")
    YES = "yes", _("Överföring till tredjeland")


class TransferSafeguard(models.TextChoices):
    ADEQUACY = "adequacy", _("Beslut om adekvat skyddsnivå (art. 45)")
    DPF = "dpf", _("EU-U.S. Data Privacy Framework (art. 45)")
    SCC = "scc", _("Standardavtalsklausuler (art. 46)")
    BCR = "bcr", _("Bindande företagsbestämmelser (art. 47)")
    DEROGATION = "art49", _("Undantag för särskilda situationer (art. 49)")


class AgreementStatus(models.TextChoices):
    SIGNED = "signed", _("Avtal finns")
    MISSING = "missing", _("Avtal saknas")
    NOT_APPLICABLE = "not_applicable", _("Inget biträde")


class ProcessingActivity(TimeStampedModel):
    """Personuppgiftsbehandling: one row of the register of processing (GDPR Art. 30(1) a–g) plus Swedish practice
    columns. `missing_items()` names the Art. 30(1) items not yet filled in."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="processing_activities", verbose_name=_("organisation")
    )
    name = models.CharField(_("behandling"), max_length=300)
    controller_contact = models.TextField(
        _("personuppgiftsansvarig och kontaktuppgifter"),
        blank=True,
        help_text=_("Art. 30.1 a: den personuppgiftsansvariga, eventuell gemensamt ansvarig och dataskyddsombudet."),
    )
    purposes = models.TextField(_("ändamål"), blank=True, help_text=_("Art. 30.1 b."))
    legal_basis = models.CharField(_("rättslig grund"), max_length=1, choices=LegalBasis.choices, blank=True)
    legal_basis_details = models.TextField(
        _("rättslig grund, närmare"),
        blank=True,
        help_text=_("T.ex. lagrum; art. 9.2 eller art. 10 vid känsliga uppgifter."),
    )
    data_subject_categories = models.TextField(_("kategorier av registrerade"), blank=True, help_text=_("Art. 30.1 c."))
    personal_data_categories = models.TextField(
        _("kategorier av personuppgifter"), blank=True, help_text=_("Art. 30.1 c.")
    )
    special_categories = models.BooleanField(_("känsliga personuppgifter (art. 9/10)"), default=False)
    recipients = models.TextField(_("kategorier av mottagare"), blank=True, help_text=_("Art. 30.1 d."))
    processors = models.TextField(_("personuppgiftsbiträden"), blank=True)
    processing_agreement = models.CharField(
        _("personuppgiftsbiträdesavtal"), max_length=16, choices=AgreementStatus.choices, blank=True
    )
    transfers = models.CharField(
        _("överföring till tredjeland"),
        max_length=4,
        choices=Transfers.choices,
        blank=True,
        help_text=_("Art. 30.1 e."),
    )
    transfer_countries = models.CharField(_("tredjeland"), max_length=200, blank=True)
    transfer_safeguard = models.CharField(
        _("skyddsåtgärd vid överföring"), max_length=10, choices=TransferSafeguard.choices, blank=True
    )
    retention = models.TextField(_("gallringsfrist"), blank=True, help_text=_("Art. 30.1 f."))
    security_measures = models.TextField(
        _("tekniska och organisatoriska säkerhetsåtgärder"), blank=True, help_text=_("Art. 30.1 g.")
    )
    assets = models.ManyToManyField(
        InformationAsset, blank=True, related_name="processing_activities", verbose_name=_("system/lagringsplats")
    )
    responsible_unit = models.CharField(_("ansvarig enhet"), max_length=200, blank=True)
    dpia_required = models.BooleanField(_("konsekvensbedömning behövs"), default=False)
    dpia_done_on = models.DateField(_("konsekvensbedömning gjord"), null=True, blank=True)
    last_reviewed_on = models.DateField(_("senast granskad"), null=True, blank=True)
    ended_on = models.DateField(_("avslutad den"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[assets])

    class Meta:
        verbose_name = _("personuppgiftsbehandling")
        verbose_name_plural = _("personuppgiftsbehandlingar")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(legal_basis="") | Q(legal_basis__in=LegalBasis.values), name="processing_legal_basis_valid"
            ),
            models.CheckConstraint(
                condition=~Q(transfers=Transfers.NONE) | (Q(transfer_countries="") & Q(transfer_safeguard="")),
                name="processing_no_transfer_no_country",
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
    "a": _("personuppgiftsansvarig och kontaktuppgifter (a)"),
    "b": _("ändamål (b)"),
    "c": _("kategorier av registrerade och personuppgifter (c)"),
    "d": _("kategorier av mottagare (d)"),
    "e": _("överföring till tredjeland (e)"),
    "f": _("gallringsfrist (f)"),
    "g": _("säkerhetsåtgärder (g)"),
}
