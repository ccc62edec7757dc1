"""The reader's journey in the browser: lasare (reader in two organisations) signs in, picks one, looks at the asset
list, exports it and looks at an asset, and is offered nothing that changes anything. Every page visited is checked with axe-core."""

import re

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from registry.models import InformationAsset
from tests.e2e.conftest import check_a11y, check_focus_visible, follow, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

EAV = "Enskede-Årsta-Vantörs stadsdelsförvaltning"
HSV = "Hässelby-Vällingby stadsdelsförvaltning"
ASSET = "Lifecare (Procapita)"  # one of hsv's systems, classified


def test_reader_picks_an_organisation_and_only_reads(page, demo):
    sign_in(page, "lasare")
    # Two organisations: the reader is asked which one to work in.
    expect(page).to_have_url(re.compile(r"/organisation/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Välj organisation")
    check_a11y(page)
    follow(page.get_by_role("button", name=re.compile(f"^{HSV}")))
    expect(page).to_have_url(re.compile(r"/$"))
    menu = page.get_by_role("navigation", name="Huvudmeny")
    banner = page.get_by_role("banner")
    expect(banner).to_contain_text(f"Organisation: {HSV}")
    check_a11y(page)

    follow(menu.get_by_role("link", name="Tillgångar"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Informationstillgångar")
    check_a11y(page)
    check_focus_visible(page, stops=20)  # the menu, search and filters, sortable headings
    main = page.get_by_role("main")
    hsv_assets = InformationAsset.objects.filter(organisation__code="hsv").count()
    expect(main).to_contain_text(f"{hsv_assets} poster")  # hsv's, none of eav's
    expect(main.get_by_role("table")).to_contain_text(ASSET)
    expect(main.get_by_role("link", name="Ny informationstillgång")).to_have_count(0)

    # Readers export: the list's rows as a spreadsheet, hsv's only.
    exports = main.get_by_role("navigation", name="Exportera listan")
    with page.expect_download() as download:
        exports.get_by_role("link", name="Excel (XLSX)", exact=True).click()
    assert download.value.suggested_filename == f"informationstillgangar-hsv-{timezone.localdate():%Y-%m-%d}.xlsx"
    with open(download.value.path(), "rb") as file:  # the download's path has no .xlsx to tell openpyxl the format
        sheet = openpyxl.load_workbook(file)["Informationstillgångar"]
    exported = sorted(row[2] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert exported == sorted(InformationAsset.objects.filter(organisation__code="hsv").values_list("name", flat=True))

    follow(main.get_by_role("table").get_by_role("link", name=ASSET, exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(ASSET)
    check_a11y(page)
    main = page.get_by_role("main")
    expect(main.get_by_role("region", name="Informationsklassningar")).to_contain_text("Gällande")
    for action in ("Ändra", "Ta bort", "Ny klassning"):
        expect(main.get_by_role("link", name=action)).to_have_count(0)
    expect(main.get_by_role("button")).to_have_count(0)  # no comment form, no other form either

    # Back to the choice, now with the current organisation marked, to switch to the other one.
    follow(banner.get_by_role("link", name="Byt organisation"))
    expect(page).to_have_url(re.compile(r"/organisation/$"))
    expect(page.get_by_role("button", name=re.compile(f"^{HSV}"))).to_have_attribute("aria-current", "true")
    check_a11y(page)
    follow(page.get_by_role("button", name=re.compile(f"^{EAV}")))
    expect(banner).to_contain_text(f"Organisation: {EAV}")
