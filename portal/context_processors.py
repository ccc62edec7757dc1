"""The main menu of every page (TEMPLATES' context processor `navigation`): the registers and the review by their
URL names, so it belongs on top, with the pages that combine them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

NAVIGATION = [
    ("home", _("Overview")),
    ("registry:assets:list", _("Assets")),
    ("registry:processing:list", _("Register of processing")),
    ("registry:incidents:list", _("Incidents")),
    ("registry:recommendations:list", _("Recommendations")),
    ("registry:actions:list", _("Action plan")),
    ("registry:risks:list", _("Risks")),
    ("reviews:list", _("Management review")),
]

# The registers used a few times a year, under a "Fler register" dropdown to keep the menu short.
MORE_NAVIGATION = [
    ("registry:reports:list", _("Audit reports")),
    ("registry:controls:list", _("Internal control checks")),
    ("registry:documents:list", _("Steering documents")),
    ("registry:factors:list", _("External factors")),
    ("registry:indicators:list", _("Indicators")),
]


def navigation(request):
    """Main menu entries with the current one marked; only names that resolve (registers land one by one)."""
    if not getattr(request, "organisation", None):
        return {}
    return {"nav_registers": _items(request, NAVIGATION), "nav_more": _items(request, MORE_NAVIGATION)}


def _items(request, entries):
    items = []
    for name, label in entries:
        try:
            url = reverse(name)
        except Exception:  # noqa: BLE001 - a register whose views are not installed yet
            continue
        active = request.path == url if name == "home" else request.path.startswith(url)
        items.append({"url": url, "label": label, "active": active})
    return items
