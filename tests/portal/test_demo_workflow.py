"""The demo's workflow (portal.demo_review through portal.demo.load_demo): eav 2024 approved as the reference was, with
two decisions and a stored PDF that later runs never touch, and a 2025 draft started from it."""

import datetime
import hashlib
import io
import re
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from pypdf import PdfReader

from portal import demo
from registry.models import Action
from reviews import sections as S
from reviews.compiler import compile_review
from reviews.models import ManagementReview, ReviewStatus
from reviews.pdf import review_pdf_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

PASSWORD = "test-Pass-2024"
STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def test_demo_leaves_the_2024_review_approved_and_a_2025_draft(client, media_root):
    result = demo.load_demo(PASSWORD)
    User = get_user_model()
    review = ManagementReview.objects.get(organisation__code="eav", plan_year=2024)

    assert result["review_approved_now"] and result["next_review_started_now"]
    assert review.status == ReviewStatus.APPROVED
    assert review.approved_by == User.objects.get(username="forvaltningschef")
    assert review.approver_name == "Anders Ekström"
    assert review.submitted_by == User.objects.get(username="samordnare")
    assert review.approved_at.astimezone(STOCKHOLM).replace(tzinfo=None) == datetime.datetime(2023, 11, 23, 15, 51, 22)
    assert review.submitted_at < review.approved_at

    decisions = list(review.decisions.order_by("position"))
    assert len(decisions) == 2
    first, second = decisions
    assert first.text.startswith("Ta fram en rutin för hantering av personuppgiftsincidenter")
    assert (first.owner, first.due_date) == ("Informationssäkerhetssamordnare", datetime.date(2024, 6, 30))
    assert first.action.plan_year == 2024
    last_2024 = Action.objects.filter(organisation=review.organisation, plan_year=2024).order_by("position").last()
    assert last_2024 == first.action
    assert second.action is None

    stored = review.pdf.read()
    review.pdf.close()
    assert (media_root / review.pdf.name).is_file()
    assert hashlib.sha256(stored).hexdigest() == review.pdf_sha256
    text = _text(stored)
    assert "Fastställd av förvaltningschef Anders Ekström" in text
    assert "2023-11-23" in text
    assert "i samråd med dataskyddsombudet" in text
    assert "Utkast" not in text
    assert review.frozen_figures["approved_at"].startswith("2023-11-23T")

    # The 2025 draft, started from the approved review by the coordinator.
    draft = result["next_review"]
    assert (draft.plan_year, draft.revision, draft.status) == (2025, 1, ReviewStatus.DRAFT)
    assert draft.created_by == User.objects.get(username="samordnare")
    assert (draft.title, draft.diarienummer, draft.cutoff_date) == ("", "", datetime.date(2024, 11, 15))
    assert draft.sections.get(key=S.BACKGROUND).narrative == review.sections.get(key=S.BACKGROUND).narrative
    assert list(draft.factors.values_list("factor_id", flat=True)) == list(
        review.factors.values_list("factor_id", flat=True)
    )
    section1 = next(s for s in compile_review(draft).sections if s.key == S.PREVIOUS_ACTIONS)
    table = next(b for b in section1.blocks if b.caption == "Beslut i tidigare genomgångar")
    assert [(row[0], row[3]) for row in table.rows] == [("2024", "Planerad"), ("2024", "Ingen åtgärd kopplad")]

    # It verifies at /verify/.
    body = client.get("/verify/", {"sha256": review.pdf_sha256}).content.decode()
    assert "Dokumentet är en fastställd Ledningens genomgång" in body
    assert "2023-11-23 15:51" in body and "Anders Ekström, Förvaltningschef" in body

    # Loading again: nothing rendered, replaced or added; the review and its history as they were.
    stat = (media_root / review.pdf.name).stat()
    history = review.history.count()
    again = demo.load_demo(PASSWORD)
    assert not again["review_approved_now"] and not again["next_review_started_now"]
    assert again["reviews_left_alone"] == ["eav"]
    assert again["created"] == {} and again["updated"] == {}
    review.refresh_from_db()
    assert review.history.count() == history
    assert review_pdf_bytes(review) == stored
    assert (media_root / review.pdf.name).stat().st_mtime_ns == stat.st_mtime_ns
    assert list((media_root / "reviews").iterdir()) == [media_root / review.pdf.name]
    assert ManagementReview.objects.filter(organisation__code="eav").count() == 2
