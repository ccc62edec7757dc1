"""An audit report addressed to several organisations (issue 9): its common fields (issuer, title, number, date,
addressees …) are changed only by a coordinator in every addressed organisation or by the installation's
administrator; its issuer does not cross the DPO annual report's line while it has recommendations; each addressed
organisation changes only its own recommendations, responses and area texts; and a coordinator of several
organisations addresses a report to them in the browser."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from isms.models import Membership, Role
from isms.permissions import SESSION_KEY
from registry.forms.audits import AuditReportForm
from registry.models import AuditReport, AuditReportArea, DpoArea, Issuer, Recommendation
from tests.factories import organisation
from tests.formdata import form_data

from .plan_builders import member, recommendation, report

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def eav():
    return organisation("eav")


@pytest.fixture
def hsv():
    return organisation("hsv")


def report_url(action_name, *args):
    return reverse(f"registry:reports:{action_name}", args=args)


def rec_url(action_name, *args):
    return reverse(f"registry:recommendations:{action_name}", args=args)


def sign_in(client, user, org):
    """Sign `user` in, working in `org` (as after choosing it on the organisation page)."""
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = org.pk
    session.save()


def coordinator_of(*orgs, username=None):
    user = get_user_model().objects.create_user(username or f"samordnare-{'-'.join(o.code for o in orgs)}")
    for org in orgs:
        Membership.objects.create(user=user, organisation=org, role=Role.COORDINATOR)
    return user


def edit_data(rep, **changes):
    data = {
        "issuer": rep.issuer,
        "title": rep.title,
        "number": rep.number,
        "diarienummer": rep.diarienummer,
        "date": rep.date.isoformat(),
        "overall_verdict": rep.overall_verdict,
        "version": rep.version,
    }
    return data | changes


def snapshot(rep):
    rep = AuditReport.objects.get(pk=rep.pk)
    return (
        rep.issuer,
        rep.title,
        rep.version,
        rep.history.count(),
        set(rep.organisations.values_list("code", flat=True)),
    )


# --- Common fields: only a coordinator of every addressee --------------------------------------------------------


def test_a_coordinator_of_one_addressee_cannot_change_a_shared_report(client, eav, hsv):
    rep = report(eav, hsv, title="Stadsrevisionens granskning")
    recommendation(hsv, rep, number=1, text="Deras rekommendation")
    sign_in(client, coordinator_of(eav), eav)
    before = snapshot(rep)

    page = client.get(report_url("detail", rep.pk)).content.decode()
    assert report_url("update", rep.pk) not in page
    assert "Granskningen är riktad även till Förvaltning hsv, där du inte är informationssäkerhetssamordnare" in page
    assert client.get(report_url("update", rep.pk)).status_code == 403
    for changes in ({"title": "Kapad titel"}, {"issuer": Issuer.DPO_ANNUAL_REPORT}, {"issuer": Issuer.IMY}):
        response = client.post(report_url("update", rep.pk), edit_data(rep, **changes))
        assert response.status_code == 403
        assert "där du inte är informationssäkerhetssamordnare" in response.content.decode()
    assert snapshot(rep) == before


def test_the_service_refuses_a_coordinator_of_one_addressee(eav, hsv):
    from registry.services import audit_report_update

    rep = report(eav, hsv)
    user = coordinator_of(eav)
    form = AuditReportForm(edit_data(rep, title="Kapad titel"), instance=rep, organisation=eav)
    assert form.is_valid(), form.errors
    before = snapshot(rep)

    with pytest.raises(PermissionDenied):
        audit_report_update(form=form, user=user, expected_version=rep.version)

    assert snapshot(rep) == before


def test_a_coordinator_of_every_addressee_changes_the_shared_report(client, eav, hsv):
    rep = report(eav, hsv, title="Gammal titel")
    user = coordinator_of(eav, hsv)
    sign_in(client, user, eav)
    assert report_url("update", rep.pk) in client.get(report_url("detail", rep.pk)).content.decode()
    form = client.get(report_url("update", rep.pk)).context["form"]
    assert list(form.fields["organisations"].queryset) == [hsv]
    assert list(form["organisations"].value()) == [hsv.pk]

    response = client.post(
        report_url("update", rep.pk), edit_data(rep, title="Ny titel", issuer=Issuer.IMY, organisations=[hsv.pk])
    )

    assert response.status_code == 302
    rep.refresh_from_db()
    assert (rep.title, rep.issuer, rep.version) == ("Ny titel", Issuer.IMY, 2)
    assert set(rep.organisations.all()) == {eav, hsv}
    assert rep.history.latest().history_user == user


def test_a_coordinator_of_both_edits_from_either_organisation_without_dropping_the_other(client, eav, hsv):
    rep = report(eav, hsv)
    sign_in(client, coordinator_of(eav, hsv), hsv)
    # The form as the browser posts it: hsv, where the user works now, is not a choice but stays an addressee.
    data = form_data(client.get(report_url("update", rep.pk)).context["form"])
    assert data["organisations"] == [str(eav.pk)]
    history = rep.history.count()
    assert client.post(report_url("update", rep.pk), data | {"title": "Från hsv"}).status_code == 302
    assert snapshot(rep)[1:] == ("Från hsv", 2, history + 1, {"eav", "hsv"})


def test_the_administrator_may_change_a_shared_reports_common_fields(client, eav, hsv):
    rep = report(eav, hsv)
    admin = get_user_model().objects.create_superuser("forvaltare")
    Membership.objects.create(user=admin, organisation=eav, role=Role.COORDINATOR)
    sign_in(client, admin, eav)
    history = rep.history.count()
    assert client.post(report_url("update", rep.pk), edit_data(rep, title="Rättad titel")).status_code == 302
    assert snapshot(rep)[1:] == ("Rättad titel", 2, history + 1, {"eav", "hsv"})


# --- The issuer's line: the DPO annual report ----------------------------------------------------------------------


ISSUER_LOCK = "Utfärdaren kan inte ändras till eller från Dataskyddsombudets årsrapport"


@pytest.mark.parametrize(
    ("before", "after"), [(Issuer.CITY_AUDIT, Issuer.DPO_ANNUAL_REPORT), (Issuer.DPO_ANNUAL_REPORT, Issuer.IMY)]
)
def test_the_issuer_does_not_cross_the_dpo_line_while_there_are_recommendations(client, eav, hsv, before, after):
    rep = report(eav, hsv, issuer=before)
    recommendation(hsv, rep, number=1)
    sign_in(client, coordinator_of(eav, hsv), eav)
    snap = snapshot(rep)

    response = client.post(report_url("update", rep.pk), edit_data(rep, issuer=after, organisations=[hsv.pk]))

    assert response.status_code == 200
    assert ISSUER_LOCK in response.context["form"].errors["issuer"][0]
    assert ISSUER_LOCK in response.content.decode()
    assert snapshot(rep) == snap


def test_the_issuer_changes_freely_without_recommendations_and_within_its_side(client, eav):
    empty = report(eav, issuer=Issuer.CITY_AUDIT)
    with_recommendation = report(eav, issuer=Issuer.CITY_AUDIT)
    recommendation(eav, with_recommendation)
    sign_in(client, coordinator_of(eav), eav)
    for rep, issuer in ((empty, Issuer.DPO_ANNUAL_REPORT), (with_recommendation, Issuer.CONSULTANT)):
        assert client.post(report_url("update", rep.pk), edit_data(rep, issuer=issuer)).status_code == 302
        rep.refresh_from_db()
        assert rep.issuer == issuer


def admin_data(response) -> dict:
    """The admin change form as the browser posts it unchanged: the report's fields and its inlines."""
    data = form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        data |= form_data(inline.formset.management_form)
        for form in inline.formset.forms:
            data |= form_data(form)
    return data


def test_the_admin_keeps_the_issuer_lock_but_lets_the_administrator_change_common_fields(client, eav, hsv):
    rep = report(eav, hsv, issuer=Issuer.CITY_AUDIT)
    recommendation(hsv, rep, number=1)
    client.force_login(get_user_model().objects.create_superuser("forvaltare"))
    url = reverse("admin:registry_auditreport_change", args=[rep.pk])
    data = admin_data(client.get(url))

    response = client.post(url, data | {"issuer": Issuer.DPO_ANNUAL_REPORT})
    assert response.status_code == 200
    assert ISSUER_LOCK in response.content.decode()
    rep.refresh_from_db()
    assert rep.issuer == Issuer.CITY_AUDIT

    response = client.post(url, data | {"title": "Rättad av förvaltaren", "issuer": Issuer.INTERNAL_CONTROL})
    assert response.status_code == 302
    rep.refresh_from_db()
    assert (rep.title, rep.issuer) == ("Rättad av förvaltaren", Issuer.INTERNAL_CONTROL)


def test_the_admin_does_not_remove_an_addressee_with_recommendations(client, eav, hsv):
    rep = report(eav, hsv)
    recommendation(hsv, rep, number=1)
    client.force_login(get_user_model().objects.create_superuser("forvaltare"))
    url = reverse("admin:registry_auditreport_change", args=[rep.pk])
    data = admin_data(client.get(url))

    response = client.post(url, data | {"organisations": [str(eav.pk)]})

    assert response.status_code == 200
    assert "Förvaltning hsv har rekommendationer i granskningen" in response.content.decode()
    assert set(rep.organisations.all()) == {eav, hsv}


# --- Each organisation's own rows ----------------------------------------------------------------------------------


def test_another_addressees_recommendations_responses_and_area_texts_are_not_changed_from_here(client, eav, hsv):
    rep = report(eav, hsv, issuer=Issuer.DPO_ANNUAL_REPORT)
    theirs = recommendation(hsv, rep, number=1, area=DpoArea.RECORDS, text="Deras", response="Deras svar")
    AuditReportArea.objects.create(report=rep, organisation=hsv, area=DpoArea.RECORDS, status_text="Deras text")
    for role in (Role.COORDINATOR, Role.DPO):
        sign_in(client, member(eav, role), eav)
        hand_made = {"report": rep.pk, "number": 1, "text": "Ändrad", "response": "Ändrat svar", "status": "open"}
        for url in (rec_url("update", theirs.pk), rec_url("note", theirs.pk), rec_url("action", theirs.pk)):
            assert client.get(url).status_code == 404
            assert client.post(url, hand_made | {"date": "2024-01-01"}).status_code == 404
        assert client.post(rec_url("delete", theirs.pk)).status_code == 404
        # eav's area form writes eav's texts only.
        form = client.get(report_url("areas", rep.pk)).context["form"]
        data = {code: "" for code, _label in DpoArea.choices} | {"versions": form.initial["versions"]}
        assert client.post(report_url("areas", rep.pk), data | {"records": "Vår text"}).status_code == 302
        # A recommendation posted from eav is eav's, whatever the POST says.
        response = client.post(report_url("recommend", rep.pk), hand_made | {"organisation": hsv.pk, "number": 7})
        assert response.status_code == 302
        assert Recommendation.objects.get(report=rep, number=7).organisation == eav
        Recommendation.objects.filter(report=rep, number=7).delete()
    theirs.refresh_from_db()
    assert (theirs.text, theirs.response, theirs.version, theirs.notes.count(), theirs.actions.count()) == (
        "Deras",
        "Deras svar",
        1,
        0,
        0,
    )
    area = AuditReportArea.objects.get(report=rep, organisation=hsv)
    assert (area.status_text, area.version) == ("Deras text", 1)
    assert AuditReportArea.objects.get(report=rep, organisation=eav).status_text == "Vår text"


# --- Addressing a report to several organisations in the browser -------------------------------------------------


def test_a_coordinator_of_several_organisations_addresses_a_new_report_to_them(client, eav, hsv):
    other = organisation("sdf")
    user = coordinator_of(eav, hsv)
    Membership.objects.create(user=user, organisation=other, role=Role.READER)
    sign_in(client, user, eav)
    response = client.get(report_url("create"))
    form = response.context["form"]
    assert list(form.fields["organisations"].queryset) == [hsv]  # not eav (always), not sdf (only a reader there)
    page = response.content.decode()
    assert "Riktad även till" in page and "Granskningen riktas alltid till Förvaltning eav" in page
    assert f'name="organisations" value="{hsv.pk}"' in page and f'value="{other.pk}"' not in page

    data = {"issuer": Issuer.CITY_AUDIT, "title": "Gemensam granskning", "date": "2024-03-01"}
    refused = client.post(report_url("create"), data | {"organisations": [hsv.pk, other.pk]})
    assert refused.status_code == 200
    assert "där du är informationssäkerhetssamordnare" in refused.context["form"].errors["organisations"][0]
    assert not AuditReport.objects.exists()

    response = client.post(report_url("create"), data | {"organisations": [hsv.pk]})

    assert response.status_code == 302
    rep = AuditReport.objects.get()
    assert set(rep.organisations.all()) == {eav, hsv}
    assert {h.history_user for h in rep.history.all()} == {user}
    # hsv sees it too.
    sign_in(client, user, hsv)
    assert client.get(report_url("detail", rep.pk)).status_code == 200


def test_a_coordinator_of_one_organisation_sees_no_addressee_choice(client, eav, hsv):
    sign_in(client, coordinator_of(eav), eav)
    form = client.get(report_url("create")).context["form"]
    assert "organisations" not in form.fields
    data = {"issuer": Issuer.CITY_AUDIT, "title": "Egen granskning", "date": "2024-03-01", "organisations": [hsv.pk]}
    assert client.post(report_url("create"), data).status_code == 302
    assert list(AuditReport.objects.get().organisations.all()) == [eav]


def test_an_addressee_with_recommendations_is_not_removed(client, eav, hsv):
    rep = report(eav, hsv)
    recommendation(hsv, rep, number=1)
    user = coordinator_of(eav, hsv)
    sign_in(client, user, eav)
    snap = snapshot(rep)

    response = client.post(report_url("update", rep.pk), edit_data(rep, organisations=[]))

    assert response.status_code == 200
    message = response.context["form"].errors["organisations"][0]
    assert message.startswith("Förvaltning hsv har rekommendationer i granskningen och kan därför inte tas bort")
    assert message in response.content.decode()
    assert snapshot(rep) == snap

    # Without recommendations (or area texts) the addressee goes, and the history says so, with its user.
    Recommendation.objects.filter(report=rep).delete()
    assert client.post(report_url("update", rep.pk), edit_data(rep, organisations=[])).status_code == 302
    assert set(rep.organisations.all()) == {eav}
    assert rep.history.latest().history_user == user
    page = client.get(report_url("detail", rep.pk)).content.decode()
    assert "Riktad till: <del>Förvaltning eav, Förvaltning hsv</del> → <ins>Förvaltning eav</ins>" in page


def test_an_addressee_with_area_texts_is_not_removed(client, eav, hsv):
    rep = report(eav, hsv, issuer=Issuer.DPO_ANNUAL_REPORT)
    AuditReportArea.objects.create(report=rep, organisation=hsv, area=DpoArea.RIGHTS, status_text="Deras text")
    sign_in(client, coordinator_of(eav, hsv), eav)
    response = client.post(report_url("update", rep.pk), edit_data(rep, organisations=[]))
    assert response.status_code == 200
    assert (
        "Förvaltning hsv har bedömningar per område i granskningen"
        in response.context["form"].errors["organisations"][0]
    )
    assert set(rep.organisations.all()) == {eav, hsv}
