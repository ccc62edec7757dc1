"""The incident register, with the legal clocks: GDPR Art. 33 (IMY within 72 h) and the cybersecurity law's early
warning (24 h), incident notification (72 h) and final report (a month after the notification)."""

import datetime

from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isms.display import EMPTY
from isms.forms import AMBIGUOUS, local_time_kind
from isms.permissions import EDIT

from ..filters.incidents import IncidentFilter
from ..forms.incidents import IncidentForm
from ..models import Incident
from ..services import incident_assign_reference
from .base import Column, Register


def duration(delta: datetime.timedelta) -> str:
    """A span of time as the clocks show it: minutes under an hour, hours under 72, then days and hours."""
    seconds = delta.total_seconds()
    minutes = max(int(seconds // 60), 1 if seconds > 0 else 0)  # under a minute left reads "1 min", not "0 min"
    if minutes < 60:
        return _("%(n)d min") % {"n": minutes}
    hours = minutes // 60
    if hours < 72:
        return _("%(n)d h") % {"n": hours}
    days, hours = divmod(hours, 24)
    if hours:
        return _("%(days)d d %(hours)d h") % {"days": days, "hours": hours}
    return _("%(days)d d") % {"days": days}


def time_left(deadline: datetime.datetime, now: datetime.datetime) -> str:
    """A legal clock's time left or overdue, the one wording of the incident pages and the start page: "61 h kvar",
    "3 d 4 h kvar", "Försenad 56 h" (hours under 72 h, then days and hours, see `duration`)."""
    if deadline > now:
        return _("%(time)s left") % {"time": duration(deadline - now)}
    return _("Overdue by %(time)s") % {"time": duration(now - deadline)}


def local_time(moment: datetime.datetime | None) -> str:
    """Europe/Stockholm time as "2024-10-27 02:30", naming summer or winter time in the autumn's repeated hour."""
    if moment is None:
        return EMPTY
    local = timezone.localtime(moment)
    text = local.strftime("%Y-%m-%d %H:%M")
    if local_time_kind(local.replace(tzinfo=None), local.tzinfo) == AMBIGUOUS:
        text += " " + (_("(winter time)") if local.fold else _("(summer time)"))
    return text


def clock_state(deadline, done_at, now, *, reason_given=False) -> tuple[str, bool]:
    """(text, needs attention) of one reporting step: done in time or late, not due (reason recorded), time left,
    or overdue."""
    if done_at is not None:
        return (_("Submitted late"), True) if deadline and done_at > deadline else (_("Submitted on time"), False)
    if reason_given:
        return _("Not reported – reason given"), False
    if deadline is None:
        return _("Counted from the incident notification"), False
    if deadline > now:
        return time_left(deadline, now), deadline - now < datetime.timedelta(hours=12)
    return time_left(deadline, now), True


def breach_clock(incident: Incident, now: datetime.datetime | None = None) -> str:
    """The Art. 33 clock as a list cell: "12 h kvar", "Försenad 5 h", "Anmäld i tid", "Anmäld sent",
    "Ej anmäld – skäl angivet", or "–" for an incident that is not a personal-data breach."""
    if not incident.is_personal_data_breach:
        return EMPTY
    now = now or timezone.now()
    if incident.imy_notified_at is not None:
        if incident.breach_notified_late:
            return format_html('<span class="text-overdue">{}</span>', _("Reported late"))
        return _("Reported on time")
    if incident.not_notified_reason.strip():
        return _("Not reported – reason given")
    deadline = incident.breach_deadline
    if deadline > now:
        return time_left(deadline, now)
    return format_html('<span class="text-overdue">{}</span>', time_left(deadline, now))


def incident_kinds(incident: Incident) -> str:
    """Personal-data breach and/or significant incident; otherwise an other incident: in the words of the list's type
    filter (registry.filters.incidents.IncidentFilter.kind), so that a row reads as the filter that finds it."""
    kinds = []
    if incident.is_personal_data_breach:
        kinds.append(_("Personal data breach"))
    if incident.is_significant_nis2:
        kinds.append(_("Significant incident (Cybersecurity Act)"))
    return ", ".join(kinds) or _("Other incident")


def incident_clocks(incident: Incident, now: datetime.datetime | None = None) -> list[dict]:
    """The legal reporting steps that apply to the incident, each with its deadline, when it was done and its
    state; empty when no clock applies."""
    now = now or timezone.now()
    clocks = []
    if incident.is_personal_data_breach:
        reason = bool(incident.not_notified_reason.strip()) and incident.imy_notified_at is None
        clocks.append(
            {
                "label": _("Notification to IMY (GDPR Art. 33, 72 hours)"),
                "deadline": incident.breach_deadline,
                "done_at": incident.imy_notified_at,
                "state": clock_state(incident.breach_deadline, incident.imy_notified_at, now, reason_given=reason),
            }
        )
    if incident.is_significant_nis2:
        for label, deadline, done_at in (
            (
                _("Early warning (Cybersecurity Act, 24 hours)"),
                incident.nis2_early_warning_deadline,
                incident.early_warning_at,
            ),
            (
                _("Incident notification (Cybersecurity Act, 72 hours)"),
                incident.nis2_notification_deadline,
                incident.notification_at,
            ),
            (
                _("Final report (one month after the incident notification)"),
                incident.nis2_final_report_deadline,
                incident.final_report_at,
            ),
        ):
            clocks.append(
                {"label": label, "deadline": deadline, "done_at": done_at, "state": clock_state(deadline, done_at, now)}
            )
    for clock in clocks:
        clock["deadline_text"] = local_time(clock["deadline"]) if clock["deadline"] else EMPTY
        clock["done_text"] = local_time(clock["done_at"])
        clock["text"], clock["attention"] = clock["state"]
    return clocks


def incident_panels(request, incident):
    """The assets the incident touched (the clocks are shown above the fields by the detail template)."""
    return [
        {
            "title": gettext_lazy("Affected information assets"),
            "template": "registry/panels/linked_assets.html",
            "assets": list(incident.assets.order_by("name")),
            "empty": _("No information assets are linked to the incident."),
        },
    ]


def allocate_reference(incident: Incident) -> None:
    """Register.before_save of a new incident: its reference, inside the saving transaction."""
    if incident.pk is None:
        incident_assign_reference(incident)


INCIDENTS = Register(
    slug="incidents",
    model=Incident,
    form_class=IncidentForm,
    edit_capability=EDIT,
    filterset_class=IncidentFilter,
    search_fields=["title", "description", "imy_reference"],
    default_sort="-became_aware_at",
    columns=[
        Column("reference", label=gettext_lazy("Incident number"), value=lambda incident: incident.reference),
        Column("title", sort="title"),
        Column("kinds", label=gettext_lazy("Type"), value=incident_kinds),
        Column("became_aware_at", sort="became_aware_at", value=lambda incident: local_time(incident.became_aware_at)),
        Column("status", sort="status"),
        Column("breach_clock", label=gettext_lazy("Notification to IMY (72 h)"), value=breach_clock),
    ],
    detail_fields=[
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
        "created_at",
        "updated_at",
    ],
    related=incident_panels,
    before_save=allocate_reference,
    can_delete=False,  # every incident stays documented (Art. 33(5)) and references have no gaps: close, never delete
    detail_template="registry/incidents/detail.html",
)
