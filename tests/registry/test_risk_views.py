"""The risk register in the browser: the matrix with links to its cells, filters, assets and actions, roles."""

import re

import pytest

from isms.models import Role
from registry.models import Action, Risk
from tests.factories import organisation, system
from tests.registry.ui_support import member, query_count, signed_in

pytestmark = pytest.mark.django_db

LIST = "/registry/risks/"


def risk(org, title="Risk", likelihood=2, consequence=3, **fields) -> Risk:
    return Risk.objects.create(organisation=org, title=title, likelihood=likelihood, consequence=consequence, **fields)


def form_data(**overrides) -> dict:
    data = {"title": "Phishing", "likelihood": "3", "consequence": "4", "status": "identified", "treatment": "reduce"}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def org():
    return organisation("eav")


@pytest.fixture
def user(org):
    return member(org, Role.COORDINATOR)


@pytest.fixture
def coordinator(client, user):
    return signed_in(client, user)


def titles(client, query="") -> set[str]:
    page = client.get(LIST + ("?" + query if query else "")).content.decode()
    return set(re.findall(r'<th scope="row"><a href="/registry/risks/\d+/">([^<]*)</a>', page))


def test_list_columns_and_scope(coordinator, org):
    risk(org, "Delade konton", 3, 4, owner="IT-chef", treatment="reduce")
    risk(organisation(), "Annans risk")
    page = coordinator.get(LIST).content.decode()
    assert "Delade konton" in page and "Annans risk" not in page
    row = page[page.index("Delade konton") :]
    assert re.search(
        r"<td>3</td>\s*<td>4</td>\s*<td>12</td>\s*<td>Reducera</td>\s*<td>Identifierad</td>\s*<td>IT-chef</td>", row
    )


def test_matrix_counts_open_risks_and_links_each_cell_to_its_risks(coordinator, org):
    risk(org, "A", 3, 4)
    risk(org, "B", 3, 4, status="in_treatment")
    risk(org, "C", 3, 4, status="closed")  # closed: not in the matrix
    risk(org, "D", 1, 1)
    page = coordinator.get(LIST).content.decode()
    assert "Riskmatris" in page and '<th scope="col">Sannolikhet</th>' in page
    assert '<th scope="row">4 – Mycket hög</th>' in page and ">4 – Mycket allvarlig</th>" in page
    link = "?likelihood=3&amp;consequence=4&amp;status=open"
    assert f'<a href="{link}">2<span class="visually-hidden"> öppna risker med sannolikhet 3 och konsekvens 4' in page
    assert titles(coordinator, "likelihood=3&consequence=4&status=open") == {"A", "B"}
    assert "3 öppna risker." in page and "2 med riskvärde 9 eller högre." in page


def test_matrix_follows_the_chosen_rsa_cycle(coordinator, org):
    risk(org, "Gammal", 3, 4, rsa_cycle="2021–2022")
    risk(org, "Ny", 3, 4, rsa_cycle="2023–2024")
    page = coordinator.get(LIST + "?rsa_cycle=2023–2024").content.decode()
    assert "1 öppen risk i RSA-cykel 2023–2024." in page
    assert "rsa_cycle=2023%E2%80%932024" in page  # the cells keep the cycle
    assert titles(coordinator, "rsa_cycle=2023–2024") == {"Ny"}


def test_filters_status_treatment_score_and_scale(coordinator, org):
    risk(org, "Hög", 3, 3, treatment="reduce")
    risk(org, "Låg", 1, 2, treatment="accept", status="accepted")
    risk(org, "Delad", 2, 4, treatment="share", status="in_treatment")
    assert titles(coordinator, "high=yes") == {"Hög"}
    assert titles(coordinator, "high=no") == {"Låg", "Delad"}
    assert titles(coordinator, "status=open") == {"Hög", "Delad"}
    assert titles(coordinator, "status=accepted") == {"Låg"}
    assert titles(coordinator, "treatment=share") == {"Delad"}
    assert titles(coordinator, "likelihood=1") == {"Låg"}
    assert titles(coordinator, "consequence=4") == {"Delad"}


def test_detail_shows_linked_assets_and_actions(coordinator, org):
    row = risk(org, "Delade konton")
    asset = system(org, name="Procapita")
    action = Action.objects.create(organisation=org, plan_year=2024, title="Inför personliga konton")
    row.assets.add(asset)
    row.actions.add(action)
    page = coordinator.get(f"{LIST}{row.pk}/").content.decode()
    assert f'href="/registry/assets/{asset.pk}/">Procapita</a>' in page
    assert "Inför personliga konton" in page and "(2024, planerad)" in page


def test_create_with_the_organisations_assets_and_actions(coordinator, org, user):
    asset = system(org, name="Procapita")
    action = Action.objects.create(organisation=org, plan_year=2024, title="Inför personliga konton")
    foreign_action = Action.objects.create(organisation=organisation(), plan_year=2024, title="Främmande åtgärd")
    form = coordinator.get(LIST + "new/").content.decode()
    assert "Inför personliga konton" in form and "Främmande åtgärd" not in form
    assert "1 – Låg" in form and "4 – Mycket allvarlig" in form
    response = coordinator.post(LIST + "new/", form_data(assets=[asset.pk], actions=[action.pk]))
    created = Risk.objects.get(title="Phishing")
    assert response.status_code == 302 and response["Location"] == f"{LIST}{created.pk}/"
    created.refresh_from_db()
    assert created.organisation == org and created.score == 12
    assert list(created.actions.all()) == [action]
    assert created.history.earliest().history_user == user
    response = coordinator.post(LIST + "new/", form_data(title="Annan", actions=[foreign_action.pk]))
    assert "actions" in response.context["form"].errors


def test_likelihood_and_consequence_are_required_on_the_scale(coordinator):
    response = coordinator.post(LIST + "new/", form_data(likelihood="", consequence="7"))
    errors = response.context["form"].errors
    assert errors["likelihood"] == ["Välj hur sannolik risken är, 1–4."]
    assert "consequence" in errors
    assert not Risk.objects.exists()


def test_edit_records_the_actor(coordinator, org, user):
    row = risk(org, "Gammal")
    response = coordinator.post(f"{LIST}{row.pk}/edit/", form_data(title="Ny", likelihood="4", version=1))
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.title == "Ny" and row.likelihood == 4
    assert row.history.latest().history_user == user and row.history.latest().history_type == "~"


@pytest.mark.parametrize("role", [Role.READER, Role.DPO, Role.CONTRIBUTOR, Role.HEAD])
def test_only_the_coordinator_creates_and_edits(client, org, role):
    signed_in(client, member(org, role))
    row = risk(org, "Orörd")
    assert client.get(LIST).status_code == 200 and client.get(f"{LIST}{row.pk}/").status_code == 200
    assert client.post(LIST + "new/", form_data()).status_code == 403
    assert client.post(f"{LIST}{row.pk}/edit/", form_data(version=1)).status_code == 403
    row.refresh_from_db()
    assert row.title == "Orörd" and Risk.objects.count() == 1


def test_another_organisations_risk_is_not_found(coordinator):
    foreign = risk(organisation(), "Annans")
    assert coordinator.get(f"{LIST}{foreign.pk}/").status_code == 404
    assert coordinator.post(f"{LIST}{foreign.pk}/edit/", form_data(version=1)).status_code == 404


def test_list_query_count_does_not_grow_with_rows(coordinator, org):
    def add(start, n):
        for i in range(start, start + n):
            risk(org, f"Risk {i}", 3 + i % 2, 2 + (i // 2) % 3, rsa_cycle=f"20{20 + i % 3}")

    add(0, 5)
    urls = [LIST, LIST + "?high=yes&status=open&rsa_cycle=2020"]
    assert titles(coordinator, urls[1][len(LIST) + 1 :]) == {"Risk 3"}  # 4 × 3 in 2020: the filtered page has rows
    small = [query_count(coordinator, url) for url in urls]
    add(5, 45)
    assert [query_count(coordinator, url) for url in urls] == small
