"""The management review screens: who sees which review, who may do which step, and that every step is checked on
the server (a hand-made POST cannot skip a state or borrow a role)."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from isms.models import Comment, Role
from registry.models import Action, ExternalFactor, FactorCategory
from reviews import sections as s
from reviews.compiler import review_fingerprint
from reviews.models import Decision, ManagementReview, ReviewStatus
from tests.formdata import form_data
from tests.registry.plan_builders import member
from tests.reviews.sample import build_sample_review

pytestmark = pytest.mark.django_db
D = datetime.date
COVERAGE_SENTENCE = "ökat med 20 procentenheter, från 30 procent till 50 procent, sedan 2022"


@pytest.fixture
def review():
    """The sample organisation's 2024 draft (10 systems, coverage 30 % at 2022-12-31 and 50 % at the cut-off)."""
    return build_sample_review("aor")


@pytest.fixture
def org(review):
    return review.organisation


@pytest.fixture
def users(org):
    """One user per role in the review's organisation."""
    return {role: member(org, role, username=f"u_{role}") for role in Role.values}


@pytest.fixture
def approved(org, users):
    """An approved earlier review of the same organisation (made directly: the workflow is not under test here)."""
    return ManagementReview.objects.create(
        organisation=org,
        plan_year=2023,
        cutoff_date=D(2022, 11, 15),
        status=ReviewStatus.APPROVED,
        approved_by=users[Role.HEAD],
        approver_name="Eva Chef",
        approved_at=timezone.make_aware(datetime.datetime(2022, 11, 23, 10, 0)),
    )


def login(client, user):
    client.force_login(user)
    return client


def url(name, *args):
    return reverse(f"reviews:{name}", args=args)


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def section_data(section, **changes):
    data = {
        "narrative": section.narrative,
        "included": "on" if section.included else "",
        "show_figures": "on" if section.show_figures else "",
        "version": section.version,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def submit(client, review, users):
    response = login(client, users[Role.COORDINATOR]).post(url("submit", review.pk))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_REVIEW
    return review


def decision_data(rows, confirm=True, extra=0, review=None):
    """The approval page's POST: `rows` of decisions, the confirmation, and the fingerprint of `review`'s content
    as it is now (what the approval page carries)."""
    data = {
        "decisions-TOTAL_FORMS": str(len(rows) + extra),
        "decisions-INITIAL_FORMS": "0",
        "decisions-MIN_NUM_FORMS": "0",
        "decisions-MAX_NUM_FORMS": "30",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            if value not in (None, False):
                data[f"decisions-{index}-{name}"] = "on" if value is True else str(value)
    if confirm:
        data["confirm"] = "on"
    if review is not None:
        data["fingerprint"] = review_fingerprint(review)
    return data


# --- The list ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "sees_draft"),
    [
        (Role.COORDINATOR, True),
        (Role.HEAD, True),
        (Role.DPO, True),
        (Role.CONTRIBUTOR, False),
        (Role.READER, False),
    ],
)
def test_list_shows_drafts_only_to_roles_that_may_see_them(client, review, approved, users, role, sees_draft):
    other = build_sample_review("oth")  # another organisation's review never shows
    response = login(client, users[role]).get(url("list"))
    assert response.status_code == 200
    listed = [r.pk for r in response.context["reviews"]]
    assert listed == ([review.pk, approved.pk] if sees_draft else [approved.pk])
    assert other.pk not in listed
    page = response.content.decode()
    assert "Ledningens genomgång 2023" in page
    assert ("Starta genomgång för 2025" in page) == (role == Role.COORDINATOR)


def test_navigation_has_the_reviews(client, review, users):
    page = login(client, users[Role.READER]).get(reverse("home")).content.decode()
    assert f'href="{url("list")}"' in page and "Ledningens genomgång" in page


def test_coordinator_starts_a_review_and_a_second_for_the_same_year_is_refused(client, review, users):
    login(client, users[Role.COORDINATOR])
    response = client.post(url("start"), {"plan_year": 2025})
    started = ManagementReview.objects.get(organisation=review.organisation, plan_year=2025)
    assert response.status_code == 302 and response.url == url("detail", started.pk)
    assert started.status == ReviewStatus.DRAFT
    response = client.post(url("start"), {"plan_year": 2025})
    assert response.status_code == 302
    assert messages_of(response)  # the service's reason, in Swedish
    assert ManagementReview.objects.filter(organisation=review.organisation, plan_year=2025).count() == 1
    response = client.post(url("start"), {"plan_year": 1999})
    assert response.status_code == 200
    assert "Ange ett årtal mellan 2000 och 2100." in response.content.decode()


@pytest.mark.parametrize("role", [Role.HEAD, Role.DPO, Role.READER, Role.CONTRIBUTOR])
def test_only_the_coordinator_starts_a_review(client, review, users, role):
    response = login(client, users[role]).post(url("start"), {"plan_year": 2025})
    assert response.status_code == 403
    assert not ManagementReview.objects.filter(plan_year=2025).exists()


# --- The overview ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.CONTRIBUTOR, Role.READER])
def test_a_draft_is_forbidden_to_contributor_and_reader_an_approved_review_is_not(
    client, review, approved, users, role
):
    login(client, users[role])
    assert client.get(url("detail", review.pk)).status_code == 403
    assert client.get(url("pdf", review.pk)).status_code == 403
    assert client.get(url("detail", approved.pk)).status_code == 200


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.HEAD, Role.READER])
def test_another_organisations_review_is_not_found(client, review, role):
    other = build_sample_review("oth")
    user = member(other.organisation, role)
    login(client, user)
    for name in ("detail", "pdf", "preview", "settings", "factors", "submit", "approve", "return"):
        assert client.get(url(name, review.pk)).status_code in (404, 405), name
    assert client.get(url("section", review.pk, s.BACKGROUND)).status_code == 404
    assert client.post(url("approve", review.pk), decision_data([])).status_code == 404


def test_overview_shows_sections_in_order_with_figures_and_edit_links_for_the_coordinator(client, review, users):
    response = login(client, users[Role.COORDINATOR]).get(url("detail", review.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert COVERAGE_SENTENCE in page
    keys = [s.BACKGROUND, s.PREVIOUS_ACTIONS, s.FACTORS, "factor-", s.INTERNAL_CONTROL, s.GDPR_REPORT, s.PLAN_YEAR_3]
    positions = [page.index(f'id="rubrik-{key}') for key in keys]
    assert positions == sorted(positions)
    assert "Kontroller i internkontrollplanen 2023" in page  # a computed table, as the PDF shows it
    assert url("section", review.pk, s.PREVIOUS_ACTIONS) in page
    assert "Skicka för granskning" in page
    assert url("preview", review.pk) in page and url("pdf", review.pk) in page


@pytest.mark.parametrize("role", [Role.HEAD, Role.DPO])
def test_overview_has_no_edit_links_for_head_and_dpo(client, review, users, role):
    page = login(client, users[role]).get(url("detail", review.pk)).content.decode()
    assert COVERAGE_SENTENCE in page
    assert url("section", review.pk, s.PREVIOUS_ACTIONS) not in page
    assert "Skicka för granskning" not in page


# --- Editing a section -------------------------------------------------------------------------------------------


def test_section_page_shows_the_computed_figures_and_the_coverage_sentence(client, review, users):
    response = login(client, users[Role.COORDINATOR]).get(url("section", review.pk, s.PREVIOUS_ACTIONS))
    assert response.status_code == 200
    page = response.content.decode()
    assert COVERAGE_SENTENCE in page  # in the preview and beside [[klassning.förändring]] in the help
    assert "[[klassning.förändring]]" in page and "[[figurer]]" in page and "[[nämnd]]" in page
    assert "Nyckeltal per år" in page  # the section's computed table
    assert response.context["form"]["version"].value() == review.sections.get(key=s.PREVIOUS_ACTIONS).version


def test_section_page_fetches_the_registers_once_for_preview_figures_and_placeholders(client, review, users):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reviews.compiler import compile_review

    login(client, users[Role.COORDINATOR])
    with CaptureQueriesContext(connection) as one_compile:
        compile_review(review)
    with CaptureQueriesContext(connection) as page:
        assert client.get(url("section", review.pk, s.GDPR_REPORT)).status_code == 200
    # Three compiles (preview, figures, placeholders) share one fetch: the page costs little more than one compile.
    assert len(page) < 2 * len(one_compile), [q["sql"][:80] for q in page.captured_queries]


def test_coordinator_saves_a_section(client, review, users):
    section = review.sections.get(key=s.ISMS)
    login(client, users[Role.COORDINATOR])
    data = section_data(section, narrative="Nytt stycke.\n\n- punkt ett\n- punkt två", show_figures="")
    response = client.post(url("section", review.pk, s.ISMS), data)
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.narrative == "Nytt stycke.\n\n- punkt ett\n- punkt två"
    assert section.show_figures is False and section.included is True
    page = client.get(url("detail", review.pk)).content.decode()
    assert "<li>punkt ett</li>" in page


def test_preview_shows_unsaved_text_without_saving(client, review, users):
    section = review.sections.get(key=s.ISMS)
    login(client, users[Role.COORDINATOR])
    data = section_data(section, narrative="Inte sparad: [[klassning.nu]].", preview="1")
    response = client.post(url("section", review.pk, s.ISMS), data)
    assert response.status_code == 200
    assert "Inte sparad: 50 procent." in response.content.decode()
    section.refresh_from_db()
    assert "Inte sparad" not in section.narrative


def test_a_section_saved_by_someone_else_meanwhile_is_not_overwritten(client, review, users):
    section = review.sections.get(key=s.ISMS)
    login(client, users[Role.COORDINATOR])
    first = section_data(section, narrative="Först.")
    assert client.post(url("section", review.pk, s.ISMS), first).status_code == 302
    stale = section_data(section, narrative="Sent.")  # the version read before the first save
    response = client.post(url("section", review.pk, s.ISMS), stale)
    assert response.status_code == 200
    assert "Sent." in response.content.decode()  # the text is kept in the form
    section.refresh_from_db()
    assert section.narrative == "Först."


@pytest.mark.parametrize("role", [Role.DPO, Role.READER, Role.HEAD, Role.CONTRIBUTOR])
def test_section_edit_is_forbidden_to_other_roles(client, review, users, role):
    section = review.sections.get(key=s.ISMS)
    login(client, users[role])
    assert client.get(url("section", review.pk, s.ISMS)).status_code == 403
    response = client.post(url("section", review.pk, s.ISMS), section_data(section, narrative="Ändrad"))
    assert response.status_code == 403
    section.refresh_from_db()
    assert section.narrative != "Ändrad"


def test_section_of_another_organisations_review_is_not_found(client, review):
    other = build_sample_review("oth")
    login(client, member(other.organisation, Role.COORDINATOR))
    section = review.sections.get(key=s.ISMS)
    assert client.get(url("section", review.pk, s.ISMS)).status_code == 404
    response = client.post(url("section", review.pk, s.ISMS), section_data(section, narrative="Ändrad"))
    assert response.status_code == 404
    assert client.get(url("section", review.pk, "no_such_section")).status_code == 404


def test_sections_are_not_edited_once_submitted(client, review, users):
    submit(client, review, users)
    section = review.sections.get(key=s.ISMS)
    response = client.get(url("section", review.pk, s.ISMS))
    assert response.status_code == 302 and response.url == url("detail", review.pk)
    response = client.post(url("section", review.pk, s.ISMS), section_data(section, narrative="För sent"))
    assert response.status_code == 302
    assert messages_of(response)
    section.refresh_from_db()
    assert section.narrative != "För sent"


# --- Factors and settings ------------------------------------------------------------------------------------------


def test_coordinator_chooses_factors_and_their_order(client, review, users):
    org = review.organisation
    nis, third = (rf.factor for rf in review.factors.order_by("position"))
    budget = ExternalFactor.objects.create(organisation=org, title="Budget", category=FactorCategory.BUDGET, text="B")
    ExternalFactor.objects.create(
        organisation=org, title="Gammal", category=FactorCategory.LAW, text="G", valid_to=D(2020, 1, 1)
    )
    login(client, users[Role.COORDINATOR])
    response = client.get(url("factors", review.pk))
    assert response.status_code == 200
    titles = [factor.title for _form, factor in response.context["rows"]]
    assert titles == ["NIS-direktivet", "Tredjelandsöverföring", "Budget"]  # chosen first; ended ones left out
    data = {"form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "3"}
    rows = [(budget, True, 1, "Årets text om budgeten."), (nis, True, 2, ""), (third, False, 3, "")]
    for index, (factor, included, position, text) in enumerate(rows):
        data[f"form-{index}-factor_id"] = factor.pk
        data[f"form-{index}-position"] = position
        data[f"form-{index}-text_override"] = text
        if included:
            data[f"form-{index}-included"] = "on"
    response = client.post(url("factors", review.pk), data)
    assert response.status_code == 302
    chosen = list(review.factors.order_by("position").select_related("factor"))
    assert [rf.factor.title for rf in chosen] == ["Budget", "NIS-direktivet"]
    assert chosen[0].text_override == "Årets text om budgeten."
    page = client.get(url("detail", review.pk)).content.decode()
    assert page.index("Årets text om budgeten.") < page.index("NIS2-direktivet omfattar")


def test_coordinator_changes_the_settings(client, review, users):
    login(client, users[Role.COORDINATOR])
    form = client.get(url("settings", review.pk)).context["form"]
    data = {
        "title": "",
        "diarienummer": "ÅÖ 2023/9999",
        "cutoff_date": "2023-11-20",
        "follow_up_start": "2023-01-01",
        "follow_up_end": "2023-11-20",
        "version": form["version"].value(),
    }
    response = client.post(url("settings", review.pk), data)
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.diarienummer == "ÅÖ 2023/9999" and review.cutoff_date == D(2023, 11, 20)
    bad = dict(data, follow_up_start="2023-12-01", version=review.version)
    response = client.post(url("settings", review.pk), bad)
    assert response.status_code == 200
    assert "Uppföljningsperioden kan inte sluta före den börjar." in response.content.decode()


@pytest.mark.parametrize("role", [Role.DPO, Role.HEAD, Role.READER])
def test_factors_and_settings_are_the_coordinators(client, review, users, role):
    login(client, users[role])
    assert client.get(url("factors", review.pk)).status_code == 403
    assert client.get(url("settings", review.pk)).status_code == 403
    assert client.post(url("settings", review.pk), {"diarienummer": "X"}).status_code == 403


# --- The workflow -------------------------------------------------------------------------------------------------


def test_submit_return_and_approve_with_decisions(client, review, users):
    submit(client, review, users)
    login(client, users[Role.HEAD])
    page = client.get(url("detail", review.pk)).content.decode()
    assert "Fastställ genomgången" in page and "Skicka tillbaka" in page

    response = client.post(url("return", review.pk), {"reason": ""})
    assert response.status_code == 200
    assert "Skriv varför genomgången skickas tillbaka." in response.content.decode()
    response = client.post(url("return", review.pk), {"reason": "Avsnitt 4.2 saknar uppföljningen."})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT

    submit(client, review, users)
    login(client, users[Role.HEAD])
    page = client.get(url("approve", review.pk)).content.decode()
    assert "fryses" in page and "kan inte ändras efteråt" in page
    rows = [
        {"text": "Slutför klassningen av alla system.", "owner": "IT-chef", "due_date": "2024-06-30"},
        {
            "text": "Inför e-utbildning för alla chefer.",
            "owner": "HR",
            "create_action": True,
            "action_plan_year": 2025,
        },
    ]
    response = client.post(
        url("approve", review.pk), decision_data(rows, extra=1, review=review)
    )  # one blank row skipped
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.APPROVED and review.approved_by == users[Role.HEAD]
    decisions = list(Decision.objects.filter(review=review).order_by("position", "id"))
    assert [d.text for d in decisions] == [r["text"] for r in rows]
    assert decisions[0].due_date == D(2024, 6, 30) and decisions[0].action is None
    assert decisions[1].action is not None and decisions[1].action.plan_year == 2025
    assert Action.objects.filter(organisation=review.organisation, pk=decisions[1].action_id).exists()

    page = client.get(url("detail", review.pk)).content.decode()
    assert "Slutför klassningen av alla system." in page and "Fastställd" in page
    login(client, users[Role.READER])
    assert client.get(url("detail", review.pk)).status_code == 200


def test_approval_needs_the_confirmation_and_a_text_for_each_decision(client, review, users):
    submit(client, review, users)
    login(client, users[Role.HEAD])
    response = client.post(url("approve", review.pk), decision_data([{"text": "Beslut"}], confirm=False, review=review))
    assert response.status_code == 200
    assert "Kryssa i rutan" in response.content.decode()
    response = client.post(
        url("approve", review.pk), decision_data([{"owner": "Någon", "create_action": True}], review=review)
    )
    assert response.status_code == 200
    assert "Skriv beslutet, eller töm raden." in response.content.decode()
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_REVIEW


def create_action_boxes(page: str) -> list[str]:
    return re.findall(r'<input type="checkbox" name="decisions-\d+-create_action"[^>]*>', page)


def test_create_action_is_unticked_on_empty_decision_rows(client, review, users):
    """An empty row must never create an action: its box starts unticked, on the page and on an added row; the
    unchanged page as the browser sends it, with one decision written, approves with that decision and no action."""
    submit(client, review, users)
    login(client, users[Role.HEAD])
    response = client.get(url("approve", review.pk))
    boxes = create_action_boxes(response.content.decode())
    assert len(boxes) == 3 and not any("checked" in box for box in boxes)
    assert "Skapa åtgärd i planen" in response.content.decode()
    assert not any(form["create_action"].value() for form in response.context["formset"])

    added = client.post(
        url("approve", review.pk), decision_data([{"text": "Ett beslut"}], extra=2, review=review) | {"add_row": "1"}
    )
    boxes = create_action_boxes(added.content.decode())
    assert len(boxes) == 4 and not any("checked" in box for box in boxes)

    formset = response.context["formset"]
    data = form_data(formset.management_form)
    for form in formset:
        data |= form_data(form)
    data |= form_data(response.context["confirm"])
    data |= {"decisions-0-text": "Slutför klassningen av alla system.", "confirm": "on"}
    actions_before = Action.objects.count()
    assert client.post(url("approve", review.pk), data).status_code == 302
    decision = Decision.objects.get(review=review)
    assert (decision.text, decision.action) == ("Slutför klassningen av alla system.", None)
    assert Action.objects.count() == actions_before


def test_a_ticked_box_on_an_otherwise_empty_row_creates_nothing(client, review, users):
    submit(client, review, users)
    login(client, users[Role.HEAD])
    actions_before = Action.objects.count()
    rows = [{"text": "Beslut utan åtgärd"}, {"create_action": True, "action_plan_year": 2024}]
    assert client.post(url("approve", review.pk), decision_data(rows, review=review)).status_code == 302
    assert list(Decision.objects.filter(review=review).values_list("text", "action")) == [("Beslut utan åtgärd", None)]
    assert Action.objects.count() == actions_before


def test_add_row_keeps_what_was_typed(client, review, users):
    submit(client, review, users)
    login(client, users[Role.HEAD])
    data = decision_data([{"text": "Första beslutet"}], confirm=False, review=review) | {"add_row": "1"}
    response = client.post(url("approve", review.pk), data)
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 2
    assert "Första beslutet" in response.content.decode()
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_REVIEW


def test_a_crafted_post_approving_a_draft_is_refused(client, review, users):
    login(client, users[Role.HEAD])
    assert client.get(url("approve", review.pk)).status_code == 302  # no approval page for a draft
    response = client.post(url("approve", review.pk), decision_data([{"text": "Beslut"}], review=review))
    assert response.status_code == 302 and response.url == url("detail", review.pk)
    assert messages_of(response)
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT and review.approved_at is None
    assert not Decision.objects.filter(review=review).exists()
    response = client.post(url("return", review.pk), {"reason": "Går inte"})
    assert response.status_code == 302 and messages_of(response)


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.DPO, Role.READER, Role.CONTRIBUTOR])
def test_only_the_head_approves_or_returns(client, review, users, role):
    submit(client, review, users)
    login(client, users[role])
    assert client.get(url("approve", review.pk)).status_code == 403
    assert client.post(url("approve", review.pk), decision_data([{"text": "Beslut"}], review=review)).status_code == 403
    assert client.post(url("return", review.pk), {"reason": "Nej"}).status_code == 403
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_REVIEW


@pytest.mark.parametrize("role", [Role.HEAD, Role.DPO, Role.READER])
def test_only_the_coordinator_submits(client, review, users, role):
    response = login(client, users[role]).post(url("submit", review.pk))
    assert response.status_code == 403
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT


def test_approving_twice_is_refused(client, review, users):
    submit(client, review, users)
    login(client, users[Role.HEAD])
    assert client.post(url("approve", review.pk), decision_data([{"text": "Ett"}], review=review)).status_code == 302
    response = client.post(url("approve", review.pk), decision_data([{"text": "Två"}], review=review))
    assert response.status_code == 302 and messages_of(response)[-1]
    assert list(Decision.objects.filter(review=review).values_list("text", flat=True)) == ["Ett"]


def test_a_step_on_a_get_is_not_taken(client, review, users):
    login(client, users[Role.COORDINATOR])
    assert client.get(url("submit", review.pk)).status_code == 405
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT


# --- Comments --------------------------------------------------------------------------------------------------


def test_dpo_comments_while_in_review_and_the_coordinator_marks_it_answered(client, review, users):
    login(client, users[Role.DPO])
    response = client.post(url("comment", review.pk, s.GDPR_REPORT), {"text": "För tidigt"})
    assert response.status_code == 302 and messages_of(response)  # not while a draft
    assert not Comment.objects.exists()

    submit(client, review, users)
    login(client, users[Role.DPO])
    page = client.get(url("detail", review.pk)).content.decode()
    assert 'id="kommentar-gdpr_report"' in page
    response = client.post(url("comment", review.pk, s.GDPR_REPORT), {"text": "Rekommendation 4 saknar datum."})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.author == users[Role.DPO] and comment.answered_at is None

    login(client, users[Role.READER])
    assert client.post(url("comment", review.pk, s.GDPR_REPORT), {"text": "Läsare"}).status_code == 403
    assert client.post(url("comment_answered", review.pk, comment.pk)).status_code == 403

    login(client, users[Role.COORDINATOR])
    page = client.get(url("detail", review.pk)).content.decode()
    assert "Rekommendation 4 saknar datum." in page and "Markera som besvarad" in page
    assert client.post(url("comment_answered", review.pk, comment.pk)).status_code == 302
    comment.refresh_from_db()
    assert comment.answered_at is not None


# --- The PDF -------------------------------------------------------------------------------------------------------


def test_pdf_download_and_preview_of_a_draft(client, review, users):
    login(client, users[Role.DPO])
    response = client.get(url("pdf", review.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == 'attachment; filename="ledningens-genomgang-aor-2024-utkast.pdf"'
    response = client.get(url("preview", review.pk))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("inline; filename=")


def test_the_approved_pdf_is_the_stored_file_and_a_changed_file_is_not_served(client, review, users, media_root):
    import hashlib

    submit(client, review, users)
    login(client, users[Role.HEAD])
    assert (
        client.post(url("approve", review.pk), decision_data([{"text": "Ett beslut"}], review=review)).status_code
        == 302
    )
    review.refresh_from_db()
    login(client, users[Role.READER])  # approved: every role of the organisation
    response = client.get(url("pdf", review.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="ledningens-genomgang-aor-2024.pdf"'
    assert hashlib.sha256(response.content).hexdigest() == review.pdf_sha256
    assert client.get(url("pdf", review.pk)).content == response.content  # the same bytes every time
    page = client.get(url("detail", review.pk)).content.decode()
    assert review.pdf_sha256 in page and f"/verify/?sha256={review.pdf_sha256}" in page

    path = media_root / review.pdf.name
    path.write_bytes(path.read_bytes() + b"\n% changed\n")
    response = client.get(url("pdf", review.pk))
    assert response.status_code == 302 and response.url == url("detail", review.pk)
    assert "kan inte lämnas ut" in messages_of(response)[0]


def test_the_overview_shows_the_charts_as_the_pdf_does(client, review, users):
    page = login(client, users[Role.HEAD]).get(url("detail", review.pk)).content.decode()
    assert '<figure class="review-chart"><svg' in page
    assert "&lt;svg" not in page  # the compiler's markup, not escaped text


def test_after_a_section_conflict_the_other_text_is_shown_and_saving_again_works(client, review, users):
    section = review.sections.get(key=s.ISMS)
    login(client, users[Role.COORDINATOR])
    stale = section_data(section, narrative="Min text.")
    assert client.post(url("section", review.pk, s.ISMS), section_data(section, narrative="Först.")).status_code == 302

    response = client.post(url("section", review.pk, s.ISMS), stale)

    assert response.status_code == 200
    page = response.content.decode()
    conflict = page[page.index('data-testid="conflict"') :]
    conflict = conflict[: conflict.index("</table>")]
    assert "Någon annan har sparat ändringar i avsnittet" in conflict and "Först." in conflict
    assert "Min text." in page  # kept in the form
    again = form_data(response.context["form"])
    assert again["version"] == str(section.version + 1)
    assert client.post(url("section", review.pk, s.ISMS), again).status_code == 302
    section.refresh_from_db()
    assert section.narrative == "Min text."
    assert [h.narrative for h in section.history.order_by("history_date", "history_id")][-2:] == ["Först.", "Min text."]


def test_after_a_settings_conflict_saving_again_works(client, review, users):
    login(client, users[Role.COORDINATOR])
    stale = form_data(client.get(url("settings", review.pk)).context["form"])
    first = dict(stale, diarienummer="ÅÖ 2024/1")
    assert client.post(url("settings", review.pk), first).status_code == 302

    response = client.post(url("settings", review.pk), dict(stale, diarienummer="ÅÖ 2024/2"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Någon annan har ändrat uppgifterna" in page and "ÅÖ 2024/1" in page
    again = form_data(response.context["form"])
    assert again["diarienummer"] == "ÅÖ 2024/2"
    assert client.post(url("settings", review.pk), again).status_code == 302
    review.refresh_from_db()
    assert review.diarienummer == "ÅÖ 2024/2"
