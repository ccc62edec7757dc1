"""Every register's file: one `Sheet` per register declares its columns (header, field, kind), for the export and for
the import that reads the same files back; `FILES` lists the files each register list offers, the register's own
and the legal layouts (GDPR Art. 30(1) for the register of processing, Art. 33(5) for personal-data breaches).

Every register sheet starts with the row's ID and version (ID_FIELD, VERSION_FIELD): the import's stable key and
its check that the row was not changed in the application since it was exported (optimistic locking).
"""

from decimal import Decimal

from django.db.models import Prefetch, Subquery
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from isms.permissions import scoped

from ..models import (
    Action,
    AuditReport,
    Classification,
    ClassificationMethod,
    ClassificationState,
    ControlCheck,
    ExternalFactor,
    Incident,
    InformationAsset,
    Measurement,
    ProcessingActivity,
    Recommendation,
    RecommendationNote,
    Risk,
    SteeringDocument,
    Transfers,
)
from ..selectors.rules import in_force_of_outer_asset
from ..views.incidents import breach_clock
from .columns import (
    DATE,
    DATETIME,
    DECIMAL,
    INTEGER,
    TEXT,
    Choice,
    ExportFile,
    FileColumn,
    Sheet,
    model_column,
    same_rows,
)

ID_FIELD, VERSION_FIELD = "id", "version"


def key_columns(model) -> list[FileColumn]:
    """The ID and version columns every register sheet starts with (the import reads them, never writes them)."""
    return [
        model_column(model, ID_FIELD, header=_("ID"), read_only=True),
        model_column(model, VERSION_FIELD, read_only=True),
    ]


def fields(model, *names: str, **overrides) -> list[FileColumn]:
    """model_column for each field name; `overrides` maps a name to model_column's keyword arguments."""
    return [model_column(model, name, **overrides.get(name, {})) for name in names]


# --- Information assets, with the classification in force ------------------------------------------------------------


def _with_classification_in_force(queryset):
    """The pk of each asset's classification in force today (registry.selectors.rules.in_force_of_outer_asset)."""
    current = in_force_of_outer_asset(timezone.localdate())
    return queryset.annotate(classification_in_force_pk=Subquery(current.values("pk")[:1]))


def _attach_classifications(assets: list) -> None:
    """Sets `classification_in_force` (a Classification or None) on each asset of a chunk: one query."""
    found = Classification.objects.in_bulk(
        [a.classification_in_force_pk for a in assets if a.classification_in_force_pk]
    )
    for asset in assets:
        asset.classification_in_force = found.get(asset.classification_in_force_pk)


def _classification_state(asset) -> str:
    classification = asset.classification_in_force
    if classification is None:
        return str(ClassificationState.MISSING.label)
    return str(ClassificationState(classification.state_on(timezone.localdate())).label)


def _in_force(name: str, header, kind, **kwargs) -> FileColumn:
    return FileColumn(header, f"classification_in_force.{name}", kind, **kwargs)


ASSET_SHEET = Sheet(
    key="assets",
    title=_("Information assets"),
    model=InformationAsset,
    columns=[
        *key_columns(InformationAsset),
        *fields(
            InformationAsset,
            "name",
            "kind",
            "description",
            "status",
            "in_use_from",
            "retired_on",
            "owner",
            "system_owner",
            "system_administrator",
            "supplier",
            "hosting",
            "processes_personal_data",
            "special_categories",
            "osl_secrecy",
            "nis2_covered",
            "critical_function",
        ),
        _in_force("decided_on", _("Classification decided on"), DATE),
        _in_force("method", _("Classification method"), Choice(ClassificationMethod.choices)),
        _in_force("confidentiality", _("Confidentiality (K)"), INTEGER),
        _in_force("integrity", _("Integrity (R)"), INTEGER),
        _in_force("availability", _("Availability (T)"), INTEGER),
        _in_force("traceability", _("Traceability (S)"), INTEGER),
        _in_force("next_review_due", _("Next review of the classification"), DATE),
        FileColumn(
            _("Classification state today"), "classification_state", value=_classification_state, read_only=True
        ),
    ],
    annotate=_with_classification_in_force,
    attach=_attach_classifications,
)

# --- Register of processing --------------------------------------------------------------------------------------------


def _missing_items(activity) -> str:
    return ", ".join(activity.missing_items())


MISSING_ITEMS = FileColumn(
    _("Missing items (Art. 30(1))"), "missing_items", value=_missing_items, read_only=True, width=14
)

PROCESSING_SHEET = Sheet(
    key="processing",
    title=_("Register of processing"),
    model=ProcessingActivity,
    columns=[
        *key_columns(ProcessingActivity),
        *fields(
            ProcessingActivity,
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
            assets={"read_only": False},
        ),
        MISSING_ITEMS,
    ],
    prefetch_related=("assets",),
)


def _controller(activity) -> str:
    organisation = activity.organisation
    return organisation.board_name or organisation.name


def _transfers(activity) -> str:
    """Art. 30(1)(e) in words: none, or the countries and the safeguard."""
    if activity.transfers == Transfers.NONE:
        return str(Transfers.NONE.label)
    if activity.transfers != Transfers.YES:
        return ""
    safeguard = activity.get_transfer_safeguard_display() if activity.transfer_safeguard else ""
    return " – ".join(part for part in (activity.transfer_countries.strip(), str(safeguard)) if part)


def _processors(activity) -> str:
    agreement = activity.get_processing_agreement_display() if activity.processing_agreement else ""
    return " – ".join(part for part in (activity.processors.strip(), str(agreement)) if part)


ART30_SHEET = Sheet(
    key="art30",
    title=_("Art. 30(1) register"),
    model=ProcessingActivity,
    importable=False,
    columns=[
        model_column(ProcessingActivity, "name", header=_("Processing activity")),
        FileColumn(_("Controller"), "organisation", value=_controller, width=30),
        model_column(
            ProcessingActivity,
            "controller_contact",
            header=_(
                "Art. 30(1)(a) Name and contact details of the controller, any joint controller, the controller's "
                "representative and the data protection officer"
            ),
        ),
        model_column(ProcessingActivity, "purposes", header=_("Art. 30(1)(b) Purposes of the processing")),
        model_column(ProcessingActivity, "legal_basis"),
        model_column(ProcessingActivity, "legal_basis_details"),
        model_column(
            ProcessingActivity, "data_subject_categories", header=_("Art. 30(1)(c) Categories of data subjects")
        ),
        model_column(
            ProcessingActivity, "personal_data_categories", header=_("Art. 30(1)(c) Categories of personal data")
        ),
        model_column(ProcessingActivity, "special_categories"),
        model_column(
            ProcessingActivity,
            "recipients",
            header=_(
                "Art. 30(1)(d) Categories of recipients, including recipients in third countries or international "
                "organisations"
            ),
        ),
        FileColumn(_("Processors and data processing agreement"), "processors", value=_processors),
        FileColumn(
            _(
                "Art. 30(1)(e) Transfers to a third country or an international organisation, the country and the "
                "safeguards"
            ),
            "transfers",
            value=_transfers,
        ),
        model_column(ProcessingActivity, "retention", header=_("Art. 30(1)(f) Envisaged time limits for erasure")),
        model_column(
            ProcessingActivity,
            "security_measures",
            header=_("Art. 30(1)(g) General description of the technical and organisational security measures"),
        ),
        model_column(ProcessingActivity, "assets"),
        *fields(
            ProcessingActivity, "responsible_unit", "dpia_required", "dpia_done_on", "last_reviewed_on", "ended_on"
        ),
        MISSING_ITEMS,
        *key_columns(ProcessingActivity),
    ],
    select_related=("organisation",),
    prefetch_related=("assets",),
)

# --- Incidents -------------------------------------------------------------------------------------------------------

INCIDENT_SHEET = Sheet(
    key="incidents",
    title=_("Incidents"),
    model=Incident,
    columns=[
        *key_columns(Incident),
        FileColumn(_("Incident number"), "reference", width=12),
        *fields(
            Incident,
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
            assets={"read_only": False},
        ),
    ],
    prefetch_related=("assets",),
)


ASPECTS = (
    ("affects_confidentiality", _("Confidentiality")),
    ("affects_integrity", _("Integrity")),
    ("affects_availability", _("Availability")),
    ("affects_traceability", _("Traceability")),
)


def _aspects(incident) -> str:
    """The aspects the breach affected, by name: its effects on the information."""
    return ", ".join(str(label) for name, label in ASPECTS if getattr(incident, name))


def _hours_to_notification(incident) -> Decimal | None:
    """Hours from becoming aware to notifying IMY, to one decimal; None when not notified."""
    if incident.imy_notified_at is None:
        return None
    seconds = Decimal((incident.imy_notified_at - incident.became_aware_at).total_seconds())
    return (seconds / 3600).quantize(Decimal("0.1"))


def _notification_state(incident) -> str:
    return strip_tags(breach_clock(incident))


def _breaches(request, incidents):
    return incidents.filter(is_personal_data_breach=True)


ART33_SHEET = Sheet(
    key="art33",
    title=_("Art. 33(5) breach log"),
    model=Incident,
    importable=False,
    columns=[
        FileColumn(_("Incident number"), "reference", width=12),
        *fields(Incident, "title", "status", "occurred_at", "became_aware_at", "ended_at"),
        model_column(Incident, "description", header=_("Art. 33(5) Facts relating to the breach")),
        model_column(Incident, "cause"),
        *fields(Incident, "data_categories", "data_subjects_count", "records_count"),
        FileColumn(_("Art. 33(5) Effects: aspects affected"), "aspects", value=_aspects, width=30),
        model_column(Incident, "severity"),
        model_column(Incident, "assets"),
        model_column(Incident, "immediate_measures", header=_("Art. 33(5) Remedial action taken")),
        model_column(Incident, "lessons"),
        FileColumn(_("Deadline for notifying IMY (Art. 33(1), 72 h)"), "breach_deadline", DATETIME, read_only=True),
        model_column(Incident, "imy_notified_at"),
        FileColumn(
            _("Hours from detection to notification"),
            "hours_to_notification",
            DECIMAL,
            value=_hours_to_notification,
            read_only=True,
        ),
        FileColumn(_("Notification to IMY (72 h)"), "notification_state", value=_notification_state, width=24),
        *fields(
            Incident,
            "imy_reference",
            "late_notification_reason",
            "not_notified_reason",
            "subjects_informed_at",
            "subjects_not_informed_reason",
        ),
        *key_columns(Incident),
    ],
    prefetch_related=("assets",),
)

# --- Risks -----------------------------------------------------------------------------------------------------------

RISK_SHEET = Sheet(
    key="risks",
    title=_("Risks"),
    model=Risk,
    columns=[
        *key_columns(Risk),
        *fields(
            Risk,
            "title",
            "description",
            "rsa_cycle",
            "likelihood",
            "consequence",
            "score",
            "treatment",
            "owner",
            "status",
            "assessed_on",
            "assets",
            "actions",
            assets={"read_only": False},
            actions={"read_only": False},
        ),
    ],
    prefetch_related=("assets", "actions"),
)

# --- Audit reports and recommendations --------------------------------------------------------------------------------

REPORT_SHEET = Sheet(
    key="reports",
    title=_("Audit reports"),
    model=AuditReport,
    columns=[
        *key_columns(AuditReport),
        *fields(AuditReport, "issuer", "title", "number", "diarienummer", "date", "organisations", "overall_verdict"),
    ],
    prefetch_related=("organisations",),
)


def _notes(recommendation) -> list[str]:
    return [f"{note.date:%Y-%m-%d}: {note.text}" for note in recommendation.notes.all()]


RECOMMENDATION_SHEET = Sheet(
    key="recommendations",
    title=_("Recommendations"),
    model=Recommendation,
    columns=[
        *key_columns(Recommendation),
        FileColumn(_("Audit report ID"), "report_id", INTEGER),
        FileColumn(_("Audit report"), "report", value=lambda r: str(r.report), read_only=True),
        *fields(
            Recommendation,
            "number",
            "area",
            "text",
            "response",
            "owner",
            "due_date",
            "status",
            "planned_year",
            "done_on",
            "not_pursued_reason",
            "closed_on",
            "follow_up_reference",
        ),
        FileColumn(
            _("Progress notes"),
            "notes",
            TEXT,
            value=lambda r: "\n".join(_notes(r)),
            read_only=True,
            width=50,
        ),
    ],
    select_related=("report",),
    prefetch_related=(Prefetch("notes", queryset=RecommendationNote.objects.order_by("date", "id")),),
)


def _recommendations_of_reports(request, reports):
    """The organisation's recommendations in the reports the list shows, by report in the list's order, then by
    number."""
    return (
        scoped(request, Recommendation)
        .filter(report__in=reports.order_by().values("pk"))
        .order_by("-report__date", "report__title", "report_id", "number", "id")
    )


# --- Internal control, the action plan, steering documents, external factors, indicators ------------------------------

CONTROL_SHEET = Sheet(
    key="controls",
    title=_("Internal control"),
    model=ControlCheck,
    columns=[
        *key_columns(ControlCheck),
        *fields(
            ControlCheck,
            "plan_year",
            "process",
            "control",
            "method",
            "performed_on",
            "sample_size",
            "deviations_found",
            "deviations_remedied",
            "notes",
        ),
    ],
)

ACTION_SHEET = Sheet(
    key="actions",
    title=_("Action plan"),
    model=Action,
    columns=[
        *key_columns(Action),
        *fields(
            Action,
            "plan_year",
            "position",
            "title",
            "description",
            "theme",
            "priority",
            "owner",
            "status",
            "due_date",
            "done_on",
            "progress_notes",
        ),
        FileColumn(_("Responds to recommendation (ID)"), "recommendation_id", INTEGER),
        model_column(Action, "recommendation", kind=TEXT, value=lambda a: a.recommendation, read_only=True),
        model_column(Action, "business_plan_goal"),
    ],
    select_related=("recommendation__report",),
)

DOCUMENT_SHEET = Sheet(
    key="documents",
    title=_("Steering documents"),
    model=SteeringDocument,
    columns=[
        *key_columns(SteeringDocument),
        *fields(
            SteeringDocument,
            "title",
            "kind",
            "status",
            "required",
            "owner",
            "adopted_on",
            "last_reviewed_on",
            "next_review_on",
        ),
    ],
)

FACTOR_SHEET = Sheet(
    key="factors",
    title=_("External factors"),
    model=ExternalFactor,
    columns=[
        *key_columns(ExternalFactor),
        *fields(ExternalFactor, "title", "category", "text", "source", "valid_from", "valid_to", "position"),
    ],
)

MEASUREMENT_SHEET = Sheet(
    key="indicators",
    title=_("Measurements"),
    model=Measurement,
    columns=[
        *key_columns(Measurement),
        FileColumn(_("Indicator code"), "indicator.code", width=20),
        FileColumn(_("Indicator"), "indicator.name", read_only=True, width=30),
        *fields(Measurement, "year", "value"),
        FileColumn(_("Unit"), "indicator.unit", read_only=True, width=8),
        model_column(Measurement, "note"),
    ],
    select_related=("indicator",),
)

# --- What each register list offers ----------------------------------------------------------------------------------

# register slug → the sheets of the register's own file, in order; the import reads files of these.
REGISTER_SHEETS: dict[str, list[Sheet]] = {
    "assets": [ASSET_SHEET],
    "processing": [PROCESSING_SHEET],
    "incidents": [INCIDENT_SHEET],
    "risks": [RISK_SHEET],
    "reports": [REPORT_SHEET, RECOMMENDATION_SHEET],
    "recommendations": [RECOMMENDATION_SHEET],
    "controls": [CONTROL_SHEET],
    "actions": [ACTION_SHEET],
    "documents": [DOCUMENT_SHEET],
    "factors": [FACTOR_SHEET],
    "indicators": [MEASUREMENT_SHEET],
}


def _own_file(slug: str) -> ExportFile:
    sheets = REGISTER_SHEETS[slug]
    parts = [(sheets[0], same_rows)]
    if slug == "reports":
        parts.append((RECOMMENDATION_SHEET, _recommendations_of_reports))
    return ExportFile(key="", label=_("Export"), file_stem=None, parts=parts)


# register slug → the files its list offers: first its own, then any legal layouts.
FILES: dict[str, list[ExportFile]] = {slug: [_own_file(slug)] for slug in REGISTER_SHEETS}
FILES["reports"].append(
    ExportFile(
        key="recommendations",
        label=_("Their recommendations"),
        file_stem=_("recommendations of audit reports"),
        parts=[(RECOMMENDATION_SHEET, _recommendations_of_reports)],
    )
)
FILES["processing"].append(
    ExportFile(
        key="art30",
        label=_("Record of processing activities, Art. 30(1)"),
        file_stem=_("register of processing art 30"),
        parts=[(ART30_SHEET, same_rows)],
    )
)
FILES["incidents"].append(
    ExportFile(
        key="art33",
        label=_("Log of personal data breaches, Art. 33(5)"),
        file_stem=_("personal data breaches art 33"),
        parts=[(ART33_SHEET, _breaches)],
    )
)


def export_file(slug: str, key: str) -> ExportFile | None:
    """The file `key` ("" for the register's own) of the register `slug`; None when it offers no such file."""
    return next((f for f in FILES.get(slug, []) if f.key == key), None)
