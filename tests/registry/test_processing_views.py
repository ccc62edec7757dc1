"""The register of processing in the browser: list with completeness and filters, the Art. 30 form, roles, history."""

import datetime

import pytest
from django.utils import timezone

from isms.models import Role
from registry.models import ProcessingActivity
from tests.factories import organisation, system
from tests.registry.ui_support import member, query_count, signed_in

pytestmark = pytest.mark.django_db

LIST = "/registry/processing/"

COMPLETE = {
    "controller_contact": "Nämnden, dso@example.se",
    "purposes": "Handläggning",
    "legal_basis": "e",
    "data_subject_categories": "Sökande",
    "personal_data_categories": "Namn, personnummer",
    "recipients": "Försäkringskassan",
    "transfers": "none",
    "retention": "Fem år",
    "security_measures": "Behörighetsstyrning",
}


def activity(org, name="Ekonomiskt bistånd", **fields) -> ProcessingActivity:
    return ProcessingActivity.objects.create(organisation=org, name=name, **fields)


def form_data(**overrides) -> dict:
    data = {"name": "Lönehantering", "responsible_unit": "HR", **COMPLETE, "processing_agreement": ""}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def org():
    return organisation("eav")


@pytest.fixture
def coordinator(client, org):
    return signed_in(client, member(org, Role.COORDINATOR))


def test_list_shows_completeness_and_legal_basis(coordinator, org):
    activity(org, "Komplett behandling", **COMPLETE)
    activity(org, "Halv behandling", purposes="Något", transfers="yes")
    activity(organisation(), "Annans behandling", **COMPLETE)
    page = coordinator.get(LIST).content.decode()
    assert "Komplett behandling" in page and "Halv behandling" in page
    assert "Annans behandling" not in page
    assert "Komplett</td>" in page
    assert "Saknar a, c, d, e, f, g" in page
    assert "e) Uppgift av allmänt intresse" in page


def test_the_list_explains_the_missing_item_letters_without_hovering(coordinator, org):
    activity(org, "Halv behandling", purposes="Något", transfers="yes")
    page = coordinator.get(LIST).content.decode()
    legend = page[page.index('data-testid="art30-legend"') :]
    legend = legend[: legend.index("</section>")]
    assert "Bokstäverna i kolumnen Fullständighet" in legend
    assert "<strong>a</strong> personuppgiftsansvarig och kontaktuppgifter</li>" in legend
    assert "<strong>f</strong> gallringsfrist</li>" in legend
    assert "<strong>g</strong> säkerhetsåtgärder</li>" in legend
    assert page.index('data-testid="art30-legend"') < page.index("Saknar a, c, d, e, f, g")  # above the list


def test_filters_incomplete_not_reviewed_basis_transfers_dpia_and_search(coordinator, org):
    today = timezone.localdate()
    done = activity(org, "Klar", last_reviewed_on=today - datetime.timedelta(days=30), **COMPLETE)
    old = activity(
        org,
        "Gammal",
        last_reviewed_on=today - datetime.timedelta(days=400),
        dpia_required=True,
        **{**COMPLETE, "legal_basis": "b", "retention": "  "},
    )
    never = activity(org, "Aldrig", transfers="yes", transfer_countries="USA", transfer_safeguard="scc")
    ended = activity(org, "Avslutad", ended_on=today - datetime.timedelta(days=1))  # not current: in neither list

    def names(query):
        page = coordinator.get(LIST + "?" + query).content.decode()
        return {a.name for a in (done, old, never, ended) if f">{a.name}</a>" in page}

    assert names("incomplete=yes") == {"Gammal", "Aldrig"}  # a blank retention counts as missing
    assert names("incomplete=no") == {"Klar"}
    assert names("stale_review=yes") == {"Gammal", "Aldrig"}
    assert names("stale_review=no") == {"Klar"}
    assert names("legal_basis=b") == {"Gammal"}
    assert names("transfers=yes") == {"Aldrig"}
    assert names("dpia=missing") == {"Gammal"}
    assert names("dpia=no") == {"Klar", "Aldrig", "Avslutad"}
    assert names("active=no") == {"Avslutad"}
    assert names("active=yes") == {"Klar", "Gammal", "Aldrig"}
    assert names("q=handl") == {"Klar", "Gammal"}  # purposes "Handläggning"


def test_the_filters_count_what_the_start_page_counts(coordinator, org):
    from registry.selectors.attention import processing_gaps

    today = timezone.localdate()
    activity(org, "Klar", last_reviewed_on=today, **COMPLETE)
    activity(org, "Gammal", last_reviewed_on=today - datetime.timedelta(days=400), **COMPLETE)
    activity(org, "Tom")
    activity(org, "Avslutad tom", ended_on=today)
    _total, incomplete, not_reviewed = processing_gaps(org, today)
    assert coordinator.get(LIST + "?incomplete=yes").context["page"].paginator.count == incomplete == 1
    assert coordinator.get(LIST + "?stale_review=yes").context["page"].paginator.count == not_reviewed == 2


def test_detail_names_the_missing_items_in_words(coordinator, org):
    row = activity(org, purposes="Bistånd", transfers="yes", transfer_countries="USA")
    page = coordinator.get(f"{LIST}{row.pk}/").content.decode()
    assert "Fullständighet enligt artikel 30.1" in page
    assert "Personuppgiftsansvarig och kontaktuppgifter (a)" in page
    assert "Överföring till tredjeland (e)" in page
    assert "Ändamål (b)" not in page
    assert "Aldrig granskad" in page


def test_detail_of_a_complete_reviewed_record(coordinator, org):
    row = activity(org, last_reviewed_on=timezone.localdate(), **COMPLETE)
    page = coordinator.get(f"{LIST}{row.pk}/").content.decode()
    assert "Komplett: alla uppgifter a–g" in page
    assert "inom de senaste 12 månaderna" in page


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.CONTRIBUTOR])
def test_create_by_coordinator_and_contributor_with_assets_of_the_organisation(client, org, role):
    user = member(org, role)
    signed_in(client, user)
    asset = system(org, name="Procapita")
    assert client.get(LIST + "new/").status_code == 200
    response = client.post(LIST + "new/", form_data(assets=[asset.pk]))
    row = ProcessingActivity.objects.get(name="Lönehantering")
    assert response.status_code == 302 and response["Location"] == f"{LIST}{row.pk}/"
    assert row.organisation == org and row.is_complete
    assert list(row.assets.all()) == [asset]
    assert row.history.earliest().history_user == user


def test_the_form_is_grouped_by_article_30_items_with_help(coordinator):
    page = coordinator.get(LIST + "new/").content.decode()
    for legend in ("a) Personuppgiftsansvarig", "b) Ändamål och rättslig grund", "e) Överföring till tredjeland"):
        assert f"<legend>{legend}" in page
    assert "Kommuner använder oftast c) eller e)." in page


def test_another_organisations_asset_cannot_be_chosen(coordinator, org):
    foreign = system(organisation(), name="Främmande system")
    page = coordinator.get(LIST + "new/").content.decode()
    assert "Främmande system" not in page
    response = coordinator.post(LIST + "new/", form_data(assets=[foreign.pk]))
    assert response.status_code == 200
    assert "assets" in response.context["form"].errors
    assert not ProcessingActivity.objects.exists()


def test_a_transfer_needs_countries_and_safeguard(coordinator):
    response = coordinator.post(LIST + "new/", form_data(transfers="yes"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["transfer_countries"] == ["Ange till vilket eller vilka länder uppgifterna förs över."]
    assert errors["transfer_safeguard"] == [
        "Välj vilken skyddsåtgärd överföringen stöds på, t.ex. standardavtalsklausuler."
    ]
    assert not ProcessingActivity.objects.exists()
    response = coordinator.post(LIST + "new/", form_data(transfers="none", transfer_countries="USA"))
    assert "transfer_countries" in response.context["form"].errors  # instead of a database constraint error
    response = coordinator.post(
        LIST + "new/", form_data(transfers="yes", transfer_countries="USA", transfer_safeguard="dpf")
    )
    assert response.status_code == 302


def test_edit_keeps_history_with_the_actor(client, org):
    user = member(org, Role.CONTRIBUTOR)
    signed_in(client, user)
    row = activity(org, **COMPLETE)
    response = client.post(f"{LIST}{row.pk}/edit/", form_data(name="Nytt namn", version=row.version))
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.name == "Nytt namn" and row.version == 2
    latest = row.history.latest()
    assert latest.history_type == "~" and latest.history_user == user
    page = client.get(f"{LIST}{row.pk}/").content.decode()
    assert "Ekonomiskt bistånd" in page and "Nytt namn" in page  # the change in the history list


def test_a_stale_version_is_refused_and_the_input_kept(coordinator, org):
    row = activity(org, **COMPLETE)
    ProcessingActivity.objects.filter(pk=row.pk).update(version=2)
    response = coordinator.post(f"{LIST}{row.pk}/edit/", form_data(name="Mitt namn", version=1))
    assert response.status_code == 200
    assert "Någon annan har sparat ändringar" in response.content.decode()
    assert 'value="Mitt namn"' in response.content.decode()


@pytest.mark.parametrize("role", [Role.READER, Role.HEAD, Role.DPO])
def test_roles_that_read_cannot_create_or_edit(client, org, role):
    signed_in(client, member(org, role))
    row = activity(org)
    assert client.get(f"{LIST}{row.pk}/").status_code == 200
    assert client.post(LIST + "new/", form_data()).status_code == 403
    assert client.post(f"{LIST}{row.pk}/edit/", form_data(version=1)).status_code == 403
    assert client.post(f"{LIST}{row.pk}/delete/").status_code == 403
    row.refresh_from_db()
    assert row.name == "Ekonomiskt bistånd" and ProcessingActivity.objects.count() == 1


def test_another_organisations_record_is_not_found(coordinator):
    foreign = activity(organisation())
    for url in (f"{LIST}{foreign.pk}/", f"{LIST}{foreign.pk}/edit/"):
        assert coordinator.get(url).status_code == 404
    assert coordinator.post(f"{LIST}{foreign.pk}/edit/", form_data(version=1)).status_code == 404


def test_user_data_is_escaped(coordinator, org):
    activity(org, "<script>alert(1)</script>")
    page = coordinator.get(LIST).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


def test_list_query_count_does_not_grow_with_rows(coordinator, org):
    for n in range(5):
        activity(org, f"Behandling {n}", **COMPLETE)
    small = query_count(coordinator, LIST + "?incomplete=no&stale_review=yes")
    for n in range(5, 50):
        activity(org, f"Behandling {n}", **COMPLETE)
    assert query_count(coordinator, LIST + "?incomplete=no&stale_review=yes") == small
    assert query_count(coordinator, LIST) == query_count(coordinator, LIST + "?page=1")
