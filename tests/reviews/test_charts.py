"""The review's charts (reviews.charts): well-formed SVG with title, description, font and every value as text; hostile
labels escaped."""

import xml.etree.ElementTree as ET

import pytest
from django.utils.safestring import SafeString

from registry.models import ActionStatus
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
    assert "2022-12-31: 30 % (3 av 10 system)" in root.find(f"{SVG}desc").text
    assert "Registeruppgifter per brytdatum" in labels  # the cut-off bar is told apart, not by colour alone


def test_coverage_chart_without_systems_prints_a_dash_not_none():
    root = parse(coverage_chart([CoveragePoint("2022-12-31", None, "inga system i drift")]))
    assert "–" in texts(root) and "None" not in ET.tostring(root, encoding="unicode")


def test_incidents_chart_prints_every_count_and_names_the_kinds():
    root = parse(incidents())
    labels = texts(root)
    assert {"4", "7", "5", "3", "2", "1", "0"} <= set(labels)
    assert "varav personuppgiftsincidenter" in labels and "t.o.m. 2023-11-15" in labels
    desc = root.find(f"{SVG}desc").text
    assert "2022: 7 incidenter, 3 personuppgiftsincidenter, 1 betydande" in desc


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
    desc = root.find(f"{SVG}desc").text
    assert desc.startswith("12 öppna risker. Antal per ruta (sannolikhet × konsekvens): 4 × 3: 1; 3 × 2: 1; 3 × 3: 2;")
    assert [risk_level(s) for s in (1, 3, 4, 8, 9, 16)] == [0, 0, 1, 1, 2, 2]


def test_action_status_chart_prints_counts_statuses_and_totals():
    root = parse(actions())
    labels = texts(root)
    assert "Påbörjad 1 · Genomförd 3 · Senarelagd 1" in labels
    assert {"2023", "2024", "totalt 5", "totalt 3", "Avbruten 1"} <= set(labels)
    assert [label for _code, label in ActionStatus.choices] == [t for t in labels[:5]]  # the legend, in order
    assert "2024: Planerad 3" in root.find(f"{SVG}desc").text


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
    assert root.find(f"{SVG}title").text == HOSTILE
    assert not list(root.iter("script")) and not list(root.iter(f"{SVG}script"))


def test_chart_id_cannot_break_out_of_its_attribute():
    root = parse(coverage_chart([CoveragePoint("2022", 10, cutoff=True)], chart_id='x" onload="evil()'))
    assert root.get("onload") is None
    assert root.find(f"{SVG}title").get("id") == "xonloadevil-title"
