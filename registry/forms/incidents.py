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
            "title": _("A short title, e.g. “Email with pupil data sent to the wrong recipient”."),
            "is_personal_data_breach": _(
                "Personal data has been destroyed, lost, altered or disclosed. Notify IMY within 72 hours of "
                "becoming aware of the incident, unless it is unlikely to result in a risk to the data subjects."
            ),
            "is_significant_nis2": _(
                "Significant incident under the Cybersecurity Act: early warning within 24 hours, incident "
                "notification within 72 hours and final report within one month of the incident notification."
            ),
            "occurred_at": _("Swedish time. Leave empty if not known."),
            "became_aware_at": _(
                "Swedish time. The deadlines are counted from here. The year gives the incident's reference number."
            ),
            "ended_at": _("Swedish time."),
            "assets": _(
                "Systems and information sets that were affected. Hold down Ctrl (Cmd on Mac) to select several."
            ),
            "imy_notified_at": _("Swedish time. Leave empty if the incident has not been notified."),
            "late_notification_reason": _(
                "Required if the notification was made later than 72 hours after discovery (Art. 33(1))."
            ),
            "subjects_informed_at": _("Swedish time (Art. 34)."),
            "early_warning_at": _("Swedish time."),
            "notification_at": _(
                "Swedish time. The final report must be submitted no later than one month after "
                "the incident notification."
            ),
            "final_report_at": _("Swedish time."),
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
            Fieldset(_("Times"), "occurred_at", "became_aware_at", "ended_at"),
            Fieldset(
                _("Impact"),
                "affects_confidentiality",
                "affects_integrity",
                "affects_availability",
                "affects_traceability",
                "assets",
            ),
            Fieldset(_("Description and actions"), "description", "immediate_measures", "cause", "lessons"),
            Fieldset(
                _(
                    "Personal data breach: notification to IMY (Art. 33) and communication to the data subjects (Art. "
                    "34)"
                ),
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
                _("Significant incident under the Cybersecurity Act"),
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
                _("The time the incident occurred cannot be after the time it was discovered."),
            )
        if aware:
            for name in ("imy_notified_at", "early_warning_at", "notification_at", "final_report_at"):
                value = data.get(name)
                if value and value < aware:
                    self.add_error(
                        name,
                        _("The time cannot be before the time the incident was discovered. Check the date."),
                    )
        notified = data.get("imy_notified_at")
        if notified and (data.get("not_notified_reason") or "").strip():
            self.add_error(
                "not_notified_reason",
                _(
                    "The incident has been notified to IMY. Clear the reason for not notifying, or remove the "
                    "notification time if it was not notified."
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
                _(
                    "The notification was made more than 72 hours after discovery. Give the reason for the delay "
                    "(Art. 33(1))."
                ),
            )
        final_report = data.get("final_report_at")
        if final_report and not data.get("notification_at"):
            self.add_error(
                "notification_at",
                _("Enter when the incident notification was submitted; the final report is submitted after it."),
            )
        return data
