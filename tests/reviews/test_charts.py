"""The review's charts (reviews.charts): well-formed SVG with title, description, font and every value as text; hostile
labels escaped."""

import datetime
import json
import re
import xml.etree.ElementTree as ET
import zoneinfo
from collections import Counter

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from pypdf.generic import ContentStream

from isms.models import Role
from registry.models import Action, ActionStatus, AssetKind, InformationAsset, Risk, RiskStatus
from registry.services import incident_create
from reviews import sections as s
from reviews.charts import (
    FONT_FAMILY,
    CoveragePoint,
    IncidentYear,
    action_status_chart,
    coverage_chart,
    incidents_chart,
    risk_level,
    risk_matrix_chart,
)
from reviews.compiler import compile_review
from reviews.models import ManagementReview, ReviewStatus
from reviews.pdf import render_review_pdf
from tests.factories import classify, system
from tests.registry.plan_builders import member
from tests.reviews.pdftext import normalise, reader
from tests.reviews.sample import build_sample_review

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert('x')</script> & \"Ö\""


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def texts(root: ET.Element) -> list[str]:
    """The visible labels: every <text> element's content."""
    return [node.text or "" for node in root.iter(f"{SVG}text")]


def coverage() -> SafeString:
    return coverage_chart(
        [
            CoveragePoint("2021-12-31", 20, "2 av 10 system"),
            CoveragePoint("2022-12-31", 30, "3 av 10 system"),
            CoveragePoint("2023-11-15", 50, "5 av 10 system", cutoff=True),
        ]
    )


def incidents() -> SafeString:
    return incidents_chart(
        [
            IncidentYear("2021", 4, 1, 0),
            IncidentYear("2022", 7, 3, 1),
            IncidentYear("2023", 5, 2, 1, "t.o.m. 2023-11-15"),
        ]
    )


MATRIX = [[1, 0, 2, 0], [0, 3, 1, 0], [0, 1, 2, 1], [0, 0, 1, 0]]  # matrix[likelihood - 1][consequence - 1]


def risks() -> SafeString:
    return risk_matrix_chart(MATRIX)


def actions() -> SafeString:
    return action_status_chart(
        [("2023", {"done": 3, "started": 1, "postponed": 1}), ("2024", {"planned": 3}), ("2025", {"cancelled": 1})],
        ActionStatus.choices,
    )


@pytest.mark.parametrize("build", [coverage, incidents, risks, actions])
def test_every_chart_is_an_accessible_a4_wide_svg_with_its_own_font(build):
    svg = build()
    assert isinstance(svg, SafeString)
    root = parse(svg)
    assert root.get("width") == "160mm" and root.get("height").endswith("mm")
    assert root.get("font-family") == FONT_FAMILY and "Liberation Sans" in FONT_FAMILY
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text and desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert " style=" not in svg and "<img" not in svg  # vector, and no inline styles (content-security policy)
    # patterns referenced are defined in the same SVG, under ids of this chart
    ids = {node.get("id") for node in root.iter()}
    for node in root.iter():
        fill = node.get("fill", "")
        if fill.startswith("url(#"):
            assert fill[5:-1] in ids


def test_coverage_chart_prints_each_percentage_date_and_note():
    root = parse(coverage())
    labels = texts(root)
    for expected in ["20 %", "30 %", "50 %", "2021-12-31", "2023-11-15", "3 av 10 system", "Den 31 december"]:
        assert expected in labels
    assert root.find(f"{SVG}title").text == (
        "Andel informationsklassade system. "
        "2021-12-31: 20 % (2 av 10 system); 2022-12-31: 30 % (3 av 10 system); 2023-11-15: 50 % (5 av 10 system)"
    )
    assert "randig stapel vid brytdatum" in root.find(f"{SVG}desc").text
    assert "Registeruppgifter per brytdatum" in labels  # the cut-off bar is told apart, not by colour alone


def test_coverage_chart_without_systems_prints_a_dash_not_none():
    root = parse(coverage_chart([CoveragePoint("2022-12-31", None, "inga system i drift")]))
    assert "–" in texts(root) and "None" not in ET.tostring(root, encoding="unicode")


def test_incidents_chart_prints_every_count_and_names_the_kinds():
    root = parse(incidents())
    labels = texts(root)
    assert {"4", "7", "5", "3", "2", "1", "0"} <= set(labels)
    assert "varav personuppgiftsincidenter" in labels and "t.o.m. 2023-11-15" in labels
    title = root.find(f"{SVG}title").text
    assert "2022: 7 incidenter, 3 personuppgiftsincidenter, 1 betydande" in title
    assert "2023 t.o.m. 2023-11-15: 5 incidenter" in title


def test_risk_matrix_has_sixteen_cells_with_counts_shaded_by_score():
    root = parse(risks())
    cells = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(cells) == 16
    by_title = {r.find(f"{SVG}title").text: r.get("fill") for r in cells}
    assert by_title["Sannolikhet 4 × konsekvens 3 = 12: 1"] == by_title["Sannolikhet 3 × konsekvens 3 = 9: 2"]
    assert by_title["Sannolikhet 1 × konsekvens 1 = 1: 1"] != by_title["Sannolikhet 2 × konsekvens 2 = 4: 3"]
    assert by_title["Sannolikhet 2 × konsekvens 2 = 4: 3"] != by_title["Sannolikhet 4 × konsekvens 4 = 16: 0"]
    labels = texts(root)
    assert labels.count("3") >= 2 and "Högt riskvärde (9–16)" in labels
    title = root.find(f"{SVG}title").text
    assert title.startswith(
        "Öppna risker: sannolikhet × konsekvens. 12 öppna risker. "
        "Antal per ruta (sannolikhet × konsekvens): 4 × 3: 1; 3 × 2: 1; 3 × 3: 2;"
    )
    assert [risk_level(s) for s in (1, 3, 4, 8, 9, 16)] == [0, 0, 1, 1, 2, 2]


def test_action_status_chart_prints_counts_statuses_and_totals():
    root = parse(actions())
    labels = texts(root)
    assert "Påbörjad 1 · Genomförd 3 · Senarelagd 1" in labels
    assert {"2023", "2024", "totalt 5", "totalt 3", "Avbruten 1"} <= set(labels)
    assert [label for _code, label in ActionStatus.choices] == [t for t in labels[:5]]  # the legend, in order
    assert "2024: Planerad 3; 2025: Avbruten 1" in root.find(f"{SVG}title").text
    assert "Planerad (ljus), Påbörjad (randig), Genomförd (fylld)" in root.find(f"{SVG}desc").text


@pytest.mark.parametrize(
    "svg",
    [
        lambda: coverage_chart([CoveragePoint(HOSTILE, 10, HOSTILE)], title=HOSTILE),
        lambda: incidents_chart([IncidentYear(HOSTILE, 1, 0, 0, HOSTILE)], title=HOSTILE),
        lambda: risk_matrix_chart(MATRIX, title=HOSTILE),
        lambda: action_status_chart([(HOSTILE, {"x": 1})], [("x", HOSTILE)], title=HOSTILE),
    ],
)
def test_hostile_labels_are_escaped(svg):
    markup = svg()
    assert "<script" not in markup
    root = parse(markup)  # still well-formed
    assert root.find(f"{SVG}title").text.startswith(HOSTILE)
    assert not list(root.iter("script")) and not list(root.iter(f"{SVG}script"))


def test_chart_id_cannot_break_out_of_its_attribute():
    root = parse(coverage_chart([CoveragePoint("2022", 10, cutoff=True)], chart_id='x" onload="evil()'))
    assert root.get("onload") is None
    assert root.find(f"{SVG}title").get("id") == "xonloadevil-title"


# ----------------------------------------------------------------------------------------------------------------------
# In the compiled review and its PDF.

STHLM = zoneinfo.ZoneInfo("Europe/Stockholm")
COVERAGE_CAPTION = "Andel informationsklassade system i drift den 31 december och vid brytdatum 2023-11-15"
INCIDENTS_CAPTION = "Incidenter per år efter när de blev kända"
RISKS_CAPTION = "Riskmatris: öppna risker i riskregistret per sannolikhet och konsekvens"
RISKS_CAPTION_FULL = RISKS_CAPTION + "; rutorna är skuggade efter riskvärde."
ACTIONS_CAPTION = "Åtgärder i handlingsplanen per planerat år (2023–2026) och status."


def add_incidents_and_risks(review, scale: int = 1):
    """Incidents 2022: 3 (1 breach, 1 significant); 2023: 2 before the cut-off (1 breach) and 1 after it (not counted).
    Open risks: 4 × 3 once, 2 × 2 twice, 1 × 1 once; a closed 4 × 4 (not counted). `scale` multiplies every row."""
    org = review.organisation
    incidents = [
        (datetime.datetime(2022, 3, 1, 12), {"is_personal_data_breach": True, "not_notified_reason": "Låg risk"}),
        (datetime.datetime(2022, 5, 1, 12), {"is_significant_nis2": True}),
        (datetime.datetime(2022, 9, 1, 12), {}),
        (datetime.datetime(2023, 2, 1, 12), {"is_personal_data_breach": True, "not_notified_reason": "Låg risk"}),
        (datetime.datetime(2023, 6, 1, 12), {}),
        (datetime.datetime(2023, 12, 1, 12), {}),  # after the cut-off 2023-11-15
    ]
    risks = [(4, 3, RiskStatus.IDENTIFIED), (2, 2, RiskStatus.IN_TREATMENT), (2, 2, RiskStatus.IDENTIFIED)]
    risks += [(1, 1, RiskStatus.IDENTIFIED), (4, 4, RiskStatus.CLOSED)]
    for copy in range(scale):
        for n, (aware, fields) in enumerate(incidents):
            incident_create(
                organisation=org,
                user=None,
                title=f"Incident {copy}-{n}",
                became_aware_at=aware.replace(tzinfo=STHLM),
                **fields,
            )
        for n, (likelihood, consequence, status) in enumerate(risks):
            Risk.objects.create(
                organisation=org,
                title=f"Risk {copy}-{n}",
                likelihood=likelihood,
                consequence=consequence,
                status=status,
            )


@pytest.fixture
def chart_review(db):
    review = build_sample_review("chr")
    add_incidents_and_risks(review)
    return review


def charts_of(section) -> list[str]:
    """The ids of the charts among a compiled section's blocks, in order."""
    return [re.search(r'<title id="([\w-]+)-title"', b.text).group(1) for b in section.blocks if b.kind == "chart"]


def test_charts_stand_in_the_sections_that_show_figures(chart_review):
    compiled = compile_review(chart_review)
    sections = {section.key: section for section in compiled.sections}
    previous = sections[s.PREVIOUS_ACTIONS].blocks
    kinds = [(b.kind, b.caption.split(" (")[0]) for b in previous]
    at = kinds.index(("table", "Nyckeltal per år"))
    assert [k for k, _c in kinds[at + 1 : at + 3]] == ["chart", "chart"]  # right after the indicator table
    assert charts_of(sections[s.PREVIOUS_ACTIONS]) == ["chart-coverage", "chart-incidents"]
    assert previous[at + 1].caption.startswith(COVERAGE_CAPTION)
    assert charts_of(sections[s.RSA]) == ["chart-risks"]
    captions = [b.caption for b in sections[s.RSA].blocks]
    assert captions[captions.index(RISKS_CAPTION_FULL) + 1] == "Högst värderade öppna risker"
    assert "Öppna risker: sannolikhet × konsekvens" not in captions  # the chart is the matrix; no table repeats it
    assert charts_of(sections[s.PRIORITIES]) == ["chart-actions"]
    assert sections[s.PRIORITIES].blocks[-1].caption == ACTIONS_CAPTION

    incidents = compiled.figures["incidents_per_year"]
    assert incidents == {
        2021: {"total": 0, "breaches": 0, "significant": 0},
        2022: {"total": 3, "breaches": 1, "significant": 1},
        2023: {"total": 2, "breaches": 1, "significant": 0},
    }
    assert compiled.figures["actions_by_year_and_status"][2023] == {"started": 1, "done": 1}
    frozen = json.loads(json.dumps(compiled.to_dict()))  # the snapshot holds the SVG markup as strings
    rsa = next(section for section in frozen["sections"] if section["key"] == s.RSA)
    assert [b["text"][:5] for b in rsa["blocks"] if b["kind"] == "chart"] == ["<svg "]


def test_no_chart_without_data_or_where_figures_are_hidden(sample_review):
    # the sample has no incidents and no risks
    sample_review.sections.filter(key=s.PRIORITIES).update(show_figures=False)
    compiled = compile_review(sample_review)
    sections = {section.key: section for section in compiled.sections}
    assert charts_of(sections[s.PREVIOUS_ACTIONS]) == ["chart-coverage"]
    assert s.RSA not in sections or not charts_of(sections[s.RSA])
    assert charts_of(sections[s.PRIORITIES]) == []

    InformationAsset.objects.filter(organisation=sample_review.organisation).update(kind=AssetKind.PROCESS)
    compiled = compile_review(sample_review)
    assert not any(b.kind == "chart" for sec in compiled.sections if sec.key == s.PREVIOUS_ACTIONS for b in sec.blocks)


def _compile_queries(review) -> int:
    with CaptureQueriesContext(connection) as captured:
        compile_review(review)
    return len(captured.captured_queries)


def test_charts_cost_no_queries_and_the_count_does_not_grow_with_the_registers(chart_review):
    small = _compile_queries(chart_review)

    chart_review.sections.update(show_figures=False)  # before: no figures, so no charts are drawn
    assert _compile_queries(chart_review) == small
    chart_review.sections.update(show_figures=True)

    org = chart_review.organisation
    add_incidents_and_risks(chart_review, scale=5)
    for n in range(30):
        classify(system(org, name=f"Stort system {n}"), datetime.date(2022, 1, 10))
    Action.objects.bulk_create(
        Action(organisation=org, plan_year=2024 + n % 3, position=10 + n, title=f"Åtgärd {n}", status=status)
        for n, status in enumerate([ActionStatus.PLANNED, ActionStatus.POSTPONED, ActionStatus.CANCELLED] * 10)
    )
    assert _compile_queries(chart_review) == small


# The PDF: rendered once for the module, the data rolled back afterwards (as tests/reviews/conftest.py does).


@pytest.fixture(scope="module")
def chart_pdf(django_db_setup, django_db_blocker) -> bytes:
    with django_db_blocker.unblock(), transaction.atomic():
        review = build_sample_review("chp")
        add_incidents_and_risks(review)
        pdf = render_review_pdf(review)
        transaction.set_rollback(True)
    return pdf


def _forms(resources) -> list:
    """The form XObjects a page or form draws."""
    xobjects = resources.get("/XObject", {}) if resources else {}
    return [x.get_object() for x in xobjects.values() if x.get_object().get("/Subtype") == "/Form"]


def _operators(page, pdf) -> Counter:
    """Counts of the content-stream operators of a page, with those of the forms it draws (and theirs)."""
    counts = Counter(op for _operands, op in ContentStream(page.get_contents(), pdf).operations)
    pending = _forms(page.get("/Resources"))
    while pending:
        form = pending.pop()
        counts.update(op for _operands, op in ContentStream(form, pdf).operations)
        pending.extend(_forms(form.get("/Resources")))
    return counts


@pytest.mark.django_db
def test_pdf_has_the_charts_as_vector_graphics_with_their_labels_as_text(chart_pdf):
    pdf = reader(chart_pdf)
    texts = [normalise(page.extract_text()) for page in pdf.pages]
    text = " ".join(texts)
    for label in [
        "30 %",
        "50 %",
        "Den 31 december",
        "Registeruppgifter per brytdatum",
        "5 av 10 system",
        "varav personuppgiftsincidenter",
        "t.o.m. 2023-11-15",
        "Högt riskvärde (9–16)",
        "Påbörjad 1 · Genomförd 1",
        "totalt 3",
        COVERAGE_CAPTION,
        INCIDENTS_CAPTION,
        RISKS_CAPTION,
        ACTIONS_CAPTION,
    ]:
        assert label in text, label
    # no raster image anywhere (the charts, like the watermark, are drawn); the chart pages fill and stroke paths
    assert not any(page.images for page in pdf.pages)
    chart_pages = [n for n, t in enumerate(texts) if "Registeruppgifter per brytdatum" in t or "totalt 3" in t]
    assert chart_pages
    for number in chart_pages:
        ops = _operators(pdf.pages[number], pdf)
        assert ops[b"re"] >= 4 and ops[b"f"] + ops[b"B"] >= 4 and ops[b"TJ"] > 0


@pytest.mark.django_db
def test_pdf_chart_text_is_in_the_report_font_and_each_chart_has_alternative_text(chart_pdf):
    pdf = reader(chart_pdf)
    fonts = set()

    def collect(resources):
        fonts.update(str(font.get_object()["/BaseFont"]) for font in resources.get("/Font", {}).values())
        for form in _forms(resources):
            if "/Resources" in form:
                collect(form["/Resources"].get_object())

    for page in pdf.pages:
        collect(page["/Resources"].get_object())
    assert fonts and all("Liberation-Sans" in name for name in fonts), fonts  # not the SVG default (DejaVu)

    alts = []
    pending = [pdf.trailer["/Root"]["/StructTreeRoot"].get_object()]
    while pending:
        node = pending.pop()
        if isinstance(node, dict) or hasattr(node, "get"):
            if node.get("/S") == "/Figure" and "/Alt" in node:
                alts.append(str(node["/Alt"]))
            kids = node.get("/K", [])
            kids = kids if isinstance(kids, list) else [kids]
            pending.extend(kid.get_object() for kid in kids if hasattr(kid, "get_object"))
    assert any(
        a.startswith("Andel informationsklassade system. ") and "2023-11-15: 50 % (5 av 10 system)" in a for a in alts
    )
    assert any("2022: 3 incidenter, 1 personuppgiftsincident, 1 betydande" in a for a in alts)
    assert any(a.startswith("Öppna risker: sannolikhet × konsekvens. 4 öppna risker.") for a in alts)


# On the review's pages: the same SVG, inline, where the PDF has it.


def test_review_page_shows_the_charts_inline_also_from_an_approved_reviews_frozen_content(client, chart_review):
    client.force_login(member(chart_review.organisation, Role.COORDINATOR))
    page = client.get(reverse("reviews:detail", args=[chart_review.pk])).content.decode()
    for chart_id in ["chart-coverage", "chart-incidents", "chart-risks", "chart-actions"]:
        assert page.count(f'<title id="{chart_id}-title">') == 1
    assert "&lt;svg" not in page
    assert f'<figcaption class="small text-body-secondary">{COVERAGE_CAPTION}' in page

    # Approved: shown from the snapshot, where the markup is a plain string from JSON.
    frozen = json.loads(json.dumps(compile_review(chart_review).to_dict(), default=str))
    ManagementReview.objects.filter(pk=chart_review.pk).update(
        status=ReviewStatus.APPROVED,
        frozen_figures=frozen,
        approved_at=timezone.now(),
        approved_by=member(chart_review.organisation, Role.HEAD),
        approver_name="Eva",
    )
    Risk.objects.filter(organisation=chart_review.organisation).delete()  # later register changes do not show
    page = client.get(reverse("reviews:detail", args=[chart_review.pk])).content.decode()
    assert page.count('<title id="chart-risks-title">') == 1 and "&lt;svg" not in page


def test_section_page_shows_the_chart_as_the_report_will(client, chart_review):
    client.force_login(member(chart_review.organisation, Role.COORDINATOR))
    page = client.get(reverse("reviews:section", args=[chart_review.pk, s.RSA])).content.decode()
    assert page.count('<title id="chart-risks-title">') == 1  # in the preview only, so its ids stay unique
