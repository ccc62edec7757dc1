"""Template helpers of the register of processing."""

from django import template

register = template.Library()


@register.simple_tag
def processing_status(activity):
    """{"missing": names of the missing Art. 30(1) items, "reviewed": within 12 months, "ended": bool}."""
    from ..views.processing import processing_status as status

    return status(activity)
