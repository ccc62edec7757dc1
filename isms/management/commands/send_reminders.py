"""python manage.py send_reminders: the daily reminders (deploy/systemd/lis-portalen-daily.service runs it).

Sends nothing yet: reminders of due dates and digests come with a later version, which fills this command in; the
scheduled job that runs it is in place already.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # Translated when asked for: argparse (manage.py help) cannot format a lazy string.
        return _("Sends the daily reminders. Sends nothing yet: reminders come with a later version.")

    def handle(self, *args, **options):
        self.stdout.write(_("No reminders are sent yet: they come with a later version of LIS-portalen."))
