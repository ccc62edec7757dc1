"""Template helpers for the screen layout: `nowrap_dates`."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# 2024-03-01, optionally with a time (2024-03-01 14:05): browsers may break a line after each hyphen ("2024-03-/01").
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?\b")


@register.filter(needs_autoescape=True)
def nowrap_dates(value, autoescape: bool = True) -> SafeString:
    """`value` (escaped unless already safe) with each date in it kept on one line: wrapped in a text-nowrap span.

    For text that mixes dates with words (a compiled review's table cells, "2023-01-01 – 2023-11-15"), where a
    text-nowrap on the whole cell would keep long text from wrapping."""
    text = conditional_escape(value) if autoescape else str(value)
    return mark_safe(ISO_DATE.sub(lambda match: f'<span class="text-nowrap">{match.group(0)}</span>', str(text)))
