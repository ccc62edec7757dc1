from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The top layer: the pages that combine the registers and the review (the start page, the city overview, the
    menu) and the demo loader. No app imports it (DESIGN.md §5)."""

    name = "portal"
