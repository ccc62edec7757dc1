"""The three-year action plan, steering documents and external factors."""

from django.db.models import BooleanField, Case, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isms.permissions import EDIT

from ..filters.plan import ActionFilter, ExternalFactorFilter, SteeringDocumentFilter, overdue_actions
from ..forms.plan import ActionForm, ExternalFactorForm, SteeringDocumentForm
from ..models import Action, ExternalFactor, SteeringDocument
from .base import Column, Register

# --- Actions --------------------------------------------------------------------------------------------------------


def action_annotate(request, queryset):
    """overdue: the due date has passed and the action is neither done nor cancelled."""
    return queryset.annotate(
        overdue=Case(
            When(overdue_actions(timezone.localdate()), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def action_panels(request, action):
    if action.recommendation_id is None:
        return []
    return [
        {
            "title": _("Responds to recommendation"),
            "template": "registry/panels/action_recommendation.html",
            "recommendation": action.recommendation,
        }
    ]


ACTIONS = Register(
    slug="actions",
    model=Action,
    form_class=ActionForm,
    edit_capability=EDIT,
    filterset_class=ActionFilter,
    search_fields=["title", "description", "owner", "progress_notes", "business_plan_goal"],
    default_sort="plan_year,position",
    select_related=("recommendation__report",),
    columns=[
        Column("title", sort="title"),
        Column("plan_year", label=gettext_lazy("Year"), sort="plan_year,position"),
        Column("position", label=gettext_lazy("No.")),
        Column("theme", sort="theme"),
        Column("priority", sort="priority"),
        Column("status", sort="status"),
        Column("owner", sort="owner"),
        Column("due_date", sort="due_date"),
    ],
    annotate=action_annotate,
    related=action_panels,
    detail_fields=[
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
        "recommendation",
        "business_plan_goal",
    ],
    list_template="registry/action_list.html",
)


# --- Steering documents ---------------------------------------------------------------------------------------------


def document_annotate(request, queryset):
    """review_due: due for review today (SteeringDocument.due_for_review)."""
    return queryset.annotate(
        review_due=Case(
            When(SteeringDocument.due_for_review(timezone.localdate()), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


DOCUMENTS = Register(
    slug="documents",
    model=SteeringDocument,
    create_label=gettext_lazy("New steering document"),
    form_class=SteeringDocumentForm,
    edit_capability=EDIT,
    filterset_class=SteeringDocumentFilter,
    search_fields=["title", "owner"],
    default_sort="title",
    columns=[
        Column("title", sort="title"),
        Column("kind", sort="kind"),
        Column("status", sort="status"),
        Column("required", sort="required"),
        Column("owner", sort="owner"),
        Column("last_reviewed_on", sort="last_reviewed_on"),
        Column("next_review_on", sort="next_review_on"),
    ],
    annotate=document_annotate,
    detail_fields=["title", "kind", "status", "required", "owner", "adopted_on", "last_reviewed_on", "next_review_on"],
    list_template="registry/document_list.html",
)


# --- External factors -----------------------------------------------------------------------------------------------


FACTORS = Register(
    slug="factors",
    model=ExternalFactor,
    form_class=ExternalFactorForm,
    edit_capability=EDIT,
    filterset_class=ExternalFactorFilter,
    search_fields=["title", "text", "source"],
    default_sort="position,title",
    columns=[
        Column("title", sort="title"),
        Column("category", sort="category"),
        Column("valid_from", sort="valid_from"),
        Column("valid_to", sort="valid_to"),
        Column("source", sort="source"),
        Column("position", sort="position,title"),
    ],
    detail_fields=["title", "category", "text", "source", "valid_from", "valid_to", "position"],
)
