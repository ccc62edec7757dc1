"""Information assets and their classifications."""

from django.contrib import messages
from django.db.models import Subquery
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from isms.permissions import EDIT_ASSETS, get_object_for_user, organisation_required

from ..filters.assets import AssetFilter
from ..forms.assets import ClassificationForm, InformationAssetForm
from ..models import METHODS_WITH_TRACEABILITY, Classification, ClassificationState, InformationAsset, Level
from ..selectors.rules import in_force_of_outer_asset
from ..services import register_create
from .base import Column, Register, render_child_form


def asset_panels(request, asset):
    """The asset's classifications, newest first, the one in force marked with its state (ClassificationState:
    incomplete, naming the aspects not assessed, or out of date)."""
    today = timezone.localdate()
    classifications = list(asset.classifications.order_by("-decided_on", "-id"))
    current = next((c for c in classifications if c.decided_on <= today), None)
    levels = dict(Level.choices)
    rows = [
        {
            "obj": c,
            "current": c is current,
            "state": c.state_on(today),
            "missing": ", ".join(c.missing_aspects()),
            "levels": [
                (label, value, levels.get(value, "–"))
                for label, value in (
                    ("K", c.confidentiality),
                    ("R", c.integrity),
                    ("T", c.availability),
                    ("S", c.traceability),
                )
            ],
        }
        for c in classifications
    ]

    def linked(queryset, slug):
        """Rows of another register that link to the asset, each a link to its page."""
        return [
            [format_html('<a href="{}">{}</a>', reverse(f"registry:{slug}:detail", args=[row.pk]), row)]
            for row in queryset
        ]

    return [
        {
            "title": _("Information classifications"),
            "template": "registry/panels/classifications.html",
            "rows": rows,
            "asset": asset,
        },
        {
            "title": _("Used in the register of processing"),
            "headers": [_("Processing activity")],
            "rows": linked(asset.processing_activities.order_by("name"), "processing"),
        },
        {
            "title": _("Incidents that affected it"),
            "headers": [_("Incident")],
            "rows": linked(asset.incidents.order_by("-became_aware_at"), "incidents"),
        },
        {
            "title": _("Risks"),
            "headers": [_("Risk")],
            "rows": linked(asset.risks.order_by("title"), "risks"),
        },
    ]


_LEVEL_FIELDS = (("K", "confidentiality"), ("R", "integrity"), ("T", "availability"), ("S", "traceability"))


_CURRENT_FIELDS = ("pk", "method", "next_review_due", *(name for _letter, name in _LEVEL_FIELDS))


def asset_annotate(request, queryset):
    """The classification in force today, in the list's one query: its method, K/R/T/S levels and review date."""
    current = in_force_of_outer_asset(timezone.localdate())
    return queryset.annotate(**{f"current_{name}": Subquery(current.values(name)[:1]) for name in _CURRENT_FIELDS})


def classification_cell(asset):
    """ "K3 R2 T– S2" for the classification in force ("–": not assessed; S where the method has it or it is
    assessed), flagged with its state when not current (ClassificationState, the list filter's rule): "ofullständig"
    or "Inaktuell"; "Saknas" without one."""
    if asset.current_pk is None:
        return format_html('<span class="text-overdue">{}</span>', ClassificationState.MISSING.label)
    current = Classification(**{name: getattr(asset, f"current_{name}") for name in _CURRENT_FIELDS[1:]})
    values = {letter: getattr(current, name) for letter, name in _LEVEL_FIELDS}
    if values["S"] is None and current.method not in METHODS_WITH_TRACEABILITY:
        del values["S"]  # not part of the method; K, R and T always, "–" where not yet assessed
    levels = " ".join(f"{letter}{'–' if value is None else value}" for letter, value in values.items())
    state = current.state_on(timezone.localdate())
    if state == ClassificationState.INCOMPLETE:
        return format_html('{} <span class="badge text-bg-warning">{}</span>', levels, _("incomplete"))
    if state == ClassificationState.STALE:
        return format_html('{} <span class="badge text-bg-warning">{}</span>', levels, _("Out of date"))
    return levels


ASSETS = Register(
    slug="assets",
    model=InformationAsset,
    form_class=InformationAssetForm,
    edit_capability=EDIT_ASSETS,
    filterset_class=AssetFilter,
    search_fields=["name", "description", "owner", "system_owner", "supplier"],
    default_sort="name",
    columns=[
        Column("name", sort="name"),
        Column("kind", sort="kind"),
        Column("status", sort="status"),
        Column("owner", sort="owner"),
        Column("classification", label=gettext_lazy("Classification"), value=classification_cell),
        Column("in_use_from", sort="in_use_from"),
    ],
    annotate=asset_annotate,
    kept_relations=("classifications",),
    related=asset_panels,
)


@require_http_methods(["GET", "POST"])
@organisation_required
def classify(request, pk):
    """A new classification of the asset; earlier ones stay as its history."""
    asset = get_object_for_user(request, InformationAsset, pk, capability=EDIT_ASSETS)
    form = ClassificationForm(
        request.POST or None,
        organisation=request.organisation,
        initial={"decided_on": timezone.localdate(), "decided_by": asset.owner},
    )
    if request.method == "POST" and form.is_valid():
        form.instance.asset = asset
        register_create(form=form, organisation=request.organisation, user=request.user)
        missing = form.instance.missing_aspects()
        if missing:
            # Saved, and in force from its date like any newer classification: say that it lowers coverage.
            messages.warning(
                request,
                ngettext(
                    "The classification of %(asset)s was saved, but it is incomplete: %(letters)s is not assessed. "
                    "While it is the classification in force, the asset does not count as classified. Record a "
                    "complete classification to have it counted.",
                    "The classification of %(asset)s was saved, but it is incomplete: %(letters)s are not assessed. "
                    "While it is the classification in force, the asset does not count as classified. Record a "
                    "complete classification to have it counted.",
                    len(missing),
                )
                % {"asset": asset, "letters": ", ".join(missing)},
            )
        else:
            messages.success(request, _("The classification of %(asset)s was saved.") % {"asset": asset})
        return redirect(ASSETS.url("detail", asset.pk))
    return render_child_form(
        request, ASSETS, form, parent=asset, heading=_("New information classification of %(asset)s") % {"asset": asset}
    )


ASSETS.extra_urls = [path("<int:pk>/classify/", classify, name="classify")]
__all__ = ["ASSETS", "Classification"]
