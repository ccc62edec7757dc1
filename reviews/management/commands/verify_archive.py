"""python manage.py verify_archive: every approved review's PDF is on file with its SHA-256; non-zero exit if not."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from reviews.pdf import approved_pdf_problems


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # Translated when asked for: argparse (manage.py help) cannot format a lazy string.
        return _(
            "Checks that every approved management review's PDF exists in storage and has the SHA-256 recorded at "
            "approval (after a restore, or regularly). Names each review that fails and exits with status 1."
        )

    def handle(self, *args, **options):
        checked, problems = approved_pdf_problems()
        for review, problem in problems:
            self.stderr.write(
                _("%(org)s %(year)s revision %(revision)s (id %(id)s, file %(file)s): %(problem)s")
                % {
                    "org": review.organisation.code,
                    "year": review.plan_year,
                    "revision": review.revision,
                    "id": review.pk,
                    "file": review.pdf.name or "-",
                    "problem": problem,
                }
            )
        if problems:
            raise CommandError(
                _(
                    "Approved reviews checked: %(checked)s. With a missing or changed PDF: %(bad)s (named above). "
                    "Restore those files from a backup whose verify_archive passed."
                )
                % {"checked": checked, "bad": len(problems)}
            )
        self.stdout.write(
            _(
                "Approved reviews checked: %(checked)s. Every PDF is on file and matches the SHA-256 recorded at "
                "approval."
            )
            % {"checked": checked}
        )
