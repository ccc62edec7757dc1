"""The indicators page: every indicator for the last four years, and the entered values kept by the coordinator."""

from decimal import Decimal

import pytest
from django.utils import timezone

from isms.models import Role
from registry.models import Indicator, IndicatorKind, Measurement
from registry.views.indicators import number
from tests.factories import organisation
from tests.registry.ui_support import member, query_count, signed_in

pytestmark = pytest.mark.django_db

LIST = "/registry/indicators/"
THIS_YEAR = timezone.localdate().year


@pytest.fixture
def org():
    return organisation("eav")


@pytest.fixture
def user(org):
    return member(org, Role.COORDINATOR)


@pytest.fixture
def coordinator(client, user):
    return signed_in(client, user)


def indicator(code, name, kind, unit):
    """The code-list row the data migration creates (again, after a test that flushed the database)."""
    return Indicator.objects.get_or_create(code=code, defaults={"name": name, "kind": kind, "unit": unit})[0]


@pytest.fixture
def e_learning():
    return indicator("e_learning", "Andel medarbetare som genomfört den obligatoriska e-utbildningen", "entered", "%")


@pytest.fixture
def coverage():
    return indicator("classification_coverage", "Andel informationsklassade system", "computed", "%")


def measurement(org, indicator, year, value) -> Measurement:
    return Measurement.objects.create(organisation=org, indicator=indicator, year=year, value=Decimal(value))


def test_number_texts():
    assert number(Decimal("78.00"), "%") == "78\xa0%"
    assert number(Decimal("78.50"), "%") == "78,5\xa0%"
    assert number(3, "st.") == "3\xa0st."
    assert number(None, "%") == "–"


def test_the_table_shows_four_years_of_every_indicator(coordinator, org, e_learning, coverage):
    measurement(org, e_learning, THIS_YEAR - 1, "78.50")
    measurement(organisation(), e_learning, THIS_YEAR - 2, "11")
    page = coordinator.get(LIST).content.decode()
    for year in range(THIS_YEAR - 3, THIS_YEAR + 1):
        assert f">{year}" in page
    assert f">{THIS_YEAR - 4}<" not in page
    assert "Andel informationsklassade system" in page
    assert "78,5\xa0%" in page
    assert "11\xa0%" not in page  # another organisation's value
    assert "(hittills)" in page


def test_coordinator_gets_links_to_enter_and_change_values(coordinator, org, e_learning):
    existing = measurement(org, e_learning, THIS_YEAR - 1, "78")
    page = coordinator.get(LIST).content.decode()
    assert f'href="/registry/indicators/{existing.pk}/edit/"' in page
    assert f'href="/registry/indicators/enter/{e_learning.pk}/{THIS_YEAR}/"' in page


@pytest.mark.parametrize("role", [Role.READER, Role.HEAD, Role.DPO, Role.CONTRIBUTOR])
def test_others_read_the_table_but_cannot_enter_values(client, org, role, e_learning):
    signed_in(client, member(org, role))
    row = measurement(org, e_learning, THIS_YEAR - 1, "78")
    page = client.get(LIST).content.decode()
    assert "78\xa0%" in page and "/enter/" not in page and "/edit/" not in page
    assert client.get(f"{LIST}enter/{e_learning.pk}/{THIS_YEAR}/").status_code == 403
    data = {"indicator": e_learning.pk, "year": THIS_YEAR, "value": "50"}
    assert client.post(f"{LIST}enter/{e_learning.pk}/{THIS_YEAR}/", data).status_code == 403
    assert client.post(LIST + "new/", data).status_code == 403
    assert client.post(f"{LIST}{row.pk}/edit/", {**data, "version": 1}).status_code == 403
    assert Measurement.objects.get().value == 78


def test_entering_a_value_for_a_year(coordinator, org, user, e_learning):
    url = f"{LIST}enter/{e_learning.pk}/{THIS_YEAR - 1}/"
    form = coordinator.get(url).content.decode()
    assert f'value="{THIS_YEAR - 1}"' in form and "Värde för Andel medarbetare" in form
    response = coordinator.post(url, {"indicator": e_learning.pk, "year": THIS_YEAR - 1, "value": "78,5"})
    assert response.status_code == 302 and response["Location"] == LIST
    saved = Measurement.objects.get()
    assert saved.organisation == org and saved.value == Decimal("78.5")
    assert saved.history.earliest().history_user == user
    assert coordinator.get(url)["Location"] == f"{LIST}{saved.pk}/edit/"  # the value exists: change it instead


def test_only_entered_indicators_take_values(coordinator, coverage):
    computed = coverage
    assert coordinator.get(f"{LIST}enter/{computed.pk}/{THIS_YEAR}/").status_code == 404
    form = coordinator.get(LIST + "new/").content.decode()
    assert "Andel informationsklassade system" not in form
    response = coordinator.post(LIST + "new/", {"indicator": computed.pk, "year": THIS_YEAR, "value": "50"})
    assert "indicator" in response.context["form"].errors


def test_percent_values_must_lie_between_0_and_100(coordinator, e_learning):
    for value, message in [
        ("101", "En andel i procent ligger mellan 0 och 100. Ange t.ex. 78 för 78 %."),
        ("-1", "Värdet kan inte vara negativt."),
        ("mycket", "Ange ett tal, t.ex. 78 eller 78,5."),
    ]:
        response = coordinator.post(LIST + "new/", {"indicator": e_learning.pk, "year": THIS_YEAR, "value": value})
        assert response.context["form"].errors["value"] == [message]
    assert (
        coordinator.post(LIST + "new/", {"indicator": e_learning.pk, "year": THIS_YEAR, "value": "100"}).status_code
        == 302
    )


def test_one_value_per_year_and_no_future_years(coordinator, org, e_learning):
    measurement(org, e_learning, THIS_YEAR - 1, "70")
    measurement(organisation(), e_learning, THIS_YEAR - 2, "70")  # another organisation's year is free
    response = coordinator.post(LIST + "new/", {"indicator": e_learning.pk, "year": THIS_YEAR - 1, "value": "80"})
    assert "Det finns redan ett värde" in response.context["form"].errors["year"][0]
    response = coordinator.post(LIST + "new/", {"indicator": e_learning.pk, "year": THIS_YEAR + 1, "value": "80"})
    assert response.context["form"].errors["year"] == [f"Ange ett år mellan 2000 och {THIS_YEAR}."]
    assert (
        coordinator.post(LIST + "new/", {"indicator": e_learning.pk, "year": THIS_YEAR - 2, "value": "80"}).status_code
        == 302
    )


def test_changing_a_value_keeps_its_history_with_the_actor(coordinator, org, user, e_learning):
    row = measurement(org, e_learning, THIS_YEAR - 1, "70")
    response = coordinator.post(
        f"{LIST}{row.pk}/edit/", {"indicator": e_learning.pk, "year": THIS_YEAR - 1, "value": "75", "version": 1}
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.value == 75
    assert [h.value for h in row.history.order_by("history_date")] == [70, 75]
    assert row.history.latest().history_user == user
    assert "75\xa0%" in coordinator.get(LIST).content.decode()


def test_another_organisations_value_is_not_found(coordinator, e_learning):
    foreign = measurement(organisation(), e_learning, THIS_YEAR - 1, "70")
    assert coordinator.get(f"{LIST}{foreign.pk}/").status_code == 404
    data = {"indicator": e_learning.pk, "year": THIS_YEAR - 1, "value": "1", "version": 1}
    assert coordinator.post(f"{LIST}{foreign.pk}/edit/", data).status_code == 404


def test_page_query_count_does_not_grow_with_values(coordinator, org, e_learning):
    for year in range(THIS_YEAR - 4, THIS_YEAR + 1):
        measurement(org, e_learning, year, "50")
    small = query_count(coordinator, LIST)
    for n in range(5):
        indicator = Indicator.objects.create(code=f"extra{n}", name=f"Extra {n}", kind=IndicatorKind.ENTERED)
        for year in range(THIS_YEAR - 8, THIS_YEAR + 1):
            measurement(org, indicator, year, "50")
    assert Measurement.objects.count() == 50
    assert query_count(coordinator, LIST) == small


def test_the_detail_page_shows_values_with_a_decimal_comma(coordinator, org, e_learning):
    row = measurement(org, e_learning, THIS_YEAR - 1, "78.50")
    page = coordinator.get(f"{LIST}{row.pk}/").content.decode()
    assert '<dd class="col-sm-8">78,5</dd>' in page
