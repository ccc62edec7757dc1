"""Approval is tied to what the head read: the approve form carries the fingerprint of the compiled content, and the
approval is refused when the registers or texts changed in between (the frozen content would differ from it)."""

import datetime
import re
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from registry.models import Action
from reviews import services
from reviews.compiler import review_fingerprint
from reviews.models import Decision, ManagementReview, ReviewStatus
from reviews.preview import compiled_from_dict
from reviews.services import ContentChangedError
from tests.formdata import form_data

from .conftest import DECISIONS

pytestmark = pytest.mark.django_db

CHANGED = "Genomgången har ändrats sedan du öppnade den"


def _in_review(people):
    return services.review_submit(review=people.review, user=people.coordinator)


def _change_a_register(review):
    """An action of the plan's first year renamed: section 5.1.1 lists it."""
    action = Action.objects.filter(organisation=review.organisation, plan_year=review.plan_year).first()
    assert action is not None
    Action.objects.filter(pk=action.pk).update(title="Åtgärd omdöpt efter läsningen")


def test_the_fingerprint_is_the_content_not_the_day_or_the_status(people):
    review = _in_review(people)
    before = review_fingerprint(review)
    assert re.fullmatch(r"[0-9a-f]{64}", before)
    with mock.patch("reviews.compiler.timezone.localdate", return_value=datetime.date(2031, 1, 2)):
        assert review_fingerprint(review) == before  # the draft's document date is today's
    review.status = ReviewStatus.DRAFT
    assert review_fingerprint(review) == before

    _change_a_register(review)
    assert review_fingerprint(review) != before


def test_approval_is_refused_when_a_register_changed_after_reading(people):
    review = _in_review(people)
    read = review_fingerprint(review)
    _change_a_register(review)

    with pytest.raises(ContentChangedError, match=CHANGED):
        services.review_approve(review=review, user=people.head, decisions=DECISIONS, expected_fingerprint=read)
    stored = ManagementReview.objects.get(pk=review.pk)
    assert stored.status == ReviewStatus.IN_REVIEW and stored.frozen_figures is None and not stored.pdf
    assert not Decision.objects.filter(review=review).exists()

    # Read again: the content frozen is the content read.
    reread = review_fingerprint(review)
    approved = services.review_approve(
        review=review, user=people.head, decisions=DECISIONS, expected_fingerprint=reread
    )
    frozen = compiled_from_dict(approved.frozen_figures)
    assert "Åtgärd omdöpt efter läsningen" in str(approved.frozen_figures)
    assert [section.key for section in frozen.sections][-1] == "decisions"


def _login(client, user):
    client.force_login(user)
    return client


def test_the_head_is_asked_to_read_again_when_the_content_changed_after_the_page_was_read(client, people):
    review = _in_review(people)
    _login(client, people.head)
    detail = client.get(reverse("reviews:detail", args=[review.pk])).content.decode()
    link = re.search(r'href="(/reviews/\d+/approve/\?fingerprint=([0-9a-f]{64}))"', detail)
    assert link and link.group(2) == review_fingerprint(review)

    page = client.get(link.group(1).replace("&amp;", "&"))
    data = form_data(page.context["formset"].management_form) | form_data(page.context["confirm"])
    for form in page.context["formset"]:
        data |= form_data(form)
    data |= {"decisions-0-text": "Ett beslut som ska stå kvar", "confirm": "on"}
    assert data["fingerprint"] == link.group(2)

    _change_a_register(review)  # someone edits the plan while the head reads
    response = client.post(reverse("reviews:approve", args=[review.pk]), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert CHANGED in body
    assert "Ett beslut som ska stå kvar" in body  # what the head typed is kept
    assert not response.context["confirm"].is_bound  # the confirmation is asked for again
    assert response.context["confirm"].initial["fingerprint"] == review_fingerprint(review)
    assert ManagementReview.objects.get(pk=review.pk).status == ReviewStatus.IN_REVIEW

    data["fingerprint"] = response.context["confirm"].initial["fingerprint"]
    response = client.post(reverse("reviews:approve", args=[review.pk]), data)
    assert response.status_code == 302
    assert ManagementReview.objects.get(pk=review.pk).status == ReviewStatus.APPROVED
    assert [str(m) for m in get_messages(response.wsgi_request)][-1].startswith("Genomgången är fastställd")


def test_a_post_without_the_fingerprint_approves_nothing(client, people):
    review = _in_review(people)
    _login(client, people.head)
    data = {
        "decisions-TOTAL_FORMS": "0",
        "decisions-INITIAL_FORMS": "0",
        "decisions-MIN_NUM_FORMS": "0",
        "decisions-MAX_NUM_FORMS": "30",
        "confirm": "on",
    }
    response = client.post(reverse("reviews:approve", args=[review.pk]), data)
    assert response.status_code == 200
    assert "Öppna sidan för fastställelse igen" in response.content.decode()
    assert ManagementReview.objects.get(pk=review.pk).status == ReviewStatus.IN_REVIEW


def test_the_approval_page_opened_directly_carries_the_content_now(client, people):
    review = _in_review(people)
    _login(client, people.head)
    page = client.get(reverse("reviews:approve", args=[review.pk]))
    assert page.context["confirm"].initial["fingerprint"] == review_fingerprint(review)
    assert f'name="fingerprint" value="{review_fingerprint(review)}"' in page.content.decode()
