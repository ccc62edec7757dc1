"""Template helpers of the incident register."""

from django import template

register = template.Library()


@register.simple_tag
def incident_clocks(incident):
    """The incident's legal reporting steps with deadlines and states (see views.incidents.incident_clocks)."""
    from ..views.incidents import incident_clocks as clocks

    return clocks(incident)


@register.simple_tag
def local_time(moment):
    """Europe/Stockholm time, naming summer or winter time in the autumn's repeated hour."""
    from ..views.incidents import local_time as text

    return text(moment)
