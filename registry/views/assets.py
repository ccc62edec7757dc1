"""Information assets and their classifications."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from isms.permissions import EDIT_ASSETS, get_object_for_user, organisation_required

from ..filters.assets import AssetFilter
from ..forms.assets import ClassificationForm, InformationAssetForm
from ..models import Classification, InformationAsset, Level
from ..services import register_create
from .base import Column, Register, render_child_form


def asset_panels(request, asset):
    """The asset's classifications, newest first, the current one marked, with stale flags."""
    today = timezone.localdate()
    classifications = list(asset.classifications.order_by("-decided_on", "-id"))
    current = next((c for c in classifications if c.decided_on <= today), None)
    levels = dict(Level.choices)
    rows = [
        {
            "obj": c,
            "current": c is current,
            "stale": c.is_stale_on(today),
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
    return [
        {
            "title": _("Information classifications"),
            "template": "registry/panels/classifications.html",
            "rows": rows,
            "asset": asset,
        }
    ]


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
        Column("in_use_from", sort="in_use_from"),
    ],
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
        messages.success(request, _("The classification of %(asset)s was saved.") % {"asset": asset})
        return redirect(ASSETS.url("detail", asset.pk))
    return render_child_form(
        request, ASSETS, form, parent=asset, heading=_("New information classification of %(asset)s") % {"asset": asset}
    )


ASSETS.extra_urls = [path("<int:pk>/classify/", classify, name="classify")]
__all__ = ["ASSETS", "Classification"]
