"""Data that must not silently disagree with itself, as a coordinator meets it.

An asset's status and dates: contradictions are refused with a Swedish message that says what to change, on the
register form and in the admin; a planned asset whose start date has since passed is flagged on the start page and
not counted as in use; and the start page's figures are the row counts of the lists they link to (followed and
counted here).

A classification without every aspect its method requires (KLASSA without S): one state, "ofullständig", shown in the
asset list, its filter, the asset page and the start page, and never counted as current or as classified.
"""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from isms.models import Membership, Role
from registry.models import AssetKind, AssetStatus, ClassificationMethod, InformationAsset
from registry.selectors import classification_coverage
from tests.factories import classify, organisation, system
from tests.formdata import form_data

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
NEW = "/registry/assets/new/"


def today():
    return timezone.localdate()


@pytest.fixture
def org():
    return organisation("eav")


@pytest.fixture
def coordinator(django_user_model, org):
    user = django_user_model.objects.create_user("samordnare")
    Membership.objects.create(user=user, organisation=org, role=Role.COORDINATOR)
    browser = Client()
    browser.force_login(user)
    return browser


def asset_form(coordinator, **values) -> dict:
    data = form_data(coordinator.get(NEW).context["form"])
    data.update(name="Phoniro Care", kind=AssetKind.SYSTEM, **values)
    return data


def dated(values: dict) -> dict:
    """Form values with "+10", "-1", "0" as dates that many days from today."""
    return {
        name: (today() + int(value) * DAY).isoformat() if value.lstrip("+-").isdigit() else value
        for name, value in values.items()
    }


def field_errors(response, name: str) -> list[str]:
    assert response.status_code == 200, "the form was saved"
    return [str(e) for e in response.context["form"].errors.get(name, [])]


# --- Status and dates ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"status": AssetStatus.IN_USE, "in_use_from": "+10"},
            "in_use_from",
            "Tillgången kan inte vara i drift från ett datum som ännu inte har kommit. Ange datumet då den togs i "
            "drift, eller sätt status till Planerad.",
        ),
        (
            {"status": AssetStatus.IN_USE, "in_use_from": "-400", "retired_on": "-1"},
            "retired_on",
            "Avvecklingsdatumet har kommit, så tillgången är inte längre i drift. Sätt status till Avvecklad, eller "
            "ange ett senare datum.",
        ),
        (
            {"status": AssetStatus.PLANNED, "in_use_from": "-1500"},
            "in_use_from",
            "En planerad tillgång kan inte ha ett startdatum som redan har kommit. Sätt status till I drift, eller "
            "ange det planerade startdatumet.",
        ),
        (
            {"status": AssetStatus.RETIRED, "in_use_from": "-400", "retired_on": "+30"},
            "retired_on",
            "Tillgången kan inte vara avvecklad från ett datum som ännu inte har kommit. Behåll status I drift till "
            "dess, eller ange datumet då den avvecklades.",
        ),
        (
            {"status": AssetStatus.IN_USE, "in_use_from": ""},
            "in_use_from",
            "Ange från vilket datum tillgången är i drift.",
        ),
        (
            {"status": AssetStatus.RETIRED, "in_use_from": "-400", "retired_on": ""},
            "retired_on",
            "Ange när tillgången avvecklades.",
        ),
    ],
)
def test_contradictory_status_and_dates_are_refused_with_what_to_change(coordinator, values, field, message):
    response = coordinator.post(NEW, asset_form(coordinator, **dated(values)))

    assert field_errors(response, field) == [message]
    assert not InformationAsset.objects.exists()


@pytest.mark.parametrize(
    "values",
    [
        {"status": AssetStatus.IN_USE, "in_use_from": "-30"},
        {"status": AssetStatus.IN_USE, "in_use_from": "0"},  # put into use today
        {"status": AssetStatus.IN_USE, "in_use_from": "-30", "retired_on": "+90"},  # decommissioning planned
        {"status": AssetStatus.PLANNED, "in_use_from": "+60"},
        {"status": AssetStatus.PLANNED},
        {"status": AssetStatus.RETIRED, "in_use_from": "-400", "retired_on": "0"},
    ],
)
def test_status_and_dates_that_agree_are_saved(coordinator, values):
    response = coordinator.post(NEW, asset_form(coordinator, **dated(values)))
    assert response.status_code == 302, response.context["form"].errors
    assert InformationAsset.objects.count() == 1


def test_the_admin_refuses_contradictory_status_and_dates_too(org, django_user_model):
    admin = Client()
    admin.force_login(django_user_model.objects.create_superuser("forvaltare"))
    url = reverse("admin:registry_informationasset_add")
    data = form_data(admin.get(url).context["adminform"].form)
    for inline in admin.get(url).context["inline_admin_formsets"]:
        data.update(form_data(inline.formset.management_form))
    data.update(organisation=str(org.pk), name="Lifecare", status=AssetStatus.PLANNED, in_use_from="2020-01-01")

    response = admin.post(url, data)

    assert response.status_code == 200
    assert "En planerad tillgång kan inte ha ett startdatum som redan har kommit." in response.content.decode()
    assert not InformationAsset.objects.exists()


def test_editing_an_asset_whose_dates_have_since_passed_asks_for_the_status_to_be_set(coordinator, org):
    planned = system(org, name="Lifecare Mobil Omsorg", in_use_from=today() - 20 * DAY, status=AssetStatus.PLANNED)
    url = f"/registry/assets/{planned.pk}/edit/"
    data = form_data(coordinator.get(url).context["form"])

    refused = coordinator.post(url, dict(data, description="Ny beskrivning"))
    assert field_errors(refused, "in_use_from")[0].startswith("En planerad tillgång kan inte ha ett startdatum")

    saved = coordinator.post(url, dict(data, description="Ny beskrivning", status=AssetStatus.IN_USE))
    assert saved.status_code == 302
    planned.refresh_from_db()
    assert planned.status == AssetStatus.IN_USE and planned.is_in_use_on(today())


def start_page(client) -> tuple[str, dict]:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode(), response.context


def listed(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page"].paginator.count


def test_the_start_page_counts_the_rows_of_the_lists_it_links_to(coordinator, org):
    """Rows saved before the rules, or whose dates have passed since (made directly, as time would leave them)."""
    day = today()
    classify(system(org, name="Klassat"), day - 30 * DAY)
    system(org, name="Oklassat")
    system(org, name="Startar snart", in_use_from=day + 10 * DAY, status=AssetStatus.IN_USE)
    system(org, name="Planerat sedan 2020", in_use_from=datetime.date(2020, 1, 1), status=AssetStatus.PLANNED)
    system(org, name="Avvecklat i går", in_use_from=datetime.date(2020, 1, 1), status=AssetStatus.IN_USE)
    InformationAsset.objects.filter(name="Avvecklat i går").update(retired_on=day - DAY)
    system(org, name="Avvecklat", retired_on=day - 100 * DAY)
    system(org, name="Mängd", kind=AssetKind.INFORMATION_SET, in_use_from=day - 3 * DAY, status=AssetStatus.PLANNED)

    html, context = start_page(coordinator)

    coverage = classification_coverage(org, day)
    assert (coverage.classified, coverage.systems) == (1, 2)  # neither the planned one nor the ones out of dates
    assert "i dag: 1 av 2 system i drift har en aktuell och fullständig klassning" in html
    assert listed(coordinator, context["assets_url"]) == 2
    items = {item["url"]: item for item in context["needs_attention"]}
    planned_url = "/registry/assets/?outdated_status=planned_started"
    assert items[planned_url]["count"] == 2
    assert "tillgångar är fortfarande planerade fast startdatumet har passerat (räknas inte som i drift)" in html
    assert items["/registry/assets/?outdated_status=retirement_passed"]["count"] == 1
    assert items["/registry/assets/?classification=missing&kind=system&in_use=yes"]["count"] == 1
    for url, item in items.items():
        assert listed(coordinator, url) == item["count"], item["label"]


def test_the_assets_in_operation_today_filter_counts_by_the_dates_not_the_stored_status(coordinator, org):
    day = today()
    system(org, name="I drift")
    system(org, name="Planerat sedan 2020", in_use_from=datetime.date(2020, 1, 1), status=AssetStatus.PLANNED)
    system(org, name="Avvecklat", retired_on=day - 100 * DAY)

    def names(query):
        response = coordinator.get(f"/registry/assets/?{query}")
        return {row["obj"].name for row in response.context["rows"]}

    assert names("in_use=yes") == {"I drift"}
    assert names("in_use=no") == {"Planerat sedan 2020", "Avvecklat"}


# --- Incomplete classifications --------------------------------------------------------------------------------------


def test_a_classification_without_every_required_aspect_is_incomplete_everywhere(coordinator, org):
    day = today()
    klassa_without_s = system(org, name="Lifecare")
    classify(klassa_without_s, day - 30 * DAY, levels=(3, 3, 2, None), method=ClassificationMethod.KLASSA_4)
    complete = system(org, name="Treserva")
    classify(complete, day - 30 * DAY, levels=(3, 3, 2, 2))
    msb_without_s = system(org, name="Raindance")  # the MSB model has no S: complete
    classify(msb_without_s, day - 30 * DAY, levels=(2, 2, 2, None), method=ClassificationMethod.MSB)

    def names(query):
        response = coordinator.get(f"/registry/assets/?{query}")
        return {row["obj"].name for row in response.context["rows"]}

    assert names("classification=incomplete") == {"Lifecare"}
    assert names("classification=current") == {"Treserva", "Raindance"}
    coverage = classification_coverage(org, day)
    assert (coverage.classified, coverage.systems) == (2, 3)  # the list's "current" count is the coverage count

    page = coordinator.get("/registry/assets/").content.decode()
    row = next(r for r in re.findall(r"<tr>.*?</tr>", page, re.S) if ">Lifecare<" in r)
    assert "K3 R3 T2 S–" in row and "ofullständig" in row
    detail = coordinator.get(f"/registry/assets/{klassa_without_s.pk}/").content.decode()
    assert "ofullständig" in detail and "Inte bedömt: S." in detail

    html, context = start_page(coordinator)
    item = next(i for i in context["needs_attention"] if "classification=incomplete" in i["url"])
    assert item["count"] == 1
    assert item["url"] == "/registry/assets/?classification=incomplete&kind=system&in_use=yes"
    assert "system i drift har en ofullständig informationsklassning" in html
    assert listed(coordinator, item["url"]) == 1
    assert "i dag: 2 av 3 system i drift" in html


def test_an_incomplete_classification_past_its_review_is_incomplete_not_out_of_date(coordinator, org):
    day = today()
    classify(system(org, name="Lifecare"), day - 900 * DAY, levels=(3, None, 2, 2), next_review_due=day - DAY)

    def names(query):
        return {row["obj"].name for row in coordinator.get(f"/registry/assets/?{query}").context["rows"]}

    assert names("classification=incomplete") == {"Lifecare"}
    assert names("classification=stale") == set()
