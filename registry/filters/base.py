"""The base of every register's list filters (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _


class RegisterFilterSet(django_filters.FilterSet):
    """Takes the request, so choices of related rows can be limited to the current organisation."""

    def __init__(self, *args, request=None, **kwargs):
        # django-filter's own __init__ sets self.request from its keyword: pass it on, or it is None.
        super().__init__(*args, request=request, **kwargs)


YES_NO = [("yes", _("Yes")), ("no", _("No"))]
