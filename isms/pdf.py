"""PDF rendering: a Django template → HTML → PDF with WeasyPrint, fetching nothing but bundled static files.

    pdf = render_pdf("pdf/review.html", {"compiled": compiled, ...})   # bytes, starting b"%PDF-"

WeasyPrint is imported inside the functions that need it: the import alone costs about 0.7 s, which a web process
should only pay when it renders. The URL fetcher (`resolve_static_url`) serves files from the project's `static/`
directory and the staticfiles finders' directories, and refuses everything else by raising `ResourceRefused`:
http(s), ftp, data: URLs, and file:// paths outside those directories (also through `..` or symlinks). A refused or
missing resource stops the render with `ResourceRefused`; nothing is fetched from the network. Templates name
bundled files with `{% load pdf %}{% pdf_static "pdf/review.css" %}`; relative URLs resolve against `static/`.

Fonts are the system's, found through fontconfig (DejaVu, Liberation); nothing is downloaded. Text from users reaches
the HTML only through Django's autoescaping, so markup in a narrative is printed, never fetched.
"""

from __future__ import annotations

import io
import logging
import mimetypes
import re
import zlib
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)

#: Language the PDFs are written in (templates are rendered under translation.override).
PDF_LANGUAGE = "sv"


class ResourceRefused(ValueError):
    """A URL the PDF renderer must not fetch (not a bundled static file), or a bundled file that does not exist."""


def project_static_dir() -> Path:
    """The project's own `static/` directory (BASE_DIR/static), whether or not it is in STATICFILES_DIRS."""
    return Path(settings.BASE_DIR) / "static"


def static_roots() -> list[Path]:
    """The directories whose files the fetcher serves: the project's `static/` and every staticfiles finder's
    storage location (STATICFILES_DIRS, each installed app's `static/`). Resolved absolute paths, no duplicates."""
    roots = [project_static_dir()]
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location))
    unique: list[Path] = []
    for root in roots:
        resolved = root.resolve()
        if resolved not in unique:
            unique.append(resolved)
    return unique


def resolve_static_url(url: str) -> Path:
    """The bundled file a URL names, or `ResourceRefused`.

    Accepted: `file:` URLs (percent-encoded, as Path.as_uri writes them) whose path, after resolving `..` and
    symlinks, is an existing regular file inside one of `static_roots()`. Everything else raises: any other scheme
    (http, https, ftp, data …), a host in the file URL, a path outside the roots, a missing file.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() != "file":
        raise ResourceRefused(f"PDF: not fetching {url[:200]!r}: only bundled files under static/ are used")
    if parts.netloc not in ("", "localhost"):
        raise ResourceRefused(f"PDF: not fetching {url[:200]!r}: file on another host")
    try:
        path = Path(unquote(parts.path)).resolve()
    except (ValueError, OSError) as error:  # e.g. an embedded NUL
        raise ResourceRefused(f"PDF: not fetching {url[:200]!r}: {error}") from None
    if not any(path.is_relative_to(root) for root in static_roots()):
        raise ResourceRefused(f"PDF: not fetching {url[:200]!r}: the file is outside static/")
    if not path.is_file():
        raise ResourceRefused(f"PDF: file {path} is missing")
    return path


def static_file_url(path: str) -> str:
    """The file:// URL of a bundled static file named as for `{% static %}` (e.g. "pdf/review.css").

    Looked up through the staticfiles finders, else in the project's `static/`; `ResourceRefused` when missing.
    """
    found = finders.find(path)
    candidate = Path(found) if found else project_static_dir() / path
    if not candidate.is_file():
        raise ResourceRefused(f"PDF: den statiska filen {path!r} finns inte")
    return candidate.resolve().as_uri()


@cache
def _fetcher_class():
    """WeasyPrint's URLFetcher with `fetch` replaced by local reads (built on first use: importing is slow)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        """Serves bundled static files (see `resolve_static_url`); raises ResourceRefused for anything else."""

        def fetch(self, url, headers=None):
            try:
                path = resolve_static_url(url)
            except ResourceRefused:
                logger.warning("PDF resource refused: %s", url[:200])
                raise
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})

    return StaticFilesFetcher


def make_url_fetcher():
    """A fresh WeasyPrint URL fetcher that serves only bundled static files; a refusal stops the render."""
    return _fetcher_class()(fail_on_errors=True)


def render_html(template_name: str, context: dict) -> str:
    """The template rendered to an HTML string, in Swedish (translation.override("sv")), no request.

    This is the input `html_to_pdf` takes; benchmarks time the two apart to see WeasyPrint's own share.
    """
    with translation.override(PDF_LANGUAGE):
        return render_to_string(template_name, context)


def html_to_pdf(html: str, *, pdf_variant: str | None = None, pdf_tags: bool = False) -> bytes:
    """WeasyPrint on an HTML string → PDF bytes. Relative URLs resolve against the project's `static/`.

    `pdf_variant` is one of WeasyPrint's variant names ("pdf/a-3b", "pdf/a-3a", "pdf/ua-1" …) or None for plain PDF;
    an unknown name raises ValueError. `pdf_tags` adds the structure tree (headings, lists, tables) for assistive
    technology; the "a" and "ua" variants tag anyway. Raises ResourceRefused when the HTML or its CSS asks for
    anything that is not a bundled file. Takes about 0.7 s for the first call in a process (the import), then
    roughly 0.1 s per page.
    """
    from weasyprint import HTML
    from weasyprint.pdf import VARIANTS
    from weasyprint.urls import FatalURLFetchingError

    if pdf_variant is not None and pdf_variant not in VARIANTS:
        raise ValueError(f"Unknown PDF variant {pdf_variant!r}; known: {', '.join(sorted(VARIANTS))}")
    base_url = project_static_dir().resolve().as_uri() + "/"
    try:
        document = HTML(string=html, base_url=base_url, url_fetcher=make_url_fetcher())
        # Presentational hints: <li value="4"> numbers a list item 4 (recommendation numbers), <ol start> etc.
        return document.write_pdf(pdf_variant=pdf_variant, pdf_tags=pdf_tags, presentational_hints=True)
    except FatalURLFetchingError as error:
        # FatalURLFetchingError is a BaseException; give callers an ordinary exception with the reason.
        raise ResourceRefused(str(error.__cause__ or error)) from error


def render_pdf(template_name: str, context: dict, *, pdf_variant: str | None = None, pdf_tags: bool = False) -> bytes:
    """Render `template_name` with `context` in Swedish and return the PDF as bytes (page size as the template's
    @page says; A4 for templates extending pdf/base.html). `pdf_variant` and `pdf_tags` as for html_to_pdf.

    Errors: TemplateDoesNotExist / TemplateSyntaxError from Django; ResourceRefused when the document would need a
    resource that is not a bundled static file; ValueError for an unknown `pdf_variant`.
    """
    return html_to_pdf(render_html(template_name, context), pdf_variant=pdf_variant, pdf_tags=pdf_tags)


_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)


def count_pages(pdf: bytes) -> int:
    """Number of pages of a PDF (bytes).

    With pypdf when it is installed; else by counting `/Type /Page` dictionaries in the file and in its Flate-
    compressed streams (WeasyPrint puts page objects in compressed object streams). The fallback is meant for the
    PDFs this project writes, not for arbitrary files.
    """
    try:
        from pypdf import PdfReader
    except ImportError:
        return _count_pages_by_pattern(pdf)
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _count_pages_by_pattern(pdf: bytes) -> int:
    count = len(_PAGE_OBJECT.findall(pdf))
    for match in _STREAM.finditer(pdf):
        try:
            data = zlib.decompress(match.group(1))
        except zlib.error:
            continue
        count += len(_PAGE_OBJECT.findall(data))
    return count
