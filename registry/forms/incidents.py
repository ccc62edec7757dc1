"""The incident form: times in Stockholm local time (StockholmDateTimeField), grouped as the work goes: what
happened, when, what it affected, and the reports to IMY and under the cybersecurity law."""

import datetime

from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Incident
from ..models.incidents import BREACH_NOTIFICATION_HOURS
from .base import RegisterForm

TEXTAREAS = [
    "description",
    "immediate_measures",
    "cause",
    "lessons",
    "late_notification_reason",
    "not_notified_reason",
    "subjects_not_informed_reason",
    "data_categories",
]


class IncidentForm(RegisterForm):
    class Meta:
        model = Incident
        fields = [
            "title",
            "is_information_security",
            "is_personal_data_breach",
            "is_significant_nis2",
            "severity",
            "status",
            "occurred_at",
            "became_aware_at",
            "ended_at",
            "affects_confidentiality",
            "affects_integrity",
            "affects_availability",
            "affects_traceability",
            "assets",
            "description",
            "immediate_measures",
            "cause",
            "lessons",
            "imy_notified_at",
            "imy_reference",
            "late_notification_reason",
            "not_notified_reason",
            "subjects_informed_at",
            "subjects_not_informed_reason",
            "data_subjects_count",
            "records_count",
            "data_categories",
            "early_warning_at",
            "notification_at",
            "final_report_at",
        ]
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 3}) for name in TEXTAREAS},
            "assets": forms.SelectMultiple(attrs={"size": 5}),
        }
        help_texts = {
            "title": _("En kort rubrik, t.ex. ”E-post med elevuppgifter skickad till fel mottagare”."),
            "is_personal_data_breach": _(
                "Personuppgifter har förstörts, förlorats, ändrats eller röjts. Anmäl till IMY inom 72 timmar från "
                "att ni fick kännedom om incidenten, om den inte sannolikt saknar risk för de registrerade."
            ),
            "is_significant_nis2": _(
                "Betydande incident enligt cybersäkerhetslagen: tidig varning inom 24 timmar, incidentanmälan inom "
                "72 timmar och slutrapport inom en månad efter incidentanmälan."
            ),
            "occurred_at": _("Svensk tid. Lämna tomt om det inte är känt."),
            "became_aware_at": _("Svensk tid. Fristerna räknas härifrån. Året ger incidentens diarienummer."),
            "ended_at": _("Svensk tid."),
            "assets": _("System och informationsmängder som berördes. Håll ned Ctrl (Cmd på Mac) för att välja flera."),
            "imy_notified_at": _("Svensk tid. Lämna tomt om incidenten inte har anmälts."),
            "late_notification_reason": _("Krävs om anmälan gjordes senare än 72 timmar efter upptäckten (art. 33.1)."),
            "subjects_informed_at": _("Svensk tid (art. 34)."),
            "early_warning_at": _("Svensk tid."),
            "notification_at": _("Svensk tid. Slutrapporten ska lämnas senast en månad efter incidentanmälan."),
            "final_report_at": _("Svensk tid."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Fieldset(
                _("Incident"),
                "title",
                "is_information_security",
                "is_personal_data_breach",
                "is_significant_nis2",
                "severity",
                "status",
                "version",
            ),
            Fieldset(_("Tidpunkter"), "occurred_at", "became_aware_at", "ended_at"),
            Fieldset(
                _("Påverkan"),
                "affects_confidentiality",
                "affects_integrity",
                "affects_availability",
                "affects_traceability",
                "assets",
            ),
            Fieldset(_("Beskrivning och åtgärder"), "description", "immediate_measures", "cause", "lessons"),
            Fieldset(
                _("Personuppgiftsincident: anmälan till IMY (art. 33) och information till de registrerade (art. 34)"),
                "imy_notified_at",
                "imy_reference",
                "late_notification_reason",
                "not_notified_reason",
                "subjects_informed_at",
                "subjects_not_informed_reason",
                "data_subjects_count",
                "records_count",
                "data_categories",
            ),
            Fieldset(
                _("Betydande incident enligt cybersäkerhetslagen"),
                "early_warning_at",
                "notification_at",
                "final_report_at",
            ),
        )

    def clean(self):
        data = super().clean()
        aware = data.get("became_aware_at")
        occurred = data.get("occurred_at")
        if aware and occurred and occurred > aware:
            self.add_error(
                "occurred_at",
                _("Tidpunkten då incidenten inträffade kan inte ligga efter tidpunkten då den upptäcktes."),
            )
        if aware:
            for name in ("imy_notified_at", "early_warning_at", "notification_at", "final_report_at"):
                value = data.get(name)
                if value and value < aware:
                    self.add_error(
                        name,
                        _("Tidpunkten kan inte ligga före tidpunkten då incidenten upptäcktes. Kontrollera datumet."),
                    )
        notified = data.get("imy_notified_at")
        if notified and (data.get("not_notified_reason") or "").strip():
            self.add_error(
                "not_notified_reason",
                _(
                    "Incidenten är anmäld till IMY. Töm skälet att inte anmäla, eller ta bort tidpunkten för anmälan "
                    "om den inte anmäldes."
                ),
            )
        if (
            data.get("is_personal_data_breach")
            and aware
            and notified
            and notified > aware + datetime.timedelta(hours=BREACH_NOTIFICATION_HOURS)
            and not (data.get("late_notification_reason") or "").strip()
        ):
            self.add_error(
                "late_notification_reason",
                _("Anmälan gjordes mer än 72 timmar efter upptäckten. Ange skälet till förseningen (art. 33.1)."),
            )
        final_report = data.get("final_report_at")
        if final_report and not data.get("notification_at"):
            self.add_error("notification_at", _("Ange när incidentanmälan lämnades; slutrapporten lämnas efter den."))
        return data
