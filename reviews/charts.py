"""The management review's charts as inline SVG: pure functions from plain data to markup.

    svg = coverage_chart([CoveragePoint("2022-12-31", 30, "3 av 10 system"), ...], chart_id="coverage")

Each function returns a SafeString holding one <svg> element that WeasyPrint draws as vector graphics (lines, fills and
real text in the PDF) and a browser shows inline. Every text that goes into it, labels and notes from the caller
included, is escaped here; the markup is marked safe only once assembled from escaped parts and numbers.

The charts are sized for the text width of an A4 page (WIDTH_MM, 160 mm) and read without colour: the series differ
in lightness and in pattern (solid, hatched, dotted, outlined), every value is printed as a label, and each chart has a
<title> and a <desc> that states all its values for assistive technology. Text has its own font family (FONT_FAMILY):
an SVG does not inherit the page's font, and WeasyPrint's default would be the system's sans-serif. Presentation
attributes only, no `style`: the site's content-security policy allows no inline styles.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

FONT_FAMILY = "'Liberation Sans', 'DejaVu Sans', sans-serif"
WIDTH_MM = 160
UNITS_PER_MM = 4  # user units of the viewBox per millimetre
WIDTH = WIDTH_MM * UNITS_PER_MM

INK = "#1a1a1a"  # text
DARK = "#1f3b5c"  # the report's heading colour; bars and outlines (contrast 11:1 on white)
MEDIUM = "#8ea4bd"  # mid grey-blue
LIGHT = "#d5dee8"  # pale grey-blue (outlined in DARK wherever it fills a shape)
GRID = "#9aa3ad"
WHITE = "#ffffff"

FONT_SIZE = 11.5  # 2.9 mm, about 8 pt
VALUE_SIZE = 12.5  # the printed values, bold
SMALL_SIZE = 10.5


# ----------------------------------------------------------------------------------------------------------------------
# Plain data the charts are drawn from.


@dataclass(frozen=True)
class CoveragePoint:
    """One bar of the coverage chart: `label` (the date), `percent` (None: nothing to count), `note` under the label
    (e.g. "3 av 10 system"); `cutoff` marks the measurement at the review's cut-off date (drawn hatched)."""

    label: str
    percent: int | None
    note: str = ""
    cutoff: bool = False


@dataclass(frozen=True)
class IncidentYear:
    """Incidents that became known in one year: all of them, of which personal-data breaches and significant
    incidents under the cybersecurity law; `note` under the year (e.g. "t.o.m. 2023-11-15")."""

    label: str
    total: int
    breaches: int
    significant: int
    note: str = ""


# ----------------------------------------------------------------------------------------------------------------------
# Fills: lightness and pattern differ, so that series stay apart in greyscale and for readers who do not see colour.


@dataclass(frozen=True)
class _Fill:
    key: str
    pattern: str  # markup of the <pattern>'s content (an 8 × 8 tile), or "" for a plain fill
    colour: str
    text: str  # colour of a value printed on this fill
    backed: bool = False  # a value printed on it needs a white patch behind it
    name: str = ""  # how the fill looks, for descriptions ("randig")

    def paint(self, chart_id: str) -> str:
        return f"url(#{chart_id}-{self.key})" if self.pattern else self.colour


SOLID = _Fill("solid", "", DARK, WHITE, name=gettext_lazy("solid"))
HATCHED = _Fill(
    "hatched",
    f'<rect width="8" height="8" fill="{WHITE}"/>'
    f'<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="{DARK}" stroke-width="2.2"/>',
    DARK,
    INK,
    backed=True,
    name=gettext_lazy("striped"),
)
PALE = _Fill("pale", "", LIGHT, INK, name=gettext_lazy("light"))
DOTTED = _Fill(
    "dotted",
    f'<rect width="8" height="8" fill="{WHITE}"/><circle cx="4" cy="4" r="1.7" fill="{DARK}"/>',
    DARK,
    INK,
    backed=True,
    name=gettext_lazy("dotted"),
)
CROSSED = _Fill(
    "crossed",
    f'<rect width="8" height="8" fill="{WHITE}"/>'
    f'<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4 M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" stroke="{GRID}" stroke-width="0.9"/>',
    GRID,
    INK,
    backed=True,
    name=gettext_lazy("chequered"),
)


# ----------------------------------------------------------------------------------------------------------------------
# Building an SVG from escaped parts.


def _num(value: float) -> str:
    """A coordinate: at most one decimal, no trailing zeros."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated advance of `text` in Liberation Sans (Arial metrics) at `size` user units."""
    em = 0.0
    for char in text:
        if char in "il.,:;'|!ítj ":
            em += 0.28
        elif char.isdigit() or char.islower():
            em += 0.556
        elif char.isupper() or char in "%–—":
            em += 0.70
        else:
            em += 0.5
    return em * size * (1.06 if bold else 1.0)


def percent_text(value: int | float | None) -> str:
    """ "30 %" (as the report's tables write it), "–" when there is nothing to count."""
    return "–" if value is None else f"{_num(value).replace('.', ',')} %"


class _Svg:
    """Collects escaped SVG elements; `markup()` wraps them in the root element with <title>, <desc> and patterns.

    The <title> is the chart's name followed by all its values (`summary`): WeasyPrint makes it the Figure's
    alternative text in the tagged PDF, where it is all a screen reader gets. The <desc> says how the chart is drawn.
    """

    def __init__(self, chart_id: str, height: float, title: str, summary: str, form: str):
        self.id = "".join(c for c in chart_id.lower() if c.isascii() and (c.isalnum() or c in "-_")) or "chart"
        self.height = height
        self.title = f"{title}. {summary}" if summary else title
        self.description = form
        self.fills: dict[str, _Fill] = {}
        self.parts: list[str] = []

    def paint(self, fill: _Fill) -> str:
        if fill.pattern:
            self.fills[fill.key] = fill
        return fill.paint(self.id)

    def rect(self, x, y, width, height, fill: str, *, stroke: str = "", stroke_width: float = 1, title: str = ""):
        outline = f' stroke="{stroke}" stroke-width="{_num(stroke_width)}"' if stroke else ""
        end = f"><title>{escape(title)}</title></rect>" if title else "/>"
        self.parts.append(
            f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(width)}" height="{_num(height)}" fill="{fill}"{outline}{end}'
        )

    def line(self, x1, y1, x2, y2, *, stroke: str = DARK, width: float = 1, dashed: bool = False):
        dash = ' stroke-dasharray="4 3"' if dashed else ""
        self.parts.append(
            f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" stroke="{stroke}" '
            f'stroke-width="{_num(width)}"{dash}/>'
        )

    def text(self, x, y, text: str, *, size: float = FONT_SIZE, anchor: str = "start", bold: bool = False, fill=INK):
        weight = ' font-weight="bold"' if bold else ""
        align = f' text-anchor="{anchor}"' if anchor != "start" else ""
        self.parts.append(
            f'<text x="{_num(x)}" y="{_num(y)}" font-size="{_num(size)}"{weight}{align} fill="{fill}">'
            f"{escape(text)}</text>"
        )

    def value(self, x, y, text: str, fill: _Fill, *, size: float = VALUE_SIZE):
        """A bold value centred on x with its baseline at y, drawn on `fill`: on a patterned fill, over a white
        patch, so that the digits stay legible."""
        if fill.backed:
            width = _text_width(text, size, bold=True) + 8
            self.rect(x - width / 2, y - size * 0.95, width, size * 1.25, WHITE)
        self.text(x, y, text, size=size, anchor="middle", bold=True, fill=fill.text)

    def legend(self, x: float, y: float, entries: Sequence[tuple[_Fill, str]], *, right: float = WIDTH) -> float:
        """Swatches with their labels from (x, y), wrapping before `right`; returns the y below the last row."""
        swatch, gap, row = 13, 16, 19
        left = x
        for fill, label in entries:
            width = swatch + 5 + _text_width(label, FONT_SIZE)
            if x > left and x + width > right:
                x, y = left, y + row
            self.rect(x, y, swatch, swatch, self.paint(fill), stroke=DARK)
            self.text(x + swatch + 5, y + swatch - 2, label)
            x += width + gap
        return y + row

    def markup(self) -> SafeString:
        height = math.ceil(self.height)
        defs = "".join(
            f'<pattern id="{self.id}-{f.key}" patternUnits="userSpaceOnUse" width="8" height="8">{f.pattern}</pattern>'
            for f in self.fills.values()
        )
        return mark_safe(  # noqa: S308 - every text above went through escape(); the rest are numbers and constants
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
            f'aria-labelledby="{self.id}-title {self.id}-desc" '
            f'width="{WIDTH_MM}mm" height="{_num(height / UNITS_PER_MM)}mm" viewBox="0 0 {WIDTH} {height}" '
            f'font-family="{FONT_FAMILY}" font-size="{_num(FONT_SIZE)}" fill="{INK}">'
            f'<title id="{self.id}-title">{escape(self.title)}</title>'
            f'<desc id="{self.id}-desc">{escape(self.description)}</desc>'
            + (f"<defs>{defs}</defs>" if defs else "")
            + "".join(self.parts)
            + "</svg>"
        )


# ----------------------------------------------------------------------------------------------------------------------
# The charts.


def coverage_chart(
    points: Sequence[CoveragePoint], *, chart_id: str = "coverage", title: str | None = None
) -> SafeString:
    """Classification coverage as vertical bars on a 0–100 % scale: one bar per point (year ends solid, the cut-off
    hatched), the percentage above each bar, the date and the note below it."""
    title = title or _("Share of systems with information classification")
    description = "; ".join(
        f"{p.label}: {percent_text(p.percent)}" + (f" ({p.note})" if p.note else "") for p in points
    )
    top, plot, left = 44, 150, 56  # legend band, plot height (100 %), left axis band
    base = top + plot
    form = _(
        "Bar chart on a scale from 0 to 100 per cent, one bar per measurement with the share above the bar: solid "
        "bars on 31 December, striped bar at the cut-off date."
    )
    svg = _Svg(chart_id, base + 46, title, description, form)
    entries = [(SOLID, _("31 December"))]
    if any(p.cutoff for p in points):
        entries.append((HATCHED, _("Register figures at the cut-off date")))
    svg.legend(left, 4, entries)

    for level in (25, 50, 75, 100):
        y = base - plot * level / 100
        svg.line(left, y, WIDTH - 4, y, stroke=GRID, width=0.7, dashed=True)
    svg.text(left - 6, base - plot + 4, percent_text(100), size=SMALL_SIZE, anchor="end")
    svg.text(left - 6, base + 4, percent_text(0), size=SMALL_SIZE, anchor="end")

    slot = (WIDTH - left - 4) / max(len(points), 1)
    bar = min(96.0, slot * 0.55)
    for index, point in enumerate(points):
        centre = left + slot * (index + 0.5)
        fill = HATCHED if point.cutoff else SOLID
        label = f"{point.label}: {percent_text(point.percent)}"
        if point.percent is not None:
            height = plot * max(0, min(point.percent, 100)) / 100
            svg.rect(centre - bar / 2, base - height, bar, height, svg.paint(fill), stroke=DARK, title=label)
            svg.text(
                centre, base - height - 6, percent_text(point.percent), size=VALUE_SIZE, anchor="middle", bold=True
            )
        else:
            svg.text(centre, base - 6, percent_text(None), size=VALUE_SIZE, anchor="middle", bold=True)
        svg.text(centre, base + 17, point.label, anchor="middle")
        if point.note:
            svg.text(centre, base + 33, point.note, size=SMALL_SIZE, anchor="middle")
    svg.line(left, base, WIDTH - 4, base, stroke=INK, width=1.2)
    return svg.markup()


def incidents_chart(
    years: Sequence[IncidentYear], *, chart_id: str = "incidents", title: str | None = None
) -> SafeString:
    """Incidents per year as grouped bars: all incidents (solid), of which personal-data breaches (hatched) and
    significant incidents under the cybersecurity law (dotted); every count printed above its bar."""
    title = title or _("Incidents per year")
    series = [  # fill, legend, the count with its name in the description, attribute
        (SOLID, _("Incidents"), lambda n: ngettext("%(n)d incident", "%(n)d incidents", n), "total"),
        (
            HATCHED,
            _("of which personal data breaches"),
            lambda n: ngettext("%(n)d personal data breach", "%(n)d personal data breaches", n),
            "breaches",
        ),
        (
            DOTTED,
            _("of which significant incidents (Cybersecurity Act)"),
            lambda n: ngettext("%(n)d significant", "%(n)d significant", n),
            "significant",
        ),
    ]
    description = "; ".join(
        f"{y.label}{' ' + y.note if y.note else ''}: "
        + ", ".join(counted(getattr(y, attr)) % {"n": getattr(y, attr)} for _f, _l, counted, attr in series)
        for y in years
    )
    left = 8
    form = _(
        "Bar chart with three bars per year and the number above each bar: incidents (solid), of which personal "
        "data breaches (striped) and of which significant incidents (dotted)."
    )
    svg = _Svg(chart_id, 0, title, description, form)
    top = svg.legend(left, 4, [(fill, label) for fill, label, _n, _a in series]) + 22
    plot = 140
    base = top + plot
    svg.height = base + 46
    scale = max((y.total for y in years), default=0) or 1  # the highest bar fills the plot; no axis, values printed

    slot = (WIDTH - left * 2) / max(len(years), 1)
    bar, gap = min(48.0, slot * 0.22), 6.0
    group = 3 * bar + 2 * gap
    for index, year in enumerate(years):
        centre = left + slot * (index + 0.5)
        for position, (fill, _l, _n, attr) in enumerate(series):
            count = getattr(year, attr)
            x = centre - group / 2 + position * (bar + gap)
            height = plot * count / scale
            if count:
                svg.rect(x, base - height, bar, height, svg.paint(fill), stroke=DARK, title=f"{year.label}: {count}")
            svg.text(x + bar / 2, base - height - 6, str(count), size=VALUE_SIZE, anchor="middle", bold=True)
        svg.text(centre, base + 17, year.label, anchor="middle", bold=True)
        if year.note:
            svg.text(centre, base + 33, year.note, size=SMALL_SIZE, anchor="middle")
    svg.line(left, base, WIDTH - left, base, stroke=INK, width=1.2)
    return svg.markup()


def risk_level(score: int) -> int:
    """0 low (1–3), 1 medium (4–8), 2 high (9–16: the "högt riskvärde" of the review's text)."""
    return 2 if score >= 9 else 1 if score >= 4 else 0


def risk_matrix_chart(
    matrix: Sequence[Sequence[int]], *, chart_id: str = "risk-matrix", title: str | None = None
) -> SafeString:
    """The 4 × 4 risk matrix: likelihood 4 at the top to 1 at the bottom, consequence 1 to 4 from the left, the count
    of risks in each cell (`matrix[likelihood - 1][consequence - 1]`), cells shaded by score (likelihood ×
    consequence): low 1–3 white, medium 4–8 pale, high 9–16 dark with white figures; a legend names the bands."""
    title = title or _("Open risks: likelihood × consequence")
    cells = [
        f"{lik} × {con}: {matrix[lik - 1][con - 1]}"
        for lik in range(4, 0, -1)
        for con in range(1, 5)
        if matrix[lik - 1][con - 1]
    ]
    total = sum(map(sum, matrix))
    description = ngettext("%(n)d open risk.", "%(n)d open risks.", total) % {"n": total}
    if cells:
        description += " " + _("Number per cell (likelihood × consequence): %(cells)s.") % {"cells": "; ".join(cells)}
    left, top, cell_w, cell_h = 96, 34, 80, 50
    form = _(
        "Grid with likelihood 4 at the top to 1 at the bottom and consequence 1 on the left to 4 on the right, with "
        "the number of risks in each cell; cells are white for a low risk score (1–3), light for medium (4–8) and "
        "dark for a high risk score (9–16)."
    )
    svg = _Svg(chart_id, top + 4 * cell_h + 52, title, description, form)
    bands = [
        (_Fill("low", "", WHITE, INK), _("Low risk score (1–3)")),
        (_Fill("medium", "", LIGHT, INK), _("Medium (4–8)")),
        (_Fill("high", "", DARK, WHITE), _("High risk score (9–16)")),
    ]
    svg.text(0, 16, _("Likelihood (1 low – 4 very high)"), bold=True)
    for row, lik in enumerate(range(4, 0, -1)):
        y = top + row * cell_h
        svg.text(left - 14, y + cell_h / 2 + 5, str(lik), size=VALUE_SIZE, anchor="end", bold=True)
        for col, con in enumerate(range(1, 5)):
            x = left + col * cell_w
            count = matrix[lik - 1][con - 1]
            fill, _label = bands[risk_level(lik * con)]
            svg.rect(
                x,
                y,
                cell_w,
                cell_h,
                fill.colour,
                stroke=DARK,
                title=_("Likelihood %(l)d × consequence %(c)d = %(s)d: %(n)d")
                % {"l": lik, "c": con, "s": lik * con, "n": count},
            )
            svg.text(
                x + cell_w / 2,
                y + cell_h / 2 + 6,
                str(count),
                size=16 if count else VALUE_SIZE,
                anchor="middle",
                bold=bool(count),
                fill=fill.text,
            )
    bottom = top + 4 * cell_h
    for col in range(4):
        svg.text(left + (col + 0.5) * cell_w, bottom + 17, str(col + 1), size=VALUE_SIZE, anchor="middle", bold=True)
    svg.text(left + 2 * cell_w, bottom + 38, _("Consequence (1 limited – 4 very serious)"), anchor="middle", bold=True)

    legend_x = left + 4 * cell_w + 32
    svg.text(legend_x, top + 12, _("Risk score = likelihood × consequence"), size=SMALL_SIZE)
    for index, (fill, label) in enumerate(reversed(bands)):
        y = top + 26 + index * 24
        svg.rect(legend_x, y, 18, 16, fill.colour, stroke=DARK)
        svg.text(legend_x + 26, y + 12, label)
    return svg.markup()


def action_status_chart(
    years: Iterable[tuple[str, dict[str, int]]],
    statuses: Sequence[tuple[str, str]],
    *,
    chart_id: str = "action-status",
    title: str | None = None,
) -> SafeString:
    """Actions per planned year as horizontal stacked bars, one segment per status in the order of `statuses`
    ((code, label) pairs: planned, started, done, postponed, cancelled), each segment's count printed on it where it
    fits, and every count written out under the bar ("Planerad 3 · Genomförd 2"), with the year's total after it."""
    title = title or _("Actions by planned year and status")
    years = [(str(label), dict(counts)) for label, counts in years]
    fills = [PALE, HATCHED, SOLID, DOTTED, CROSSED]
    styled = [(code, label, fills[i % len(fills)]) for i, (code, label) in enumerate(statuses)]

    def spelled(counts: dict[str, int]) -> str:
        parts = [f"{label} {counts[code]}" for code, label, _f in styled if counts.get(code)]
        return " · ".join(parts) if parts else _("no actions")

    description = "; ".join(f"{label}: {spelled(counts)}" for label, counts in years)
    left, right = 64, WIDTH - 92
    form = _(
        "Horizontal bars, one per planned year, divided by status in the order %(order)s; the number is shown "
        "inside the bar where it fits and always below it, with the total after it."
    ) % {"order": ", ".join(f"{label} ({fill.name})" for _c, label, fill in styled)}
    svg = _Svg(chart_id, 0, title, description, form)
    y = svg.legend(left, 4, [(fill, label) for _c, label, fill in styled]) + 12
    scale = max((sum(c.get(code, 0) for code, _l, _f in styled) for _y, c in years), default=0) or 1
    bar, pitch = 26, 58
    for label, counts in years:
        total = sum(counts.get(code, 0) for code, _l, _f in styled)
        svg.text(left - 12, y + bar / 2 + 5, label, size=VALUE_SIZE, anchor="end", bold=True)
        x = left
        for code, status_label, fill in styled:
            count = counts.get(code, 0)
            if not count:
                continue
            width = (right - left) * count / scale
            svg.rect(x, y, width, bar, svg.paint(fill), stroke=DARK, title=f"{label}, {status_label}: {count}")
            if width >= _text_width(str(count), VALUE_SIZE, bold=True) + 10:
                svg.value(x + width / 2, y + bar / 2 + 5, str(count), fill)
            x += width
        svg.line(left, y - 3, left, y + bar + 3, stroke=INK, width=1.2)
        svg.text(x + 8, y + bar / 2 + 5, _("total %(n)d") % {"n": total}, size=FONT_SIZE)
        svg.text(left, y + bar + 16, spelled(counts), size=SMALL_SIZE)
        y += pitch
    svg.height = y - 6
    return svg.markup()
