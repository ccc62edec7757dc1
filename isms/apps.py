from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IsmsConfig(AppConfig):
    name = "isms"
    verbose_name = _("ISMS portal")

    def ready(self):
        from . import security  # noqa: F401 - connects the sign-in signal that starts the session clocks
