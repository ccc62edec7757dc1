"""Words of the register forms: the empty choice of a select is Swedish, never Django's "---------"; a date that is
not a date names the format and stays as typed."""

import re

import pytest

from isms.models import Role
from registry.views import REGISTERS
from tests.factories import organisation
from tests.registry.plan_builders import recommendation, report
from tests.registry.ui_support import member, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    org = organisation("eav")
    recommendation(org, report(org))  # something to choose in the related-row selects
    return signed_in(client, member(org, Role.COORDINATOR))


@pytest.mark.parametrize("register", [r for r in REGISTERS if r.can_create], ids=lambda r: r.slug)
def test_no_select_shows_djangos_dashes(coordinator, register):
    response = coordinator.get(register.url("create"))
    if response.status_code == 403:
        pytest.skip(f"the coordinator does not create {register.slug}")
    page = response.content.decode()
    assert "---------" not in page
    empty_options = re.findall(r'<option value=""[^>]*>([^<]*)</option>', page)
    assert set(empty_options) <= {"– Välj –", "– Ej angivet –", "Välj nyckeltal"}, empty_options


def test_a_recommendations_report_choice_and_an_optional_area(coordinator):
    page = coordinator.get("/registry/recommendations/new/").content.decode()
    report_select = page[page.index('name="report"') :]
    assert report_select[: report_select.index("</option>")].endswith(">– Välj –")
    area_select = page[page.index('name="area"') :]
    assert area_select[: area_select.index("</option>")].endswith(">– Ej angivet –")


DATE_MESSAGE = "Ange datum som ÅÅÅÅ-MM-DD, t.ex. 2024-03-01."


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/registry/controls/new/", "performed_on"),
        ("/registry/actions/new/", "due_date"),
        ("/registry/recommendations/new/", "done_on"),
        ("/registry/processing/new/", "last_reviewed_on"),
    ],
)
def test_a_date_that_is_not_a_date_names_the_format_and_stays_as_typed(coordinator, url, field):
    response = coordinator.post(url, {field: "1/3 2024"})

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [DATE_MESSAGE]
    page = response.content.decode()
    assert DATE_MESSAGE in page and "Fyll i ett giltigt datum" not in page
    tag = re.search(rf'<input[^>]*name="{field}"[^>]*>', page).group(0)
    assert 'value="1/3 2024"' in tag  # kept as typed ...
    assert 'type="text"' in tag  # ... in a box that shows it (a date box would show it blank)


def test_a_valid_or_empty_date_keeps_the_date_picker(coordinator):
    page = coordinator.post("/registry/controls/new/", {"performed_on": "2024-03-01"}).content.decode()
    assert re.search(r'<input type="date" name="performed_on" value="2024-03-01"', page)
    page = coordinator.get("/registry/controls/new/").content.decode()
    assert re.search(r'<input type="date" name="performed_on"', page)
