"""The start page: what needs attention (with links to the filtered lists), the incident clocks, the coverage chart
and indicators, in a fixed number of queries; and the roll-up over every organisation of a city-level reader."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from isms.models import Membership, Role
from portal.views import list_url
from registry.models import (
    Action,
    ActionStatus,
    AuditReport,
    DocumentStatus,
    Issuer,
    ProcessingActivity,
    Recommendation,
    SteeringDocument,
)
from registry.selectors import classification_coverage
from registry.selectors.attention import attention, coverage_of_organisations, incident_clocks
from registry.services import incident_create
from registry.views.incidents import time_left
from reviews.models import ManagementReview, ReviewStatus
from tests.factories import classify, organisation, system

pytestmark = pytest.mark.django_db
D = datetime.date
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def org():
    return organisation("eav", name="Enskede-Årsta-Vantör")


@pytest.fixture
def coordinator(django_user_model, org):
    user = django_user_model.objects.create_user("samordnare")
    Membership.objects.create(user=user, organisation=org, role=Role.COORDINATOR)
    return user


@pytest.fixture
def page(client, coordinator):
    client.force_login(coordinator)

    def get():
        response = client.get("/")
        assert response.status_code == 200
        return response.content.decode()

    return get


def today():
    return timezone.localdate()


def breach(org, title, hours_ago, **fields):
    return incident_create(
        organisation=org,
        user=None,
        title=title,
        is_personal_data_breach=True,
        became_aware_at=timezone.now() - hours_ago * HOUR,
        **fields,
    )


def nis2(org, title, hours_ago, **fields):
    return incident_create(
        organisation=org,
        user=None,
        title=title,
        is_significant_nis2=True,
        became_aware_at=timezone.now() - hours_ago * HOUR,
        **fields,
    )


def test_coverage_now_is_a_headline_figure(page, org):
    classify(system(org), today() - datetime.timedelta(days=10))
    system(org)

    html = page()

    assert re.search(r'data-testid="coverage-now">50 %<', html)
    assert "i dag: 1 av 2 system i drift" in html


def test_the_coverage_chart_has_four_year_ends_a_title_a_description_and_a_data_table(page, org):
    year = today().year
    asset = system(org, in_use_from=D(year - 5, 1, 1))
    classify(asset, D(year - 2, 6, 1))  # classified in the year before last: counts from that year-end on
    system(org, in_use_from=D(year - 5, 1, 1))

    html = page()

    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and 'aria-labelledby="coverage-chart-title coverage-chart-desc"' in svg
    assert '<title id="coverage-chart-title">' in svg
    desc = re.search(r'<desc id="coverage-chart-desc">(.*?)</desc>', svg).group(1)
    assert f"{year - 4}: 0 %" in desc and f"{year - 2}: 50 %" in desc and f"{year - 1}: 50 %" in desc
    assert svg.count("<rect") == 5  # four year-ends and today
    table = html[html.index('<table class="visually-hidden">') :]
    table = table[: table.index("</table>")]
    for y in range(year - 4, year):
        assert f"{y}-12-31" in table


def test_running_and_overdue_breach_clocks_are_counted_and_listed(page, org):
    breach(org, "Felskickat e-brev", hours_ago=2)
    breach(org, "Borttappad dator", hours_ago=100)
    breach(org, "Anmäld", hours_ago=100, imy_notified_at=timezone.now() - 50 * HOUR)
    breach(org, "Ingen risk", hours_ago=100, not_notified_reason="Krypterad disk")

    html = page()

    attention_html = html[html.index('data-testid="attention"') :]
    assert re.search(r">1</span> personuppgiftsincident har inte anmälts till IMY inom 72 timmar", attention_html)
    # The overdue one is counted in red only: one breach (not two) still awaits the decision within its 72 hours.
    assert re.search(r">1</span> personuppgiftsincident väntar på beslut om anmälan till IMY", attention_html)
    assert "/registry/incidents/?clock=breach_overdue" in attention_html
    assert "/registry/incidents/?clock=breach_waiting" in attention_html
    clocks = html[html.index('data-testid="clocks"') :]
    clocks = clocks[: clocks.index("</table>")]
    assert clocks.index("Borttappad dator") < clocks.index("Felskickat e-brev")  # earliest deadline first
    assert "Försenad 28 h" in clocks  # 100 h since, 72 h allowed: as the incident pages say it
    assert "69 h kvar" in clocks  # just under 70 h left: hours, not "om 2 dygn"
    assert "Anmäld" not in clocks and "Ingen risk" not in clocks


def test_nis2_clocks_follow_the_three_steps(org):
    now = timezone.now()
    nis2(org, "Utbrott", hours_ago=30)  # early warning overdue, notification still running
    nis2(org, "Rapporterad", hours_ago=24 * 40, early_warning_at=now - 900 * HOUR, notification_at=now - 800 * HOUR)
    nis2(org, "Klar", hours_ago=24 * 40, early_warning_at=now, notification_at=now, final_report_at=now)

    clocks = incident_clocks(org, now)

    assert (clocks.nis2_running, clocks.nis2_overdue, clocks.nis2_waiting) == (2, 2, 0)
    assert sorted((c.incident.title, c.kind, c.overdue) for c in clocks.clocks) == [
        ("Rapporterad", "final_report", True),
        ("Utbrott", "early_warning", True),
        ("Utbrott", "notification", False),
    ]


def test_every_kind_of_gap_is_counted(org):
    day = today()
    classify(system(org), day - datetime.timedelta(days=800), next_review_due=day - datetime.timedelta(days=1))
    classify(system(org), day - datetime.timedelta(days=10))
    system(org)
    system(org, retired_on=day - datetime.timedelta(days=1))  # retired: not a gap
    ProcessingActivity.objects.create(organisation=org, name="Ofullständig", last_reviewed_on=day)
    Action.objects.create(organisation=org, plan_year=day.year, title="Försenad", due_date=day - datetime.timedelta(1))
    Action.objects.create(organisation=org, plan_year=day.year, title="I tid", due_date=day)
    Action.objects.create(
        organisation=org,
        plan_year=day.year,
        title="Klar",
        due_date=day - datetime.timedelta(days=9),
        status=ActionStatus.DONE,
        done_on=day,
    )
    report = AuditReport.objects.create(issuer=Issuer.CITY_AUDIT, title="Granskning", date=day)
    report.organisations.add(org)
    Recommendation.objects.create(organisation=org, report=report, number=1, text="Inför rutin")
    Recommendation.objects.create(organisation=org, report=report, number=2, text="Besvarad", response="Vi gör det")
    SteeringDocument.objects.create(organisation=org, title="Rutin", next_review_on=day - datetime.timedelta(1))
    SteeringDocument.objects.create(organisation=org, title="Översyn i dag", next_review_on=day)  # not late yet
    SteeringDocument.objects.create(organisation=org, title="Saknas", required=True, status=DocumentStatus.MISSING)

    a = attention(org, day)

    assert (a.stale_classifications, a.missing_classifications) == (1, 1)
    assert (a.processing_total, a.processing_incomplete, a.processing_not_reviewed) == (1, 1, 0)
    assert a.actions_overdue == 1
    assert a.recommendations_without_response == 1
    assert (a.documents_due, a.routines_missing) == (1, 1)


def test_items_link_to_the_filtered_lists_and_registers_not_yet_built_are_shown_without_a_link(page, org):
    system(org)

    html = page()

    assert 'href="/registry/assets/?classification=missing&amp;kind=system&amp;in_use=yes"' in html
    assert list_url("registry:assets:list", classification="stale") == "/registry/assets/?classification=stale"
    assert list_url("registry:no_such_register:list", due="yes") is None
    assert list_url("registry:incidents:detail", 1) in (None, "/registry/incidents/1/")


def test_nothing_to_do_says_so(page, org):
    html = page()

    assert "Inget behöver åtgärdas just nu." in html
    assert "0 system i drift saknar informationsklassning" in html


def test_another_organisations_rows_never_show(page, org):
    other = organisation("hsv")
    breach(other, "Hemlig incident i annan förvaltning", hours_ago=100)
    system(other)

    html = page()

    assert "Hemlig incident" not in html
    assert "Inget behöver åtgärdas just nu." in html


def test_user_data_is_escaped_on_the_start_page(page, org):
    breach(org, "<script>alert(1)</script>", hours_ago=1)

    html = page()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_time_left_is_the_incident_pages_wording():
    now = timezone.now()
    assert time_left(now + 5 * HOUR + datetime.timedelta(minutes=30), now) == "5 h kvar"
    assert time_left(now + 1 * HOUR, now) == "1 h kvar"
    assert time_left(now + 61 * HOUR, now) == "61 h kvar"  # not "om 2 dygn": hours while under 72 h
    assert time_left(now + 80 * HOUR, now) == "3 d 8 h kvar"
    assert time_left(now - 28 * HOUR, now) == "Försenad 28 h"
    assert time_left(now + datetime.timedelta(seconds=20), now) == "1 min kvar"


def test_the_yellow_nis2_item_leaves_out_what_the_red_one_counts(page, org):
    nis2(org, "Utbrott", hours_ago=30)  # early warning overdue
    nis2(org, "Ny", hours_ago=2)  # within its deadlines

    html = page()

    attention_html = html[html.index('data-testid="attention"') :]
    assert re.search(
        r">1</span> betydande incident \(cybersäkerhetslagen\) har en rapport som är försenad", attention_html
    )
    assert re.search(
        r">1</span> betydande incident \(cybersäkerhetslagen\) har rapporter kvar att lämna", attention_html
    )
    assert "/registry/incidents/?clock=nis2_waiting" in attention_html


def fill(org, n):
    day = today()
    for i in range(n):
        asset = system(org, name=f"System {org.code} {i}")
        if i % 3 == 0:
            classify(asset, day - datetime.timedelta(days=10))
        elif i % 3 == 1:
            classify(asset, day - datetime.timedelta(days=900), next_review_due=day - datetime.timedelta(days=5))
        breach(org, f"Incident {i}", hours_ago=i * 7)
        nis2(org, f"NIS2 {i}", hours_ago=i * 11)
        ProcessingActivity.objects.create(organisation=org, name=f"Behandling {i}")
        Action.objects.create(organisation=org, plan_year=day.year, title=f"Åtgärd {i}", due_date=D(2000, 1, 1))
        SteeringDocument.objects.create(organisation=org, title=f"Dokument {i}", next_review_on=D(2000, 1, 1))


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_start_page_makes_the_same_number_of_queries_for_5_and_50_rows(client, coordinator, org):
    client.force_login(coordinator)
    fill(org, 5)
    client.get("/")  # warm caches (content types, sessions)
    small = queries(client, "/")
    fill(org, 45)
    large = queries(client, "/")

    assert small == large, (small, large)
    assert small <= 30


# The roll-up for a city-level reader.


@pytest.fixture
def city_reader(django_user_model):
    return django_user_model.objects.create_user("lasare")


def city(reader, n):
    orgs = []
    for i in range(n):
        org = organisation(f"c{n}x{i}", name=f"Förvaltning {n}-{i:02d}")
        Membership.objects.create(user=reader, organisation=org, role=Role.READER)
        for j in range(i % 3 + 1):
            asset = system(org)
            if j % 2 == 0:
                classify(asset, today() - datetime.timedelta(days=5))
        ManagementReview.objects.create(organisation=org, plan_year=2024, cutoff_date=D(2023, 11, 15))
        ManagementReview.objects.create(organisation=org, plan_year=2025, cutoff_date=D(2024, 11, 15))
        orgs.append(org)
    return orgs


def test_the_overview_lists_every_organisation_with_coverage_and_review_status(client, city_reader, coordinator):
    eav, hsv = organisation("eav2", name="Enskede"), organisation("hsv2", name="Hässelby")
    for org in (eav, hsv):
        Membership.objects.create(user=city_reader, organisation=org, role=Role.READER)
    classify(system(eav), today() - datetime.timedelta(days=3))
    system(eav)
    system(hsv)
    ManagementReview.objects.create(organisation=eav, plan_year=2024, cutoff_date=D(2023, 11, 15))
    ManagementReview.objects.create(
        organisation=eav,
        plan_year=2025,
        cutoff_date=D(2024, 11, 15),
        status=ReviewStatus.APPROVED,
        approved_by=coordinator,
        approved_at=timezone.make_aware(datetime.datetime(2024, 12, 5, 10)),
    )
    organisation("sod", name="Södermalm")  # no membership: not listed
    client.force_login(city_reader)

    html = client.get("/overview/").content.decode()

    assert re.search(r'data-testid="coverage-eav2">50 %<', html)
    assert re.search(r'data-testid="coverage-hsv2">0 %<', html)
    assert re.search(r'data-testid="review-eav2">2025: Fastställd 2024-12-05<', html)
    assert "Ingen ännu" in html
    assert "Södermalm" not in html
    assert re.search(r'data-testid="coverage-overall">33 %<', html)
    assert 'href="/overview/"' in html  # the header offers the roll-up to a user with several organisations


def test_the_overview_makes_the_same_number_of_queries_for_2_and_8_organisations(client, city_reader):
    client.force_login(city_reader)
    city(city_reader, 2)
    client.get("/overview/")
    small = queries(client, "/overview/")
    city(city_reader, 6)
    large = queries(client, "/overview/")

    assert small == large, (small, large)


def test_coverage_of_many_organisations_at_once_agrees_with_the_coverage_of_each(django_user_model):
    from portal.demo import load_demo

    load_demo()
    from isms.models import Organisation

    orgs = list(Organisation.objects.all())
    for day in [D(2020, 12, 31), D(2021, 12, 31), D(2022, 12, 31), D(2023, 2, 28), D(2023, 11, 15), today()]:
        together = coverage_of_organisations([o.pk for o in orgs], day)
        for org in orgs:
            assert together[org.pk] == classification_coverage(org, day), (org.code, day)


def test_coverage_of_many_organisations_takes_the_last_registered_of_two_on_one_day():
    org = organisation()
    asset = system(org)
    classify(asset, D(2023, 5, 1))
    classify(asset, D(2023, 5, 1), levels=(2, None, 2, 1))  # registered later the same day: incomplete
    day = D(2023, 6, 1)

    assert coverage_of_organisations([org.pk], day)[org.pk] == classification_coverage(org, day)
    assert coverage_of_organisations([org.pk], day)[org.pk].classified == 0


def test_a_user_without_organisations_sees_a_clear_message_on_the_overview(client, city_reader):
    client.force_login(city_reader)

    assert "Du har ännu ingen behörighet" in client.get("/overview/").content.decode()


def test_the_overview_asks_for_sign_in(client):
    response = client.get("/overview/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.mark.slow
def test_every_attention_item_of_the_demo_links_to_a_list_of_exactly_its_rows(client):
    """What a coordinator does first: follow each "needs attention" item; the list must show the rows counted."""
    from portal import demo

    demo.load_demo("demo-pass-2026")
    client.force_login(Membership.objects.get(user__username="samordnare", role=Role.COORDINATOR).user)
    items = [item for item in client.get("/").context["needs_attention"] if item["url"]]
    assert len(items) >= 5
    for item in items:
        response = client.get(item["url"])
        assert response.status_code == 200, item["url"]
        assert response.context["page"].paginator.count == item["count"], (item["label"], item["url"])


def test_the_clock_table_has_distinct_column_headings(page, org):
    incident_create(
        organisation=org,
        user=None,
        title="Fel mottagare",
        is_personal_data_breach=True,
        became_aware_at=timezone.now() - 2 * HOUR,
    )
    table = re.search(r'<table class="table table-sm" data-testid="clocks">.*?</thead>', page(), re.S).group(0)
    headings = re.findall(r'<th scope="col">([^<]+)</th>', table)
    assert headings == ["Incident", "Tidsfrist", "Senast", "Återstår"]
