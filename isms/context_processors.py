from django.urls import reverse
from django.utils.translation import gettext_lazy as _

NAVIGATION = [
    ("home", _("Översikt")),
    ("registry:assets:list", _("Tillgångar")),
    ("registry:processing:list", _("Registerförteckning")),
    ("registry:incidents:list", _("Incidenter")),
    ("registry:recommendations:list", _("Rekommendationer")),
    ("registry:actions:list", _("Åtgärdsplan")),
    ("registry:risks:list", _("Risker")),
    ("reviews:list", _("Ledningens genomgång")),
]

# The registers used a few times a year, under a "Fler register" dropdown to keep the menu short.
MORE_NAVIGATION = [
    ("registry:reports:list", _("Granskningar")),
    ("registry:controls:list", _("Internkontroll")),
    ("registry:documents:list", _("Styrdokument")),
    ("registry:factors:list", _("Faktorer som påverkar")),
    ("registry:indicators:list", _("Nyckeltal")),
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
