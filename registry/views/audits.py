"""Audit reports, their recommendations (with responses and dated progress notes), and internal-control checks."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, F, Q, TextField, Value, When
from django.db.models.functions import Concat, Length, Substr
from django.db.models.lookups import GreaterThan
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from isms.permissions import EDIT, EDIT_DPO, get_object_for_user, has, organisation_required, organisations_with, scoped

from ..filters.audits import AuditReportFilter, ControlCheckFilter, RecommendationFilter
from ..forms.audits import (
    AuditReportAreasForm,
    AuditReportForm,
    ControlCheckForm,
    RecommendationForm,
    RecommendationNoteForm,
)
from ..forms.base import RELOAD_CONFLICT_MESSAGE
from ..forms.plan import ActionForm
from ..models import (
    Action,
    AuditReport,
    AuditReportArea,
    ControlCheck,
    DpoArea,
    Issuer,
    Recommendation,
    RecommendationStatus,
)
from ..services import (
    ConflictError,
    audit_report_areas_update,
    audit_report_change_refusal,
    audit_report_create,
    audit_report_update,
    register_create,
)
from .base import Column, Register, render_child_form

SHORT_TEXT = 100
FINISHED = [RecommendationStatus.DONE, RecommendationStatus.NOT_PURSUED]


def shortened(field: str, length: int = SHORT_TEXT):
    """A database expression: the text of `field`, cut to `length` characters with "…" when longer."""
    return Case(
        When(
            GreaterThan(Length(field), length),
            then=Concat(Substr(field, 1, length - 1), Value("…"), output_field=TextField()),
        ),
        default=F(field),
        output_field=TextField(),
    )


# --- Audit reports --------------------------------------------------------------------------------------------------


def report_annotate(request, queryset):
    """Each report's recommendations to the current organisation: all, and those not yet done or dropped."""
    mine = Q(recommendations__organisation=request.organisation)
    return queryset.annotate(
        recommendation_count=Count("recommendations", filter=mine),
        unfinished_count=Count("recommendations", filter=mine & ~Q(recommendations__status__in=FINISHED)),
    )


def report_delete_refusal(request, report):
    """A report other organisations also see, or with recommendations to this one, is kept."""
    others = report.organisations.exclude(pk=request.organisation.pk)
    if others.exists():
        return _(
            "The audit report is also addressed to %(others)s and therefore cannot be deleted here. Contact the "
            "administrator of LIS-portalen if it should be deleted."
        ) % {"others": ", ".join(o.name for o in others)}
    if scoped(request, Recommendation).filter(report=report).exists():
        return _(
            "The audit report has recommendations and cannot be deleted. If the audit report was registered by "
            "mistake, delete the recommendations first."
        )
    return None


def report_edit_refusal(request, report):
    """A report addressed to other organisations too is changed only by their coordinator as well."""
    return audit_report_change_refusal(report=report, user=request.user)


def report_form_kwargs(request) -> dict:
    """The organisations besides the current one where the user is coordinator are offered as addressees."""
    return {"addressable": organisations_with(request.user, EDIT)}


def report_panels(request, report):
    """The report's recommendations to the current organisation; for the DPO's annual report grouped by the six
    areas, each with the DPO's status text."""
    recommendations = list(scoped(request, Recommendation).filter(report=report).order_by("number", "id"))
    can_add = may_add_recommendation_to(request, report)
    if report.issuer != Issuer.DPO_ANNUAL_REPORT:
        return [
            {
                "title": _("Recommendations to %(organisation)s") % {"organisation": request.organisation},
                "template": "registry/panels/report_recommendations.html",
                "recommendations": recommendations,
                "report": report,
                "can_add": can_add,
            }
        ]
    texts = {a.area: a.status_text for a in scoped(request, AuditReportArea).filter(report=report)}
    areas = [
        {
            "label": label,
            "status_text": texts.get(code, ""),
            "recommendations": [r for r in recommendations if r.area == code],
        }
        for code, label in DpoArea.choices
    ]
    return [
        {
            "title": _("Areas and recommendations to %(organisation)s") % {"organisation": request.organisation},
            "template": "registry/panels/report_areas.html",
            "areas": areas,
            "other": [r for r in recommendations if not r.area],
            "report": report,
            "can_add": can_add,
            "can_edit_areas": has(request, EDIT_DPO),
        }
    ]


REPORTS = Register(
    slug="reports",
    model=AuditReport,
    form_class=AuditReportForm,
    edit_capability=EDIT,
    filterset_class=AuditReportFilter,
    search_fields=["title", "number", "diarienummer", "overall_verdict"],
    default_sort="-date,title",
    columns=[
        Column("title", sort="title"),
        Column("issuer", sort="issuer"),
        Column("number"),
        Column("date", sort="date"),
        Column("diarienummer", sort="diarienummer"),
        Column("recommendation_count", label=gettext_lazy("Recommendations"), sort="recommendation_count"),
        Column("unfinished_count", label=gettext_lazy("Of which not closed"), sort="unfinished_count"),
    ],
    annotate=report_annotate,
    related=report_panels,
    delete_refusal=report_delete_refusal,
    edit_refusal=report_edit_refusal,
    form_kwargs=report_form_kwargs,
    create_service=audit_report_create,
    update_service=audit_report_update,
    detail_fields=["issuer", "title", "number", "diarienummer", "date", "organisations", "overall_verdict"],
)


# --- Recommendations ------------------------------------------------------------------------------------------------


def recommendation_capability(recommendation=None) -> str:
    """The DPO (and the coordinator) change recommendations of the DPO's annual report; others need EDIT. A new
    recommendation needs EDIT, except that the DPO adds them to a DPO annual report (recommendation_create_allowed)."""
    if recommendation is not None and recommendation.report.issuer == Issuer.DPO_ANNUAL_REPORT:
        return EDIT_DPO
    return EDIT


def may_add_recommendation_to(request, report) -> bool:
    """The coordinator adds recommendations to any report addressed to the organisation; the DPO only to the DPO's
    annual report."""
    if has(request, EDIT):
        return True
    return has(request, EDIT_DPO) and report.issuer == Issuer.DPO_ANNUAL_REPORT


def recommendation_create_allowed(request, report=None) -> bool:
    """Whether this request may create a recommendation (under `report`, when the page is the report's). The DPO may
    only while a DPO annual report is addressed to the organisation, and a report she posts must be one of them:
    otherwise 403, also for a hand-made POST (the form offers her only those reports anyway)."""
    if has(request, EDIT):
        return True
    if not has(request, EDIT_DPO):
        return False
    reports = scoped(request, AuditReport).filter(issuer=Issuer.DPO_ANNUAL_REPORT)
    wanted = {str(report.pk)} if report is not None else set()
    if request.method == "POST" and request.POST.get("report"):
        wanted.add(request.POST["report"])
    if not wanted:
        return reports.exists()
    if not all(pk.isdigit() for pk in wanted):
        return False
    return reports.filter(pk__in=wanted).count() == len(wanted)


def recommendation_form_kwargs(request) -> dict:
    """Without EDIT (the DPO), the form offers only the DPO's annual reports."""
    return {"dpo_only": not has(request, EDIT)}


def recommendation_delete_refusal(request, recommendation):
    """Progress notes and actions refer to a recommendation: one that has them is kept, its status tells the rest."""
    if recommendation.notes.exists() or recommendation.actions.exists():
        return _(
            "The recommendation has progress notes or actions and cannot be deleted. Change the status to Will not "
            "be implemented and give the reason instead."
        )
    return None


def recommendation_annotate(request, queryset):
    return queryset.annotate(text_short=shortened("text"))


def recommendation_panels(request, recommendation):
    notes = list(recommendation.notes.select_related("author").order_by("-date", "-id"))
    actions = list(scoped(request, Action).filter(recommendation=recommendation).order_by("plan_year", "position"))
    return [
        {"title": _("Report"), "template": "registry/panels/report_link.html", "report": recommendation.report},
        {
            "title": _("Progress notes"),
            "template": "registry/panels/recommendation_notes.html",
            "notes": notes,
            "form": RecommendationNoteForm(initial={"date": timezone.localdate()}) if has(request, EDIT) else None,
            "recommendation": recommendation,
        },
        {
            "title": _("Actions responding to the recommendation"),
            "template": "registry/panels/recommendation_actions.html",
            "actions": actions,
            "recommendation": recommendation,
            "can_add": has(request, EDIT),
        },
    ]


RECOMMENDATIONS = Register(
    slug="recommendations",
    model=Recommendation,
    form_class=RecommendationForm,
    edit_capability=recommendation_capability,
    filterset_class=RecommendationFilter,
    search_fields=["text", "response"],
    default_sort="-report__date,report_id,number",
    select_related=("report",),
    columns=[
        Column("__str__", label=gettext_lazy("Report and number"), sort="report__date,report_id,number"),
        Column("text_short", label=gettext_lazy("Recommendation")),
        Column("status_label", label=gettext_lazy("Status"), sort="status"),
        Column("owner", sort="owner"),
        Column("due_date", sort="due_date"),
    ],
    annotate=recommendation_annotate,
    related=recommendation_panels,
    delete_refusal=recommendation_delete_refusal,
    create_allowed=recommendation_create_allowed,
    form_kwargs=recommendation_form_kwargs,
    detail_fields=list(RecommendationForm.Meta.fields),  # every field of the coordinator's form, in its order
)


@require_http_methods(["GET", "POST"])
@organisation_required
def recommendation_note(request, pk):
    """A dated progress note on a recommendation, by the coordinator; notes are kept, never overwritten."""
    recommendation = get_object_for_user(request, RECOMMENDATIONS.queryset(request), pk, capability=EDIT)
    form = RecommendationNoteForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():

        def attach(note):
            note.recommendation = recommendation
            note.author = request.user

        register_create(form=form, organisation=request.organisation, user=request.user, before_save=attach)
        messages.success(request, _("The progress note was saved."))
        return redirect(RECOMMENDATIONS.url("detail", recommendation.pk))
    return render_child_form(
        request,
        RECOMMENDATIONS,
        form,
        parent=recommendation,
        heading=_("New progress note for %(recommendation)s") % {"recommendation": recommendation},
    )


@require_http_methods(["GET", "POST"])
@organisation_required
def recommendation_action(request, pk):
    """A new action of the plan that answers this recommendation: in its planned year (or this year), last in the
    year chosen unless a position is given (Action.save)."""
    recommendation = get_object_for_user(request, RECOMMENDATIONS.queryset(request), pk, capability=EDIT)
    year = recommendation.planned_year or timezone.localdate().year
    form = ActionForm(
        request.POST or None,
        organisation=request.organisation,
        initial={"recommendation": recommendation, "plan_year": year},
    )
    if request.method == "POST" and form.is_valid():
        action = register_create(form=form, organisation=request.organisation, user=request.user)
        messages.success(request, _("%(name)s was saved.") % {"name": action})
        return redirect(reverse("registry:actions:detail", args=[action.pk]))
    return render_child_form(
        request,
        RECOMMENDATIONS,
        form,
        parent=recommendation,
        heading=_("New action for %(recommendation)s") % {"recommendation": recommendation},
    )


RECOMMENDATIONS.extra_urls = [
    path("<int:pk>/notes/", recommendation_note, name="note"),
    path("<int:pk>/actions/new/", recommendation_action, name="action"),
]


@require_http_methods(["GET", "POST"])
@organisation_required
def report_recommendation(request, pk):
    """A new recommendation of this report to the current organisation, numbered after the last one: by the
    coordinator, or by the DPO when the report is the DPO's annual report."""
    report = get_object_for_user(request, AuditReport, pk, capability=(EDIT, EDIT_DPO))
    if not recommendation_create_allowed(request, report):
        raise PermissionDenied
    last = scoped(request, Recommendation).filter(report=report).order_by("-number").values_list("number", flat=True)
    form = RECOMMENDATIONS.form(
        request, request.POST or None, initial={"report": report, "number": (last.first() or 0) + 1}
    )
    if request.method == "POST" and form.is_valid():
        recommendation = register_create(form=form, organisation=request.organisation, user=request.user)
        messages.success(request, _("%(name)s was saved.") % {"name": recommendation})
        return redirect(RECOMMENDATIONS.url("detail", recommendation.pk))
    return render_child_form(
        request, REPORTS, form, parent=report, heading=_("New recommendation in %(report)s") % {"report": report}
    )


@require_http_methods(["GET", "POST"])
@organisation_required
def report_areas(request, pk):
    """The DPO's status text for each of the six areas of an annual report, for the current organisation; written
    by the DPO or the coordinator."""
    report = get_object_for_user(request, AuditReport, pk, capability=EDIT_DPO)
    if report.issuer != Issuer.DPO_ANNUAL_REPORT:
        raise Http404
    areas = {a.area: a for a in scoped(request, AuditReportArea).filter(report=report)}
    form = AuditReportAreasForm(request.POST or None, areas=areas)
    if request.method == "POST" and form.is_valid():
        try:
            audit_report_areas_update(
                report=report,
                organisation=request.organisation,
                texts=form.texts(),
                versions=form.cleaned_data["versions"],
                user=request.user,
            )
        except ConflictError:
            form.add_error(None, RELOAD_CONFLICT_MESSAGE)
        else:
            messages.success(request, _("The assessments per area were saved."))
            return redirect(REPORTS.url("detail", report.pk))
    return render_child_form(
        request, REPORTS, form, parent=report, heading=_("Assessment per area in %(report)s") % {"report": report}
    )


REPORTS.extra_urls = [
    path("<int:pk>/recommendations/new/", report_recommendation, name="recommend"),
    path("<int:pk>/areas/", report_areas, name="areas"),
]


# --- Internal-control checks ----------------------------------------------------------------------------------------


CONTROLS = Register(
    slug="controls",
    model=ControlCheck,
    form_class=ControlCheckForm,
    edit_capability=EDIT,
    filterset_class=ControlCheckFilter,
    search_fields=["process", "control", "method", "notes"],
    default_sort="-plan_year,performed_on",
    columns=[
        Column("control", sort="control"),
        Column("plan_year", label=gettext_lazy("Year"), sort="plan_year,performed_on"),
        Column("process", sort="process"),
        Column("performed_on", sort="performed_on"),
        Column("sample_size", label=gettext_lazy("Sample")),
        Column("deviations_found", sort="deviations_found"),
        Column("deviations_remedied", label=gettext_lazy("Remedied"), sort="deviations_remedied"),
    ],
    detail_fields=[
        "plan_year",
        "process",
        "control",
        "method",
        "performed_on",
        "sample_size",
        "deviations_found",
        "deviations_remedied",
        "notes",
    ],
)
