"""Template helpers of the register forms."""

from django import template
from django.forms.forms import NON_FIELD_ERRORS

register = template.Library()


@register.filter
def has_field_errors(form) -> bool:
    """Whether a field of `form` is marked with an error (errors of the whole form alone mark none)."""
    return any(name != NON_FIELD_ERRORS for name in form.errors)
