"""The demo data (portal.demo, `manage.py load_demo`): idempotent, its users, and the figures it is built to give."""

import datetime
import io
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.utils import timezone

from isms.models import Membership, Organisation
from portal import demo
from registry.models import (
    Action,
    AuditReport,
    ControlCheck,
    InformationAsset,
    Issuer,
    Recommendation,
    RecommendationStatus,
    SteeringDocument,
)
from reviews import sections as S
from reviews.models import ManagementReview

D = datetime.date
User = get_user_model()
PASSWORD = "Demo-lösenord-2024"


def row_counts() -> dict[str, int]:
    """Rows of every model of the project's apps (history tables included) and of users."""
    counts = {"auth.User": User.objects.count()}
    for label in ("registry", "reviews"):
        for model in apps.get_app_config(label).get_models():
            counts[model._meta.label] = model.objects.count()
    return counts


def coverage(organisation: Organisation, day: datetime.date) -> int:
    """Classification coverage per DESIGN.md §3, written independently of the application's selectors.

    Systems in use on `day` (put into use on or before it, not retired on or before it); covered when the newest
    classification decided on or before `day` has K, R, T (and S for KLASSA methods) and its review date is not
    before `day`. Whole percent, half up.
    """
    in_use = [
        asset
        for asset in InformationAsset.objects.filter(organisation=organisation, kind="system")
        if asset.in_use_from is not None
        and asset.in_use_from <= day
        and (asset.retired_on is None or day < asset.retired_on)
    ]
    covered = 0
    for asset in in_use:
        decided = [c for c in asset.classifications.all() if c.decided_on <= day]
        if not decided:
            continue
        current = max(decided, key=lambda c: (c.decided_on, c.pk))
        levels = [current.confidentiality, current.integrity, current.availability]
        if current.method in ("klassa3", "klassa4"):
            levels.append(current.traceability)
        complete = all(level is not None for level in levels)
        fresh = current.next_review_due is None or current.next_review_due >= day
        covered += complete and fresh
    share = Decimal(100 * covered) / Decimal(len(in_use))
    return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@pytest.mark.django_db
def test_migrations_create_no_users_and_no_organisations():
    assert User.objects.count() == 0
    assert Organisation.objects.count() == 0
    assert Membership.objects.count() == 0


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    first = demo.load_demo(PASSWORD)
    after_first = row_counts()
    second = demo.load_demo(PASSWORD)

    assert row_counts() == after_first  # history tables included: nothing was saved again
    assert second["created"] == {}
    assert second["updated"] == {}
    assert first["created"]["registry.InformationAsset"] == len(demo.EAV_ASSETS) + len(demo.HSV_ASSETS)
    assert first["created"]["registry.ProcessingActivity"] == 41 + 12
    assert first["created"]["registry.Incident"] == 12 + 4
    assert first["created"]["registry.Risk"] == 15 + 6
    assert first["created"]["registry.Measurement"] == 3 + 3
    # History dated in the past (processing records 2021–2023) is history too: none of it is written again.
    assert after_first["registry.HistoricalProcessingActivity"] > first["created"]["registry.ProcessingActivity"]
    assert Organisation.objects.count() == 2


@pytest.mark.django_db
def test_loading_restores_changed_demo_rows():
    demo.load_demo(PASSWORD)
    Action.objects.filter(title="Behörighetshantering").update(title="Behörighetshantering", position=9)
    result = demo.load_demo(PASSWORD)
    assert result["created"] == {}
    assert result["updated"] == {"registry.Action": 2}
    assert set(Action.objects.filter(title="Behörighetshantering").values_list("position", flat=True)) == {5}


@pytest.mark.django_db
def test_loading_leaves_a_review_alone_once_it_is_no_longer_a_draft():
    demo.load_demo(PASSWORD)
    review = ManagementReview.objects.get(organisation__code="eav", plan_year=2024)
    head = User.objects.get(username="forvaltningschef")
    ManagementReview.objects.filter(pk=review.pk).update(
        status="approved", approved_by=head, approved_at=timezone.now(), diarienummer="EÅV 2023/9999"
    )
    review.sections.filter(key=S.BACKGROUND).update(narrative="Fastställd text.")

    result = demo.load_demo(PASSWORD)

    review.refresh_from_db()
    assert (review.status, review.diarienummer) == ("approved", "EÅV 2023/9999")
    assert review.sections.get(key=S.BACKGROUND).narrative == "Fastställd text."
    assert result["reviews_left_alone"] == ["eav"]
    assert result["created"] == {} and result["updated"] == {}


@pytest.mark.django_db
def test_users_and_memberships():
    demo.load_demo(PASSWORD)
    memberships = set(Membership.objects.values_list("user__username", "organisation__code", "role"))
    assert memberships == {
        ("samordnare", "eav", "coordinator"),
        ("forvaltningschef", "eav", "head"),
        ("dataskyddsombud", "eav", "dpo"),
        ("systemagare", "eav", "contributor"),
        ("lasare", "eav", "reader"),
        ("lasare", "hsv", "reader"),
        ("samordnare_hsv", "hsv", "coordinator"),
    }
    for user in User.objects.all():
        assert user.first_name and user.last_name
        assert not user.is_staff and not user.is_superuser


# The values the module docstring of portal.demo works out.
EXPECTED_COVERAGE = {
    ("eav", D(2020, 12, 31)): 10,
    ("eav", D(2021, 12, 31)): 20,
    ("eav", D(2022, 12, 31)): 30,
    ("eav", D(2023, 11, 15)): 50,
    ("eav", D(2023, 12, 31)): 50,
    ("hsv", D(2021, 12, 31)): 8,
    ("hsv", D(2022, 12, 31)): 25,
    ("hsv", D(2023, 11, 10)): 58,
}


@pytest.mark.django_db
def test_classification_coverage_is_what_the_module_docstring_says():
    demo.load_demo(PASSWORD)
    organisations = {org.code: org for org in Organisation.objects.all()}
    actual = {(code, day): coverage(organisations[code], day) for code, day in EXPECTED_COVERAGE}
    assert actual == EXPECTED_COVERAGE


@pytest.mark.django_db
def test_coverage_does_not_depend_on_reading_in_force_as_newest_or_as_any():
    """The data is built so that "the newest classification is complete and fresh" and "some classification decided
    by then is complete and fresh" give the same shares: a selector may use either without changing the figures."""
    demo.load_demo(PASSWORD)
    for (code, day), percent in EXPECTED_COVERAGE.items():
        org = Organisation.objects.get(code=code)
        in_use = [
            a
            for a in InformationAsset.objects.filter(organisation=org, kind="system")
            if a.in_use_from and a.in_use_from <= day and (a.retired_on is None or day < a.retired_on)
        ]
        any_valid = sum(
            any(
                c.decided_on <= day
                and None not in (c.confidentiality, c.integrity, c.availability)
                and (c.method not in ("klassa3", "klassa4") or c.traceability is not None)
                and (c.next_review_due is None or c.next_review_due >= day)
                for c in asset.classifications.all()
            )
            for asset in in_use
        )
        share = (Decimal(100 * any_valid) / len(in_use)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        assert int(share) == percent, (code, day)


@pytest.mark.django_db
def test_eav_edge_cases_are_present():
    demo.load_demo(PASSWORD)
    eav = Organisation.objects.get(code="eav")
    systems = InformationAsset.objects.filter(organisation=eav, kind="system")
    cutoff = D(2023, 11, 15)
    assert systems.filter(status="planned", in_use_from__isnull=True).count() == 1
    assert systems.filter(status="retired", retired_on__year=2023).count() == 1
    assert systems.filter(classifications__decided_on=cutoff).count() == 1
    assert systems.filter(classifications__availability__isnull=True, classifications__method="klassa4").count() == 1
    stale = systems.filter(classifications__next_review_due__lt=cutoff).distinct()
    # Lifecare's old classification is superseded; Multi-Access's is stale and has no successor.
    assert sorted(asset.name for asset in stale) == ["Lifecare (Procapita)", "Multi-Access"]
    assert stale.get(name="Lifecare (Procapita)").classifications.filter(decided_on__lte=cutoff).count() == 2


@pytest.mark.django_db
def test_the_demo_rows_pass_the_rules_of_status_dates_and_cut_off_dates_today():
    """Status and dates agree today and the reviews' cut-off dates lie in their range (the models' clean): the demo
    stays loadable and editable however long after 2023 it is loaded."""
    demo.load_demo(PASSWORD)
    for asset in InformationAsset.objects.all():
        asset.full_clean()
    for review in ManagementReview.objects.all():
        review.clean()
    assert InformationAsset.objects.count() == len(demo.EAV_ASSETS) + len(demo.HSV_ASSETS)


@pytest.mark.django_db
def test_eav_reference_content():
    demo.load_demo(PASSWORD)
    eav = Organisation.objects.get(code="eav")

    by_year = {
        year: list(Action.objects.filter(organisation=eav, plan_year=year).values_list("title", flat=True))
        for year in (2024, 2025, 2026)
    }
    # The reference's 6 + 5 + 3 bullets, and at the end of 2024 the action the head's first decision created when the
    # demo approved the review (portal.demo_review).
    assert [len(titles) for titles in by_year.values()] == [7, 5, 3]
    assert by_year[2024][3] == "Översyn av incidentrutiner"
    assert by_year[2024][6].startswith("Ta fram en rutin för hantering av personuppgiftsincidenter")
    assert by_year[2026][2] == "Översyn av lokala rutiner"
    planned = Action.objects.filter(organisation=eav, decision__isnull=True)
    assert set(planned.values_list("business_plan_goal", flat=True)) == {"mål 3.5"}

    dpo = AuditReport.objects.get(issuer=Issuer.DPO_ANNUAL_REPORT, organisations=eav)
    recs = list(Recommendation.objects.filter(report=dpo, organisation=eav).order_by("number"))
    assert [r.status_label for r in recs] == ["Planerad 2024", "Genomförd 2023", "Genomförd 2023", "Planerad 2024"]
    assert recs[1].text.startswith("Ger informationssäkerhetssamordnaren")
    assert all(r.notes.exists() for r in recs if r.status == RecommendationStatus.DONE)
    assert (
        Action.objects.get(organisation=eav, plan_year=2024, title="Översyn av incidentrutiner").recommendation
        == recs[0]
    )
    assert dpo.areas.filter(organisation=eav).count() == 6

    city = AuditReport.objects.get(issuer=Issuer.CITY_AUDIT, number="Nr 5/2019")
    assert set(city.organisations.values_list("code", flat=True)) == {"eav", "hsv"}
    eav_city_recs = Recommendation.objects.filter(report=city, organisation=eav)
    assert {r.follow_up_reference for r in eav_city_recs} == {"årsrapporten för 2022, dnr RVK 2023/22"}

    check = ControlCheck.objects.get(organisation=eav, plan_year=2023, control__contains="ansvarsområden")
    assert (check.deviations_found, check.deviations_remedied) == (2, 2)
    missing = SteeringDocument.objects.filter(organisation=eav, required=True, status="missing")
    assert missing.count() == 2

    review = ManagementReview.objects.get(organisation=eav, plan_year=2024)
    assert review.cutoff_date == D(2023, 11, 15)
    assert [f.factor.title for f in review.factors.all()] == [
        "NIS-direktivet",
        "Tredjelandsöverföring",
        "Finansborgarrådets förslag till budget 2024",
    ]
    sections = {s.key: s for s in review.sections.all()}
    assert set(sections) == {spec.key for spec in S.SECTIONS} - {S.INCIDENTS}
    shown = {key for key, s in sections.items() if s.show_figures}
    assert shown == {
        S.PREVIOUS_ACTIONS,
        S.RSA,
        S.CONTROL_PLAN,
        S.AUDIT_REPORT,
        S.GDPR_REPORT,
        S.PLAN_YEAR_1,
        S.PLAN_YEAR_2,
        S.PLAN_YEAR_3,
    }
    assert "[[klassning.förändring]]" in sections[S.PREVIOUS_ACTIONS].narrative
    assert "[[figurer]]" in sections[S.GDPR_REPORT].narrative.split("\n\n")
    narratives = "\n".join(s.narrative for s in sections.values())
    assert "procent" not in narratives  # computed, never typed
    assert "Ge informationssäkerhetssamordnaren" not in narratives  # the recommendations come from the register


@pytest.mark.django_db
def test_second_organisation_has_data_of_its_own():
    demo.load_demo(PASSWORD)
    hsv = Organisation.objects.get(code="hsv")
    assert InformationAsset.objects.filter(organisation=hsv, kind="system").count() == 12
    assert Action.objects.filter(organisation=hsv).exists()
    assert Recommendation.objects.filter(organisation=hsv, report__issuer=Issuer.DPO_ANNUAL_REPORT).count() == 2
    assert ManagementReview.objects.filter(organisation=hsv, plan_year=2024, status="draft").exists()
    # Same system names as eav, but separate rows.
    assert InformationAsset.objects.filter(name="Treserva").count() == 2


@pytest.mark.django_db
def test_command_with_password_lets_every_demo_user_sign_in():
    out = io.StringIO()
    call_command("load_demo", password=PASSWORD, stdout=out)
    output = out.getvalue()

    request = RequestFactory().post("/accounts/login/")
    for username in demo.USERS:
        assert authenticate(request, username=username, password=PASSWORD) is not None
        assert username in output
    assert PASSWORD in output
    assert "Enskede-Årsta-Vantörs stadsdelsförvaltning" in output
    assert "Hässelby-Vällingby stadsdelsförvaltning" in output
    assert "Läsare (eav), Läsare (hsv)" in output


@pytest.mark.django_db
def test_command_without_password_generates_one_and_later_runs_keep_it():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    password = re.search(r"Lösenord \(genererat\) för .*: (\S+)", out.getvalue()).group(1)
    assert len(password) >= 12
    assert all(user.check_password(password) for user in User.objects.all())

    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "Behåller sitt tidigare lösenord" in out.getvalue()
    assert password not in out.getvalue()
    assert all(user.check_password(password) for user in User.objects.all())

    call_command("load_demo", password=PASSWORD, stdout=io.StringIO())
    assert all(user.check_password(PASSWORD) for user in User.objects.all())


@pytest.mark.django_db
def test_command_refuses_an_empty_password():
    with pytest.raises(CommandError):
        call_command("load_demo", password=" ", stdout=io.StringIO())
    assert User.objects.count() == 0
