"""A count and its noun agree in Swedish: "1 incident", "2 incidenter"; "1 fil", "2 filer" (ngettext wherever a
count meets a noun). The catalogue check catches a count placeholder written before a plural noun in a message
without plural forms, the way "1 incidenter" and "1 filer" got into the chart and the backup's report."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import polib
import pytest
from django.utils import translation

from isms.management.commands.backup import byte_count, file_count
from reviews.charts import IncidentYear, incidents_chart, risk_matrix_chart

PO = Path(__file__).resolve().parent.parent / "locale" / "sv" / "LC_MESSAGES" / "django.po"
SVG = "{http://www.w3.org/2000/svg}"
# Swedish plural nouns that follow a count in the app's messages.
PLURAL_NOUNS = (
    "avvikelser|dagar|filer|incidenter|minuter|personuppgiftsincidenter|poster|rader|rekommendationer|risker|sidor|"
    "tabeller|timmar|åtgärder|öppna risker"
)


@pytest.fixture(autouse=True)
def swedish():
    with translation.override("sv"):
        yield


def title(svg) -> str:
    return ET.fromstring(str(svg)).find(f"{SVG}title").text


def test_the_incident_chart_counts_one_of_each_in_the_singular():
    text = title(incidents_chart([IncidentYear("2022", 1, 1, 1), IncidentYear("2023", 2, 2, 0)]))
    assert "2022: 1 incident, 1 personuppgiftsincident, 1 betydande" in text
    assert "2023: 2 incidenter, 2 personuppgiftsincidenter, 0 betydande" in text


def test_the_risk_matrix_counts_one_open_risk_in_the_singular():
    matrix = [[0] * 4 for _ in range(4)]
    matrix[0][0] = 1
    assert "1 öppen risk." in title(risk_matrix_chart(matrix))


def test_backup_and_restore_count_files_and_bytes():
    assert (file_count(1), file_count(2), byte_count(1), byte_count(2048)) == (
        "1 fil",
        "2 filer",
        "1 byte",
        "2048 byte",
    )


def test_no_message_without_plural_forms_puts_a_count_before_a_plural_noun():
    count_then_noun = re.compile(rf"%\((?:n|count|files|pages|minutes|hours|found|open|total)\)[sd] (?:{PLURAL_NOUNS})")
    offenders = [
        entry.msgid
        for entry in polib.pofile(str(PO))
        if not entry.msgid_plural and count_then_noun.search(entry.msgstr)
    ]
    assert offenders == [], "use ngettext (or blocktranslate count) for these"
