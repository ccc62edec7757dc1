"""Control checks, the action plan, steering documents and external factors in the browser: their validation,
filters, list layout and when deletion is refused."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from isms.models import Role
from registry.models import Action
from reviews.models import Decision, ManagementReview, ReviewFactor
from tests.factories import organisation
from tests.formdata import form_data

from .plan_builders import action, control, document, factor, member, recommendation, report

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def eav():
    return organisation("eav")


@pytest.fixture
def coordinator(client, eav):
    user = member(eav, Role.COORDINATOR)
    client.force_login(user)
    return user


def url(slug, action_name, *args):
    return reverse(f"registry:{slug}:{action_name}", args=args)


def listed(client, slug, **params):
    response = client.get(url(slug, "list"), params)
    assert response.status_code == 200
    return [row["obj"].pk for row in response.context["rows"]]


# --- Control checks ---------------------------------------------------------------------------------------------------


def test_control_remedied_may_not_exceed_found(client, eav, coordinator):
    data = {"plan_year": 2024, "process": "Behörigheter", "control": "Stickprov", "method": "Stickprov"}
    response = client.post(url("controls", "create"), {**data, "deviations_found": 2, "deviations_remedied": 3})
    assert response.status_code == 200
    assert response.context["form"].errors["deviations_remedied"] == [
        "Åtgärdade avvikelser kan inte vara fler än de 2 avvikelser som hittades."
    ]
    response = client.post(url("controls", "create"), {**data, "deviations_found": 2, "deviations_remedied": 2})
    assert response.status_code == 302


def test_control_plan_year_is_checked(client, eav, coordinator):
    data = {"plan_year": 1999, "process": "P", "control": "K", "method": "Stickprov"}
    data |= {"deviations_found": 0, "deviations_remedied": 0}
    response = client.post(url("controls", "create"), data)
    assert response.context["form"].errors["plan_year"] == ["Ange ett årtal mellan 2000 och 2100."]


def test_controls_filter_by_plan_year_and_open_deviations(client, eav, coordinator):
    open_ = control(eav, plan_year=2023, deviations_found=2, deviations_remedied=1)
    closed = control(eav, plan_year=2023, deviations_found=1, deviations_remedied=1)
    later = control(eav, plan_year=2024)
    assert set(listed(client, "controls", plan_year="2023")) == {open_.pk, closed.pk}
    assert listed(client, "controls", open_deviations="yes") == [open_.pk]
    assert set(listed(client, "controls", open_deviations="no")) == {closed.pk, later.pk}
    choices = [c[0] for c in client.get(url("controls", "list")).context["filterset"].form.fields["plan_year"].choices]
    assert choices == ["", 2024, 2023]


# --- Actions --------------------------------------------------------------------------------------------------------


def action_data(**changes):
    data = {"plan_year": 2024, "position": 1, "title": "Åtgärd", "theme": "other", "priority": 2, "status": "planned"}
    return data | changes


def test_done_action_needs_its_date(client, eav, coordinator):
    response = client.post(url("actions", "create"), action_data(status="done"))
    assert response.context["form"].errors["done_on"] == ["Ange datum då åtgärden genomfördes."]
    assert client.post(url("actions", "create"), action_data(status="done", done_on="2024-05-01")).status_code == 302


def positions(org, year) -> list[tuple[str, int]]:
    return list(org.actions.filter(plan_year=year).order_by("position", "id").values_list("title", "position"))


def test_the_new_action_form_leaves_the_position_empty_and_says_it_then_goes_last(client, eav, coordinator):
    action(eav, plan_year=2024, position=1)
    form = client.get(url("actions", "create")).context["form"]
    assert form["position"].value() is None
    assert not form.fields["position"].required
    assert form.fields["position"].help_text == (
        "Åtgärdens plats i årets lista (1 först). Lämna tomt för att lägga den sist i det valda planåret."
    )


def test_a_new_action_without_a_position_goes_last_in_the_year_chosen(client, eav, coordinator):
    action(eav, plan_year=2024, position=1, title="Första 2024")
    action(eav, plan_year=2024, position=2, title="Andra 2024")
    action(eav, plan_year=2025, position=7, title="Sjunde 2025")
    action(organisation("hsv"), plan_year=2025, position=9, title="Annan organisation")

    assert (
        client.post(url("actions", "create"), action_data(plan_year=2025, position="", title="Ny")).status_code == 302
    )
    assert (
        client.post(url("actions", "create"), action_data(plan_year=2026, position="", title="Först")).status_code
        == 302
    )

    assert positions(eav, 2025) == [("Sjunde 2025", 7), ("Ny", 8)]
    assert positions(eav, 2026) == [("Först", 1)]
    assert positions(eav, 2024) == [("Första 2024", 1), ("Andra 2024", 2)]
    assert eav.actions.get(title="Ny").history.first().history_user == coordinator


def test_the_action_from_a_recommendation_goes_last_in_the_year_the_user_changes_to(client, eav, coordinator):
    rec = recommendation(eav, status="planned", planned_year=2025)
    for position in (1, 2, 3, 4):
        action(eav, plan_year=2025, position=position)
    action(eav, plan_year=2024, position=1, title="Första 2024")
    form = client.get(reverse("registry:recommendations:action", args=[rec.pk])).context["form"]
    assert form["plan_year"].value() == 2025

    data = form_data(form) | {"plan_year": "2024", "title": "Ta fram rutinen"}  # the year changed, nothing else
    response = client.post(reverse("registry:recommendations:action", args=[rec.pk]), data)

    assert response.status_code == 302
    assert positions(eav, 2024) == [("Första 2024", 1), ("Ta fram rutinen", 2)]
    assert rec.actions.get().position == 2


def test_an_action_whose_position_is_emptied_moves_last_in_its_new_year(client, eav, coordinator):
    moved = action(eav, plan_year=2024, position=1, title="Flyttas")
    action(eav, plan_year=2025, position=1, title="Första 2025")
    action(eav, plan_year=2025, position=2, title="Andra 2025")
    form = client.get(url("actions", "update", moved.pk)).context["form"]

    data = form_data(form) | {"plan_year": "2025", "position": ""}
    assert client.post(url("actions", "update", moved.pk), data).status_code == 302

    assert positions(eav, 2025) == [("Första 2025", 1), ("Andra 2025", 2), ("Flyttas", 3)]
    # Emptied again in the same year, it stays last (it does not count itself).
    data = form_data(client.get(url("actions", "update", moved.pk)).context["form"]) | {"position": ""}
    assert client.post(url("actions", "update", moved.pk), data).status_code == 302
    assert positions(eav, 2025)[-1] == ("Flyttas", 3)


def test_an_action_created_in_code_without_a_position_goes_last():
    org = organisation("kod")
    Action.objects.create(organisation=org, plan_year=2024, title="a", position=3)
    assert Action.objects.create(organisation=org, plan_year=2024, title="b").position == 4
    assert Action.objects.create(organisation=org, plan_year=2030, title="c").position == 1


def test_action_answers_only_the_organisations_own_recommendations(client, eav, coordinator):
    ours = recommendation(eav)
    theirs = recommendation(organisation("hsv"))
    response = client.post(url("actions", "create"), action_data(recommendation=theirs.pk))
    assert "recommendation" in response.context["form"].errors
    response = client.post(url("actions", "create"), action_data(recommendation=ours.pk))
    assert response.status_code == 302
    created = eav.actions.get()
    page = client.get(url("actions", "detail", created.pk)).content.decode()
    assert url("recommendations", "detail", ours.pk) in page
    rec_page = client.get(url("recommendations", "detail", ours.pk)).content.decode()
    assert url("actions", "detail", created.pk) in rec_page


def test_actions_filter_by_year_status_theme_and_overdue(client, eav, coordinator):
    today = timezone.localdate()
    past, future = today - datetime.timedelta(days=1), today + datetime.timedelta(days=1)
    late = action(eav, plan_year=2024, due_date=past, theme="incidents")
    due_today = action(eav, plan_year=2024, due_date=today, status="started")
    done = action(eav, plan_year=2025, due_date=past, status="done", done_on=past)
    cancelled = action(eav, plan_year=2025, due_date=past, status="cancelled")
    undated = action(eav, plan_year=2025, due_date=None)
    upcoming = action(eav, plan_year=2026, due_date=future)
    assert listed(client, "actions", overdue="yes") == [late.pk]
    assert set(listed(client, "actions", overdue="no")) == {
        due_today.pk,
        done.pk,
        cancelled.pk,
        undated.pk,
        upcoming.pk,
    }
    assert set(listed(client, "actions", plan_year="2025")) == {done.pk, cancelled.pk, undated.pk}
    assert listed(client, "actions", status="started") == [due_today.pk]
    assert listed(client, "actions", theme="incidents") == [late.pk]
    page = client.get(url("actions", "list")).content.decode()
    assert page.count("Försenad</span>") == 1


def test_action_plan_is_grouped_by_year_in_plan_order(client, eav, coordinator):
    second = action(eav, plan_year=2024, position=2, title="Andra")
    first = action(eav, plan_year=2024, position=1, title="Första")
    next_year = action(eav, plan_year=2025, position=1, title="Nästa år")
    response = client.get(url("actions", "list"))
    assert [r["obj"].pk for r in response.context["rows"]] == [first.pk, second.pk, next_year.pk]
    page = response.content.decode()
    assert page.index("Planerat år 2024") < page.index("Första") < page.index("Andra") < page.index("Planerat år 2025")
    assert 'scope="rowgroup"' in page
    newest_first = client.get(url("actions", "list"), {"sort": "-plan_year,position"})
    assert [r["obj"].pk for r in newest_first.context["rows"]] == [next_year.pk, second.pk, first.pk]
    by_title = client.get(url("actions", "list"), {"sort": "title"})
    assert [r["obj"].pk for r in by_title.context["rows"]] == [second.pk, first.pk, next_year.pk]
    assert "Planerat år 2024" not in by_title.content.decode()


def test_action_decided_in_a_review_is_not_deleted(client, eav, coordinator):
    decided, free = action(eav), action(eav)
    review = ManagementReview.objects.create(organisation=eav, plan_year=2024, cutoff_date=D(2023, 9, 30))
    Decision.objects.create(review=review, text="Ta fram en rutin", action=decided)
    response = client.post(url("actions", "delete", decided.pk), follow=True)
    assert "beslutades i ledningens genomgång" in response.content.decode()
    assert eav.actions.filter(pk=decided.pk).exists()
    assert client.post(url("actions", "delete", free.pk)).status_code == 302
    assert not eav.actions.filter(pk=free.pk).exists()


# --- Steering documents ---------------------------------------------------------------------------------------------


def test_adopted_document_needs_its_date(client, eav, coordinator):
    data = {"title": "Informationssäkerhetspolicy", "kind": "policy", "status": "adopted"}
    response = client.post(url("documents", "create"), data)
    assert response.context["form"].errors["adopted_on"] == ["Ange när dokumentet fastställdes."]
    data |= {"adopted_on": "2023-06-01", "last_reviewed_on": "2024-01-01", "next_review_on": "2023-12-31"}
    response = client.post(url("documents", "create"), data)
    assert response.context["form"].errors["next_review_on"] == [
        "Nästa översyn kan inte ligga före den senaste översynen."
    ]


def test_documents_filter_by_status_kind_required_and_review_due(client, eav, coordinator):
    today = timezone.localdate()
    due = document(eav, kind="routine", required=True, next_review_on=today - datetime.timedelta(days=1))
    current = document(eav, kind="policy", status="adopted", adopted_on=D(2023, 1, 1), next_review_on=today)
    undated = document(eav, kind="routine", status="missing", required=True)
    assert listed(client, "documents", review_due="yes") == [due.pk]
    assert set(listed(client, "documents", review_due="no")) == {current.pk, undated.pk}
    assert set(listed(client, "documents", required="yes")) == {due.pk, undated.pk}
    assert listed(client, "documents", required="no") == [current.pk]
    assert listed(client, "documents", kind="policy") == [current.pk]
    assert listed(client, "documents", status="missing") == [undated.pk]
    assert client.get(url("documents", "list")).content.decode().count("Dags för översyn</span>") == 1


# --- External factors -------------------------------------------------------------------------------------------------


def test_factor_end_may_not_precede_its_start(client, eav, coordinator):
    data = {"title": "NIS2", "category": "law", "text": "T", "position": 0}
    response = client.post(url("factors", "create"), data | {"valid_from": "2024-01-01", "valid_to": "2023-12-31"})
    assert response.context["form"].errors["valid_to"] == [
        "Slutdatumet kan inte ligga före datumet då faktorn började gälla."
    ]


def test_factors_filter_by_category_and_in_force(client, eav, coordinator):
    today = timezone.localdate()
    open_ended = factor(eav, category="law")
    last_day = factor(eav, category="budget", valid_to=today)
    ended = factor(eav, category="budget", valid_to=today - datetime.timedelta(days=1))
    assert set(listed(client, "factors", in_force="yes")) == {open_ended.pk, last_day.pk}
    assert listed(client, "factors", in_force="no") == [ended.pk]
    assert set(listed(client, "factors", category="budget")) == {last_day.pk, ended.pk}


def test_factor_in_a_review_is_not_deleted(client, eav, coordinator):
    used, unused = factor(eav), factor(eav)
    review = ManagementReview.objects.create(organisation=eav, plan_year=2024, cutoff_date=D(2023, 9, 30))
    ReviewFactor.objects.create(review=review, factor=used)
    assert url("factors", "delete", used.pk) not in client.get(url("factors", "detail", used.pk)).content.decode()
    response = client.post(url("factors", "delete", used.pk), follow=True)
    assert "ingår i en ledningens genomgång" in response.content.decode()
    assert client.post(url("factors", "delete", unused.pk)).status_code == 302
    assert list(eav.external_factors.all()) == [used]


def test_reports_and_recommendations_link_each_other(client, eav, coordinator):
    rep = report(eav)
    rec = recommendation(eav, rep)
    assert url("reports", "detail", rep.pk) in client.get(url("recommendations", "detail", rec.pk)).content.decode()


def test_a_steering_document_is_nytt_not_ny(client, eav, coordinator):
    for page in (client.get(url("documents", "list")), client.get(url("documents", "create"))):
        assert "Nytt styrdokument" in page.content.decode() and "Ny styrdokument" not in page.content.decode()
    assert "Ny åtgärd" in client.get(url("actions", "list")).content.decode()
