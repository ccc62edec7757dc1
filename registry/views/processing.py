"""The register of processing (registerförteckningen, GDPR Art. 30(1))."""

from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isms.permissions import EDIT_ASSETS

from ..filters.processing import ProcessingFilter
from ..forms.processing import ProcessingActivityForm
from ..models import ART30_ITEMS, ProcessingActivity
from .base import Column, Register


def completeness(activity: ProcessingActivity) -> str:
    """ "Komplett", or the missing Art. 30(1) letters with their names as a tooltip and for screen readers."""
    missing = activity.missing_items()
    if not missing:
        return _("Complete")
    names = ", ".join(str(ART30_ITEMS[letter]) for letter in missing)
    return format_html(
        '<span class="text-overdue" title="{}">{} {}</span><span class="visually-hidden">: {}</span>',
        names,
        _("Missing items"),
        ", ".join(missing),
        names,
    )


def art30_legend(request) -> dict:
    """The list page's legend of the letters the completeness column shows: each Art. 30(1) item by letter and name
    (the name without its trailing "(a)"), visible without hovering."""
    items = []
    for letter, label in ART30_ITEMS.items():
        name = str(label)
        suffix = f" ({letter})"
        items.append((letter, name[: -len(suffix)] if name.endswith(suffix) else name))
    return {"art30_items": items}


def processing_status(activity: ProcessingActivity) -> dict:
    """What the detail page's completeness box says: the missing items in words and the review state."""
    today = timezone.localdate()
    return {
        "missing": [ART30_ITEMS[letter] for letter in activity.missing_items()],
        "reviewed": activity.reviewed_within_12_months(today),
        "ended": bool(activity.ended_on and activity.ended_on <= today),
    }


def processing_panels(request, activity):
    assets = list(activity.assets.order_by("name"))
    return [
        {
            "title": gettext_lazy("Systems and storage locations"),
            "template": "registry/panels/linked_assets.html",
            "assets": assets,
            "empty": _("No systems are linked to the processing activity."),
        }
    ]


PROCESSING = Register(
    slug="processing",
    model=ProcessingActivity,
    form_class=ProcessingActivityForm,
    edit_capability=EDIT_ASSETS,
    filterset_class=ProcessingFilter,
    search_fields=["name", "purposes", "responsible_unit"],
    default_sort="name",
    columns=[
        Column("name", sort="name"),
        Column("legal_basis", sort="legal_basis"),
        Column("responsible_unit", sort="responsible_unit"),
        Column("last_reviewed_on", sort="last_reviewed_on"),
        Column("completeness", label=gettext_lazy("Completeness (Art. 30(1))"), value=completeness),
    ],
    detail_fields=[
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
        "dpia_required",
        "dpia_done_on",
        "last_reviewed_on",
        "ended_on",
        "created_at",
        "updated_at",
    ],
    related=processing_panels,
    list_template="registry/processing/list.html",
    list_context=art30_legend,
    detail_template="registry/processing/detail.html",
)
