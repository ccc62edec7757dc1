import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from reviews.models import ReviewStatus
from reviews.pdf import render_review_pdf
from tests.reviews.sample import build_sample_review


def _render_once(django_db_blocker, approve: bool) -> bytes:
    """Build the sample review, render it, and roll the data back: the PDF outlives the transaction, so one render
    serves every test of a module (a render takes about half a second)."""
    with django_db_blocker.unblock(), transaction.atomic():
        review = build_sample_review("pdf")
        if approve:
            approver = get_user_model().objects.create_user("chef", password="x")
            review.status = ReviewStatus.APPROVED
            review.approved_by = approver
            review.approver_name = "Eva Öhrström"
            review.approved_at = timezone.make_aware(datetime.datetime(2023, 11, 23, 15, 51))
            review.save()
        pdf = render_review_pdf(review)
        transaction.set_rollback(True)
    return pdf


@pytest.fixture(scope="module")
def draft_pdf(django_db_setup, django_db_blocker) -> bytes:
    return _render_once(django_db_blocker, approve=False)


@pytest.fixture(scope="module")
def approved_pdf(django_db_setup, django_db_blocker) -> bytes:
    return _render_once(django_db_blocker, approve=True)


@pytest.fixture
def sample_review(db):
    return build_sample_review("aor")


class People:
    """One user per role in the sample review's organisation, plus a head of another organisation."""

    def __init__(self, review):
        from isms.models import Membership, Role
        from tests.factories import organisation

        User = get_user_model()
        self.review = review
        org = review.organisation

        def member(username, role, first="", last="", org=org):
            user = User.objects.create_user(username, password="x", first_name=first, last_name=last)
            Membership.objects.create(user=user, organisation=org, role=role)
            return user

        self.coordinator = member("samordnare", Role.COORDINATOR, "Sara", "Lindqvist")
        self.head = member("chef", Role.HEAD, "Eva", "Öhrström")
        self.dpo = member("dso", Role.DPO, "Maria", "Nyberg")
        self.reader = member("lasare", Role.READER)
        self.contributor = member("agare", Role.CONTRIBUTOR)
        self.other_org = organisation("annan")
        self.other_head = member("annan_chef", Role.HEAD, "Olle", "Annan", org=self.other_org)
        review.created_by = self.coordinator
        review.save()


@pytest.fixture
def people(sample_review) -> People:
    return People(sample_review)


DECISIONS = [
    {
        "text": "Ta fram en rutin för hantering av personuppgiftsincidenter i samråd med dataskyddsombudet",
        "owner": "Informationssäkerhetssamordnare",
        "due_date": datetime.date(2024, 6, 30),
        "create_action": True,
        "action_plan_year": None,
    },
    {
        "text": "Förvaltningsledningen får en lägesrapport om informationssäkerhetsarbetet varje tertial",
        "owner": "Förvaltningschef",
        "due_date": datetime.date(2024, 12, 31),
        "create_action": False,
        "action_plan_year": None,
    },
]


@pytest.fixture
def approved_review(people):
    """The sample review submitted by the coordinator and approved by the head with DECISIONS (renders once)."""
    from reviews import services

    review = services.review_submit(review=people.review, user=people.coordinator)
    from reviews.compiler import review_fingerprint

    return services.review_approve(
        review=review, user=people.head, decisions=DECISIONS, expected_fingerprint=review_fingerprint(review)
    )
