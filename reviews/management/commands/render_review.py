"""python manage.py render_review --org eav --year 2024 [--cutoff 2023-11-15] [--revision N] --output review.pdf"""

import argparse
import datetime
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from isms.models import Organisation
from isms.pdf import count_pages
from reviews.models import ManagementReview
from reviews.pdf import StoredPdfMissing, review_pdf_bytes


def _date(value: str) -> datetime.date:
    """YYYY-MM-DD → date; argparse reports the error (a CommandError when called through call_command)."""
    try:
        if len(value) != 10:
            raise ValueError(value)
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("invalid date %(value)r: write YYYY-MM-DD, e.g. 2023-11-15") % {"value": value}
        ) from None


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # Translated when asked for: argparse (manage.py help) cannot format a lazy string.
        return _(
            "Writes an organisation's management review for a plan year as PDF (the latest revision unless another is "
            "given) and prints the path, the number of pages and the rendering time. An approved review is written as "
            "the stored, approved file, byte for byte."
        )

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help=_("The organisation's code, e.g. eav."))
        parser.add_argument("--year", required=True, type=int, help=_("The plan year, e.g. 2024."))
        parser.add_argument(
            "--cutoff",
            type=_date,
            help=_(
                "Cut-off date for the register data (YYYY-MM-DD), for this printout only; not saved. Default: the "
                "review's own cut-off date."
            ),
        )
        parser.add_argument("--revision", type=int, help=_("Revision (default: the latest)."))
        parser.add_argument("--output", required=True, type=Path, help=_("The PDF file to write."))

    def handle(self, *args, org, year, cutoff, revision, output, **options):
        try:
            organisation = Organisation.objects.get(code=org)
        except Organisation.DoesNotExist:
            known = ", ".join(Organisation.objects.order_by("code").values_list("code", flat=True)) or _("none")
            raise CommandError(
                _("Unknown organisation %(org)r – there are: %(known)s") % {"org": org, "known": known}
            ) from None

        reviews = ManagementReview.objects.filter(organisation=organisation, plan_year=year)
        if revision is not None:
            reviews = reviews.filter(revision=revision)
        review = reviews.select_related("organisation").order_by("-revision").first()
        if review is None:
            years = sorted(
                set(ManagementReview.objects.filter(organisation=organisation).values_list("plan_year", flat=True))
            )
            if revision is not None and year in years:
                revisions = ManagementReview.objects.filter(organisation=organisation, plan_year=year)
                numbers = ", ".join(str(n) for n in revisions.order_by("revision").values_list("revision", flat=True))
                raise CommandError(
                    _("No revision %(revision)s of the review for %(org)s %(year)s – there are: %(found)s")
                    % {"revision": revision, "org": org, "year": year, "found": numbers}
                )
            found = ", ".join(str(y) for y in years) or _("none")
            raise CommandError(
                _("No review for %(org)s %(year)s – there are: %(found)s") % {"org": org, "year": year, "found": found}
            )
        if cutoff is not None:
            if review.is_approved:
                raise CommandError(
                    _(
                        "The review for %(org)s %(year)s (revision %(revision)s) is approved: it is written as the "
                        "stored file and cannot be recomputed with another cut-off date. Remove --cutoff."
                    )
                    % {"org": org, "year": year, "revision": review.revision}
                )
            review.cutoff_date = cutoff  # this render only: the review is not saved

        output = output.expanduser()
        if not output.parent.is_dir():
            raise CommandError(_("The directory %(path)s does not exist.") % {"path": output.parent})
        started = time.perf_counter()
        try:
            pdf = review_pdf_bytes(review)  # an approved review: the stored bytes, never rendered again
        except StoredPdfMissing as error:
            raise CommandError(str(error)) from None
        seconds = time.perf_counter() - started
        output.write_bytes(pdf)
        pages = count_pages(pdf)
        if review.is_approved:
            self.stdout.write(
                ngettext(
                    "%(path)s\n%(pages)s page\napproved: the stored file, SHA-256 %(sha256)s",
                    "%(path)s\n%(pages)s pages\napproved: the stored file, SHA-256 %(sha256)s",
                    pages,
                )
                % {"path": output, "pages": pages, "sha256": review.pdf_sha256}
            )
        else:
            self.stdout.write(
                ngettext(
                    "%(path)s\n%(pages)s page\nrendered in %(seconds).2f s",
                    "%(path)s\n%(pages)s pages\nrendered in %(seconds).2f s",
                    pages,
                )
                % {"path": output, "pages": pages, "seconds": seconds}
            )
