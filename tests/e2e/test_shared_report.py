"""An audit report addressed to two organisations, in the browser (issue 9): the coordinator of both addresses a new
report to them through the form; the coordinator of one reads why a shared report is not hers to change. Every page
visited is checked with axe-core (WCAG 2.1 AA), the report form also with the keyboard."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from isms.models import Membership, Organisation, Role
from registry.models import AuditReport
from tests.e2e.conftest import check_a11y, check_focus_visible, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

EAV = "Enskede-Årsta-Vantörs stadsdelsförvaltning"
HSV = "Hässelby-Vällingby stadsdelsförvaltning"
SHARED = "Implementering av dataskyddsförordningen"  # the demo's city audit report to eav and hsv
TITLE = "Gemensam granskning av behörighetshantering"


def field(page, label: str):
    """The form field labelled `label` exactly (crispy adds an asterisk to required fields' labels)."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def test_the_coordinator_of_two_organisations_addresses_a_new_report_to_both(page, demo):
    hsv = Organisation.objects.get(code="hsv")
    user = get_user_model().objects.get(username="samordnare")
    Membership.objects.create(user=user, organisation=hsv, role=Role.COORDINATOR)
    sign_in(page, "samordnare")
    expect(page).to_have_url(re.compile(r"/organisation/$"))
    page.get_by_role("button", name=re.compile(f"^{EAV}")).click()
    expect(page.get_by_role("banner")).to_contain_text(f"Organisation: {EAV}")

    page.goto("/registry/reports/")
    page.get_by_role("link", name="Ny granskning").click()
    expect(page).to_have_url(re.compile(r"/registry/reports/new/$"))
    addressees = page.get_by_role("group", name="Riktad även till")
    expect(addressees).to_contain_text(f"Granskningen riktas alltid till {EAV}, där du arbetar nu.")
    expect(addressees.get_by_role("checkbox")).to_have_count(1)  # hsv; eav always
    check_a11y(page)
    check_focus_visible(page, stops=30)

    field(page, "Utfärdare").select_option(label="Stadsrevisionen")
    field(page, "Titel").fill(TITLE)
    field(page, "Datum").fill("2024-03-01")
    addressees.get_by_role("checkbox", name=HSV).check()
    page.get_by_role("button", name="Spara").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("status")).to_contain_text(f"{TITLE} sparades.")
    details = page.get_by_role("main")
    expect(details).to_contain_text(f"{EAV}, {HSV}")
    check_a11y(page)
    report = AuditReport.objects.get(title=TITLE)
    assert set(report.organisations.values_list("code", flat=True)) == {"eav", "hsv"}
    assert {record.history_user for record in report.history.all()} == {user}

    # In hsv the report is there too, and the coordinator of both may change it from there.
    page.get_by_role("banner").get_by_role("link", name="Byt organisation").click()
    page.get_by_role("button", name=re.compile(f"^{HSV}")).click()
    page.goto(f"/registry/reports/{report.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("main").get_by_role("link", name="Ändra", exact=True)).to_have_count(1)
    check_a11y(page)


def test_the_coordinator_of_one_organisation_reads_why_a_shared_report_is_not_hers_to_change(page, demo):
    report = AuditReport.objects.get(title=SHARED)
    sign_in(page, "samordnare")
    page.goto(f"/registry/reports/{report.pk}/")
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_contain_text(SHARED)
    expect(main.get_by_test_id("edit-refusal")).to_contain_text(
        f"Granskningen är riktad även till {HSV}, där du inte är informationssäkerhetssamordnare."
    )
    for action in ("Ändra", "Ta bort"):
        expect(main.get_by_role("link", name=action, exact=True)).to_have_count(0)
    expect(main.get_by_role("link", name="Ny rekommendation")).to_have_count(1)  # eav's own, as usual
    check_a11y(page)
