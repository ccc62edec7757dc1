"""The base of every register's list filters (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _


class RegisterFilterSet(django_filters.FilterSet):
    """Takes the request, so choices of related rows can be limited to the current organisation."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)  # django-filter keeps it as self.request


YES_NO = [("yes", _("Ja")), ("no", _("Nej"))]
