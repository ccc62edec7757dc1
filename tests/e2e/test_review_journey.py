"""The management review in the browser, with the demo data: the coordinator edits a section and submits the 2025
draft, the DPO comments on a section, the coordinator marks the comment answered, and the head approves it with two
decisions; the reader sees the approved 2024 review and no drafts. Every page visited is checked with axe-core."""

import re

import pytest
from playwright.sync_api import expect

from reviews.models import Decision, ManagementReview, ReviewStatus
from tests.e2e.conftest import check_a11y, check_focus_visible, follow, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

YEAR = 2025  # load_demo: 2024 approved, 2025 a draft started from it


def switch_user(page, username):
    page.context.clear_cookies()
    sign_in(page, username)


def open_review(page, year=YEAR):
    follow(page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Ledningens genomgång"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ledningens genomgång")
    check_a11y(page)
    follow(page.get_by_role("main").get_by_role("link", name=f"Ledningens genomgång {year}"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Ledningens genomgång {year}")
    check_a11y(page)


def test_prepare_comment_and_approve(page, demo):
    review = ManagementReview.objects.get(organisation__code="eav", plan_year=YEAR)
    assert review.status == ReviewStatus.DRAFT

    # The coordinator edits section 1: the computed figures and the coverage sentence beside the text.
    sign_in(page, "samordnare")
    open_review(page)
    check_focus_visible(page, stops=20)
    main = page.get_by_role("main")
    section = main.get_by_role("region", name=re.compile("Status för åtgärder från ledningens tidigare"))
    follow(section.get_by_role("link", name=re.compile("^Ändra")))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Status för åtgärder")
    check_a11y(page)
    preview = page.get_by_test_id("preview")
    expect(preview).to_contain_text("Nyckeltal per år")
    expect(preview).to_contain_text("Beslut i tidigare genomgångar")  # the 2024 decisions, carried
    expect(page.get_by_test_id("placeholders")).to_contain_text("procent")
    text = page.get_by_label("Avsnittets text")
    text.fill(text.input_value() + "\n\n- Ny punkt från webbtestet")
    follow(page.get_by_role("button", name="Förhandsgranska utan att spara"))
    expect(page.get_by_test_id("preview")).to_contain_text("Ny punkt från webbtestet")
    check_a11y(page)
    follow(page.get_by_role("button", name="Spara", exact=True))
    expect(page.get_by_role("status")).to_contain_text("Avsnittet sparades.")
    expect(page.get_by_role("main")).to_contain_text("Ny punkt från webbtestet")
    follow(page.get_by_role("button", name="Skicka för granskning"))
    expect(page.get_by_test_id("status")).to_have_text("Under granskning")
    check_a11y(page)

    # The DPO comments on 4.3.
    switch_user(page, "dataskyddsombud")
    open_review(page)
    region = page.get_by_role("region", name=re.compile("Risker som identifierats i GDPR-årsrapport"))
    region.get_by_text("Kommentera").click()
    region.get_by_label(re.compile("^Kommentar till")).fill("Rekommendation 4 behöver ett datum.")
    follow(region.get_by_role("button", name="Spara kommentar"))
    expect(page.get_by_role("status")).to_contain_text("Kommentaren sparades.")
    check_a11y(page)

    # The coordinator marks it answered.
    switch_user(page, "samordnare")
    open_review(page)
    region = page.get_by_role("region", name=re.compile("Risker som identifierats i GDPR-årsrapport"))
    expect(region).to_contain_text("Rekommendation 4 behöver ett datum.")
    follow(region.get_by_role("button", name="Markera som besvarad"))
    expect(page.get_by_role("status")).to_contain_text("besvarad")

    # The head approves with two decisions, one of them an action in the plan.
    switch_user(page, "forvaltningschef")
    open_review(page)
    follow(page.get_by_role("link", name="Fastställ genomgången"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Fastställ Ledningens genomgång {YEAR}")
    expect(page.get_by_test_id("freeze-warning")).to_contain_text("kan inte ändras efteråt")
    check_a11y(page)
    first, second = page.get_by_role("group", name="Beslut 1"), page.get_by_role("group", name="Beslut 2")
    first.get_by_label("Beslut", exact=True).fill("Slutför informationsklassningen av alla system.")
    first.get_by_label("Ansvarig").fill("IT-chef")
    first.get_by_label("Klart senast").fill("2024-06-30")
    second.get_by_label("Beslut", exact=True).fill("Alla chefer går e-utbildningen.")
    second.get_by_label("Ansvarig").fill("HR-chef")
    second.get_by_label("Skapa åtgärd i planen").check()
    second.get_by_label("Planår för åtgärden").select_option(str(YEAR + 1))
    follow(page.get_by_role("button", name="Fastställ genomgången"))  # the second one renders the PDF
    expect(page.get_by_role("alert")).to_contain_text("Genomgången är inte fastställd")
    expect(page.get_by_role("main")).to_contain_text("Kryssa i rutan")  # the confirmation is required
    check_a11y(page)
    page.get_by_label(re.compile("Jag har läst genomgången")).check()
    follow(page.get_by_role("button", name="Fastställ genomgången"))  # the second one renders the PDF
    expect(page.get_by_test_id("status")).to_have_text("Fastställd")
    expect(page.get_by_role("region", name="Beslut", exact=True)).to_contain_text(
        "Slutför informationsklassningen av alla system."
    )
    check_a11y(page)

    review.refresh_from_db()
    assert review.status == ReviewStatus.APPROVED
    assert Decision.objects.filter(review=review).count() == 2


def test_reader_sees_the_approved_review_and_its_pdf_but_no_draft(page, demo):
    sign_in(page, "lasare")
    follow(page.get_by_role("button", name=re.compile("^Enskede-Årsta-Vantörs")))
    open_review(page, 2024)
    expect(page.get_by_test_id("status")).to_have_text("Fastställd")
    expect(page.get_by_role("region", name="Beslut", exact=True)).to_be_visible()
    expect(page.get_by_role("main").get_by_role("link", name=re.compile("^Ändra"))).to_have_count(0)
    expect(
        page.get_by_role("main").get_by_role("button", name=re.compile("Kommentera|Skicka|Fastställ"))
    ).to_have_count(0)
    with page.expect_download(timeout=0) as download:  # the server's answer: no time limit
        page.get_by_role("link", name="Ladda ned PDF").click(no_wait_after=True)
    assert download.value.suggested_filename == "ledningens-genomgang-eav-2024.pdf"
    follow(page.get_by_role("link", name="Ledningens genomgång", exact=True).first)
    expect(page.get_by_role("main").get_by_role("link", name=f"Ledningens genomgång {YEAR}")).to_have_count(0)
