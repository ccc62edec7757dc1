"""The demo organisation's 2024 review, as the PDF stored when the demo approved it, read back: it must reproduce the
reference document (../shared/reference/ledningens-genomgang-2024-eav.md) with every figure computed from the
registers, and the approval as the reference has it."""

import io
import re

import pytest
from django.db import transaction
from pypdf import PdfReader

from portal.demo import load_demo
from reviews.models import ManagementReview
from reviews.pdf import review_pdf_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# The reference document's headings, in order.
REFERENCE_HEADINGS = [
    "Bakgrund",
    "1 Status för åtgärder från ledningens tidigare genomgångar",
    "2 Ledningssystem för informationssäkerhet, LIS",
    "3 Faktorer som påverkar",
    "3.1 NIS-direktivet",
    "3.2 Tredjelandsöverföring",
    "3.3 Finansborgarrådets förslag till budget 2024",
    "3.4 Intern kontroll",
    "3.5 Risk- och sårbarhetsanalys (RSA)",
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


@pytest.fixture(scope="module")
def pdf_text(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo("test-Pass-2024")
        review = ManagementReview.objects.get(organisation__code="eav", plan_year=2024)
        data = review_pdf_bytes(review)  # approved by the demo: the stored file
        transaction.set_rollback(True)  # leave the database as other tests expect it
    reader = PdfReader(io.BytesIO(data))
    pages = [page.extract_text() for page in reader.pages]
    yield {"pages": pages, "text": "\n".join(pages), "count": len(reader.pages)}


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_every_reference_heading_in_order(pdf_text):
    lines = [line.strip() for page in pdf_text["pages"][2:] for line in page.splitlines()]
    body_headings = [line for line in lines if line in REFERENCE_HEADINGS]
    first_each = list(dict.fromkeys(body_headings))
    assert first_each == REFERENCE_HEADINGS


def test_coverage_sentence_is_computed(pdf_text):
    assert "har ökat med 20 procentenheter, från 30 procent till 50 procent, sedan 2022" in _flat(pdf_text["text"])


def test_charts_where_the_demo_shows_figures(pdf_text):
    """Section 1 and 3.5 show figures, so their charts are drawn; 5.1 does not, so there is no action-status chart."""
    text = _flat(pdf_text["text"])
    assert "Andel informationsklassade system i drift den 31 december och vid brytdatum 2023-11-15" in text
    assert "Registeruppgifter per brytdatum" in text and "10 av 20 system" in text
    assert "Incidenter per år efter när de blev kända" in text
    assert "Riskmatris: öppna risker i riskregistret" in text and "Högt riskvärde (9–16)" in text
    assert "Åtgärder i handlingsplanen per planerat år" not in text


def test_dpo_recommendations_with_their_statuses(pdf_text):
    text = _flat(pdf_text["text"])
    assert "Planerad 2024" in text and "Genomförd 2023" in text
    for start in [
        "uppdatera rutinen för hantering av personuppgiftsincidenter",
        "tydliggöra vem som ska vara dokumentägare",
        "se över resterande styrdokument",
        "förlust av arbetstelefon eller arbetsdator",
    ]:
        assert start in text


def test_three_years_of_bullets(pdf_text):
    text = _flat(pdf_text["text"])
    assert "Tydliggöra informationssäkerhetens roll i inköpsprocessen i samarbete med upphandlare" in text
    assert "Revidera och se över kontinuitetsplaner" in text
    assert "Översyn av lokala rutiner" in text
    body = text[text.rindex("5.1.1 2024") :]  # after the table of contents
    assert body.index("Tydliggöra informationssäkerhetens roll") < body.index("5.1.2 2025")


def test_page_footer_and_swedish_characters(pdf_text):
    count = pdf_text["count"]
    assert f"Sida 1 av {count}" in pdf_text["pages"][0]
    assert f"Sida {count} av {count}" in pdf_text["pages"][-1]
    assert "Enskede-Årsta-Vantörs" in pdf_text["text"]
    assert "Utkast" not in pdf_text["text"]
    assert "Fastställd 2023-11-23" in pdf_text["pages"][0]


def test_approval_block_and_decisions(pdf_text):
    text = _flat(pdf_text["text"])
    assert "Fastställd av förvaltningschef Anders Ekström 2023-11-23" in text
    assert "Ta fram en rutin för hantering av personuppgiftsincidenter i samråd med dataskyddsombudet" in text
    assert "/verify/" in text
