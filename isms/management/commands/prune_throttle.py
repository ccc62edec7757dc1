"""python manage.py prune_throttle: delete the rate-limit counters of windows that ended more than a day ago and the
expired slots of limited work (isms.throttle.prune); deploy/systemd/lis-portalen-daily.service runs it daily."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from isms import throttle


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # Translated when asked for: argparse (manage.py help) cannot format a lazy string.
        return _(
            "Deletes the rate-limit counters of the verification page older than a day and expired slots of draft "
            "PDF renders."
        )

    def handle(self, *args, **options):
        counters, slots = throttle.prune()
        self.stdout.write(
            _("Old rate-limit counters deleted: %(counters)d. Expired render slots deleted: %(slots)d.")
            % {"counters": counters, "slots": slots}
        )
