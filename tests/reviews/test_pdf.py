"""The review PDF read back with pypdf: structure, computed figures, page numbers, draft/approved marks, long words,
and the URL fetcher that must fetch nothing but bundled static files."""

import datetime
import io
import logging
import re

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings

from isms import pdf as isms_pdf
from isms.pdf import (
    ResourceRefused,
    _count_pages_by_pattern,
    count_pages,
    html_to_pdf,
    make_url_fetcher,
    resolve_static_url,
    static_file_url,
)
from isms.templatetags.pdf import column_widths, numeric_columns, table_layout
from registry.models import AuditReport, Issuer, Recommendation
from reviews.compiler import Block, CompiledReview
from reviews.models import ManagementReview, ReviewStatus
from reviews.pdf import render_compiled_pdf, render_review_pdf, review_filename
from tests.reviews.pdftext import MM, lines, normalise, page_texts, reader, text_runs
from tests.reviews.sample import ACTIONS, BOARD_NAME, LONG_WORD, ORG_NAME, build_sample_review

HEADINGS = [
    "Bakgrund",
    "1 Status för åtgärder från ledningens tidigare genomgångar",
    "2 Ledningssystem för informationssäkerhet, LIS",
    "3 Faktorer som påverkar",
    "3.1 NIS-direktivet",
    "3.2 Tredjelandsöverföring",
    "3.3 Intern kontroll",
    "3.4 Risk- och sårbarhetsanalys (RSA)",
    "4 Resultatet från egen uppföljning",
    "4.1 Internkontrollplan (IKP)",
    "4.2 Revisionsresultat",
    "4.2.1 Revisionsrapport",
    "4.3 Risker som identifierats i GDPR-årsrapport",
    "5 Möjligheter till förbättring av verksamhetens LIS",
    "5.1 Prioritering av åtgärder",
    "5.1.1 2024",
    "5.1.2 2025",
    "5.1.3 2026",
]
pytestmark = pytest.mark.django_db  # also makes pytest-django set up the test database for the module fixtures

A4_WIDTH, A4_HEIGHT = 210 * MM, 297 * MM
RIGHT_MARGIN, LEFT_MARGIN = 20 * MM, 25 * MM  # templates/pdf/base.html


def body_lines(pdf: bytes) -> list[tuple[int, str]]:
    """(page number from 1, line) for the pages after the title page and the table of contents."""
    return [
        (number, line) for number, text in enumerate(page_texts(pdf), start=1) if number > 2 for line in lines(text)
    ]


# Structure and content -------------------------------------------------------------------------------------------


def test_is_an_a4_pdf_in_swedish_with_title_and_author(draft_pdf):
    pdf = reader(draft_pdf)
    assert draft_pdf.startswith(b"%PDF-")
    for page in pdf.pages:
        assert (round(float(page.mediabox.width) / MM), round(float(page.mediabox.height) / MM)) == (210, 297)
    assert pdf.trailer["/Root"]["/Lang"] == "sv"
    assert pdf.metadata.title == f"Ledningens genomgång 2024 – {ORG_NAME}"
    assert pdf.metadata.author == ORG_NAME


def test_title_page_names_organisation_board_title_diarienummer_date_and_draft(draft_pdf):
    cover = lines(page_texts(draft_pdf)[0])
    assert cover[:3] == [ORG_NAME, BOARD_NAME, "Ledningens genomgång 2024"]
    assert "Utkast" in cover
    assert "Diarienummer ÅÖ 2023/1432" in cover
    assert any(re.fullmatch(r"Datum \d{4}-\d{2}-\d{2}", line) for line in cover)  # today, ISO 8601
    assert "Registeruppgifter per 2023-11-15" in cover
    assert cover[-1] == f"Sida 1 av {len(page_texts(draft_pdf))}"  # numbered like every page


def test_headings_are_numbered_and_in_the_reference_order(draft_pdf):
    found = [line for _, line in body_lines(draft_pdf) if line in HEADINGS]
    assert found == HEADINGS


def test_table_of_contents_lists_every_heading_with_its_page(draft_pdf):
    texts = page_texts(draft_pdf)
    toc = lines(texts[1])
    assert toc[0] == "Innehåll"
    entries = {}
    for line in toc[1:]:
        if match := re.fullmatch(r"(.+?)(?: \.)+ (\d+)", line):  # "3.1 NIS-direktivet . . . . 3"
            entries[match.group(1)] = int(match.group(2))
    assert list(entries) == HEADINGS
    heading_pages = {line: number for number, line in body_lines(draft_pdf) if line in HEADINGS}
    assert entries == heading_pages


def test_coverage_sentence_is_computed_from_the_registers(draft_pdf):
    text = normalise(" ".join(page_texts(draft_pdf)))
    assert (
        "antalet informationsklassade system har ökat med 20 procentenheter, från 30 procent till 50 procent, "
        "sedan 2022." in text
    )


def test_dpo_recommendations_are_numbered_with_their_status(draft_pdf):
    text = normalise(" ".join(page_texts(draft_pdf)))
    expected = [
        "1. Uppdatera rutinen för hantering av personuppgiftsincidenter (Planerad 2024)",
        "2. Tydliggör vem som är dokumentägare för handboken (Genomförd 2023)",
        "3. Se över resterande styrdokument och uppdatera dem vid behov (Genomförd 2023)",
        "4. Ta fram en skriftlig rutin för förlust av arbetstelefon eller arbetsdator (Planerad 2024)",
    ]
    positions = [text.index(item) for item in expected]
    assert positions == sorted(positions)
    assert text.index("fastställde flera rekommendationer") < positions[0]  # [[figurer]] placed them here
    assert positions[-1] < text.index("Under 2023 har ägarskap av dokument tydliggjorts (2).")


def test_each_plan_year_lists_its_actions_as_bullets_under_its_heading(draft_pdf):
    body = [
        line for _, line in body_lines(draft_pdf) if not re.match(r"^(Sida \d|Åsa-Örby stadsdelsförvaltning Led)", line)
    ]
    start = body.index("5.1.1 2024")
    for index, year in enumerate((2024, 2025, 2026)):
        begin = body.index(f"5.1.{index + 1} {year}")
        end = body.index(f"5.1.{index + 2} {year + 1}") if year < 2026 else len(body)
        section = body[begin + 1 : end]
        assert [line for line in section if line.startswith("• ")] == [f"• {title}" for title, _ in ACTIONS[year]]
    assert "Under 2024 kommer Åsa-Örby stadsdelsförvaltning fokusera på:" in body[start:]


def test_footer_numbers_every_page(draft_pdf):
    texts = page_texts(draft_pdf)
    total = len(texts)
    assert total >= 4
    for number, text in enumerate(texts, start=1):
        assert lines(text)[-1].endswith(f"Sida {number} av {total}")  # bottom right; status bottom left
    assert count_pages(draft_pdf) == total


def test_running_header_names_organisation_and_title(draft_pdf):
    for text in page_texts(draft_pdf)[1:]:
        assert f"{ORG_NAME} Ledningens genomgång 2024" in lines(text)


def test_swedish_characters_survive(draft_pdf):
    text = " ".join(page_texts(draft_pdf))
    assert "Specialtecken: å ä ö Å Ä Ö." in text
    assert "Åsa-Örby" in text
    assert "\ufffd" not in text


def test_tables_have_caption_header_rows_and_sum_row(draft_pdf):
    text = normalise(" ".join(page_texts(draft_pdf)))
    assert "Kontroller i internkontrollplanen 2023 Process Kontroll Utförd" in text
    assert "Summa 2 2" in text
    assert "Stadsrevisionen: Implementering av dataskyddsförordningen (Nr 5/2019)" in text


# Draft and approved ----------------------------------------------------------------------------------------------


def _paints_watermark(page) -> bool:
    """Whether the page paints a form XObject as wide as the page: the UTKAST watermark, the draft pages' background
    (the charts' labels are small forms)."""
    xobjects = page["/Resources"].get("/XObject", {})
    for name in re.findall(rb"/(\w+) Do\b", page.get_contents().get_data()):
        left, _bottom, right, _top = xobjects[f"/{name.decode()}"].get_object().get("/BBox", (0, 0, 0, 0))
        if float(right) - float(left) >= float(page.mediabox.width):
            return True
    return False


def test_draft_has_watermark_on_every_page_after_the_title_page_and_it_is_not_text(draft_pdf):
    pages = reader(draft_pdf).pages
    assert not _paints_watermark(pages[0])
    assert all(_paints_watermark(page) for page in pages[1:])  # the UTKAST outlines (static/pdf/utkast.svg)
    texts = page_texts(draft_pdf)
    assert all("UTKAST" not in text for text in texts)
    assert all(lines(text)[-1].startswith("Utkast") for text in texts[1:])  # footer: status
    # The body's sentences come out whole, watermark or not.
    assert "Stadens arbete med informationssäkerhet utgår från ISO 27001." in lines(texts[2])


def test_approved_review_has_approval_block_and_verification_line_and_no_draft_marks(approved_pdf):
    texts = page_texts(approved_pdf)
    everything = normalise(" ".join(texts))
    assert "Utkast" not in everything
    assert not any(_paints_watermark(page) for page in reader(approved_pdf).pages)
    last = lines(texts[-1])
    assert "Fastställd av förvaltningschef Eva Öhrström" in last
    assert "2023-11-23" in last
    verification = next(line for line in last if line.startswith("Verifiera dokumentet:"))
    assert re.fullmatch(
        rf"Verifiera dokumentet: {re.escape(settings.SITE_URL)}/verify/ – dokument-id \d+", verification
    )
    cover = lines(texts[0])
    assert "Status Fastställd 2023-11-23" in cover
    assert "Datum 2023-11-23" in cover


# Long words stay on the page -------------------------------------------------------------------------------------


def test_a_90_character_word_in_a_table_cell_breaks_inside_the_page(draft_pdf):
    assert len(LONG_WORD) == 90
    texts = page_texts(draft_pdf)
    page_number = next(i for i, text in enumerate(texts) if LONG_WORD[:10] in text)
    runs = text_runs(draft_pdf, page_number)
    right_edge = A4_WIDTH - RIGHT_MARGIN + 0.5
    assert runs, "no text positions read"
    for run in runs:
        assert LEFT_MARGIN - 0.5 <= run.left and run.right <= right_edge, run
    # The word is there, broken (with hyphens, U+2010) over several lines of its cell, which start at the cell's
    # left edge, and each piece fits the page. (Where pypdf joins a line with the row's other cells, the piece is
    # the run's last word.)
    first = next(run for run in runs if LONG_WORD[:10] in run.text)
    joined = first.text.split()[-1].replace("\u2010", "")
    assert LONG_WORD.startswith(joined) and joined != LONG_WORD
    continued = []
    for run in sorted((run for run in runs if run.y < first.y), key=lambda run: -run.y):
        piece = run.text.replace("\u2010", "")
        if piece and LONG_WORD[len(joined) :].startswith(piece):
            continued.append(run)
            joined += piece
    assert joined == LONG_WORD
    assert len({round(run.left, 1) for run in continued}) == 1
    assert continued[0].left + first.measure(first.text.split()[-1]) <= right_edge
    assert all(run.right <= right_edge for run in continued)


# A row taller than a page ---------------------------------------------------------------------------------------

TABLE_HEADER = "Nr Rekommendation Status Uppföljning"


def _long_recommendation(name: str) -> str:
    """About three pages of the report's recommendation column, in numbered sentences."""
    return " ".join(f"{name} del {i}: logga behörighetsändringar och granska loggarna varje månad." for i in range(260))


def _table_pages(texts: list[str], caption: str, last_text: str) -> list[list[str]]:
    """The lines of each page the table with `caption` is on, from its caption to the page with `last_text`."""
    start = next(i for i, text in enumerate(texts) if caption in normalise(text))
    end = next(i for i, text in enumerate(texts) if i >= start and last_text in normalise(text))
    return [lines(text) for text in texts[start : end + 1]]


@pytest.mark.slow
def test_a_recommendation_taller_than_a_page_keeps_caption_and_header_with_its_rows(db):
    """A row taller than a page must break: its caption stays on the page where the rows begin, and every page the
    table continues on starts with the column header (the row is not pushed whole to a page it cannot fit on)."""
    review = build_sample_review("lang", long_word=False)
    org = review.organisation
    city = AuditReport.objects.get(issuer=Issuer.CITY_AUDIT, organisations=org)
    # In the city audit's table the tall row comes second, after a short one ...
    Recommendation.objects.create(organisation=org, report=city, number=2, text=_long_recommendation("Stad"))
    Recommendation.objects.create(organisation=org, report=city, number=3, text="Stadens sista korta rad.")
    # ... and in a consultant's report it is the first row.
    consultant = AuditReport.objects.create(
        issuer=Issuer.CONSULTANT, title="Granskning av loggning", number="K 1/2023", date=datetime.date(2023, 5, 2)
    )
    consultant.organisations.add(org)
    Recommendation.objects.create(organisation=org, report=consultant, number=1, text=_long_recommendation("Konsult"))
    Recommendation.objects.create(organisation=org, report=consultant, number=2, text="Konsultens sista korta rad.")

    texts = page_texts(render_review_pdf(review))

    for caption, first_row, last_row in [
        (
            "Stadsrevisionen: Implementering av dataskyddsförordningen (Nr 5/2019)",
            "1 Informationsklassificera informationstillgångarna",
            "Stadens sista korta rad.",
        ),
        ("Konsult: Granskning av loggning (K 1/2023)", "1 Konsult del 0:", "Konsultens sista korta rad."),
    ]:
        pages = _table_pages(texts, caption, last_row)
        assert len(pages) >= 3, f"{caption}: the tall row should span pages"
        first = pages[0]
        at = next(i for i, line in enumerate(first) if caption in line)
        assert first[at + 1] == TABLE_HEADER, f"{caption}: the header follows the caption"
        assert first[at + 2].startswith(first_row), f"{caption}: the first row is on the caption's page"
        for number, page in enumerate(pages[1:], start=2):
            assert page[0] == TABLE_HEADER, f"{caption}: page {number} of the table starts with {page[0]!r}"
    # Nothing of the long texts is lost.
    everything = normalise(" ".join(texts))
    assert "Stad del 259: logga" in everything and "Konsult del 259: logga" in everything


def test_text_runs_measure_overflow():
    """The measuring helper itself: an unbreakable word in a narrow fixed box overflows, and it says so."""
    html = (
        '<html lang="sv"><style>@page { size: A4; margin: 20mm } html { font-family: "Liberation Sans" }'
        "body { margin: 0 }"
        "div { width: 30mm; overflow-wrap: normal; font-size: 9pt }</style>"
        f"<div>{LONG_WORD}</div></html>"
    )
    (run,) = text_runs(html_to_pdf(html), 0)
    assert run.text == LONG_WORD
    assert run.left == pytest.approx(20 * MM, abs=0.5)
    assert 120 * MM < run.right - run.left < 150 * MM  # 90 characters of 9 pt text, far past the 30 mm box


# The URL fetcher -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.png",
        "https://example.com/pdf/review.css",
        "ftp://example.com/x",
        "file:///etc/passwd",
        "file://example.com/etc/passwd",
        "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
        "//example.com/x.png",
        "/etc/passwd",
        "file:///work%00/x.css",
    ],
)
def test_fetcher_refuses_everything_but_bundled_files(url):
    with pytest.raises(ResourceRefused):
        resolve_static_url(url)
    with pytest.raises(ResourceRefused):
        make_url_fetcher().fetch(url)


def test_fetcher_refuses_paths_that_climb_out_of_static():
    css = static_file_url("pdf/review.css")
    assert resolve_static_url(css).name == "review.css"
    with pytest.raises(ResourceRefused):
        resolve_static_url(css.replace("pdf/review.css", "../pyproject.toml"))
    with pytest.raises(ResourceRefused):
        resolve_static_url(css.replace("pdf/review.css", "pdf/finns-inte.css"))


def test_fetcher_refuses_a_symlink_in_static_that_points_outside(tmp_path):
    static = tmp_path / "static"
    static.mkdir()
    (static / "passwd").symlink_to("/etc/passwd")
    (static / "ok.css").write_text("p {}")
    with override_settings(STATICFILES_DIRS=[static]):
        assert resolve_static_url((static / "ok.css").as_uri()).name == "ok.css"
        with pytest.raises(ResourceRefused):
            resolve_static_url((static / "passwd").as_uri())


def test_fetcher_serves_bundled_files_with_their_type():
    response = make_url_fetcher().fetch(static_file_url("pdf/utkast.svg"))
    assert response.content_type == "image/svg+xml"
    assert response.read().startswith(b"<svg")


def test_a_document_that_asks_for_an_outside_resource_is_not_rendered():
    with pytest.raises(ResourceRefused, match="example.com"):
        html_to_pdf('<html><body><img src="http://example.com/x.png"></body></html>')
    with pytest.raises(ResourceRefused):
        html_to_pdf('<html><head><link rel="stylesheet" href="file:///etc/passwd"></head><body>x</body></html>')


def test_unknown_pdf_variant_is_an_error():
    with pytest.raises(ValueError, match="pdf/a-9z"):
        html_to_pdf("<p>x</p>", pdf_variant="pdf/a-9z")


def test_narrative_with_urls_and_markup_is_printed_and_nothing_is_fetched(db, monkeypatch):
    hostile = (
        'Se <img src="http://example.com/x.png"> och <link rel="stylesheet" href="file:///etc/passwd"> '
        "samt url(file:///etc/passwd)."
    )
    review = build_sample_review("evil", narratives={"isms": hostile})
    asked = []

    def spy(url):
        asked.append(url)
        return resolve_static_url(url)

    monkeypatch.setattr(isms_pdf, "resolve_static_url", spy)
    text = normalise(" ".join(page_texts(render_review_pdf(review))))
    assert hostile in text
    assert asked, "the stylesheet and the watermark come through the fetcher"
    assert all(url.startswith("file://") and "/static/pdf/" in url for url in asked), asked


# Helpers ---------------------------------------------------------------------------------------------------------


def test_page_count_without_pypdf_matches_pypdf(draft_pdf):
    assert _count_pages_by_pattern(draft_pdf) == len(reader(draft_pdf).pages)


def test_column_widths_give_long_text_room_and_keep_short_values_whole():
    table = Block(
        "table",
        headers=["Nr", "Rekommendation", "Status", "Uppföljning"],
        rows=[["1", "Informationsklassificera informationstillgångarna " * 3, "Planerad 2024", "Årsrapporten 2022"]],
    )
    widths = [float(w.rstrip("%")) for w in column_widths(table)]
    assert round(sum(widths)) == 100
    assert widths[1] == max(widths)
    assert widths[0] < widths[2] < widths[1]
    assert widths[2] / 100 * 165 > 24.5  # mm: "Planerad 2024" (20.6 mm in 9 pt) and the padding, on one line
    # A 90-character word breaks in its cell: prose of 150 characters next to it gets more room.
    long_word = Block("table", headers=["A", "B", "C"], rows=[[LONG_WORD, "ord " * 37, "2023-04-12"]])
    a, b, c = (float(w.rstrip("%")) for w in column_widths(long_word))
    assert b > a
    assert c / 100 * 165 >= 16.2 + 3.6  # mm: a date in 9 pt digits and the cell padding, so it stays on one line
    assert column_widths(Block("table")) == []


def test_only_rows_estimated_taller_than_half_a_page_may_break():
    headers = ["Nr", "Rekommendation", "Status", "Uppföljning"]
    sentence = "Logga behörighetsändringar och granska loggarna varje månad. "
    table = Block(
        "table",
        headers=headers,
        rows=[
            ["1", sentence * 3, "Öppen", ""],
            ["2", sentence * 40, "Öppen", ""],  # about 40 lines, 170 mm: most of a page
            ["3", sentence * 25, "Öppen", ""],  # about 25 lines, 105 mm
            ["4", "Kort", "Öppen", "\n".join(["rad"] * 40)],  # 40 lines of its own
        ],
    )
    assert [row.may_break for row in table_layout(table)["rows"]] == [False, True, False, True]
    assert list(table_layout(table)["rows"][0]) == [("1", False), (sentence * 3, False), ("Öppen", False), ("", False)]


def test_numeric_columns_are_right_aligned_and_dates_and_text_are_not():
    table = Block(
        "table",
        headers=["Nyckeltal", "2022", "Utförd", "Andel", "Antal"],
        rows=[["Incidenter", "3", "2023-04-12", "50 %", "2 st."], ["Klassade", "1 234", "–", "–", "0 st."]],
        footer=["Summa", "1 237", "", "", "2 st."],
    )
    assert numeric_columns(table) == [False, True, False, True, True]
    layout = table_layout(table)
    assert layout["headers"][1] == ("2022", True)
    assert layout["rows"][1][2] == ("–", False)
    assert layout["footer"][4] == ("2 st.", True)
    assert numeric_columns(Block("table", headers=["A"], rows=[["–"]])) == [False]
    matrix = Block("table", headers=["Sannolikhet", "K1", "K2"], rows=[["4", "1", "0"], ["3", "0", "2"]])
    assert numeric_columns(matrix) == [False, True, True]  # the first column labels the rows


@pytest.mark.django_db
def test_review_filename():
    review = build_sample_review("fil")
    assert review_filename(review) == "ledningens-genomgang-fil-2024-utkast.pdf"
    review.revision, review.status = 2, ReviewStatus.APPROVED
    assert review_filename(review) == "ledningens-genomgang-fil-2024-rev2.pdf"


# The render_review command ---------------------------------------------------------------------------------------


def test_render_review_writes_the_pdf_and_reports_pages_and_time(sample_review, tmp_path):
    output = tmp_path / "genomgång.pdf"
    out = io.StringIO()
    call_command("render_review", "--org", "aor", "--year", "2024", "--output", str(output), stdout=out)
    printed = out.getvalue().splitlines()
    pdf = output.read_bytes()
    assert printed[0] == str(output)
    assert printed[1] == f"{len(reader(pdf).pages)} sidor"
    assert re.fullmatch(r"renderad på \d+\.\d\d s", printed[2])
    assert "från 30 procent till 50 procent" in normalise(" ".join(page_texts(pdf)))


def test_render_review_cutoff_applies_to_this_render_only(sample_review, tmp_path):
    output = tmp_path / "r.pdf"
    call_command(
        "render_review", "--org", "aor", "--year", "2024", "--cutoff", "2022-12-31", "--output", str(output),
        stdout=io.StringIO(),
    )  # fmt: skip
    text = normalise(" ".join(page_texts(output.read_bytes())))
    assert "legat kvar på 30 procent sedan 2022" in text
    assert "Registeruppgifter per 2022-12-31" in text
    sample_review.refresh_from_db()
    assert sample_review.cutoff_date == datetime.date(2023, 11, 15)


def test_render_review_takes_the_latest_revision_unless_told(sample_review, tmp_path):
    ManagementReview.objects.create(
        organisation=sample_review.organisation,
        plan_year=2024,
        revision=2,
        revises=sample_review,
        diarienummer="ÅÖ 2023/9999",
        cutoff_date=sample_review.cutoff_date,
    )
    output = tmp_path / "r.pdf"
    call_command("render_review", "--org", "aor", "--year", "2024", "--output", str(output), stdout=io.StringIO())
    assert "Diarienummer ÅÖ 2023/9999" in lines(page_texts(output.read_bytes())[0])
    call_command(
        "render_review", "--org", "aor", "--year", "2024", "--revision", "1", "--output", str(output),
        stdout=io.StringIO(),
    )  # fmt: skip
    assert "Diarienummer ÅÖ 2023/1432" in lines(page_texts(output.read_bytes())[0])


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--org", "xyz", "--year", "2024"], "Okänd organisation 'xyz' – finns: aor"),
        (["--org", "aor", "--year", "2031"], "Ingen genomgång för aor 2031 – finns: 2024"),
        (
            ["--org", "aor", "--year", "2024", "--revision", "7"],
            "Ingen revision 7 av genomgången för aor 2024 – finns: 1",
        ),
        (["--org", "aor", "--year", "2024", "--cutoff", "2023-13-01"], "ogiltigt datum '2023-13-01'"),
        (["--org", "aor", "--year", "2024", "--cutoff", "15/11/2023"], "ogiltigt datum '15/11/2023'"),
    ],
)
def test_render_review_errors_are_clear_and_swedish(sample_review, tmp_path, arguments, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("render_review", *arguments, "--output", str(tmp_path / "x.pdf"), stdout=io.StringIO())
    assert not (tmp_path / "x.pdf").exists()


def test_review_pdf_is_pdf_a_and_tagged(draft_pdf):
    pdf = reader(draft_pdf)
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root  # tagged
    assert root["/MarkInfo"]["/Marked"]
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3" pdfaid:conformance="B"' in xmp


def test_stylesheets_have_nothing_weasyprint_ignores(caplog):
    """WeasyPrint logs CSS it drops (unknown properties, invalid values) as warnings; the report's CSS has none."""
    compiled = CompiledReview(
        review_id=1, organisation="Org", board_name="", title="T", plan_year=2024, plan_years=[2024, 2025, 2026],
        diarienummer="", cutoff_date=datetime.date(2023, 11, 15), period_start=datetime.date(2023, 1, 1),
        period_end=datetime.date(2023, 11, 15), status="draft", status_label="Utkast", is_approved=False,
        document_date=datetime.date(2023, 11, 20), approver_name="", approved_at=None, sections=[], figures={},
    )  # fmt: skip
    caplog.set_level(logging.WARNING, logger="weasyprint")
    render_compiled_pdf(compiled)
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []
