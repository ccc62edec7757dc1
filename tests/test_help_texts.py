"""Help texts under form fields read on the page exactly as written in the catalogue: a help text is text, so a
placeholder such as "<planår>" shows as typed instead of being swallowed as an HTML tag."""

import html
import re

import pytest
from django.urls import reverse

from isms.models import Role
from registry.views import REGISTERS
from tests.registry.plan_builders import member, recommendation, report
from tests.reviews.sample import build_sample_review

pytestmark = pytest.mark.django_db

HELP_TEXT = re.compile(r'id="id_([\w-]+)_helptext"[^>]*>(.*?)</(?:div|span)>', re.S)


def shown_help_texts(page: str) -> dict[str, str]:
    """{field name: the help text as a reader sees it} for every help text on the page: its text content, tags
    dropped and character references read, as a browser shows it."""
    return {
        name: html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]*>", "", text)).strip())
        for name, text in HELP_TEXT.findall(page)
    }


def written_help_texts(form) -> dict[str, str]:
    return {name: str(field.help_text) for name, field in form.fields.items() if field.help_text}


@pytest.fixture
def review():
    return build_sample_review("aor")


@pytest.fixture
def coordinator(client, review):
    org = review.organisation
    recommendation(org, report(org))
    client.force_login(member(org, Role.COORDINATOR, username="samordnare"))
    return client


def test_the_title_help_text_of_the_review_settings_shows_its_placeholder(coordinator, review):
    response = coordinator.get(reverse("reviews:settings", args=[review.pk]))

    page = response.content.decode()
    assert "Lämna tomt för ”Ledningens genomgång &lt;planår&gt;”." in page
    assert shown_help_texts(page)["title"] == "Lämna tomt för ”Ledningens genomgång <planår>”."


def test_every_help_text_of_the_review_forms_reads_as_written(coordinator, review):
    for name in ("settings", "section"):
        args = [review.pk] if name == "settings" else [review.pk, "background"]
        response = coordinator.get(reverse(f"reviews:{name}", args=args))
        assert response.status_code == 200, name
        written = written_help_texts(response.context["form"])
        assert written, name
        shown = shown_help_texts(response.content.decode())
        assert {field: shown.get(field) for field in written} == written


@pytest.mark.parametrize("register", [r for r in REGISTERS if r.can_create], ids=lambda r: r.slug)
def test_every_help_text_of_the_register_forms_reads_as_written(coordinator, register):
    response = coordinator.get(register.url("create"))
    if response.status_code == 403:
        pytest.skip(f"the coordinator does not create {register.slug}")
    written = written_help_texts(response.context["form"])
    shown = shown_help_texts(response.content.decode())
    assert {field: shown.get(field) for field in written} == written
