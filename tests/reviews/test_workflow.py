"""The management review's workflow (reviews.services): each step, each forbidden step, and what approval freezes."""

import datetime
import hashlib
import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from pypdf import PdfReader

from isms.models import Comment, Membership, Role
from registry.models import Action, ExternalFactor, FactorCategory, InformationAsset
from reviews import sections as s
from reviews import services
from reviews.compiler import compile_review, review_fingerprint
from reviews.models import ApprovedReviewChanged, Decision, ManagementReview, ReviewSection, ReviewStatus
from reviews.pdf import review_pdf_bytes
from reviews.selectors import section_comments
from reviews.services import ConflictError, WorkflowError
from reviews.storage import FileExistsRefused, write_once_storage
from tests.factories import organisation

from .conftest import DECISIONS

pytestmark = pytest.mark.django_db

D = datetime.date


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def _section(review, key=s.BACKGROUND) -> ReviewSection:
    return review.sections.get(key=key)


# ---------------------------------------------------------------------------------------------------------------------
# The whole way
# ---------------------------------------------------------------------------------------------------------------------


def test_the_whole_workflow(people, media_root):
    review = people.review
    background = _section(review)

    services.review_section_update(
        section=background,
        user=people.coordinator,
        narrative="Första versionen.",
        included=True,
        show_figures=False,
        expected_version=background.version,
    )
    review = services.review_submit(review=review, user=people.coordinator)
    assert review.status == ReviewStatus.IN_REVIEW
    assert review.submitted_by == people.coordinator and review.submitted_at is not None

    comment = services.review_comment(section=background, user=people.dpo, text="Nämn incidentrutinen.")
    assert comment.author_role == Role.DPO and comment.target == background
    services.review_comment(section=background, user=people.head, text="Instämmer.")
    assert [c.text for c in section_comments(review)[background.pk]] == ["Nämn incidentrutinen.", "Instämmer."]

    review = services.review_return(review=review, user=people.head, reason="Komplettera bakgrunden.")
    assert review.status == ReviewStatus.DRAFT
    assert (review.return_reason, review.returned_by) == ("Komplettera bakgrunden.", people.head)

    background.refresh_from_db()
    services.review_section_update(
        section=background,
        user=people.coordinator,
        narrative="Andra versionen, med incidentrutinen.",
        included=True,
        show_figures=False,
        expected_version=background.version,
    )
    answered = services.review_comment_answer(comment=comment, user=people.coordinator)
    assert answered.answered_at is not None
    review = services.review_submit(review=review, user=people.coordinator)

    review = services.review_approve(
        review=review, user=people.head, decisions=DECISIONS, expected_fingerprint=review_fingerprint(review)
    )
    review.refresh_from_db()
    assert review.status == ReviewStatus.APPROVED
    assert (review.approved_by, review.approver_name) == (people.head, "Eva Öhrström")
    assert review.approved_at is not None

    stored = review.pdf.read()
    assert stored.startswith(b"%PDF-")
    assert review.pdf_sha256 == hashlib.sha256(stored).hexdigest()
    assert review.pdf.name == f"reviews/aor-2024-rev1-{review.pdf_sha256}.pdf"
    assert (media_root / review.pdf.name).is_file()

    text = _text(stored)
    assert "Andra versionen, med incidentrutinen." in text
    assert "Fastställd av förvaltningschef Eva Öhrström" in text
    assert "Beslut" in text and "i samråd med dataskyddsombudet" in text and "2024-06-30" in text
    assert "Utkast" not in text

    frozen = review.frozen_figures
    assert frozen["is_approved"] is True and frozen["approver_name"] == "Eva Öhrström"
    assert [d["owner"] for d in frozen["figures"]["decisions"]] == [
        "Informationssäkerhetssamordnare",
        "Förvaltningschef",
    ]
    assert frozen["sections"][-1]["title"] == "Beslut"

    # History names the user of each step.
    steps = [(h.status, h.history_user) for h in review.history.order_by("history_date", "history_id")]
    assert (ReviewStatus.IN_REVIEW, people.coordinator) in steps
    assert (ReviewStatus.DRAFT, people.head) in steps
    assert steps[-1] == (ReviewStatus.APPROVED, people.head)


def test_decisions_create_actions_at_the_end_of_the_years_list(approved_review, people):
    decisions = list(approved_review.decisions.order_by("position"))
    assert [d.text for d in decisions] == [d["text"] for d in DECISIONS]
    first, second = decisions
    assert second.action is None
    action = first.action
    assert (action.plan_year, action.owner, action.due_date) == (
        2024,
        "Informationssäkerhetssamordnare",
        D(2024, 6, 30),
    )
    assert action.title == DECISIONS[0]["text"]
    positions = list(
        Action.objects.filter(organisation=approved_review.organisation, plan_year=2024).values_list(
            "position", flat=True
        )
    )
    assert action.position == max(positions)
    assert action.history.first().history_user == people.head


def test_a_decision_can_put_its_action_in_a_later_plan_year(people):
    review = services.review_submit(review=people.review, user=people.coordinator)
    decision = dict(DECISIONS[0], action_plan_year=2026)
    services.review_approve(
        review=review, user=people.head, decisions=[decision], expected_fingerprint=review_fingerprint(review)
    )
    assert Decision.objects.get(review=review).action.plan_year == 2026


def test_a_decision_outside_the_plan_years_is_refused_and_nothing_is_saved(people):
    review = services.review_submit(review=people.review, user=people.coordinator)
    with pytest.raises(WorkflowError, match="planens år"):
        services.review_approve(
            review=review,
            user=people.head,
            decisions=[dict(DECISIONS[0], action_plan_year=2030)],
            expected_fingerprint=review_fingerprint(review),
        )
    with pytest.raises(WorkflowError, match="saknar text"):
        services.review_approve(
            review=review,
            user=people.head,
            decisions=[dict(DECISIONS[0], text="  ")],
            expected_fingerprint=review_fingerprint(review),
        )
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_REVIEW
    assert not Decision.objects.exists()


# ---------------------------------------------------------------------------------------------------------------------
# Forbidden steps
# ---------------------------------------------------------------------------------------------------------------------


def test_the_coordinator_cannot_approve(people):
    review = services.review_submit(review=people.review, user=people.coordinator)
    with pytest.raises(WorkflowError, match="förvaltningschef"):
        services.review_approve(
            review=review, user=people.coordinator, decisions=[], expected_fingerprint=review_fingerprint(review)
        )


@pytest.mark.parametrize("role", [Role.DPO, Role.READER, Role.CONTRIBUTOR])
def test_other_roles_cannot_approve_or_return(people, role):
    review = services.review_submit(review=people.review, user=people.coordinator)
    user = {Role.DPO: people.dpo, Role.READER: people.reader, Role.CONTRIBUTOR: people.contributor}[role]
    with pytest.raises(WorkflowError):
        services.review_approve(review=review, user=user, decisions=[], expected_fingerprint=review_fingerprint(review))
    with pytest.raises(WorkflowError):
        services.review_return(review=review, user=user, reason="Nej.")


def test_the_submitter_cannot_approve_after_being_given_the_head_role(people):
    review = services.review_submit(review=people.review, user=people.coordinator)
    Membership.objects.filter(user=people.coordinator).update(role=Role.HEAD)
    with pytest.raises(WorkflowError, match="tagit fram eller skickat in"):
        services.review_approve(
            review=review, user=people.coordinator, decisions=[], expected_fingerprint=review_fingerprint(review)
        )
    assert ManagementReview.objects.get(pk=review.pk).status == ReviewStatus.IN_REVIEW


def test_the_one_who_started_it_cannot_approve_even_if_another_submitted(people, django_user_model):
    helper = django_user_model.objects.create_user("helper")
    Membership.objects.create(user=helper, organisation=people.review.organisation, role=Role.COORDINATOR)
    review = services.review_submit(review=people.review, user=helper)
    Membership.objects.filter(user=people.coordinator).update(role=Role.HEAD)  # created_by is the coordinator
    with pytest.raises(WorkflowError, match="tagit fram eller skickat in"):
        services.review_approve(
            review=review, user=people.coordinator, decisions=[], expected_fingerprint=review_fingerprint(review)
        )


def test_another_organisations_head_cannot_approve(people):
    review = services.review_submit(review=people.review, user=people.coordinator)
    with pytest.raises(WorkflowError, match="förvaltningschef"):
        services.review_approve(
            review=review, user=people.other_head, decisions=[], expected_fingerprint=review_fingerprint(review)
        )
    with pytest.raises(WorkflowError):
        services.review_return(review=review, user=people.other_head, reason="Nej.")


def test_a_draft_never_submitted_cannot_be_approved(people):
    with pytest.raises(WorkflowError, match="skickar den på granskning först"):
        services.review_approve(
            review=people.review, user=people.head, decisions=[], expected_fingerprint=review_fingerprint(people.review)
        )
    assert ManagementReview.objects.get(pk=people.review.pk).status == ReviewStatus.DRAFT


def test_nothing_is_approved_twice(approved_review, people, django_user_model):
    second_head = django_user_model.objects.create_user("chef2")
    Membership.objects.create(user=second_head, organisation=approved_review.organisation, role=Role.HEAD)
    stale = ManagementReview.objects.get(pk=approved_review.pk)
    stale.status = ReviewStatus.IN_REVIEW  # an object read before the first approval: the service re-reads the row
    for user in (people.head, second_head):
        with pytest.raises(WorkflowError, match="fastställd"):
            services.review_approve(
                review=stale, user=user, decisions=DECISIONS, expected_fingerprint=review_fingerprint(stale)
            )
    assert Decision.objects.filter(review=approved_review).count() == 2


def test_the_dpo_and_others_cannot_edit_a_section(people):
    section = _section(people.review)
    for user in (people.dpo, people.head, people.reader, people.contributor, people.other_head):
        with pytest.raises(WorkflowError):
            services.review_section_update(
                section=section,
                user=user,
                narrative="Ändrad",
                included=True,
                show_figures=True,
                expected_version=section.version,
            )
    section.refresh_from_db()
    assert section.narrative != "Ändrad"


def test_only_the_coordinator_starts_submits_and_revises(people):
    with pytest.raises(WorkflowError, match="samordnare"):
        services.review_start(organisation=people.review.organisation, plan_year=2025, user=people.head)
    with pytest.raises(WorkflowError):
        services.review_submit(review=people.review, user=people.dpo)
    with pytest.raises(WorkflowError):
        services.review_submit(review=people.review, user=people.other_head)


def test_no_step_can_be_skipped(people):
    review = people.review
    with pytest.raises(WorkflowError, match="under granskning"):
        services.review_return(review=review, user=people.head, reason="Skäl")
    services.review_submit(review=review, user=people.coordinator)
    with pytest.raises(WorkflowError, match="ett utkast"):
        services.review_submit(review=review, user=people.coordinator)
    section = _section(review)
    with pytest.raises(WorkflowError, match="under granskning"):
        services.review_section_update(
            section=section,
            user=people.coordinator,
            narrative="x",
            included=True,
            show_figures=True,
            expected_version=section.version,
        )
    with pytest.raises(WorkflowError, match="under granskning"):
        services.review_update(review=review, user=people.coordinator, title="Ny titel")
    with pytest.raises(WorkflowError, match="Skriv varför"):
        services.review_return(review=review, user=people.head, reason="   ")


def test_comments_only_while_in_review_and_by_those_who_may(people):
    section = _section(people.review)
    with pytest.raises(WorkflowError, match="kommenteras när den är under granskning"):
        services.review_comment(section=section, user=people.dpo, text="Tidigt.")
    services.review_submit(review=people.review, user=people.coordinator)
    for user in (people.reader, people.contributor, people.other_head):
        with pytest.raises(WorkflowError, match="kommentera"):
            services.review_comment(section=section, user=user, text="Får inte.")
    comment = services.review_comment(section=section, user=people.coordinator, text="Egen anteckning.")
    with pytest.raises(WorkflowError, match="samordnaren"):
        services.review_comment_answer(comment=comment, user=people.dpo)
    services.review_comment_answer(comment=comment, user=people.coordinator)
    with pytest.raises(WorkflowError, match="redan"):
        services.review_comment_answer(comment=comment, user=people.coordinator)
    assert Comment.objects.get(pk=comment.pk).history.first().history_user == people.coordinator


def test_approval_time_is_the_workflows_unless_the_demo_says_so(people):
    review = services.review_submit(review=people.review, user=people.coordinator)
    with pytest.raises(ValueError, match="demo"):
        services.review_approve(
            review=review,
            user=people.head,
            decisions=[],
            expected_fingerprint=review_fingerprint(review),
            approved_at=datetime.datetime(2023, 11, 23, tzinfo=datetime.UTC),
        )
    with pytest.raises(ValueError, match="demo"):
        services.review_submit(review=review, user=people.coordinator, submitted_at=datetime.datetime.now(datetime.UTC))
    assert ManagementReview.objects.get(pk=review.pk).status == ReviewStatus.IN_REVIEW


def test_section_edits_detect_a_conflict(people):
    section = _section(people.review)
    version = section.version
    services.review_section_update(
        section=section,
        user=people.coordinator,
        narrative="A",
        included=True,
        show_figures=True,
        expected_version=version,
    )
    stale = ReviewSection.objects.get(pk=section.pk)
    with pytest.raises(ConflictError):
        services.review_section_update(
            section=stale,
            user=people.coordinator,
            narrative="B",
            included=True,
            show_figures=True,
            expected_version=version,
        )
    assert ReviewSection.objects.get(pk=section.pk).narrative == "A"


def test_review_update_and_factors(people):
    review = people.review
    services.review_update(review=review, user=people.coordinator, title="LG 2024", diarienummer="ÅÖ 2023/1")
    review.refresh_from_db()
    assert (review.title, review.diarienummer) == ("LG 2024", "ÅÖ 2023/1")
    with pytest.raises(TypeError):
        services.review_update(review=review, user=people.coordinator, status="approved")

    first, second = [f.factor for f in review.factors.order_by("position")]
    services.review_factors_set(
        review=review, user=people.coordinator, factors=[(second, "I år: ny text."), (first, "")]
    )
    assert [(f.factor, f.position, f.text_override) for f in review.factors.order_by("position")] == [
        (second, 1, "I år: ny text."),
        (first, 2, ""),
    ]
    services.review_factors_set(review=review, user=people.coordinator, factors=[(first, "")])
    assert [f.factor for f in review.factors.all()] == [first]
    foreign = ExternalFactor.objects.create(
        organisation=people.other_org, title="Annan", category=FactorCategory.LAW, text="x"
    )
    with pytest.raises(WorkflowError, match="egna organisationens"):
        services.review_factors_set(review=review, user=people.coordinator, factors=[(foreign, "")])
    with pytest.raises(WorkflowError, match="två gånger"):
        services.review_factors_set(review=review, user=people.coordinator, factors=[(first, ""), (first, "")])


# ---------------------------------------------------------------------------------------------------------------------
# Approved means frozen
# ---------------------------------------------------------------------------------------------------------------------


def test_every_service_refuses_an_approved_review(approved_review, people):
    review, section = approved_review, _section(approved_review)
    calls = [
        lambda: services.review_update(review=review, user=people.coordinator, title="Ny"),
        lambda: services.review_section_update(
            section=section,
            user=people.coordinator,
            narrative="x",
            included=True,
            show_figures=True,
            expected_version=section.version,
        ),
        lambda: services.review_factors_set(review=review, user=people.coordinator, factors=[]),
        lambda: services.review_submit(review=review, user=people.coordinator),
        lambda: services.review_return(review=review, user=people.head, reason="Sent påkommet."),
        lambda: services.review_approve(
            review=review, user=people.head, decisions=[], expected_fingerprint=review_fingerprint(review)
        ),
        lambda: services.review_comment(section=section, user=people.dpo, text="Sent."),
    ]
    for call in calls:
        with pytest.raises(WorkflowError, match="fastställd"):
            call()


def test_the_model_refuses_to_change_an_approved_review(approved_review):
    review = ManagementReview.objects.get(pk=approved_review.pk)
    review.title = "Ändrad i efterhand"
    with pytest.raises(ApprovedReviewChanged):
        review.save()
    section = _section(review)
    section.narrative = "Ändrad i efterhand"
    with pytest.raises(ApprovedReviewChanged):
        section.save()
    with pytest.raises(ApprovedReviewChanged):
        review.decisions.first().delete()
    with pytest.raises(ApprovedReviewChanged):
        review.delete()


def test_the_approved_pdf_never_changes(approved_review, people, tmp_path):
    stored = approved_review.pdf.read()
    approved_review.pdf.close()
    sha = approved_review.pdf_sha256

    # Later register edits: a system retired, an action done, a factor rewritten.
    org = approved_review.organisation
    InformationAsset.objects.filter(organisation=org).update(name="Omdöpt system")
    Action.objects.filter(organisation=org).update(title="Omdöpt åtgärd")
    ExternalFactor.objects.filter(organisation=org).update(text="Helt ny text.")

    review = ManagementReview.objects.get(pk=approved_review.pk)
    assert review_pdf_bytes(review) == stored
    assert review_pdf_bytes(review) == stored  # and again: downloads never render

    output = tmp_path / "ut.pdf"
    out = io.StringIO()
    call_command("render_review", org=org.code, year=2024, output=output, stdout=out)
    assert output.read_bytes() == stored
    assert sha in out.getvalue()
    assert hashlib.sha256(stored).hexdigest() == sha

    # A fresh compile now would differ: the freeze is what keeps the file as approved.
    assert "Omdöpt åtgärd" in str(compile_review(review).to_dict())
    assert "Omdöpt åtgärd" not in str(review.frozen_figures)


def test_render_review_refuses_another_cutoff_for_an_approved_review(approved_review, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="fastställd"):
        call_command(
            "render_review",
            org="aor",
            year=2024,
            cutoff=D(2023, 12, 1),
            output=tmp_path / "x.pdf",
            stdout=io.StringIO(),
        )


def test_the_stored_pdf_is_pdf_a(approved_review):
    reader = PdfReader(io.BytesIO(approved_review.pdf.read()))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "pdfaid:part" in xmp
    assert re.search(r"pdfaid:part(?:>|=\")3", xmp)
    assert re.search(r"pdfaid:conformance(?:>|=\")B", xmp)


def test_the_storage_is_write_once(approved_review):
    name = approved_review.pdf.name
    with pytest.raises(FileExistsRefused):
        write_once_storage.save(name, ContentFile(b"%PDF-1.7 forged"))
    with pytest.raises(PermissionError):
        write_once_storage.delete(name)
    assert hashlib.sha256(approved_review.pdf.read()).hexdigest() == approved_review.pdf_sha256


def test_a_leftover_file_with_other_bytes_under_the_name_stops_the_approval(people, monkeypatch):
    """A file already stored under the content-addressed name is reused only when its bytes hash to the name."""
    review = services.review_submit(review=people.review, user=people.coordinator)
    original = services._store_pdf

    def plant_then_store(name, data, sha256):
        write_once_storage.save(name, ContentFile(b"%PDF-1.7 not the approved bytes"))
        return original(name, data, sha256)

    monkeypatch.setattr(services, "_store_pdf", plant_then_store)
    with pytest.raises(FileExistsRefused):
        services.review_approve(
            review=review, user=people.head, decisions=[], expected_fingerprint=review_fingerprint(review)
        )


# ---------------------------------------------------------------------------------------------------------------------
# Starting a review and correcting one
# ---------------------------------------------------------------------------------------------------------------------


def test_a_first_review_has_every_section_but_incidents(django_user_model):
    org = organisation("ny")
    user = django_user_model.objects.create_user("ny_samordnare")
    Membership.objects.create(user=user, organisation=org, role=Role.COORDINATOR)

    review = services.review_start(organisation=org, plan_year=2025, user=user)

    assert (review.status, review.revision, review.created_by) == (ReviewStatus.DRAFT, 1, user)
    assert review.cutoff_date == D(2024, 11, 15)
    assert (review.follow_up_start, review.follow_up_end) == (D(2024, 1, 1), D(2024, 11, 15))
    keys = list(review.sections.values_list("key", flat=True))
    assert sorted(keys) == sorted(spec.key for spec in s.SECTIONS if spec.key != s.INCIDENTS)
    assert not review.sections.exclude(narrative="").exists()
    assert review.sections.get(key=s.PREVIOUS_ACTIONS).show_figures
    assert review.history.first().history_user == user

    with pytest.raises(WorkflowError, match="Fortsätt arbeta i den"):
        services.review_start(organisation=org, plan_year=2025, user=user)


def test_the_next_year_starts_from_the_approved_review(approved_review, people):
    org = approved_review.organisation
    with pytest.raises(WorkflowError, match="ny revision"):
        services.review_start(organisation=org, plan_year=2024, user=people.coordinator)

    draft = services.review_start(organisation=org, plan_year=2025, user=people.coordinator)
    assert (draft.title, draft.diarienummer) == ("", "")
    assert draft.cutoff_date == D(2024, 11, 15)
    old = {row.key: row for row in approved_review.sections.all()}
    new = {row.key: row for row in draft.sections.all()}
    assert set(new) == set(old)
    for key, row in old.items():
        assert (new[key].narrative, new[key].included, new[key].show_figures) == (
            row.narrative,
            row.included,
            row.show_figures,
        )
    assert [(f.factor_id, f.position, f.text_override) for f in draft.factors.all()] == [
        (f.factor_id, f.position, f.text_override) for f in approved_review.factors.all()
    ]

    compiled = compile_review(draft)
    section1 = next(sec for sec in compiled.sections if sec.key == s.PREVIOUS_ACTIONS)
    table = next(b for b in section1.blocks if b.caption == "Beslut i tidigare genomgångar")
    assert [row[1] for row in table.rows] == [d["text"] for d in DECISIONS]
    assert [row[3] for row in table.rows] == ["Planerad", "Ingen åtgärd kopplad"]
    assert all(row[0] == "2024" for row in table.rows)
    assert not any(sec.key == "decisions" for sec in compiled.sections)  # the draft has no decisions of its own

    # The action a decision created moves on; section 1 shows its status.
    action = Decision.objects.get(review=approved_review, position=1).action
    Action.objects.filter(pk=action.pk).update(status="done", done_on=D(2024, 5, 1))
    section1 = next(sec for sec in compile_review(draft).sections if sec.key == s.PREVIOUS_ACTIONS)
    table = next(b for b in section1.blocks if b.caption == "Beslut i tidigare genomgångar")
    assert table.rows[0][3] == "Genomförd"


def test_factors_no_longer_in_force_are_not_carried(people):
    review = people.review
    first, second = [f.factor for f in review.factors.order_by("position")]
    ExternalFactor.objects.filter(pk=first.pk).update(valid_to=D(2024, 1, 31))  # before the 2025 cut-off
    ExternalFactor.objects.filter(pk=second.pk).update(valid_to=D(2024, 11, 15))  # on the cut-off: still in force
    services.review_submit(review=review, user=people.coordinator)
    services.review_approve(
        review=review, user=people.head, decisions=[], expected_fingerprint=review_fingerprint(review)
    )

    draft = services.review_start(organisation=review.organisation, plan_year=2025, user=people.coordinator)
    assert [f.factor for f in draft.factors.all()] == [second]


def test_a_correction_is_a_new_revision_approved_again(approved_review, people):
    with pytest.raises(WorkflowError):
        services.review_revise(review=approved_review, user=people.head)
    revision = services.review_revise(review=approved_review, user=people.coordinator)
    assert (revision.revision, revision.revises, revision.status) == (2, approved_review, ReviewStatus.DRAFT)
    assert revision.sections.count() == approved_review.sections.count()
    assert revision.factors.count() == approved_review.factors.count()
    with pytest.raises(WorkflowError, match="revision 2"):
        services.review_revise(review=approved_review, user=people.coordinator)
    with pytest.raises(WorkflowError, match="utkast ändras direkt"):
        services.review_revise(review=revision, user=people.coordinator)

    services.review_submit(review=revision, user=people.coordinator)
    revision = services.review_approve(
        review=revision, user=people.head, decisions=[], expected_fingerprint=review_fingerprint(revision)
    )
    assert revision.pdf.name.startswith("reviews/aor-2024-rev2-")
    assert revision.pdf_sha256 != approved_review.pdf_sha256
    # The correction carries the decisions recorded at the first approval.
    assert [d["text"] for d in revision.frozen_figures["figures"]["decisions"]] == [d["text"] for d in DECISIONS]
    approved_review.refresh_from_db()
    assert approved_review.status == ReviewStatus.APPROVED


def test_a_changed_or_missing_stored_file_is_never_served(approved_review, media_root):
    from reviews.pdf import StoredPdfMissing

    path = media_root / approved_review.pdf.name
    original = path.read_bytes()
    path.write_bytes(original + b"\n% tampered\n")
    with pytest.raises(StoredPdfMissing, match="kontrollsumman"):
        review_pdf_bytes(approved_review)
    path.unlink()
    with pytest.raises(StoredPdfMissing, match="saknas"):
        review_pdf_bytes(approved_review)


def test_an_action_a_decision_created_cannot_be_deleted(approved_review):
    from django.db.models import ProtectedError

    action = approved_review.decisions.get(position=1).action
    with pytest.raises(ProtectedError):
        action.delete()
