"""Words of the register forms: the empty choice of a select is Swedish, never Django's "---------"."""

import re

import pytest

from registry.models import Role
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
