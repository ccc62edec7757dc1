"""The verification page (/verify/): is this PDF, or this SHA-256, an approved management review?

Open without signing in: whoever holds the PDF (a board member, an auditor, the public after a records request) can
check it. It answers from the stored SHA-256 of approved reviews only, and says nothing about drafts. Lookups are
rate-limited per client address (VERIFY_RATE_LIMIT lookups per VERIFY_RATE_WINDOW seconds, counted in the database by
isms.throttle.hit, exact however many requests arrive at once), so the page cannot be used to probe for hashes at
speed; showing the empty form is not counted.

An upload is refused before its body is read: the rate limit is counted first, then a declared Content-Length over
the limit gets 413; while the body is read, UploadLimitHandler stops at the limit (413 too), so nothing past it is
read or stored. The CSRF check, which reads the form, therefore runs inside the view, after those checks.
"""

import hashlib
import re
import zoneinfo

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from isms import throttle
from isms.models import Role
from isms.security import client_ip_address

from .selectors import approved_review_by_sha256, later_approved_revision

SHA256_HEX = re.compile(r"^[0-9a-fA-F]{64}$")
PDF_MAGIC = b"%PDF-"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
#: What a multipart body may hold besides the file (boundaries, headers, the CSRF token): a body declared larger than
#: MAX_UPLOAD_BYTES + this is refused unread.
MULTIPART_OVERHEAD_BYTES = 64 * 1024
VERIFY_RATE_LIMIT = 30
VERIFY_RATE_WINDOW = 10 * 60  # seconds
STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


def _rate_limited(request) -> bool:
    """Count this lookup for the client's address; True when it is over the limit for the current window (fixed
    windows of VERIFY_RATE_WINDOW seconds, isms.throttle.window_start)."""
    limit = getattr(settings, "VERIFY_RATE_LIMIT", VERIFY_RATE_LIMIT)
    window = getattr(settings, "VERIFY_RATE_WINDOW", VERIFY_RATE_WINDOW)
    return throttle.hit(f"verify:{(client_ip_address(request) or 'unknown')[:100]}", window=window) > limit


class UploadLimitHandler(FileUploadHandler):
    """Counts the bytes of uploaded files as they are read and stops the upload past `limit` bytes: StopUpload with
    connection_reset, so the rest of the body is not read either, and `too_large` is set. Installed first in
    request.upload_handlers, before the body is read; the handlers after it store what it passes on."""

    def __init__(self, request=None, *, limit: int):
        super().__init__(request)
        self.limit = limit
        self.received = 0
        self.too_large = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.too_large = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler makes the file


def _too_large(request, context):
    context["error"] = _(
        "The file is larger than 20 MB. An approved review is much smaller; check that it is the right file."
    )
    return render(request, "reviews/verify.html", context, status=413)


def _declared_length(request) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def _sha256_of_upload(upload) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    return digest.hexdigest()


def _check_upload(upload) -> str | None:
    """A Swedish error for an upload that is not a PDF, else None (its size UploadLimitHandler has checked)."""
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        return _("The file is not a PDF. Choose the PDF file of the management review.")
    return None


def _rate_limited_page(request, context):
    context["rate_limited"] = True
    context["window_minutes"] = getattr(settings, "VERIFY_RATE_WINDOW", VERIFY_RATE_WINDOW) // 60
    return render(request, "reviews/verify.html", context, status=429)


@csrf_exempt  # checked in _verify_upload, once the rate limit and the size allow reading the body
@require_http_methods(["GET", "HEAD", "POST"])
def verify(request):
    """GET: the form, or with ?sha256=<64 hex> the answer for that hash. POST (multipart, field "pdf", with the CSRF
    token): the answer for the uploaded file. 400 for an invalid hash or file, 413 for a body or file over the
    limit, 429 over the rate limit (checked before the body is read); 200 with the answer otherwise (found or not
    found)."""
    context = {"max_mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
    if request.method == "POST":
        if _rate_limited(request):
            return _rate_limited_page(request, context)
        if _declared_length(request) > MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES:
            return _too_large(request, context)
        handler = UploadLimitHandler(request, limit=MAX_UPLOAD_BYTES)
        request.upload_handlers.insert(0, handler)
        return _verify_upload(request, handler, context)
    sha256 = None
    error = None
    if "sha256" in request.GET:
        value = request.GET["sha256"].strip()
        if not SHA256_HEX.match(value):
            error = _("A SHA-256 checksum is 64 characters 0–9 and a–f. Check that the whole checksum was included.")
            context["sha256_input"] = value[:200]
        else:
            sha256 = value.lower()

    if error is None and sha256 is None:
        return render(request, "reviews/verify.html", context)
    if _rate_limited(request):
        return _rate_limited_page(request, context)
    if error is not None:
        context["error"] = error
        return render(request, "reviews/verify.html", context, status=400)
    return _answer(request, sha256, context)


@csrf_protect
def _verify_upload(request, handler: UploadLimitHandler, context: dict):
    """The uploaded file's answer; the body is read here (by the CSRF check first), within handler's limit."""
    upload = request.FILES.get("pdf")
    if handler.too_large:
        return _too_large(request, context)
    error = _("Choose a PDF file to check.") if upload is None else _check_upload(upload)
    if error is not None:
        context["error"] = error
        return render(request, "reviews/verify.html", context, status=400)
    context["filename"] = upload.name
    return _answer(request, _sha256_of_upload(upload), context)


def _answer(request, sha256: str, context: dict):
    review = approved_review_by_sha256(sha256)
    context.update({"checked": True, "sha256": sha256, "review": review})
    if review is not None:
        context.update(
            {
                "approved_at": timezone.localtime(review.approved_at, STOCKHOLM),
                "approver_role": Role.HEAD.label,
                "later_revision": later_approved_revision(review),
            }
        )
    return render(request, "reviews/verify.html", context)
