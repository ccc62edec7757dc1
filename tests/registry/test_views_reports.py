"""Audit reports and recommendations in the browser: who may change which, the status rules, responses, progress
notes, comments, and what each organisation sees of a report addressed to several."""

import datetime

import pytest
from django.urls import reverse

from isms.models import Membership, Role
from isms.permissions import SESSION_KEY
from registry.models import AuditReportArea, DpoArea, Issuer, Recommendation, RecommendationStatus
from tests.factories import organisation

from .plan_builders import action, member, recommendation, report

pytestmark = pytest.mark.django_db


@pytest.fixture
def eav():
    return organisation("eav")


@pytest.fixture
def hsv():
    return organisation("hsv")


def signed_in(client, org, role):
    user = member(org, role)
    client.force_login(user)
    return user


def rec_url(action_name, *args):
    return reverse(f"registry:recommendations:{action_name}", args=args)


def report_url(action_name, *args):
    return reverse(f"registry:reports:{action_name}", args=args)


def form_data(rec, **changes):
    data = {
        "report": rec.report_id,
        "number": rec.number,
        "area": rec.area,
        "text": rec.text,
        "response": rec.response,
        "owner": rec.owner,
        "status": rec.status,
        "planned_year": rec.planned_year or "",
        "done_on": rec.done_on.isoformat() if rec.done_on else "",
        "not_pursued_reason": rec.not_pursued_reason,
        "version": rec.version,
    }
    data.update(changes)
    return data


# --- The DPO and recommendations ------------------------------------------------------------------------------------


def test_dpo_edits_a_recommendation_of_the_dpo_annual_report(client, eav):
    rec = recommendation(eav, report(eav, issuer=Issuer.DPO_ANNUAL_REPORT), area=DpoArea.BREACHES)
    dpo = signed_in(client, eav, Role.DPO)
    assert rec_url("update", rec.pk) in client.get(rec_url("detail", rec.pk)).content.decode()
    response = client.post(rec_url("update", rec.pk), form_data(rec, text="Uppdatera incidentrutinen"))
    assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.text == "Uppdatera incidentrutinen"
    assert rec.history.latest().history_user == dpo


ORGANISATIONS_SIDE = ("response", "owner", "due_date", "status", "planned_year", "done_on", "not_pursued_reason")


def test_the_dpos_recommendation_form_has_only_the_recommendation_and_ignores_the_organisations_side(client, eav):
    rep = report(eav, issuer=Issuer.DPO_ANNUAL_REPORT)
    rec = recommendation(eav, rep, number=1, response="Vi ser över rutinen.", owner="Kansliet")
    signed_in(client, eav, Role.DPO)
    for page_url in (rec_url("update", rec.pk), report_url("recommend", rep.pk), rec_url("create")):
        response = client.get(page_url)
        assert set(response.context["form"].fields) == {"report", "number", "area", "text", "version"}
        page = response.content.decode()
        assert 'name="text"' in page
        assert not any(f'name="{name}"' in page for name in ORGANISATIONS_SIDE), page_url
        assert "Svar" not in page and "Genomförd den" not in page

    hand_made = form_data(
        rec, text="Ny lydelse", response="Inget behövs", owner="DSO", status="done", done_on="2024-01-02"
    )
    assert client.post(rec_url("update", rec.pk), hand_made).status_code == 302
    rec.refresh_from_db()
    assert rec.text == "Ny lydelse"
    assert (rec.response, rec.owner, rec.status, rec.done_on) == ("Vi ser över rutinen.", "Kansliet", "open", None)

    new = {"report": rep.pk, "number": 2, "text": "Öva", "response": "Klart", "status": "done", "done_on": "2024-01-02"}
    assert client.post(report_url("recommend", rep.pk), new).status_code == 302
    created = Recommendation.objects.get(report=rep, number=2)
    assert (created.text, created.response, created.status, created.done_on) == ("Öva", "", "open", None)


def test_the_coordinators_recommendation_form_keeps_the_organisations_side(client, eav):
    rec = recommendation(eav, report(eav, issuer=Issuer.DPO_ANNUAL_REPORT))
    signed_in(client, eav, Role.COORDINATOR)
    fields = client.get(rec_url("update", rec.pk)).context["form"].fields
    assert set(ORGANISATIONS_SIDE) <= set(fields)
    assert client.post(rec_url("update", rec.pk), form_data(rec, response="Vi åtgärdar.")).status_code == 302
    rec.refresh_from_db()
    assert rec.response == "Vi åtgärdar."


def test_dpo_gets_403_on_a_city_audit_recommendation(client, eav):
    rec = recommendation(eav, report(eav, issuer=Issuer.CITY_AUDIT))
    signed_in(client, eav, Role.DPO)
    assert rec_url("update", rec.pk) not in client.get(rec_url("detail", rec.pk)).content.decode()
    assert client.get(rec_url("update", rec.pk)).status_code == 403
    assert client.post(rec_url("update", rec.pk), form_data(rec, text="Ändrad")).status_code == 403
    assert client.post(rec_url("delete", rec.pk)).status_code == 403
    rec.refresh_from_db()
    assert rec.text != "Ändrad"


def test_dpo_cannot_move_their_recommendation_to_another_kind_of_report(client, eav):
    rec = recommendation(eav, report(eav, issuer=Issuer.DPO_ANNUAL_REPORT))
    city = report(eav, issuer=Issuer.CITY_AUDIT)
    signed_in(client, eav, Role.DPO)
    response = client.post(rec_url("update", rec.pk), form_data(rec, report=city.pk))
    assert response.status_code == 200
    assert "report" in response.context["form"].errors
    rec.refresh_from_db()
    assert rec.report.issuer == Issuer.DPO_ANNUAL_REPORT


def test_head_contributor_and_reader_may_not_create_recommendations(client, eav):
    rep = report(eav, issuer=Issuer.DPO_ANNUAL_REPORT)
    for role in (Role.HEAD, Role.CONTRIBUTOR, Role.READER):
        signed_in(client, eav, role)
        data = {"report": rep.pk, "number": 1, "text": "Ny", "status": "open"}
        assert client.post(rec_url("create"), data).status_code == 403
        assert client.post(report_url("recommend", rep.pk), data).status_code == 403
        assert report_url("recommend", rep.pk) not in client.get(report_url("detail", rep.pk)).content.decode()
        assert rec_url("create") not in client.get(rec_url("list")).content.decode()
    assert not Recommendation.objects.exists()


def test_dpo_creates_a_recommendation_from_her_annual_report(client, eav):
    rep = report(eav, title="Dataskyddsombudets årsrapport 2023", issuer=Issuer.DPO_ANNUAL_REPORT)
    recommendation(eav, rep, number=1, area=DpoArea.RECORDS)
    dpo = signed_in(client, eav, Role.DPO)
    page = client.get(report_url("detail", rep.pk)).content.decode()
    assert "Ny rekommendation" in page and report_url("recommend", rep.pk) in page
    form = client.get(report_url("recommend", rep.pk)).context["form"]
    assert (form.initial["report"], form.initial["number"]) == (rep, 2)
    data = {"report": rep.pk, "number": 2, "area": DpoArea.BREACHES, "text": "Öva incidentrutinen", "status": "open"}
    response = client.post(report_url("recommend", rep.pk), data)
    rec = Recommendation.objects.get(report=rep, number=2)
    assert response["Location"] == rec_url("detail", rec.pk)
    assert (rec.organisation, rec.area, rec.created_by) == (eav, DpoArea.BREACHES, dpo)
    assert rec.history.get().history_user == dpo
    # She keeps it: edits it, and it stays with the DPO's annual reports.
    assert rec_url("update", rec.pk) in client.get(rec_url("detail", rec.pk)).content.decode()


def test_dpos_create_form_offers_only_dpo_annual_reports(client, eav, hsv):
    dpo_report = report(eav, title="Dataskyddsombudets årsrapport 2023", issuer=Issuer.DPO_ANNUAL_REPORT)
    city = report(eav, title="Stadsrevisionens granskning", issuer=Issuer.CITY_AUDIT)
    report(hsv, title="Annan förvaltnings årsrapport", issuer=Issuer.DPO_ANNUAL_REPORT)
    signed_in(client, eav, Role.DPO)
    assert 'href="/registry/recommendations/new/">Ny rekommendation</a>' in client.get(rec_url("list")).content.decode()
    response = client.get(rec_url("create"))
    assert response.status_code == 200
    assert list(response.context["form"].fields["report"].queryset) == [dpo_report]
    page = response.content.decode()
    assert "Dataskyddsombudets årsrapport 2023" in page
    assert "Stadsrevisionens granskning" not in page and "Annan förvaltnings årsrapport" not in page

    data = {"report": dpo_report.pk, "number": 1, "text": "Ny", "status": "open"}
    assert client.post(rec_url("create"), data).status_code == 302
    for forbidden in (city.pk, "x"):
        assert client.post(rec_url("create"), data | {"report": forbidden, "number": 2}).status_code == 403
    assert list(Recommendation.objects.values_list("report", flat=True)) == [dpo_report.pk]
    # From a city audit report's page: no button, and the page refuses her.
    assert report_url("recommend", city.pk) not in client.get(report_url("detail", city.pk)).content.decode()
    assert client.get(report_url("recommend", city.pk)).status_code == 403
    assert client.post(report_url("recommend", city.pk), data | {"report": city.pk}).status_code == 403


def test_dpo_without_an_annual_report_gets_no_create_button(client, eav):
    report(eav, issuer=Issuer.CITY_AUDIT)
    signed_in(client, eav, Role.DPO)
    assert rec_url("create") not in client.get(rec_url("list")).content.decode()
    assert client.get(rec_url("create")).status_code == 403


def test_the_coordinators_create_form_offers_every_report(client, eav):
    dpo_report, city = report(eav, issuer=Issuer.DPO_ANNUAL_REPORT), report(eav, issuer=Issuer.CITY_AUDIT)
    signed_in(client, eav, Role.COORDINATOR)
    form = client.get(rec_url("create")).context["form"]
    assert set(form.fields["report"].queryset) == {dpo_report, city}


def test_dpo_comments_on_a_recommendation_and_a_reader_cannot(client, eav):
    rec = recommendation(eav)
    dpo = signed_in(client, eav, Role.DPO)
    response = client.post(rec_url("comment", rec.pk), {"text": "Ange en tidplan för rutinen."}, follow=True)
    assert "Ange en tidplan för rutinen." in response.content.decode()
    assert f"· {dpo.username}" in response.content.decode()
    signed_in(client, eav, Role.READER)
    assert client.post(rec_url("comment", rec.pk), {"text": "Nej"}).status_code == 403


# --- Status rules, responses and notes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "field", "message"),
    [
        ("planned", "planned_year", "Ange vilket år rekommendationen är planerad att genomföras."),
        ("done", "done_on", "Ange datum då rekommendationen genomfördes."),
        ("not_pursued", "not_pursued_reason", "Skriv varför rekommendationen inte ska genomföras."),
    ],
)
def test_status_needs_its_year_date_or_reason(client, eav, status, field, message):
    rec = recommendation(eav)
    signed_in(client, eav, Role.COORDINATOR)
    response = client.post(rec_url("update", rec.pk), form_data(rec, status=status))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert message in response.content.decode()
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.OPEN


def test_planned_year_outside_the_allowed_range_is_a_field_error(client, eav):
    rec = recommendation(eav)
    signed_in(client, eav, Role.COORDINATOR)
    response = client.post(rec_url("update", rec.pk), form_data(rec, status="planned", planned_year=1999))
    assert response.context["form"].errors["planned_year"] == ["Ange ett årtal mellan 2000 och 2100."]


def test_a_number_already_used_in_the_report_is_a_field_error(client, eav):
    rep = report(eav)
    recommendation(eav, rep, number=1)
    signed_in(client, eav, Role.COORDINATOR)
    response = client.post(rec_url("create"), {"report": rep.pk, "number": 1, "text": "Dubblett", "status": "open"})
    assert response.status_code == 200
    assert "redan en rekommendation nummer 1" in response.context["form"].errors["number"][0]


def test_an_area_is_only_for_the_dpo_report(client, eav):
    rep = report(eav, issuer=Issuer.CITY_AUDIT)
    signed_in(client, eav, Role.COORDINATOR)
    data = {"report": rep.pk, "number": 1, "text": "X", "status": "open", "area": DpoArea.RECORDS}
    response = client.post(rec_url("create"), data)
    assert "area" in response.context["form"].errors


def test_only_reports_addressed_to_the_organisation_can_be_chosen(client, eav, hsv):
    theirs = report(hsv)
    signed_in(client, eav, Role.COORDINATOR)
    response = client.post(rec_url("create"), {"report": theirs.pk, "number": 1, "text": "X", "status": "open"})
    assert "report" in response.context["form"].errors
    assert not Recommendation.objects.exists()


def test_response_and_status_change_show_in_history(client, eav):
    rec = recommendation(eav)
    user = signed_in(client, eav, Role.COORDINATOR)
    data = form_data(rec, response="Rutinen tas fram under 2024.", status="planned", planned_year=2024)
    assert client.post(rec_url("update", rec.pk), data).status_code == 302
    rec.refresh_from_db()
    assert (rec.status, rec.planned_year, rec.version) == ("planned", 2024, 2)
    page = client.get(rec_url("detail", rec.pk)).content.decode()
    assert f"Ändrad av {user.username}" in page
    assert "Status: <del>Öppen</del> → <ins>Planerad</ins>" in page
    assert "Svar: <del>–</del> → <ins>Rutinen tas fram under 2024.</ins>" in page


def test_coordinator_adds_dated_progress_notes_and_they_are_kept(client, eav):
    rec = recommendation(eav)
    user = signed_in(client, eav, Role.COORDINATOR)
    for day, text in (("2023-05-02", "Ägarskap tydliggjort"), ("2024-01-15", "Rutinen på remiss")):
        response = client.post(rec_url("note", rec.pk), {"date": day, "text": text})
        assert response.status_code == 302 and response["Location"] == rec_url("detail", rec.pk)
    notes = list(rec.notes.order_by("date"))
    assert [(n.date, n.text, n.author) for n in notes] == [
        (datetime.date(2023, 5, 2), "Ägarskap tydliggjort", user),
        (datetime.date(2024, 1, 15), "Rutinen på remiss", user),
    ]
    assert notes[0].history.get().history_user == user
    page = client.get(rec_url("detail", rec.pk)).content.decode()
    assert page.index("2024-01-15") < page.index("2023-05-02")  # newest first
    assert "Ägarskap tydliggjort" in page


def test_an_incomplete_note_is_shown_again_with_what_to_fix(client, eav):
    rec = recommendation(eav)
    signed_in(client, eav, Role.COORDINATOR)
    response = client.post(rec_url("note", rec.pk), {"date": "2024-13-01", "text": "Halvfärdig"})
    assert response.status_code == 200
    assert response.context["form"].errors["date"] == ["Ange datum som ÅÅÅÅ-MM-DD, t.ex. 2024-03-01."]
    assert "Halvfärdig" in response.content.decode()
    assert not rec.notes.exists()


def test_notes_are_the_coordinators(client, eav, hsv):
    rec = recommendation(eav, report(eav, issuer=Issuer.DPO_ANNUAL_REPORT))
    for role in (Role.DPO, Role.READER, Role.HEAD):
        signed_in(client, eav, role)
        assert client.post(rec_url("note", rec.pk), {"date": "2024-01-01", "text": "X"}).status_code == 403
        assert "Spara lägesanteckning" not in client.get(rec_url("detail", rec.pk)).content.decode()
    signed_in(client, hsv, Role.COORDINATOR)
    assert client.post(rec_url("note", rec.pk), {"date": "2024-01-01", "text": "X"}).status_code == 404
    assert not rec.notes.exists()


def test_recommendation_with_notes_or_actions_is_not_deleted(client, eav):
    rec = recommendation(eav)
    action(eav, recommendation=rec)
    signed_in(client, eav, Role.COORDINATOR)
    assert rec_url("delete", rec.pk) not in client.get(rec_url("detail", rec.pk)).content.decode()
    response = client.post(rec_url("delete", rec.pk), follow=True)
    assert "kan inte tas bort" in response.content.decode()
    assert Recommendation.objects.filter(pk=rec.pk).exists()
    lone = recommendation(eav)
    assert client.post(rec_url("delete", lone.pk)).status_code == 302
    assert not Recommendation.objects.filter(pk=lone.pk).exists()


# --- Filters and list ---------------------------------------------------------------------------------------------


def listed(client, **params):
    response = client.get(rec_url("list"), params)
    assert response.status_code == 200
    return {row["obj"].pk for row in response.context["rows"]}


def test_filters_by_source_status_planned_year_and_missing_response(client, eav):
    dpo = recommendation(eav, report(eav, issuer=Issuer.DPO_ANNUAL_REPORT), response="Svar")
    city = recommendation(eav, report(eav, issuer=Issuer.CITY_AUDIT), status="planned", planned_year=2025)
    later = recommendation(eav, report(eav, issuer=Issuer.CITY_AUDIT), status="planned", planned_year=2026)
    signed_in(client, eav, Role.READER)
    assert listed(client, source="dpo_annual_report") == {dpo.pk}
    assert listed(client, status="planned") == {city.pk, later.pk}
    assert listed(client, planned_year="2025") == {city.pk}
    assert listed(client, no_response="yes") == {city.pk, later.pk}
    assert listed(client, no_response="no") == {dpo.pk}
    assert listed(client, q="svar") == {dpo.pk}
    assert listed(client, report=str(dpo.report_id)) == {dpo.pk}
    theirs = report(organisation("hsv"))
    assert client.get(rec_url("list"), {"report": theirs.pk}).context["filterset"].errors


def test_list_shows_report_number_shortened_text_and_status_label(client, eav):
    rep = report(eav, title="Dataskyddsombudets årsrapport 2022", issuer=Issuer.DPO_ANNUAL_REPORT)
    recommendation(eav, rep, number=3, text="Å" * 150, status="done", done_on=datetime.date(2023, 6, 1), owner="Chef")
    signed_in(client, eav, Role.READER)
    page = client.get(rec_url("list")).content.decode()
    assert "Dataskyddsombudets årsrapport 2022 – 3" in page
    assert "Å" * 99 + "…" in page and "Å" * 100 not in page
    assert "Genomförd 2023" in page and "Chef" in page


def test_list_is_ordered_by_report_then_number(client, eav):
    old, new = report(eav, date=datetime.date(2019, 4, 24)), report(eav, date=datetime.date(2023, 2, 28))
    rows = [recommendation(eav, new, number=2), recommendation(eav, old, number=1), recommendation(eav, new, number=1)]
    signed_in(client, eav, Role.READER)
    response = client.get(rec_url("list"))
    assert [r["obj"].pk for r in response.context["rows"]] == [rows[2].pk, rows[0].pk, rows[1].pk]


# --- Reports ----------------------------------------------------------------------------------------------------------


def test_a_new_report_is_addressed_to_the_current_organisation_only(client, eav, hsv):
    user = signed_in(client, eav, Role.COORDINATOR)
    data = {"issuer": "imy", "title": "Tillsyn", "date": "2024-03-01", "organisations": [hsv.pk]}
    response = client.post(report_url("create"), data)
    assert response.status_code == 302
    rep = eav.audit_reports.get()
    assert list(rep.organisations.all()) == [eav]
    assert {h.history_user for h in rep.history.all()} == {user}
    page = client.get(report_url("detail", rep.pk)).content.decode()
    assert "Riktad till: <del>–</del> → <ins>Förvaltning eav</ins>" in page


def test_editing_a_shared_report_keeps_its_addressees(client, eav, hsv):
    """By a coordinator of both (tests/registry/test_shared_reports.py: nobody else may edit it)."""
    rep = report(eav, hsv)
    user = signed_in(client, eav, Role.COORDINATOR)
    Membership.objects.create(user=user, organisation=hsv, role=Role.COORDINATOR)
    session = client.session
    session[SESSION_KEY] = eav.pk
    session.save()
    before = rep.history.count()
    data = {"issuer": rep.issuer, "title": "Ny titel", "date": "2023-02-28", "version": rep.version}
    data["organisations"] = [hsv.pk]
    assert client.post(report_url("update", rep.pk), data).status_code == 302
    assert set(rep.organisations.all()) == {eav, hsv}
    assert rep.history.count() == before + 1  # the edit, and no extra record for the addressees


def test_report_detail_shows_only_this_organisations_recommendations(client, eav, hsv):
    rep = report(eav, hsv)
    ours = recommendation(eav, rep, number=1, text="Vår rekommendation")
    recommendation(hsv, rep, number=1, text="Deras rekommendation")
    signed_in(client, eav, Role.READER)
    response = client.get(report_url("detail", rep.pk))
    page = response.content.decode()
    assert "Vår rekommendation" in page and rec_url("detail", ours.pk) in page
    assert "Deras rekommendation" not in page
    row = next(r for r in client.get(report_url("list")).context["rows"] if r["obj"].pk == rep.pk)
    assert (row["obj"].recommendation_count, row["obj"].unfinished_count) == (1, 1)


def test_dpo_report_detail_shows_the_six_areas_with_status_texts(client, eav, hsv):
    rep = report(eav, hsv, issuer=Issuer.DPO_ANNUAL_REPORT)
    AuditReportArea.objects.create(report=rep, organisation=eav, area=DpoArea.RECORDS, status_text="I stort sett klar")
    AuditReportArea.objects.create(report=rep, organisation=hsv, area=DpoArea.RECORDS, status_text="Hemligt för eav")
    recommendation(eav, rep, number=1, area=DpoArea.BREACHES, text="Uppdatera incidentrutinen")
    signed_in(client, eav, Role.READER)
    page = client.get(report_url("detail", rep.pk)).content.decode()
    for _code, label in DpoArea.choices:
        assert str(label) in page
    assert "I stort sett klar" in page and "Hemligt för eav" not in page
    assert page.index("Personuppgiftsincidenter") < page.index("Uppdatera incidentrutinen")


def test_a_recommendation_is_added_from_the_report_with_the_next_number(client, eav, hsv):
    rep = report(eav)
    recommendation(eav, rep, number=1)
    user = signed_in(client, eav, Role.COORDINATOR)
    form = client.get(report_url("recommend", rep.pk)).context["form"]
    assert (form.initial["report"], form.initial["number"]) == (rep, 2)
    response = client.post(
        report_url("recommend", rep.pk), {"report": rep.pk, "number": 2, "text": "Ny", "status": "open"}
    )
    rec = Recommendation.objects.get(number=2)
    assert response["Location"] == rec_url("detail", rec.pk)
    assert (rec.organisation, rec.created_by) == (eav, user)
    assert client.get(report_url("recommend", report(hsv).pk)).status_code == 404


def test_report_deletion_is_refused_while_it_has_recommendations_or_other_addressees(client, eav, hsv):
    with_recs = report(eav)
    recommendation(eav, with_recs)
    shared = report(eav, hsv)
    alone = report(eav)
    signed_in(client, eav, Role.COORDINATOR)
    for rep, reason in ((with_recs, "har rekommendationer"), (shared, "riktad även till Förvaltning hsv")):
        assert report_url("delete", rep.pk) not in client.get(report_url("detail", rep.pk)).content.decode()
        response = client.post(report_url("delete", rep.pk), follow=True)
        assert reason in response.content.decode()
        assert type(rep).objects.filter(pk=rep.pk).exists()
    assert client.post(report_url("delete", alone.pk)).status_code == 302
    assert not type(alone).objects.filter(pk=alone.pk).exists()


def test_reports_filter_by_issuer(client, eav):
    dpo, city = report(eav, issuer=Issuer.DPO_ANNUAL_REPORT), report(eav, issuer=Issuer.CITY_AUDIT)
    signed_in(client, eav, Role.READER)
    rows = client.get(report_url("list"), {"issuer": "city_audit"}).context["rows"]
    assert [r["obj"].pk for r in rows] == [city.pk]
    assert dpo.pk != city.pk


def test_a_save_over_a_newer_version_is_refused_and_the_input_kept(client, eav):
    rec = recommendation(eav)
    signed_in(client, eav, Role.COORDINATOR)
    form = client.get(rec_url("update", rec.pk)).context["form"]
    assert 'name="version"' in client.get(rec_url("update", rec.pk)).content.decode()
    first = form_data(rec, owner="Först", version=form.initial["version"])
    second = form_data(rec, owner="Sist", version=form.initial["version"])
    assert client.post(rec_url("update", rec.pk), first).status_code == 302
    response = client.post(rec_url("update", rec.pk), second)
    assert response.status_code == 200
    assert "Någon annan har sparat ändringar" in response.content.decode()
    assert 'value="Sist"' in response.content.decode()
    rec.refresh_from_db()
    assert rec.owner == "Först"


# --- The DPO's status texts per area ----------------------------------------------------------------------------------


def areas_data(client, rep, **texts):
    form = client.get(report_url("areas", rep.pk)).context["form"]
    data = {code: form.initial.get(code, form.fields[code].initial) for code, _label in DpoArea.choices}
    return data | {"versions": form.initial["versions"]} | texts


def test_dpo_writes_the_status_texts_of_the_areas_for_the_organisation(client, eav, hsv):
    rep = report(eav, hsv, issuer=Issuer.DPO_ANNUAL_REPORT)
    AuditReportArea.objects.create(report=rep, organisation=hsv, area=DpoArea.RECORDS, status_text="hsv:s text")
    dpo = signed_in(client, eav, Role.DPO)
    page = client.get(report_url("detail", rep.pk)).content.decode()
    assert report_url("areas", rep.pk) in page
    data = areas_data(client, rep, records="Registerförteckningen är fullständig.", dpia="")
    response = client.post(report_url("areas", rep.pk), data)
    assert response.status_code == 302
    area = AuditReportArea.objects.get(report=rep, organisation=eav)  # blank areas add no row
    assert (area.area, area.status_text, area.history.get().history_user) == ("records", data["records"], dpo)
    assert AuditReportArea.objects.get(report=rep, organisation=hsv).status_text == "hsv:s text"
    data = areas_data(client, rep, records="Uppdaterad.")
    assert client.post(report_url("areas", rep.pk), data).status_code == 302
    area.refresh_from_db()
    assert (area.status_text, area.version, area.history.count()) == ("Uppdaterad.", 2, 2)
    assert "Uppdaterad." in client.get(report_url("detail", rep.pk)).content.decode()


def test_area_texts_saved_over_a_newer_version_are_refused(client, eav):
    rep = report(eav, issuer=Issuer.DPO_ANNUAL_REPORT)
    signed_in(client, eav, Role.COORDINATOR)
    stale = areas_data(client, rep, records="Min text")
    assert client.post(report_url("areas", rep.pk), areas_data(client, rep, records="Först")).status_code == 302
    response = client.post(report_url("areas", rep.pk), stale)
    assert response.status_code == 200
    assert "Någon annan har sparat ändringar" in response.content.decode()
    assert "Min text" in response.content.decode()
    assert AuditReportArea.objects.get().status_text == "Först"


def test_area_texts_only_for_the_dpo_report_and_by_the_dpo_or_coordinator(client, eav, hsv):
    dpo_report, city = report(eav, issuer=Issuer.DPO_ANNUAL_REPORT), report(eav)
    signed_in(client, eav, Role.COORDINATOR)
    assert client.get(report_url("areas", city.pk)).status_code == 404
    for role in (Role.READER, Role.HEAD, Role.CONTRIBUTOR):
        signed_in(client, eav, role)
        assert client.post(report_url("areas", dpo_report.pk), {"records": "X"}).status_code == 403
    signed_in(client, hsv, Role.DPO)
    assert client.get(report_url("areas", dpo_report.pk)).status_code == 404
    assert not AuditReportArea.objects.exists()


def test_an_action_is_added_from_the_recommendation_in_its_planned_year(client, eav, hsv):
    rec = recommendation(eav, status="planned", planned_year=2025)
    action(eav, plan_year=2025, position=4)
    user = signed_in(client, eav, Role.COORDINATOR)
    form = client.get(rec_url("action", rec.pk)).context["form"]
    assert (form.initial["recommendation"], form.initial["plan_year"]) == (rec, 2025)
    assert form["position"].value() is None  # empty: last in the year chosen when saved
    data = {"plan_year": 2025, "position": "", "title": "Ta fram rutinen", "theme": "steering", "priority": 2}
    response = client.post(rec_url("action", rec.pk), data | {"status": "planned", "recommendation": rec.pk})
    created = rec.actions.get()
    assert response["Location"] == reverse("registry:actions:detail", args=[created.pk])
    assert (created.organisation, created.created_by, created.title, created.position) == (
        eav,
        user,
        "Ta fram rutinen",
        5,
    )
    signed_in(client, eav, Role.DPO)
    assert client.get(rec_url("action", rec.pk)).status_code == 403
    signed_in(client, hsv, Role.COORDINATOR)
    assert client.get(rec_url("action", rec.pk)).status_code == 404
