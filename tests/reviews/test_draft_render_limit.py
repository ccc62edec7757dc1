"""Draft PDF renders are limited: one at a time per user and a few across the site, in slots kept in the database
(isms.throttle), with a Swedish 429 page; a render that fails or whose worker died locks nobody out (released, or
expired); a SQLite database locked by another writer for a moment is waited for, not taken for a busy slot.

A render "in progress" is a render whose (stubbed) WeasyPrint step makes the second request itself: no threads, no
timing."""

import datetime
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from isms import throttle
from reviews import pdf as review_pdf
from reviews.preview import DRAFT_RENDER_EXPIRY, draft_render_slot

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n% stub\n"


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def preview(client, review):
    return client.get(reverse("reviews:preview", args=[review.pk]))


def rendering(during):
    """Stub the draft render so that `during()` runs while it is in progress; returns the calls' results."""
    results = []

    def render(review):
        if not results:  # only the outer render looks in; the nested request renders plainly
            results.append(None)
            results[0] = during()
        return PDF

    return mock.patch.object(review_pdf, "render_review_pdf", side_effect=render), results


def test_a_second_render_by_the_same_user_waits_for_the_first(people):
    coordinator = browser(people.coordinator)
    patch, results = rendering(lambda: preview(coordinator, people.review))
    with patch:
        response = preview(coordinator, people.review)
    assert response.status_code == 200 and response.content == PDF
    busy = results[0]
    assert busy.status_code == 429
    body = busy.content.decode()
    assert "Din förra PDF av ett utkast skapas fortfarande" in body
    assert busy["Retry-After"] == "30"
    assert "Content-Security-Policy" in busy

    with mock.patch.object(review_pdf, "render_review_pdf", return_value=PDF):
        assert preview(coordinator, people.review).status_code == 200  # the first one ended: free again


def test_another_user_renders_meanwhile_until_the_site_wide_limit(people, settings):
    coordinator, dpo = browser(people.coordinator), browser(people.dpo)
    patch, results = rendering(lambda: preview(dpo, people.review))
    with patch:
        assert preview(coordinator, people.review).status_code == 200
    assert results[0].status_code == 200

    settings.DRAFT_RENDERS_SITE_WIDE = 1
    patch, results = rendering(lambda: preview(dpo, people.review))
    with patch:
        assert preview(coordinator, people.review).status_code == 200
    assert results[0].status_code == 429
    assert "Många PDF:er av utkast skapas just nu" in results[0].content.decode()


def test_a_render_that_fails_frees_its_slot(people):
    coordinator = browser(people.coordinator)
    coordinator.raise_request_exception = False
    with mock.patch.object(review_pdf, "render_review_pdf", side_effect=RuntimeError("WeasyPrint crashed")):
        assert preview(coordinator, people.review).status_code == 500
    with mock.patch.object(review_pdf, "render_review_pdf", return_value=PDF):
        assert preview(coordinator, people.review).status_code == 200


def test_a_render_whose_worker_died_locks_the_user_out_only_until_it_expires(people):
    coordinator = browser(people.coordinator)
    died = draft_render_slot(people.coordinator)
    died.__enter__()  # taken and never released, as by a worker killed mid-render
    with mock.patch.object(review_pdf, "render_review_pdf", return_value=PDF):
        assert preview(coordinator, people.review).status_code == 429
        later = timezone.now() + datetime.timedelta(seconds=DRAFT_RENDER_EXPIRY + 1)
        with mock.patch.object(throttle, "now", return_value=later):  # the slots' clock
            assert preview(coordinator, people.review).status_code == 200


def test_the_approved_pdf_is_not_rendered_and_not_limited(approved_review, people):
    reader = browser(people.reader)
    held = draft_render_slot(people.reader)
    held.__enter__()
    try:
        response = reader.get(reverse("reviews:pdf", args=[approved_review.pk]))
        assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    finally:
        held.__exit__(None, None, None)


def test_the_download_is_limited_like_the_preview(people):
    coordinator = browser(people.coordinator)
    patch, results = rendering(lambda: coordinator.get(reverse("reviews:pdf", args=[people.review.pk])))
    with patch:
        assert preview(coordinator, people.review).status_code == 200
    assert results[0].status_code == 429


@pytest.mark.django_db(transaction=True)
def test_a_database_locked_for_a_moment_is_waited_for_not_taken_for_a_busy_slot(people):
    if connection.vendor != "sqlite":
        pytest.skip("'database is locked' is SQLite's answer to a write while another connection writes")
    coordinator = browser(people.coordinator)
    inserts = []

    def locked_once(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT"):
            inserts.append(sql)
            if len(inserts) == 1:  # the first write of the request meets another connection's write
                raise OperationalError("database is locked")
        return execute(sql, params, many, context)

    with mock.patch.object(review_pdf, "render_review_pdf", return_value=PDF), connection.execute_wrapper(locked_once):
        response = preview(coordinator, people.review)

    assert len(inserts) > 1
    assert response.status_code == 200 and response.content == PDF
