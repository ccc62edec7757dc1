"""Dates a user can type never give a server error: the shared date and date-and-time fields take the years 1900 to
2100 only, with a Swedish message naming the range; an incident cannot have occurred, become known or ended in the
future (the model's rule, so the admin and imports obey it too); and the incident list's ?year= answers every value,
an extreme year or junk included, with a list (maybe empty) and never a 500."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from isms.models import Role
from registry.models import Action, Incident
from registry.selectors.rules import became_aware_in_years, year_start
from registry.services import incident_create
from tests.factories import organisation
from tests.formdata import form_data
from tests.registry.ui_support import member, signed_in

pytestmark = pytest.mark.django_db
STHLM = ZoneInfo("Europe/Stockholm")
LIST = "/registry/incidents/"
RANGE = "Ange ett datum från år 1900 till och med år 2100."
FUTURE = "Tiden ligger i framtiden."


@pytest.fixture
def org():
    return organisation("eav")


@pytest.fixture
def coordinator(client, org):
    return signed_in(client, member(org, Role.COORDINATOR))


@pytest.fixture
def incident(org):
    return incident_create(
        organisation=org,
        user=None,
        title="Fel mottagare",
        became_aware_at=datetime.datetime(2024, 3, 1, 9, tzinfo=STHLM),
    )


def post_edit(coordinator, incident, **changes):
    url = f"{LIST}{incident.pk}/edit/"
    data = form_data(coordinator.get(url).context["form"])
    data.update(changes)
    return coordinator.post(url, data)


def local_input(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.parametrize("typed", ["0001-01-01T00:00", "9999-12-31T23:00", "1899-12-31T23:59", "2101-01-01T00:00"])
@pytest.mark.parametrize("field", ["became_aware_at", "occurred_at", "notification_at"])
def test_a_time_outside_the_years_1900_to_2100_is_refused_with_the_range(coordinator, incident, field, typed):
    response = post_edit(coordinator, incident, **{field: typed})

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [RANGE]
    assert RANGE in response.content.decode()
    incident.refresh_from_db()
    assert incident.became_aware_at.year == 2024 and incident.occurred_at is None


def test_the_first_and_last_years_are_accepted(coordinator, incident):
    response = post_edit(coordinator, incident, occurred_at="1900-01-01T00:00")
    assert response.status_code == 302
    incident.refresh_from_db()
    assert timezone.localtime(incident.occurred_at).year == 1900


def test_a_date_outside_the_years_is_refused_by_every_date_field(coordinator, org):
    response = coordinator.post(
        reverse("registry:actions:create"), {"plan_year": 2024, "title": "Utbildning", "due_date": "0001-01-01"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["due_date"] == [RANGE]
    assert not Action.objects.exists()


@pytest.mark.parametrize("field", ["became_aware_at", "occurred_at", "ended_at"])
def test_a_time_in_the_future_is_refused_for_what_has_happened(coordinator, incident, field):
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    changes = {field: local_input(tomorrow)}
    if field == "occurred_at":
        changes["became_aware_at"] = local_input(tomorrow + datetime.timedelta(hours=1))

    response = post_edit(coordinator, incident, **changes)

    assert response.status_code == 200
    assert FUTURE in " ".join(response.context["form"].errors[field])


def test_a_clock_a_few_minutes_fast_is_allowed(coordinator, incident):
    response = post_edit(
        coordinator, incident, became_aware_at=local_input(timezone.now() + datetime.timedelta(minutes=2))
    )
    assert response.status_code == 302


def test_the_model_refuses_a_future_or_extreme_time_on_every_write_path(org):
    with pytest.raises(ValidationError) as refused:
        incident_create(
            organisation=org, user=None, title="Framtid", became_aware_at=timezone.now() + datetime.timedelta(days=2)
        )
    assert "became_aware_at" in refused.value.message_dict
    incident = Incident(organisation=org, year=2024, sequence=9, title="Extrem")
    incident.became_aware_at = datetime.datetime(9999, 12, 31, 22, 0, tzinfo=datetime.UTC)
    incident.ended_at = datetime.datetime(1, 1, 1, 0, 0, tzinfo=datetime.UTC)
    with pytest.raises(ValidationError) as refused:
        incident.full_clean()
    assert refused.value.message_dict["became_aware_at"] == [RANGE]
    assert refused.value.message_dict["ended_at"] == [RANGE]


def test_the_admin_refuses_a_future_time(org, django_user_model):
    admin = Client()
    admin.force_login(django_user_model.objects.create_superuser("forvaltare"))
    url = reverse("admin:registry_incident_add")
    data = form_data(admin.get(url).context["adminform"].form)
    del data["assets"]
    future = timezone.localtime(timezone.now() + datetime.timedelta(days=3))
    data.update(
        organisation=str(org.pk),
        title="Framtid",
        became_aware_at_0=future.strftime("%Y-%m-%d"),
        became_aware_at_1=future.strftime("%H:%M"),
    )

    response = admin.post(url, data)

    assert response.status_code == 200
    assert FUTURE in response.content.decode()
    assert not Incident.objects.exists()


@pytest.fixture
def stored_at_the_end_of_time(incident):
    """An incident saved before the rule, became known 9999-12-31 23:00 Stockholm time (22:00 UTC)."""
    Incident.objects.filter(pk=incident.pk).update(
        became_aware_at=datetime.datetime(9999, 12, 31, 22, 0, tzinfo=datetime.UTC)
    )
    return incident


def titles(response) -> list[str]:
    return [row["obj"].title for row in response.context["rows"]]


def test_an_extreme_stored_year_is_offered_and_filters_without_a_server_error(coordinator, stored_at_the_end_of_time):
    choices = [value for value, _label in coordinator.get(LIST).context["filterset"].form.fields["year"].choices]
    assert "9999" in choices

    response = coordinator.get(LIST, {"year": "9999"})

    assert response.status_code == 200
    assert titles(response) == ["Fel mottagare"]


@pytest.mark.parametrize("junk", ["10000", "99999999999999999999", "0", "0001", "-5", "abc", "2024.5"])
def test_a_year_that_cannot_be_one_lists_nothing_and_says_so(coordinator, incident, junk):
    response = coordinator.get(LIST, {"year": junk})

    assert response.status_code == 200
    assert titles(response) == []
    assert "Välj ett år i listan, eller ett år från 1900 till 2100." in response.content.decode()


def test_a_valid_year_without_incidents_gives_an_empty_list_and_stays_chosen(coordinator, incident):
    response = coordinator.get(LIST, {"year": "2019"})

    assert response.status_code == 200
    assert titles(response) == []
    page = response.content.decode()
    assert "Välj ett giltigt alternativ" not in page
    assert '<option value="2019" selected>2019</option>' in page


def test_the_admin_year_filter_answers_any_number(stored_at_the_end_of_time, django_user_model):
    admin = Client()
    admin.force_login(django_user_model.objects.create_superuser("forvaltare"))
    url = reverse("admin:registry_incident_changelist")

    assert [i.title for i in admin.get(url + "?year=9999").context["cl"].result_list] == ["Fel mottagare"]
    assert list(admin.get(url + "?year=99999").context["cl"].result_list) == []
    assert list(admin.get(url + "?year=1").context["cl"].result_list) == []


def test_the_year_rule_never_raises_at_the_ends_of_the_calendar():
    assert year_start(10000) is None and year_start(1) is None and year_start(0) is None
    assert year_start(2024) == datetime.datetime(2024, 1, 1, tzinfo=STHLM)
    for first, last in [(9999, 9999), (1, 1), (0, 10**6), (10**6, 10**6), (-3, -1), (2025, 2024)]:
        assert list(Incident.objects.filter(became_aware_in_years(first, last))) == []
