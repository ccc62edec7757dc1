"""The export menu of the register lists."""

from django import template

register = template.Library()


@register.inclusion_tag("registry/exports/menu.html", takes_context=True)
def export_menu(context, list_register):
    """Links to the files of `list_register`'s list (registry.spreadsheets.views.export_links) for this request."""
    from ..spreadsheets.views import export_links  # the views import the registers' views, which load this library

    return {"exports": export_links(context["request"], list_register)}
