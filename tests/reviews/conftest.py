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
