"""python manage.py render_review --org eav --year 2024 [--cutoff 2023-11-15] [--revision N] --output review.pdf"""

import argparse
import datetime
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from isms.pdf import count_pages
from registry.models import Organisation
from reviews.models import ManagementReview
from reviews.pdf import StoredPdfMissing, review_pdf_bytes


def _date(value: str) -> datetime.date:
    """YYYY-MM-DD → date; argparse reports the error (a CommandError when called through call_command)."""
    try:
        if len(value) != 10:
            raise ValueError(value)
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ogiltigt datum {value!r}: skriv ÅÅÅÅ-MM-DD, t.ex. 2023-11-15") from None


class Command(BaseCommand):
    help = (
        "Skriver en organisations ledningens genomgång för ett planår som PDF (senaste revisionen om inget annat "
        "anges) och skriver ut sökvägen, antalet sidor och renderingstiden. En fastställd genomgång skrivs ut "
        "som den lagrade, fastställda filen, byte för byte."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="Organisationens kod, t.ex. eav.")
        parser.add_argument("--year", required=True, type=int, help="Planåret, t.ex. 2024.")
        parser.add_argument(
            "--cutoff",
            type=_date,
            help="Brytdatum för registeruppgifterna (ÅÅÅÅ-MM-DD), bara för denna utskrift; sparas inte. "
            "Standard: genomgångens eget brytdatum.",
        )
        parser.add_argument("--revision", type=int, help="Revision (standard: den senaste).")
        parser.add_argument("--output", required=True, type=Path, help="PDF-filen som ska skrivas.")

    def handle(self, *args, org, year, cutoff, revision, output, **options):
        try:
            organisation = Organisation.objects.get(code=org)
        except Organisation.DoesNotExist:
            known = ", ".join(Organisation.objects.order_by("code").values_list("code", flat=True)) or "inga"
            raise CommandError(f"Okänd organisation {org!r} – finns: {known}") from None

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
                raise CommandError(f"Ingen revision {revision} av genomgången för {org} {year} – finns: {numbers}")
            found = ", ".join(str(y) for y in years) or "inga"
            raise CommandError(f"Ingen genomgång för {org} {year} – finns: {found}")
        if cutoff is not None:
            if review.is_approved:
                raise CommandError(
                    f"Genomgången för {org} {year} (revision {review.revision}) är fastställd: den skrivs ut som den "
                    "lagrade filen och kan inte räknas om med ett annat brytdatum. Ta bort --cutoff."
                )
            review.cutoff_date = cutoff  # this render only: the review is not saved

        output = output.expanduser()
        if not output.parent.is_dir():
            raise CommandError(f"Katalogen {output.parent} finns inte.")
        started = time.perf_counter()
        try:
            pdf = review_pdf_bytes(review)  # an approved review: the stored bytes, never rendered again
        except StoredPdfMissing as error:
            raise CommandError(str(error)) from None
        seconds = time.perf_counter() - started
        output.write_bytes(pdf)
        pages = count_pages(pdf)
        if review.is_approved:
            self.stdout.write(f"{output}\n{pages} sidor\nfastställd: den lagrade filen, SHA-256 {review.pdf_sha256}")
        else:
            self.stdout.write(f"{output}\n{pages} sidor\nrenderad på {seconds:.2f} s")
