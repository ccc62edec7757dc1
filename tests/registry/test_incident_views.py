"""The incident register in the browser: references allocated on creation, the legal clocks in the list and on
the detail page, Stockholm times through the daylight-saving changes, roles, history."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from isms.models import Role
from registry.models import Incident, IncidentCounter
from registry.services import incident_create
from registry.views.incidents import breach_clock, duration
from tests.factories import organisation
from tests.registry.ui_support import member, query_count, signed_in

pytestmark = pytest.mark.django_db

LIST = "/registry/incidents/"
STHLM = ZoneInfo("Europe/Stockholm")
UTC = datetime.UTC


def local(*args, **kwargs):
    return datetime.datetime(*args, tzinfo=STHLM, **kwargs)


def incident(org, title="Incident", aware=None, **fields) -> Incident:
    return incident_create(
        organisation=org,
        user=None,
        became_aware_at=aware or timezone.now() - datetime.timedelta(hours=1),
        title=title,
        **fields,
    )


def form_data(**overrides) -> dict:
    data = {
        "title": "Fel mottagare",
        "is_information_security": "on",
        "severity": "medium",
        "status": "open",
        "became_aware_at": "2024-05-06T08:00",
    }
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


def test_duration_texts():
    assert duration(datetime.timedelta(minutes=42)) == "42 min"
    assert duration(datetime.timedelta(hours=12, minutes=59)) == "12 h"
    assert duration(datetime.timedelta(hours=71)) == "71 h"
    assert duration(datetime.timedelta(hours=75)) == "3 d 3 h"
    assert duration(datetime.timedelta(days=30)) == "30 d"


def test_art33_clock_texts(org):
    now = timezone.now()
    aware = now - datetime.timedelta(hours=60)
    assert breach_clock(Incident(is_personal_data_breach=True, became_aware_at=aware), now) == "12 h kvar"
    late = now - datetime.timedelta(hours=77)
    assert "Försenad 5 h" in breach_clock(Incident(is_personal_data_breach=True, became_aware_at=late), now)
    notified = Incident(
        is_personal_data_breach=True, became_aware_at=late, imy_notified_at=late + datetime.timedelta(hours=70)
    )
    assert breach_clock(notified, now) == "Anmäld i tid"
    notified.imy_notified_at = late + datetime.timedelta(hours=73)
    assert "Anmäld sent" in breach_clock(notified, now)
    reasoned = Incident(is_personal_data_breach=True, became_aware_at=late, not_notified_reason="Låg risk")
    assert breach_clock(reasoned, now) == "Ej anmäld – skäl angivet"
    assert breach_clock(Incident(became_aware_at=late), now) == "–"


def test_list_shows_reference_kinds_and_clock(coordinator, org):
    now = timezone.now()
    incident(
        org,
        "Elevlista till fel mottagare",
        aware=now - datetime.timedelta(hours=59, minutes=30),
        is_personal_data_breach=True,
    )
    incident(
        org, "Förlorad telefon", aware=now - datetime.timedelta(hours=77, minutes=30), is_personal_data_breach=True
    )
    incident(org, "Driftstopp", is_significant_nis2=True)
    incident(organisation(), "Annans incident")
    page = coordinator.get(LIST).content.decode()
    year = timezone.localdate().year
    assert f">{year}-001</a>" in page or f">{year - 1}-001</a>" in page
    assert "Elevlista till fel mottagare" in page and "Annans incident" not in page
    assert "12 h kvar" in page
    assert "Försenad 5 h" in page
    assert "<td>Betydande incident (cybersäkerhetslagen)</td>" in page and "Personuppgiftsincident" in page


def test_filters_kind_status_clocks_and_year(coordinator, org):
    now = timezone.now()
    running = incident(org, "Löpande", aware=now - datetime.timedelta(hours=10), is_personal_data_breach=True)
    overdue = incident(org, "Försenad", aware=now - datetime.timedelta(hours=80), is_personal_data_breach=True)
    reasoned = incident(
        org,
        "Skäl",
        aware=now - datetime.timedelta(hours=80),
        is_personal_data_breach=True,
        not_notified_reason="Låg risk",
    )
    nis2 = incident(
        org,
        "NIS2 utan slutrapport",
        aware=local(2024, 1, 30, 12, 0),
        is_significant_nis2=True,
        early_warning_at=local(2024, 1, 30, 18, 0),
        notification_at=local(2024, 1, 31, 9, 0),
        status="closed",
    )
    fresh_nis2 = incident(org, "Ny NIS2", aware=now - datetime.timedelta(hours=2), is_significant_nis2=True)
    other = incident(org, "Övrig", aware=local(2023, 6, 1, 12, 0))
    everything = (running, overdue, reasoned, nis2, fresh_nis2, other)

    def titles(query):
        page = coordinator.get(LIST + "?" + query).content.decode()
        return {i.title for i in everything if f"<td>{i.title}</td>" in page}

    assert titles("kind=breach") == {"Löpande", "Försenad", "Skäl"}
    assert titles("kind=nis2") == {"NIS2 utan slutrapport", "Ny NIS2"}
    assert titles("kind=other") == {"Övrig"}
    assert titles("status=closed") == {"NIS2 utan slutrapport"}
    assert titles("clock=breach_running") == {"Löpande", "Försenad"}
    assert titles("clock=breach_overdue") == {"Försenad"}
    assert titles("clock=nis2_running") == {"NIS2 utan slutrapport", "Ny NIS2"}
    assert titles("clock=nis2_overdue") == {"NIS2 utan slutrapport"}  # its final report was due 2024-02-29
    assert titles("clock=running") == {"Löpande", "Försenad", "NIS2 utan slutrapport", "Ny NIS2"}
    assert titles("clock=overdue") == {"Försenad", "NIS2 utan slutrapport"}
    assert titles("clock=breach_waiting") == {"Löpande"}
    assert titles("clock=nis2_waiting") == {"Ny NIS2"}
    assert titles("year=2023") == {"Övrig"}


def test_the_type_column_uses_the_type_filters_words(coordinator, org):
    incident(org, "Båda", is_personal_data_breach=True, is_significant_nis2=True)
    incident(org, "Vanlig")
    page = coordinator.get(LIST).content.decode()
    filter_form = page[page.index('name="kind"') : page.index("</select>", page.index('name="kind"'))]
    assert "Betydande incident (cybersäkerhetslagen)" in filter_form and "Övriga incidenter" in filter_form
    assert "<td>Personuppgiftsincident, Betydande incident (cybersäkerhetslagen)</td>" in page
    assert "<td>Övrig incident</td>" in page
    assert "Betydande (NIS2)" not in page and "<td>Informationssäkerhet</td>" not in page


def test_the_clock_filters_count_what_the_start_page_counts(coordinator, org):
    from registry.selectors.attention import incident_clocks

    now = timezone.now()
    incident(org, "A", aware=now - datetime.timedelta(hours=10), is_personal_data_breach=True)
    incident(org, "B", aware=now - datetime.timedelta(hours=90), is_personal_data_breach=True, is_significant_nis2=True)
    incident(org, "C", aware=now - datetime.timedelta(hours=30), is_significant_nis2=True, early_warning_at=now)
    clocks = incident_clocks(org, now)
    for value, expected in [
        ("breach_running", clocks.breach_running),
        ("breach_overdue", clocks.breach_overdue),
        ("nis2_running", clocks.nis2_running),
        ("nis2_overdue", clocks.nis2_overdue),
        ("breach_waiting", clocks.breach_waiting),
        ("nis2_waiting", clocks.nis2_waiting),
    ]:
        response = coordinator.get(f"{LIST}?clock={value}")
        assert response.context["page"].paginator.count == expected, value


def test_detail_shows_the_clocks_in_stockholm_time(coordinator, org):
    row = incident(
        org,
        "Driftstörning",
        aware=local(2024, 10, 27, 2, 30, fold=1),  # the second 02:30, winter time
        is_significant_nis2=True,
        is_personal_data_breach=True,
        early_warning_at=local(2024, 10, 27, 12, 0),
        notification_at=local(2024, 10, 29, 9, 0),
        imy_notified_at=local(2024, 10, 28, 9, 0),
    )
    page = coordinator.get(f"{LIST}{row.pk}/").content.decode()
    assert "Frister för rapportering" in page
    assert "upptäcktes 2024-10-27 02:30 (vintertid)" in page
    assert "Anmälan till IMY (art. 33 GDPR, 72 timmar)" in page
    assert "2024-10-30 02:30" in page  # 72 h and 24 h after becoming aware, both in winter time
    assert "2024-10-28 02:30" in page
    assert "2024-11-29 09:00" in page  # final report: a month after the notification
    assert page.count("Lämnad i tid") == 3
    assert "Försenad" in page  # the final report was never made


def test_detail_without_any_clock_says_so(coordinator, org):
    row = incident(org, "Virus på en dator")
    page = coordinator.get(f"{LIST}{row.pk}/").content.decode()
    assert "Inga rapporteringsfrister gäller" in page


def test_creating_through_the_form_allocates_the_next_reference_of_the_stockholm_year(coordinator, org, user):
    incident(org, "Tidigare", aware=local(2024, 3, 1, 12, 0))  # 2024-001
    response = coordinator.post(LIST + "new/", form_data(became_aware_at="2024-12-31T23:30"))
    created = Incident.objects.get(title="Fel mottagare")
    assert response.status_code == 302 and response["Location"] == f"{LIST}{created.pk}/"
    assert created.reference == "2024-002" and created.organisation == org
    assert created.history.earliest().history_user == user
    # 00:30 on New Year's Day in Stockholm is still 2024 in UTC: the year is Stockholm's.
    coordinator.post(LIST + "new/", form_data(title="Nyårsnatt", became_aware_at="2025-01-01T00:30"))
    assert Incident.objects.get(title="Nyårsnatt").reference == "2025-001"
    assert IncidentCounter.objects.get(organisation=org, year=2024).last == 2
    follow = coordinator.get(response["Location"]).content.decode()
    assert "2024-002 Fel mottagare" in follow


def test_a_time_in_the_skipped_spring_hour_is_a_form_error(coordinator):
    response = coordinator.post(LIST + "new/", form_data(became_aware_at="2024-03-31T02:30"))
    assert response.status_code == 200
    assert response.context["form"].errors["became_aware_at"] == [
        "Tiden 02:30 finns inte den 2024-03-31 eftersom klockan ställdes fram. Ange en tid före 02:00 eller efter 03:00."
    ]
    assert not Incident.objects.exists()


def test_a_time_in_the_repeated_autumn_hour_asks_before_or_after(coordinator):
    response = coordinator.post(LIST + "new/", form_data(became_aware_at="2024-10-27T02:30"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "inträffade två gånger" in page
    assert 'name="became_aware_at_fold"' in page and "Efter omställningen" in page
    assert 'for="id_became_aware_at"' in page  # the label names the input itself (not a legend of a group)
    assert 'for="id_became_aware_at_fold_1"' in page
    assert not Incident.objects.exists()
    response = coordinator.post(
        LIST + "new/", form_data(became_aware_at="2024-10-27T02:30", became_aware_at_fold="after")
    )
    assert response.status_code == 302
    created = Incident.objects.get()
    assert created.became_aware_at == datetime.datetime(2024, 10, 27, 1, 30, tzinfo=UTC)
    assert created.breach_deadline is None and created.reference == "2024-001"
    edit = coordinator.get(f"{LIST}{created.pk}/edit/").content.decode()
    assert 'value="after" checked' in edit  # the edit form shows which 02:30 it is


def test_form_checks_the_order_of_times_and_the_notification_rules(coordinator):
    response = coordinator.post(
        LIST + "new/",
        form_data(
            is_personal_data_breach="on",
            occurred_at="2024-05-07T08:00",
            imy_notified_at="2024-05-10T09:00",
            not_notified_reason="Låg risk",
        ),
    )
    errors = response.context["form"].errors
    assert errors["occurred_at"] == [
        "Tidpunkten då incidenten inträffade kan inte ligga efter tidpunkten då den upptäcktes."
    ]
    assert "Töm skälet att inte anmäla" in errors["not_notified_reason"][0]
    assert errors["late_notification_reason"] == [
        "Anmälan gjordes mer än 72 timmar efter upptäckten. Ange skälet till förseningen (art. 33.1)."
    ]
    assert not Incident.objects.exists()


def test_edit_keeps_the_reference_and_records_the_actor(coordinator, org, user):
    row = incident(org, "Gammal rubrik", aware=local(2024, 5, 6, 8, 0))
    response = coordinator.post(
        f"{LIST}{row.pk}/edit/", form_data(title="Ny rubrik", became_aware_at="2025-02-01T08:00", version=1)
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.title == "Ny rubrik" and row.reference == "2024-001"
    assert row.history.latest().history_user == user and row.history.latest().history_type == "~"


def test_the_second_of_two_concurrent_edits_gets_a_conflict(client, org, user):
    row = incident(org, "Original", aware=local(2024, 5, 6, 8, 0))
    signed_in(client, user)
    first = client.post(f"{LIST}{row.pk}/edit/", form_data(title="Första", version=1))
    second = client.post(f"{LIST}{row.pk}/edit/", form_data(title="Andra", version=1))
    assert first.status_code == 302 and second.status_code == 200
    assert "Någon annan har sparat ändringar" in second.content.decode()
    row.refresh_from_db()
    assert row.title == "Första"


@pytest.mark.parametrize("role", [Role.READER, Role.DPO, Role.CONTRIBUTOR, Role.HEAD])
def test_only_the_coordinator_creates_and_edits(client, org, role):
    signed_in(client, member(org, role))
    row = incident(org, "Orörd")
    assert client.get(f"{LIST}{row.pk}/").status_code == 200
    assert client.get(LIST + "new/").status_code == 403
    assert client.post(LIST + "new/", form_data()).status_code == 403
    assert client.post(f"{LIST}{row.pk}/edit/", form_data(version=1)).status_code == 403
    row.refresh_from_db()
    assert row.title == "Orörd" and Incident.objects.count() == 1


def test_another_organisations_incident_is_not_found(coordinator):
    foreign = incident(organisation(), "Annans")
    assert coordinator.get(f"{LIST}{foreign.pk}/").status_code == 404
    assert coordinator.get(f"{LIST}{foreign.pk}/edit/").status_code == 404
    assert coordinator.post(f"{LIST}{foreign.pk}/edit/", form_data(version=1)).status_code == 404


def test_list_query_count_does_not_grow_with_rows(coordinator, org):
    def add(n):
        for i in range(n):
            incident(
                org,
                f"Incident {i}",
                aware=local(2024, 1, 1, 8, 0) + datetime.timedelta(days=i),
                is_personal_data_breach=i % 2 == 0,
            )

    add(5)
    urls = [LIST, LIST + "?clock=overdue&year=2024", LIST + "?clock=running&kind=breach"]
    small = [query_count(coordinator, url) for url in urls]
    add(45)
    assert [query_count(coordinator, url) for url in urls] == small


def test_incidents_are_closed_not_deleted(coordinator, org):
    row = incident(org, "Kvar")
    assert "/delete/" not in coordinator.get(f"{LIST}{row.pk}/").content.decode()
    assert coordinator.post(f"{LIST}{row.pk}/delete/").status_code == 403
    assert Incident.objects.filter(pk=row.pk).exists()


def test_the_dpo_comments_on_a_breach(client, org):
    dpo = member(org, Role.DPO)
    signed_in(client, dpo)
    row = incident(org, "Fel mottagare", is_personal_data_breach=True)
    response = client.post(f"{LIST}{row.pk}/comment/", {"text": "Anmäl till IMY i dag."})
    assert response.status_code == 302
    page = client.get(f"{LIST}{row.pk}/").content.decode()
    assert "Anmäl till IMY i dag." in page
