"""The layout at a laptop's 1280 px and a small laptop's or tablet's 1024 px, measured in the browser: the menu keeps
each item on one line, no page scrolls sideways, dates never break at their hyphens ("2026-11-/27"), the labels of
detail pages never break inside a word, and the organisation chooser's choices look like the buttons they are.
Every page visited is checked with axe-core too."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from isms.models import Organisation
from registry.models import ProcessingActivity
from registry.services import incident_create
from reviews.models import ManagementReview, ReviewStatus
from tests.e2e.conftest import check_a11y, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

# What breaks badly on the page: dates split over two lines, words of the detail labels split over two lines, and
# how far the page scrolls sideways.
MEASURE = r"""() => {
  const lines = (node, start, end) => {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
  };
  const split = (root, pattern) => {
    const found = [], walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      if (!node.parentElement.offsetParent) continue;  // not shown
      for (const match of node.data.matchAll(pattern)) {
        if (lines(node, match.index, match.index + match[0].length) > 1) found.push(match[0]);
      }
    }
    return found;
  };
  const root = document.documentElement;
  return {
    sideways: root.scrollWidth - root.clientWidth,
    dates: split(document.body, /\d{4}-\d{2}-\d{2}/g),
    labelWords: [...document.querySelectorAll('dl dt')].flatMap(dt => split(dt, /\S+/g)),
  };
}"""


def measure(page, path: str) -> dict:
    page.goto(path)
    check_a11y(page)
    return page.evaluate(MEASURE)


def menu_items(page) -> list[tuple[str, float]]:
    """Each item of the main menu bar with its height in line heights (1.0: on one line)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('#mainnav .navbar-nav > li > .nav-link')].map(item => {
             const style = getComputedStyle(item);
             const text = item.getBoundingClientRect().height - parseFloat(style.paddingTop)
                          - parseFloat(style.paddingBottom);
             return [item.textContent.trim(), text / parseFloat(style.lineHeight)];
           })"""
    )


@pytest.fixture
def running_incident(demo):
    """A personal-data breach that is also significant under the Cybersecurity Act, detected ten hours ago: its
    deadlines show on the start page and on its own page."""
    return incident_create(
        organisation=Organisation.objects.get(code="eav"),
        user=None,
        became_aware_at=timezone.now() - datetime.timedelta(hours=10),
        title="Utskick med personnummer till fel mottagare i hemtjänstens planeringssystem",
        is_personal_data_breach=True,
        is_significant_nis2=True,
    )


def test_the_menu_keeps_every_item_on_one_line_and_within_the_page(page, demo):
    sign_in(page, "samordnare")

    for width in (1200, 1240, 1280, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/")
        menu = page.get_by_role("navigation", name="Huvudmeny")
        expect(menu.get_by_role("link", name="Ledningens genomgång")).to_be_visible()  # not folded away
        items = menu_items(page)
        assert len(items) == 9, items
        assert [name for name, lines in items if lines > 1.2] == [], f"wrapped at {width} px: {items}"
        assert page.evaluate(MEASURE)["sideways"] == 0, f"the page scrolls sideways at {width} px"

    page.set_viewport_size({"width": 1024, "height": 900})  # the menu button, and the menu in one column
    page.goto("/")
    page.get_by_role("button", name="Visa meny").click()
    expect(page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Risker")).to_be_visible()
    assert [name for name, lines in menu_items(page) if lines > 1.2] == []
    check_a11y(page)


@pytest.mark.parametrize("width", [1280, 1024])
def test_no_sideways_scroll_no_broken_dates_and_no_labels_broken_inside_a_word(page, running_incident, width):
    eav = Organisation.objects.get(code="eav")
    review = ManagementReview.objects.get(organisation=eav, plan_year=2024, status=ReviewStatus.APPROVED)
    processing = ProcessingActivity.objects.filter(organisation=eav).order_by("pk").first()
    paths = {
        "start page, with the running incident's deadlines": "/",
        "incident": reverse("registry:incidents:detail", args=[running_incident.pk]),
        "processing activity": reverse("registry:processing:detail", args=[processing.pk]),
        "approved management review": reverse("reviews:detail", args=[review.pk]),
        "action plan": reverse("registry:actions:list"),
    }
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "samordnare")

    found = {what: measure(page, path) for what, path in paths.items()}

    problems = {what: result for what, result in found.items() if any(result.values())}
    assert problems == {}, f"at {width} px"


def test_the_organisation_choices_look_like_buttons(page, demo):
    sign_in(page, "lasare")  # reader in two organisations: asked to choose
    check_a11y(page)
    choice = page.get_by_role("button", name="Hässelby-Vällingby stadsdelsförvaltning – Läsare")

    looks = choice.evaluate(
        """button => {
             const style = getComputedStyle(button), name = getComputedStyle(button.querySelector('.org-choice-name'));
             const chevron = getComputedStyle(button, '::after');
             return {colour: style.color, cursor: style.cursor, weight: name.fontWeight,
                     chevron: chevron.borderTopWidth + ' ' + chevron.borderRightWidth};
           }"""
    )
    assert looks == {"colour": "rgb(11, 58, 102)", "cursor": "pointer", "weight": "600", "chevron": "2px 2px"}
    before = choice.evaluate("button => getComputedStyle(button).backgroundColor")
    choice.hover()
    assert choice.evaluate("button => getComputedStyle(button).backgroundColor") != before  # it answers the mouse
