"""The management review as a PDF: compile the review, render templates/pdf/review.html with WeasyPrint."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from isms.pdf import PDF_LANGUAGE, render_pdf
from isms.storage import StoredFileChanged, StoredFileError, StoredFileMissing, read_verified

from .compiler import CompiledReview, compile_review
from .models import ManagementReview, ReviewStatus

TEMPLATE = "pdf/review.html"
#: Every review PDF is PDF/A-3b (archival: fonts embedded, colours and metadata as PDF/A requires) and tagged for
#: assistive technology. Not level "a": WeasyPrint's tags have not been checked against PDF/A-3a's requirements,
#: so the file does not claim it. Costs about a tenth more render time than a plain PDF.
PDF_VARIANT = "pdf/a-3b"
PDF_TAGS = True


def verify_url() -> str:
    """Address of the verification page printed on approved reviews: SITE_URL + "/verify/"."""
    return f"{settings.SITE_URL}/verify/"


def review_context(compiled: CompiledReview) -> dict:
    """The template context of pdf/review.html for a compiled review."""
    return {"compiled": compiled, "verify_url": verify_url()}


def render_compiled_pdf(compiled: CompiledReview, *, pdf_variant: str | None = PDF_VARIANT) -> bytes:
    """PDF bytes of an already compiled review (see isms.pdf.render_pdf for errors and `pdf_variant`)."""
    return render_pdf(TEMPLATE, review_context(compiled), pdf_variant=pdf_variant, pdf_tags=PDF_TAGS)


def render_review_pdf(review: ManagementReview, *, pdf_variant: str | None = PDF_VARIANT) -> bytes:
    """Compile `review` from the registers at its `cutoff_date` (as set on the instance, saved or not) and render it.

    Returns the PDF as bytes: A4, Swedish, PDF/A-3b and tagged (PDF_VARIANT, PDF_TAGS), with "Utkast" and a
    watermark unless the review is approved. Costs the compiler's fixed number of queries plus WeasyPrint's time
    (about 0.5 s for a five-page review, 1.2 s for ten; the first call in a process also imports WeasyPrint, 0.7 s).
    """
    with translation.override(PDF_LANGUAGE):
        compiled = compile_review(review)
    return render_compiled_pdf(compiled, pdf_variant=pdf_variant)


class StoredPdfMissing(Exception):
    """An approved review whose stored PDF is missing or no longer has the SHA-256 recorded at approval."""


def review_pdf_bytes(review: ManagementReview) -> bytes:
    """The review as PDF bytes: for an approved review the stored, approved file exactly as it was approved (never
    rendered again); for any other a fresh draft render from the registers.

    The stored file is read through isms.storage.read_verified, which checks its SHA-256 against the one recorded at
    approval, on the file system and in an object store alike. Raises StoredPdfMissing when an approved review has no
    stored file, the file's SHA-256 is not the one recorded at approval (it was changed behind the application's
    back), or the storage cannot be read: nothing else is ever served in its place.
    """
    if not review.is_approved:
        return render_review_pdf(review)
    if not review.pdf:
        raise StoredPdfMissing(_("The approved review %(id)s has no stored PDF.") % {"id": review.pk})
    try:
        return read_verified(name=review.pdf.name, sha256=review.pdf_sha256)
    except StoredFileMissing:
        raise StoredPdfMissing(
            _("The approved review's PDF %(name)s is missing from storage.") % {"name": review.pdf.name}
        ) from None
    except StoredFileChanged:
        raise StoredPdfMissing(
            _("The stored PDF %(name)s does not match the checksum recorded at approval.") % {"name": review.pdf.name}
        ) from None
    except StoredFileError as error:
        raise StoredPdfMissing(str(error)) from error


def review_filename(review: ManagementReview) -> str:
    """ASCII file name for downloads: "ledningens-genomgang-<org code>-<plan year>[-rev<N>][-utkast].pdf".

    The revision appears from 2 on; "-utkast" while the review is not approved.
    """
    parts = ["ledningens-genomgang", review.organisation.code, str(review.plan_year)]
    if review.revision > 1:
        parts.append(f"rev{review.revision}")
    if not review.is_approved:
        parts.append("utkast")
    return "-".join(parts) + ".pdf"


def approved_pdf_problems() -> tuple[int, list[tuple[ManagementReview, str]]]:
    """Check every approved review's stored PDF as review_pdf_bytes serves it: the file exists and its SHA-256 is
    the one recorded at approval. Returns (number of approved reviews checked, [(review, Swedish problem)] for
    each one that fails, in organisation, plan year and revision order). Reads every file once; one query."""
    reviews = ManagementReview.objects.filter(status=ReviewStatus.APPROVED).select_related("organisation")
    checked, problems = 0, []
    for review in reviews.order_by("organisation__code", "plan_year", "revision"):
        checked += 1
        try:
            review_pdf_bytes(review)
        except StoredPdfMissing as error:
            problems.append((review, str(error)))
    return checked, problems
