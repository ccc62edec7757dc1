"""The verification page (/verify/): is this PDF, or this SHA-256, an approved management review?

Open without signing in: whoever holds the PDF (a board member, an auditor, the public after a records request) can
check it. It answers from the stored SHA-256 of approved reviews only, and says nothing about drafts. Lookups are
rate-limited per client address (VERIFY_RATE_LIMIT lookups per VERIFY_RATE_WINDOW seconds, in Django's cache), so
the page cannot be used to probe for hashes at speed; showing the empty form is not counted.
"""

import hashlib
import re
import zoneinfo

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from isms.security import client_ip_address
from registry.models import Role

from .selectors import approved_review_by_sha256, later_revision

SHA256_HEX = re.compile(r"^[0-9a-fA-F]{64}$")
PDF_MAGIC = b"%PDF-"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
VERIFY_RATE_LIMIT = 30
VERIFY_RATE_WINDOW = 10 * 60  # seconds
STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


def _rate_limited(request) -> bool:
    """Count this lookup for the client's address; True when it is over the limit for the current window (a fixed
    window that starts with the address's first lookup)."""
    limit = getattr(settings, "VERIFY_RATE_LIMIT", VERIFY_RATE_LIMIT)
    window = getattr(settings, "VERIFY_RATE_WINDOW", VERIFY_RATE_WINDOW)
    key = f"verify-rate:{client_ip_address(request) or 'unknown'}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit


def _sha256_of_upload(upload) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    return digest.hexdigest()


def _check_upload(upload) -> str | None:
    """A Swedish error for an upload that is not a PDF of at most 20 MB, else None."""
    if upload.size > MAX_UPLOAD_BYTES:
        return _("The file is larger than 20 MB. An approved review is much smaller; check that it is the right file.")
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        return _("The file is not a PDF. Choose the PDF file of the management review.")
    return None


@require_http_methods(["GET", "HEAD", "POST"])
def verify(request):
    """GET: the form, or with ?sha256=<64 hex> the answer for that hash. POST (multipart, field "pdf"): the answer
    for the uploaded file. 400 for an invalid hash or file, 429 over the rate limit; 200 with the answer otherwise
    (found or not found)."""
    context = {"max_mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
    sha256 = None
    error = None
    if request.method == "POST":
        upload = request.FILES.get("pdf")
        if upload is None:
            error = _("Choose a PDF file to check.")
        else:
            error = _check_upload(upload)
            if error is None:
                sha256 = "pending"
                context["filename"] = upload.name
    elif "sha256" in request.GET:
        value = request.GET["sha256"].strip()
        if not SHA256_HEX.match(value):
            error = _("A SHA-256 checksum is 64 characters 0–9 and a–f. Check that the whole checksum was included.")
            context["sha256_input"] = value[:200]
        else:
            sha256 = value.lower()

    if error is None and sha256 is None:
        return render(request, "reviews/verify.html", context)
    if _rate_limited(request):
        context["rate_limited"] = True
        context["window_minutes"] = getattr(settings, "VERIFY_RATE_WINDOW", VERIFY_RATE_WINDOW) // 60
        return render(request, "reviews/verify.html", context, status=429)
    if error is not None:
        context["error"] = error
        return render(request, "reviews/verify.html", context, status=400)
    if sha256 == "pending":
        sha256 = _sha256_of_upload(request.FILES["pdf"])

    review = approved_review_by_sha256(sha256)
    context.update({"checked": True, "sha256": sha256, "review": review})
    if review is not None:
        context.update(
            {
                "approved_at": timezone.localtime(review.approved_at, STOCKHOLM),
                "approver_role": Role.HEAD.label,
                "later_revision": later_revision(review),
            }
        )
    return render(request, "reviews/verify.html", context)
