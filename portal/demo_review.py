"""The demo's management review workflow: eav's 2024 review approved as the reference document was, and a 2025 draft.

Called by portal.demo.load_demo after the registers and the 2024 draft are in place. Everything goes through the
workflow services: the coordinator submits, the head approves with two decisions (the first becomes an action in the
2024 plan), the PDF is rendered and stored once; then the coordinator starts the 2025 review from the approved one.

The reference document was approved on 2023-11-23 at 15:51 (its electronic signature); the demo reproduces that
date with the services' demo-only back-dating (`demo=True`), which nothing else may use. Idempotent: an approved
2024 review is left exactly as it is (its stored PDF is never rendered again or replaced), and a 2025 review that
exists is left alone.
"""

import datetime
import zoneinfo

from isms.models import Organisation
from reviews import services
from reviews.compiler import review_fingerprint
from reviews.models import ManagementReview, ReviewStatus

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
SUBMITTED_AT = datetime.datetime(2023, 11, 20, 9, 30, tzinfo=STOCKHOLM)
APPROVED_AT = datetime.datetime(2023, 11, 23, 15, 51, 22, tzinfo=STOCKHOLM)  # the reference's signature

EAV_DECISIONS = [
    {
        "text": "Ta fram en rutin för hantering av personuppgiftsincidenter i samråd med dataskyddsombudet",
        "owner": "Informationssäkerhetssamordnare",
        "due_date": datetime.date(2024, 6, 30),
        "create_action": True,
        "action_plan_year": 2024,
    },
    {
        "text": "Förvaltningsledningen ska få en lägesrapport om informationssäkerhetsarbetet varje tertial",
        "owner": "Förvaltningschef",
        "due_date": datetime.date(2024, 12, 31),
        "create_action": False,
        "action_plan_year": None,
    },
]


def load_review_workflow(*, organisation: Organisation, review: ManagementReview, coordinator, head) -> dict:
    """Approve `review` (eav 2024) if it is still a draft, then start the next year's review if there is none.

    Returns {"approved": the 2024 review, "approved_now": bool, "next": the next year's review or None,
    "next_started_now": bool}. A review that is in review (someone submitted it in the app) is left to the workflow:
    neither approved here nor followed by a draft.
    """
    approved_now = False
    if review.status == ReviewStatus.DRAFT:
        review = services.review_submit(review=review, user=coordinator, submitted_at=SUBMITTED_AT, demo=True)
        review = services.review_approve(
            review=review,
            user=head,
            decisions=EAV_DECISIONS,
            expected_fingerprint=review_fingerprint(review),  # the demo's head reads it as it is now
            approved_at=APPROVED_AT,
            demo=True,
        )
        approved_now = True

    next_year = review.plan_year + 1
    following = ManagementReview.objects.filter(organisation=organisation, plan_year=next_year).first()
    started_now = False
    if following is None and review.status == ReviewStatus.APPROVED:
        following = services.review_start(organisation=organisation, plan_year=next_year, user=coordinator)
        started_now = True
    return {"approved": review, "approved_now": approved_now, "next": following, "next_started_now": started_now}
