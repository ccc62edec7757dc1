"""Reading rendered PDFs back in tests: page texts and the positions of text runs, with pypdf (and fontTools, which
WeasyPrint installs, for glyph widths from the embedded fonts)."""

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from fontTools.ttLib import TTFont
from pypdf import PdfReader

MM = 72 / 25.4  # PDF points per millimetre


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in reader(pdf).pages]


def normalise(text: str) -> str:
    """Whitespace runs → one space, and a hyphenation break ("informations-\\nsäkerhet") joined."""
    text = re.sub(r"[\u2010\u00ad]\s*\n\s*", "", text)
    return re.sub(r"\s+", " ", text).strip()


def lines(text: str) -> list[str]:
    return [re.sub(r"\s+", " ", line).strip() for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class TextRun:
    """A run of text as pypdf reports it: its text, left x, right x (left + glyph advances) and baseline y, in
    points from the bottom left of the page. pypdf joins runs that continue on the same line (the cells of a table
    row), so a joined run's right edge is only a lower bound of where its ink ends; `measure(text)` gives the
    advance width in points of any text in the run's font and size, for exact checks of a part."""

    text: str
    left: float
    right: float
    y: float
    measure: Callable[[str], float] = field(repr=False, compare=False, default=lambda text: 0.0)


def text_runs(pdf: bytes, page_number: int) -> list[TextRun]:
    """The text runs of one page (0-based), with widths from the embedded (subset) fonts' cmap and hmtx tables."""
    page = reader(pdf).pages[page_number]
    fonts: dict[str, tuple[dict, object, int]] = {}
    runs: list[TextRun] = []

    def metrics(font_dict):
        name = str(font_dict["/BaseFont"])
        if name not in fonts:
            descendant = font_dict["/DescendantFonts"][0].get_object()
            program = descendant["/FontDescriptor"].get_object()["/FontFile2"].get_data()
            font = TTFont(io.BytesIO(program))
            fonts[name] = (font.getBestCmap() or {}, font["hmtx"], font["head"].unitsPerEm)
        return fonts[name]

    def visit(text, cm, tm, font_dict, font_size):
        if not text.strip() or font_dict is None:
            return
        cmap, hmtx, units = metrics(font_dict)
        points = font_size * abs(cm[0] * tm[0])

        def measure(part: str) -> float:
            return sum(hmtx[cmap[ord(char)]][0] for char in part if ord(char) in cmap) / units * points

        # WeasyPrint writes text with the matrices cm = [0.75 0 0 -0.75 0 H] (CSS px → pt, y down) and a
        # translation in tm; font sizes are in CSS px.
        left = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        runs.append(TextRun(text.strip(), left, left + measure(text.rstrip("\n")), y, measure))

    page.extract_text(visitor_text=visit)
    return runs
