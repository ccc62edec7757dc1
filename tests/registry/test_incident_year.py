"""An incident counts in the Stockholm year it became known, everywhere: the incident chart and the review's incident
paragraph, the indicators and the start page's indicator table, the list's year filter and the admin's. Its
reference keeps the year it was registered with: an identifier that does not change when the date is corrected."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from isms.models import Role
from registry.models import Incident
from registry.selectors import incident_summary, incidents_per_year, indicator_values
from registry.selectors.indicators import BREACHES, INCIDENTS
from registry.selectors.rules import became_aware_in_years, became_aware_year
from registry.services import incident_create
from reviews.compiler import compile_review
from reviews.models import ManagementReview
from tests.factories import organisation
from tests.formdata import form_data
from tests.registry.ui_support import member, signed_in

pytestmark = pytest.mark.django_db
D = datetime.date
STHLM = ZoneInfo("Europe/Stockholm")
LIST = "/registry/incidents/"


def local(*args):
    return datetime.datetime(*args, tzinfo=STHLM)


@pytest.fixture
def org():
    return organisation("eav")


@pytest.fixture
def coordinator(client, org):
    return signed_in(client, member(org, Role.COORDINATOR))


def breach(org, title, aware):
    return incident_create(
        organisation=org, user=None, title=title, is_personal_data_breach=True, became_aware_at=aware
    )


def move_through_the_form(coordinator, incident, new_time: str):
    url = f"{LIST}{incident.pk}/edit/"
    data = form_data(coordinator.get(url).context["form"])
    data["became_aware_at"] = new_time
    response = coordinator.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    incident.refresh_from_db()


def listed(coordinator, query: str) -> set[str]:
    response = coordinator.get(f"{LIST}?{query}")
    assert response.status_code == 200
    return {row["obj"].title for row in response.context["rows"]}


def test_an_incident_moved_into_another_year_counts_there_everywhere_and_keeps_its_reference(coordinator, org):
    moved = breach(org, "Fel mottagare", local(2023, 12, 20, 10, 0))
    breach(org, "Stannar", local(2023, 6, 1, 10, 0))
    assert moved.reference == "2023-001"

    move_through_the_form(coordinator, moved, "2024-01-05T09:00")

    assert moved.reference == "2023-001"  # the identifier does not change
    assert moved.counted_year == 2024
    per_year = incidents_per_year(org, [2023, 2024])
    assert (per_year[2023]["total"], per_year[2024]["total"], per_year[2024]["breaches"]) == (1, 1, 1)
    assert incident_summary(org, D(2024, 1, 1), D(2024, 12, 31)).total == 1  # the review's paragraph: the same year
    indicators = {series.code: series.values for series in indicator_values(org, [2023, 2024])}
    assert (indicators[INCIDENTS][2023], indicators[INCIDENTS][2024]) == (1, 1)
    assert (indicators[BREACHES][2023], indicators[BREACHES][2024]) == (1, 1)
    assert listed(coordinator, "year=2024") == {"Fel mottagare"}
    assert listed(coordinator, "year=2023") == {"Stannar"}
    choices = [value for value, _label in coordinator.get(LIST).context["filterset"].form.fields["year"].choices]
    assert choices == ["", "2024", "2023"]


def test_the_review_chart_and_its_incident_paragraph_count_a_moved_incident_in_the_same_year(coordinator, org):
    moved = breach(org, "Fel mottagare", local(2023, 12, 20, 10, 0))
    move_through_the_form(coordinator, moved, "2024-01-05T09:00")
    review = ManagementReview.objects.create(organisation=org, plan_year=2025, cutoff_date=D(2024, 11, 15))

    figures = compile_review(review).figures

    assert figures["incidents"]["total"] == 1  # the follow-up period 2024-01-01–2024-11-15
    assert figures["incidents_per_year"][2024]["total"] == 1
    assert figures["incidents_per_year"][2023]["total"] == 0


def test_the_year_turns_at_midnight_stockholm_time_in_the_rule_and_in_python(org):
    last_of_2023 = breach(org, "Nyårsafton", local(2023, 12, 31, 23, 59))  # 22:59 UTC
    first_of_2024 = breach(org, "Nyårsdagen", local(2024, 1, 1, 0, 0))  # 2023-12-31 23:00 UTC
    assert (last_of_2023.counted_year, first_of_2024.counted_year) == (2023, 2024)
    in_2024 = Incident.objects.filter(became_aware_in_years(2024, 2024))
    assert list(in_2024.values_list("title", flat=True)) == ["Nyårsdagen"]
    years = dict(Incident.objects.annotate(y=became_aware_year()).values_list("title", "y"))
    assert years == {"Nyårsafton": 2023, "Nyårsdagen": 2024}
    assert incidents_per_year(org, [2023, 2024]) == {
        2023: {"total": 1, "breaches": 1, "significant": 0},
        2024: {"total": 1, "breaches": 1, "significant": 0},
    }


def test_the_admin_year_filter_counts_by_the_year_it_became_known(org, django_user_model):
    moved = breach(org, "Fel mottagare", local(2023, 12, 20, 10, 0))
    Incident.objects.filter(pk=moved.pk).update(became_aware_at=local(2024, 1, 5, 9, 0))
    admin = Client()
    admin.force_login(django_user_model.objects.create_superuser("forvaltare"))

    in_2024 = admin.get(reverse("admin:registry_incident_changelist") + "?year=2024")
    in_2023 = admin.get(reverse("admin:registry_incident_changelist") + "?year=2023")

    assert [i.pk for i in in_2024.context["cl"].result_list] == [moved.pk]
    assert list(in_2023.context["cl"].result_list) == []


def test_an_incident_added_in_the_admin_gets_the_next_reference_of_the_year_it_became_known(org, django_user_model):
    breach(org, "Först", local(2024, 2, 1, 10, 0))
    admin = Client()
    admin.force_login(django_user_model.objects.create_superuser("forvaltare"))
    url = reverse("admin:registry_incident_add")
    data = form_data(admin.get(url).context["adminform"].form)
    del data["assets"]  # none chosen: the browser sends nothing
    data.update(
        organisation=str(org.pk),
        title="Tappad telefon",
        became_aware_at_0="2024-03-01",
        became_aware_at_1="09:00",
    )

    response = admin.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    added = Incident.objects.get(title="Tappad telefon")
    assert (added.reference, added.counted_year, added.version) == ("2024-002", 2024, 1)
