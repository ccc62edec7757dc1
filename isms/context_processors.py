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
    ("registry:indicators:list", _("Nyckeltal")),
]


def navigation(request):
    """Main menu entries with the current one marked; only names that resolve (registers land one by one)."""
    if not getattr(request, "organisation", None):
        return {}
    items = []
    for name, label in NAVIGATION:
        try:
            url = reverse(name)
        except Exception:  # noqa: BLE001 - a register whose views are not installed yet
            continue
        active = request.path == url if name == "home" else request.path.startswith(url)
        items.append({"url": url, "label": label, "active": active})
    return {"nav_registers": items}
