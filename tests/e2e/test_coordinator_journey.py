"""The coordinator's journey in the browser (issue 4): sign in as samordnare, note the classification coverage on the
dashboard, add a system in use since before today, classify it, and see the coverage change on the dashboard. Every
page visited is checked with axe-core (WCAG 2.1 AA), the asset form also with the keyboard.

Two tests, so that only the dashboard's part is allowed to fail while the dashboard (data-testid="coverage-now") is
not merged: the first walks every other step and checks the coverage the dashboard must show through the selector;
the second is the whole journey, reading the coverage on the dashboard.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from isms.models import Organisation
from registry.models import InformationAsset
from registry.selectors.registers import classification_coverage
from tests.e2e.conftest import check_a11y, check_focus_visible, follow, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SYSTEM = "Bygglovshandläggning (e-tjänst)"


def field(page, label: str):
    """The form field labelled `label` exactly (crispy adds an asterisk to required fields' labels)."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def coverage_on_dashboard(page) -> int:
    """Open the dashboard and read the classification coverage now, e.g. "50 %", as a whole percent."""
    page.goto("/")
    check_a11y(page)
    element = page.get_by_test_id("coverage-now")
    if element.count() == 0:
        pytest.fail(
            'The dashboard at "/" has no element with data-testid="coverage-now" (the classification coverage now, '
            'e.g. "50 %"), so the journey cannot see the coverage.',
            pytrace=False,
        )
    text = element.first.inner_text()
    match = re.search(r"(\d+)\s*%", text)
    if match is None:
        pytest.fail(f'data-testid="coverage-now" reads {text!r}: no percentage such as "50 %" in it.', pytrace=False)
    return int(match.group(1))


def add_system(page, name: str, in_use_from: datetime.date) -> None:
    """Through the asset list and its form: a system in use from `in_use_from`; ends on the new asset's page."""
    follow(page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Tillgångar"))
    expect(page).to_have_url(re.compile(r"/registry/assets/$"))
    check_a11y(page)
    follow(page.get_by_role("link", name="Ny informationstillgång"))
    expect(page).to_have_url(re.compile(r"/registry/assets/new/$"))
    check_a11y(page)
    check_focus_visible(page, stops=30)  # the menu, every field, the buttons

    # Saved empty first: the errors must say what to fix, tied to their fields, and pass axe too.
    follow(page.get_by_role("button", name="Spara"))
    expect(page.get_by_role("alert")).to_contain_text("Formuläret kunde inte sparas")
    expect(field(page, "Namn")).to_have_attribute("aria-invalid", "true")
    check_a11y(page)

    field(page, "Namn").fill(name)
    field(page, "Typ").select_option(label="System (it-system/e-tjänst)")
    field(page, "Status").select_option(label="I drift")
    field(page, "I drift från").fill(in_use_from.isoformat())
    field(page, "Informationsägare").fill("Stadsbyggnadschef")
    field(page, "Behandlar personuppgifter").check()
    follow(page.get_by_role("button", name="Spara"))
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("status")).to_contain_text(f"{name} sparades.")
    check_a11y(page)


def classify(page, name: str, today: datetime.date) -> None:
    """From the asset's page: a KLASSA classification decided today, next review in three years."""
    follow(page.get_by_role("link", name="Ny klassning"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Ny informationsklassning av {name}")
    check_a11y(page)
    expect(field(page, "Beslutad den")).to_have_value(today.isoformat())
    field(page, "Metod").select_option(label="KLASSA 4.0")
    field(page, "Konfidentialitet").select_option(label="2 – Betydande skada")
    field(page, "Riktighet").select_option(label="2 – Betydande skada")
    field(page, "Tillgänglighet").select_option(label="1 – Måttlig skada")
    field(page, "Spårbarhet").select_option(label="1 – Måttlig skada")
    field(page, "Nästa översyn senast").fill(today.replace(year=today.year + 3).isoformat())
    follow(page.get_by_role("button", name="Spara"))
    expect(page.get_by_role("status")).to_contain_text(f"Klassningen av {name} sparades.")
    classifications = page.get_by_role("region", name="Informationsklassningar")
    expect(classifications.get_by_role("row").nth(1)).to_contain_text(today.isoformat())
    expect(classifications).to_contain_text("Gällande")
    expect(classifications).to_contain_text("K: 2 – Betydande skada")
    expect(classifications).to_contain_text("S: 1 – Måttlig skada")
    check_a11y(page)


def coverage_now(today: datetime.date) -> int:
    return classification_coverage(Organisation.objects.get(code="eav"), today).percent


def test_coordinator_adds_and_classifies_a_system(page, demo, today):
    """Every step but reading the coverage on the dashboard: the coverage it must show (the selector's) changes."""
    before = coverage_now(today)
    sign_in(page, "samordnare")
    expect(page).to_have_url(re.compile(r"/$"))
    check_a11y(page)

    add_system(page, SYSTEM, today - datetime.timedelta(days=30))
    classify(page, SYSTEM, today)

    asset = InformationAsset.objects.get(organisation__code="eav", name=SYSTEM)
    assert asset.is_in_use_on(today)
    assert asset.classifications.get().is_complete
    assert coverage_now(today) != before, f"coverage stayed at {before} % after classifying a new system"


def test_coordinator_sees_coverage_change_on_dashboard(page, demo, today):
    """The whole journey of issue 4, coverage read on the dashboard before and after."""
    sign_in(page, "samordnare")
    before = coverage_on_dashboard(page)
    assert before == coverage_now(today)

    add_system(page, SYSTEM, today - datetime.timedelta(days=30))
    classify(page, SYSTEM, today)

    after = coverage_on_dashboard(page)
    assert after == coverage_now(today)
    assert after != before, f"coverage on the dashboard stayed at {before} % after classifying a new system"
