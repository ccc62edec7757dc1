"""The export of every register list: the rows the list shows for the request's search, filters and sort (all of
them, not one page), as XLSX or CSV, for every role that may read the register.

Addresses, beside each register's list: `/registry/<register>/export.xlsx` and `export.csv` (the register's own
file), `/registry/<register>/export-<layout>.xlsx|csv` for its other files (registers.FILES: Art. 30(1), Art. 33(5),
the recommendations of the audit reports listed), each with the list's query string.
"""

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.urls import path, register_converter, reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from isms.permissions import VIEW, organisation_required, require

from ..views import REGISTERS
from ..views.base import Register, list_rows
from .columns import ExportFile
from .csv import csv_lines
from .registers import FILES, export_file
from .xlsx import write_workbook

CHUNK_SIZE = 1000  # rows read per query; each chunk costs the same few queries, whatever the register's size
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
FORMATS = ("xlsx", "csv")


class FormatConverter:
    regex = "xlsx|csv"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "export_format")

_REGISTERS = {register.slug: register for register in REGISTERS}


def file_name(request, register: Register, export: ExportFile, fmt: str) -> str:
    """E.g. "informationstillgangar-eav-2026-12-02.xlsx": the file's Swedish name (the register's, or the layout's
    stem) without accents or spaces, the organisation's code and today's date."""
    stem = slugify(str(export.file_stem or register.verbose_name_plural))
    return f"{stem}-{request.organisation.code}-{timezone.localdate():%Y-%m-%d}.{fmt}"


def export_url(register: Register, fmt: str, key: str = "") -> str:
    """The address of a register's file `key` ("" for its own) in format `fmt` (without the query string)."""
    if key:
        return reverse("registry:export_layout", kwargs={"register": register.slug, "layout": key, "fmt": fmt})
    return reverse("registry:export", kwargs={"register": register.slug, "fmt": fmt})


@require_http_methods(["GET"])
@organisation_required
def export(request, register: str, fmt: str, layout: str = ""):
    """The file `layout` of the register list `register`, of the rows the list shows for this query string."""
    found = _REGISTERS.get(register)
    wanted = export_file(register, layout) if found else None
    if wanted is None:
        raise Http404
    require(request, VIEW)
    rows, _filterset, _query, _sort = list_rows(request, found)
    name = file_name(request, found, wanted, fmt)
    if fmt == "csv":
        sheet, select = wanted.parts[0]
        lines = csv_lines(sheet, sheet.rows(select(request, rows), CHUNK_SIZE))
        response = StreamingHttpResponse(_in_language(lines, translation.get_language()), content_type=CSV_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    else:
        workbook = write_workbook(
            (sheet, sheet.rows(select(request, rows), CHUNK_SIZE)) for sheet, select in wanted.parts
        )
        response = FileResponse(workbook, as_attachment=True, filename=name, content_type=XLSX_TYPE)
    patch_cache_control(response, private=True, no_store=True)  # register rows, personal data among them
    return response


def _in_language(lines, language):
    """The CSV lines in the request's language: they are written while the response is sent, after the view."""
    with translation.override(language):
        yield from lines


urlpatterns = [
    path("<slug:register>/export.<export_format:fmt>", export, name="export"),
    path("<slug:register>/export-<slug:layout>.<export_format:fmt>", export, name="export_layout"),
]


def export_links(request, register: Register) -> list[dict]:
    """The export menu of a register list: each file it offers with its label and a link per format that carries
    the list's query string (search, filters, sort; not the page)."""
    params = request.GET.copy()
    params.pop("page", None)
    query = params.urlencode()
    links = []
    for export in FILES.get(register.slug, []):
        links.append(
            {
                "label": export.label,
                "formats": [
                    {"url": export_url(register, fmt, export.key) + (f"?{query}" if query else ""), "fmt": fmt}
                    for fmt in FORMATS
                ],
            }
        )
    return links
