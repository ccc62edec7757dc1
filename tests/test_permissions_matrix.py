"""Who may do what, where: every role × own or another organisation's row × every URL of every register in
REGISTERS, plus the start page, the organisation choice and the roll-up, with the status the server must answer.

Expectations are derived from isms.permissions.CAPABILITIES and each Register's capability_for(row), so a register
added to REGISTERS is covered as soon as FACTORIES below can build a row of its model (otherwise its cases are
skipped with a message saying so). Another organisation's row answers 404 whatever the role; a forbidden action
403; no membership sends the user to choose an organisation; anonymous visitors to the sign-in page. One rule is not
a capability alone: the DPO creates recommendations, but only under a DPO annual report (CREATE_RULES).

Shared rows (scope "shared", SHARED_FACTORIES): an audit report addressed to the user's organisation and another
one, and the other organisation's rows under it. The report is read by both, but its common fields are changed only
by a coordinator of both (the extra role COORDINATOR_OF_BOTH, working in the user's organisation); a coordinator of
one gets 403, and nobody deletes it from the app. The other organisation's rows under it answer 404 as any other
organisation's row does, to a coordinator of both as well (they are changed from that organisation).
"""

import datetime
import io
from dataclasses import dataclass

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from isms.models import Membership, Role
from isms.permissions import CAPABILITIES, COMMENT, EDIT, EDIT_DPO, SESSION_KEY
from registry.models import (
    Action,
    AuditReport,
    AuditReportArea,
    ControlCheck,
    DpoArea,
    ExternalFactor,
    Indicator,
    IndicatorKind,
    InformationAsset,
    Issuer,
    Measurement,
    ProcessingActivity,
    Recommendation,
    RecommendationNote,
    Risk,
    SteeringDocument,
)
from registry.services import incident_create
from registry.spreadsheets.registers import FILES as EXPORT_FILES
from registry.views import REGISTERS
from registry.views.audits import REPORTS as REPORTS_REGISTER
from tests.factories import classify, organisation, system
from tests.formdata import form_data

D = datetime.date
ANONYMOUS, NO_MEMBERSHIP = "anonymous", "no_membership"
ROLES = [Role.COORDINATOR, Role.HEAD, Role.DPO, Role.CONTRIBUTOR, Role.READER, NO_MEMBERSHIP, ANONYMOUS]
SCOPES = ["own", "other"]
XSS = "<script>alert(1)</script>"


# --- One row of each register model, in a given organisation, with `marker` in its main text field. -------------


def _report(org, marker, issuer=Issuer.CITY_AUDIT):
    report = AuditReport.objects.create(issuer=issuer, title=marker, date=D(2023, 5, 1))
    report.organisations.add(org)
    return report


def _recommendation(issuer):
    def build(org, marker):
        report = _report(org, f"Rapport {marker}", issuer)
        return Recommendation.objects.create(organisation=org, report=report, number=1, text=marker)

    return build


def _measurement(org, marker):
    indicator = Indicator.objects.filter(kind=IndicatorKind.ENTERED).first()
    if indicator is None:
        indicator = Indicator.objects.create(code="e_learning_test", name="E-utbildning", kind=IndicatorKind.ENTERED)
    return Measurement.objects.create(indicator=indicator, organisation=org, year=2023, value=78, note=marker)


def _incident(org, marker):
    return incident_create(
        organisation=org,
        user=None,
        title=marker,
        is_personal_data_breach=True,
        became_aware_at=timezone.make_aware(datetime.datetime(2024, 3, 1, 9, 30)),
    )


# model label → [(variant, build(organisation, marker))]; variants exercise capabilities that depend on the row.
FACTORIES = {
    "registry.InformationAsset": [("system", lambda org, marker: system(org, name=marker))],
    "registry.Classification": [
        ("klassa", lambda org, marker: classify(system(org), D(2023, 1, 10), notes=marker, decided_by=marker))
    ],
    "registry.ProcessingActivity": [
        ("record", lambda org, m: ProcessingActivity.objects.create(organisation=org, name=m, purposes="Handläggning"))
    ],
    "registry.Incident": [("breach", _incident)],
    "registry.Risk": [
        ("risk", lambda org, m: Risk.objects.create(organisation=org, title=m, likelihood=2, consequence=3))
    ],
    "registry.AuditReport": [("report", _report)],
    "registry.Recommendation": [
        ("dpo_report", _recommendation(Issuer.DPO_ANNUAL_REPORT)),
        ("city_audit", _recommendation(Issuer.CITY_AUDIT)),
    ],
    "registry.RecommendationNote": [
        (
            "note",
            lambda org, m: RecommendationNote.objects.create(
                recommendation=_recommendation(Issuer.CITY_AUDIT)(org, f"Rek {m}"), date=D(2023, 6, 1), text=m
            ),
        )
    ],
    "registry.ControlCheck": [
        (
            "check",
            lambda org, m: ControlCheck.objects.create(
                organisation=org, plan_year=2023, process="Behörighetshantering", control=m
            ),
        )
    ],
    "registry.Action": [("action", lambda org, m: Action.objects.create(organisation=org, plan_year=2024, title=m))],
    "registry.SteeringDocument": [
        ("document", lambda org, m: SteeringDocument.objects.create(organisation=org, title=m))
    ],
    "registry.ExternalFactor": [
        (
            "factor",
            lambda org, m: ExternalFactor.objects.create(organisation=org, title=m, category="law", text="Text"),
        )
    ],
    "registry.Measurement": [("measurement", _measurement)],
}


# Rows the user's organisation reaches but shares with another: model label → {variant: (build(own organisation,
# other organisation, marker), owner)}. owner "both": the row is common to both (an audit report addressed to both);
# "other": the row is the other organisation's, under a common one (its recommendation under that report).
def _shared_report(own, other, marker, issuer=Issuer.CITY_AUDIT):
    report = _report(own, marker, issuer)
    report.organisations.add(other)
    return report


def _shared_recommendation(issuer):
    def build(own, other, marker):
        report = _shared_report(own, other, f"Gemensam rapport {marker}", issuer)
        return Recommendation.objects.create(organisation=other, report=report, number=1, text=marker)

    return build


SHARED_FACTORIES = {
    "registry.AuditReport": {"report": (_shared_report, "both")},
    "registry.Recommendation": {
        "dpo_report": (_shared_recommendation(Issuer.DPO_ANNUAL_REPORT), "other"),
        "city_audit": (_shared_recommendation(Issuer.CITY_AUDIT), "other"),
    },
}
COORDINATOR_OF_BOTH = "coordinator_of_both"


# register slug → function(capabilities, variant) → whether creating is allowed, where the row's kind matters: the
# DPO (EDIT_DPO without EDIT) adds recommendations only under a DPO annual report. In the "city_audit" world her
# organisation has no such report: no create page; and the create POST names the city audit report: 403.
CREATE_RULES = {
    "recommendations": lambda caps, variant: EDIT in caps or (EDIT_DPO in caps and variant == "dpo_report"),
}

# --- The cases. -----------------------------------------------------------------------------------------------------

OBJECT_ACTIONS = ["detail", "update_get", "update_post", "delete_post", "comment_post"]
ACTIONS = ["list", "create_get", "create_post", *OBJECT_ACTIONS]


def export_actions(register) -> list[str]:
    """One action per file the register's list exports and format: "export-xlsx", "export-art30-csv" …"""
    return [
        "-".join(part for part in ("export", export.key, fmt) if part)
        for export in EXPORT_FILES[register.slug]
        for fmt in ("xlsx", "csv")
    ]


def register_cases():
    for register in REGISTERS:
        label = register.model._meta.label
        variants = FACTORIES.get(label, [(None, None)])
        for variant, _build in variants:
            name = f"{register.slug}{'-' + variant if variant and len(variants) > 1 else ''}"
            for action in ACTIONS:
                for role in ROLES:
                    for scope in SCOPES:
                        yield pytest.param(register, variant, action, role, scope, id=f"{name}-{action}-{role}-{scope}")
            for action in export_actions(register):  # a list's file: another organisation's rows never in it
                for role in ROLES:
                    yield pytest.param(register, variant, action, role, "own", id=f"{name}-{action}-{role}-own")
            for action in [*ACTIONS, *export_actions(register)]:
                if variant in SHARED_FACTORIES.get(label, {}):
                    for role in [*ROLES, COORDINATOR_OF_BOTH]:
                        yield pytest.param(
                            register, variant, action, role, "shared", id=f"{name}-{action}-{role}-shared"
                        )


@dataclass
class World:
    own: object  # the row in the user's organisation
    other: object  # the row in another organisation
    user: object | None
    own_org: object
    other_org: object
    shared: object = None  # the row shared with the other organisation (scope "shared")


def build_world(register, variant, role, scope="own") -> World:
    label = register.model._meta.label
    builders = dict(FACTORIES.get(label, []))
    if variant not in builders:
        pytest.skip(
            f"No factory for {label} (register {register.slug!r}): add one to FACTORIES in "
            "tests/test_permissions_matrix.py so its URLs are covered by the matrix."
        )
    own_org, other_org = organisation(), organisation()
    own = builders[variant](own_org, f"Egen rad {register.slug}")
    other = builders[variant](other_org, f"Annan organisations rad {register.slug}")
    shared = None
    if scope == "shared":
        build, _owner = SHARED_FACTORIES[label][variant]
        shared = build(own_org, other_org, f"Gemensam rad {register.slug}")
    return World(own, other, make_user(role, own_org, other_org), own_org, other_org, shared)


def make_user(role, own_org, other_org):
    """The user in `role` in `own_org` (a coordinator of both: in `other_org` too); None for anonymous."""
    if role == ANONYMOUS:
        return None
    user = get_user_model().objects.create_user(f"user-{role}")
    if role == COORDINATOR_OF_BOTH:
        Membership.objects.create(user=user, organisation=own_org, role=Role.COORDINATOR)
        Membership.objects.create(user=user, organisation=other_org, role=Role.COORDINATOR)
    elif role != NO_MEMBERSHIP:
        Membership.objects.create(user=user, organisation=own_org, role=role)
    return user


def sign_in(client, world: World) -> None:
    """Sign the world's user in (if any), working in the world's own organisation."""
    if world.user is None:
        return
    client.force_login(world.user)
    session = client.session
    session[SESSION_KEY] = world.own_org.pk
    session.save()


def role_capabilities(role) -> frozenset[str]:
    return CAPABILITIES[Role.COORDINATOR if role == COORDINATOR_OF_BOTH else role]


def may_create(register, variant, caps) -> bool:
    if not register.can_create:
        return False
    if register.slug in CREATE_RULES:
        return CREATE_RULES[register.slug](caps, variant)
    return register.capability_for() in caps


def shared_owner(register, variant, scope) -> str | None:
    """For scope "shared": "both" (the row is common to both organisations) or "other" (it is the other's)."""
    return SHARED_FACTORIES[register.model._meta.label][variant][1] if scope == "shared" else None


def expected_status(register, variant, action, role, scope, obj) -> int:
    if role in (ANONYMOUS, NO_MEMBERSHIP):
        return 302
    caps = role_capabilities(role)
    owner = shared_owner(register, variant, scope)
    if action == "list" or action.startswith("export"):
        return 200  # every role reads and exports the lists (VIEW)
    if action in ("create_get", "create_post"):
        allowed = may_create(register, variant, caps)
        return (200 if action == "create_get" else 302) if allowed else 403
    if scope == "other" or owner == "other":
        return 404
    if action == "detail":
        return 200
    if action in ("update_get", "update_post"):
        if register.capability_for(obj) not in caps:
            return 403
        if owner == "both" and role != COORDINATOR_OF_BOTH:
            return 403  # the role may edit, but not in the other organisation
        return 200 if action == "update_get" else 302
    if action == "delete_post":
        # A shared row: the delete is refused with its reason on the row's page (a redirect), and nothing deleted.
        return 302 if register.can_delete and register.capability_for(obj) in caps else 403
    if action == "comment_post":
        return 302 if {COMMENT, EDIT} & caps else 403
    raise AssertionError(action)


def request(client, register, action, obj, world):
    url = lambda name, *args: reverse(f"registry:{register.slug}:{name}", args=args)  # noqa: E731
    if action == "list":
        return client.get(url("list"))
    if action.startswith("export"):
        *key, fmt = action.split("-")[1:]
        if key:
            return client.get(reverse("registry:export_layout", args=[register.slug, key[0], fmt]))
        return client.get(reverse("registry:export", args=[register.slug, fmt]))
    if action == "create_get":
        return client.get(url("create"))
    if action == "create_post":
        data = form_data(register.form_class(instance=world.own, organisation=world.own_org))
        data.pop("version", None)
        return client.post(url("create"), data)
    if action == "detail":
        return client.get(url("detail", obj.pk))
    if action == "update_get":
        return client.get(url("update", obj.pk))
    if action == "update_post":
        # The form as the edit page shows it, where it shows one (it knows the user: e.g. a report's addressees).
        shown = client.get(url("update", obj.pk))
        if shown.status_code == 200 and shown.context and "form" in shown.context:
            return client.post(url("update", obj.pk), form_data(shown.context["form"]))
        return client.post(url("update", obj.pk), form_data(register.form_class(instance=obj, organisation=None)))
    if action == "delete_post":
        return client.post(url("delete", obj.pk))
    if action == "comment_post":
        return client.post(url("comment", obj.pk), {"text": "En kommentar"})
    raise AssertionError(action)


@pytest.mark.django_db
@pytest.mark.parametrize(("register", "variant", "action", "role", "scope"), list(register_cases()))
def test_register_urls(client, register, variant, action, role, scope):
    world = build_world(register, variant, role, scope)
    obj = {"own": world.own, "other": world.other, "shared": world.shared}[scope]
    sign_in(client, world)
    model = register.model
    rows_before = model._default_manager.count()
    history_before = obj.history.count()
    version_before = obj.version
    expected = expected_status(register, variant, action, role, scope, obj)

    response = request(client, register, action, obj, world)

    if role in (ANONYMOUS, NO_MEMBERSHIP):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login" if role == ANONYMOUS else "choose_organisation"))
    elif action == "create_post" and expected == 302:
        # Allowed: saved (302), or shown again with errors (200) where the copied row breaks a uniqueness rule.
        errors = response.context["form"].errors if response.status_code == 200 and response.context else None
        assert response.status_code in (200, 302), response.status_code
        assert response.status_code == 302 or errors, "an allowed create neither saved nor showed errors"
    elif action == "update_post" and expected == 302:
        errors = response.context["form"].errors.as_data() if response.context and "form" in response.context else ""
        assert response.status_code == 302, f"saving the unchanged edit form failed: {errors}"
        obj.refresh_from_db()
        latest = obj.history.order_by("-history_date", "-history_id").first()
        assert latest.history_user == world.user, "the edit's history entry names its actor"
    else:
        assert response.status_code == expected, (response.status_code, expected)

    refused = role in (ANONYMOUS, NO_MEMBERSHIP) or expected in (403, 404)
    if scope == "shared" and action == "delete_post":
        refused = True  # refused with its reason: a row other organisations share is not deleted here
    if action.endswith("_post") and refused:
        assert model._default_manager.count() == rows_before, "a refused POST added or removed nothing"
        if action != "create_post":
            assert obj.history.count() == history_before, "a refused POST left the row unchanged"
            obj.refresh_from_db()
            assert obj.version == version_before, "a refused POST left the row unchanged"
    if scope == "shared" and role not in (ANONYMOUS, NO_MEMBERSHIP):
        if action == "detail" and expected == 200:
            can_edit = (
                f'href="{reverse(f"registry:{register.slug}:update", args=[obj.pk])}"' in response.content.decode()
            )
            assert can_edit == (expected_status(register, variant, "update_get", role, scope, obj) == 200)
        if shared_owner(register, variant, scope) == "both" and hasattr(obj, "organisations"):
            addressed = set(obj.organisations.all())
            assert addressed == {world.own_org, world.other_org}, "a shared row stays shared"
    if action.startswith("export") and response.status_code == 200:
        text = exported_text(response)
        if action in ("export-xlsx", "export-csv"):
            assert f"Egen rad {register.slug}" in text, "the register's file holds the organisation's row"
        assert f"Annan organisations rad {register.slug}" not in text, "another organisation's row is in the export"
        if shared_owner(register, variant, scope) == "other":
            assert f"Gemensam rad {register.slug}" not in text, "another organisation's row under a shared one"
    if action == "list" and response.status_code == 200:
        page = response.content.decode()
        assert escape(str(world.other)) not in page, "another organisation's row shows in the list"
        if role not in (ANONYMOUS, NO_MEMBERSHIP):
            create_url = reverse(f"registry:{register.slug}:create")
            shown = f'href="{create_url}"' in page
            assert shown == may_create(register, variant, role_capabilities(role)), (
                "the create button only where it works"
            )


def exported_text(response) -> str:
    """Every value of an exported file (XLSX: every cell of every sheet; CSV: the text), as text."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("text/csv"):
        return body.decode("utf-8-sig")
    workbook = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
    return "\n".join(str(v) for ws in workbook.worksheets for row in ws.iter_rows(values_only=True) for v in row)


def extra_url_cases():
    """Register-specific extra URLs (e.g. classify an asset): without knowing their capability, at least another
    organisation's row answers 404 for every role, and anonymous visitors are sent to sign in."""
    for register in REGISTERS:
        for pattern in register.extra_urls:
            if "pk" not in pattern.pattern.converters:
                continue
            for role in ROLES:
                yield pytest.param(register, pattern.name, role, id=f"{register.slug}-{pattern.name}-{role}-other")


@pytest.mark.django_db
@pytest.mark.parametrize(("register", "name", "role"), list(extra_url_cases()))
def test_extra_register_urls_of_another_organisation(client, register, name, role):
    variants = FACTORIES.get(register.model._meta.label, [(None, None)])
    world = build_world(register, variants[0][0], role)
    if world.user:
        client.force_login(world.user)
    url = reverse(f"registry:{register.slug}:{name}", kwargs={"pk": world.other.pk})

    for response in (client.get(url), client.post(url, {})):
        if role == ANONYMOUS:
            assert response.status_code == 302 and response.url.startswith(reverse("login"))
        elif role == NO_MEMBERSHIP:
            assert response.status_code == 302 and response.url.startswith(reverse("choose_organisation"))
        else:
            assert response.status_code == 404


def shared_extra_url_cases():
    for register in REGISTERS:
        if register.model._meta.label not in SHARED_FACTORIES:
            continue
        for pattern in register.extra_urls:
            if "pk" not in pattern.pattern.converters:
                continue
            for role in [*ROLES, COORDINATOR_OF_BOTH]:
                yield pytest.param(register, pattern.name, role, id=f"{register.slug}-{pattern.name}-{role}-shared")


@pytest.mark.django_db
@pytest.mark.parametrize(("register", "name", "role"), list(shared_extra_url_cases()))
def test_extra_register_urls_of_a_shared_row(client, register, name, role):
    """The extra URLs of a DPO annual report addressed to the user's organisation and another (new recommendation,
    area texts) and of the other organisation's recommendation under it (progress note, action): whatever the role,
    a coordinator of both included, nothing of the other organisation's changes or is added from here, and its
    recommendation answers 404."""
    own_org, other_org = organisation(), organisation()
    report = _shared_report(own_org, other_org, "Gemensam årsrapport", Issuer.DPO_ANNUAL_REPORT)
    theirs = Recommendation.objects.create(
        organisation=other_org, report=report, number=1, area=DpoArea.RECORDS, text="Deras", response="Deras svar"
    )
    area = AuditReportArea.objects.create(
        report=report, organisation=other_org, area=DpoArea.RECORDS, status_text="Deras text"
    )
    world = World(None, None, make_user(role, own_org, other_org), own_org, other_org)
    sign_in(client, world)
    obj = theirs if register.model is Recommendation else report
    url = reverse(f"registry:{register.slug}:{name}", kwargs={"pk": obj.pk})
    data = {
        "report": report.pk,
        "organisation": other_org.pk,
        "number": 2,
        "area": DpoArea.RECORDS,
        "text": "Skriven härifrån",
        "status": "open",
        "date": "2024-01-01",
        "records": "Skriven härifrån",
        "versions": "{}",
        "plan_year": 2024,
        "position": 1,
        "title": "Åtgärd härifrån",
        "theme": "other",
        "priority": 2,
    }

    responses = [client.get(url), client.post(url, data)]

    if role in (ANONYMOUS, NO_MEMBERSHIP):
        assert all(r.status_code == 302 for r in responses)
    elif obj is theirs:
        assert [r.status_code for r in responses] == [404, 404]
    theirs.refresh_from_db()
    area.refresh_from_db()
    assert (theirs.text, theirs.response, theirs.version) == ("Deras", "Deras svar", 1)
    assert (area.status_text, area.version) == ("Deras text", 1)
    assert not theirs.notes.exists() and not theirs.actions.exists()
    assert list(Recommendation.objects.filter(organisation=other_org)) == [theirs]
    assert list(AuditReportArea.objects.filter(organisation=other_org)) == [area]
    assert set(report.organisations.all()) == {own_org, other_org}


@pytest.mark.django_db
@pytest.mark.parametrize("issuer", [Issuer.DPO_ANNUAL_REPORT, Issuer.CITY_AUDIT])
@pytest.mark.parametrize("role", ROLES)
def test_new_recommendation_under_a_report(client, role, issuer):
    """registry/reports/<id>/recommendations/new/: the coordinator under any report, the DPO under a DPO annual
    report only (a POST naming another report is refused as well); the report's page shows the button only then."""
    world = build_world(REPORTS_REGISTER, "report", role)
    own = _report(world.own_org, "Egen rapport", issuer)
    city = _report(world.own_org, "Stadsrevisionens rapport")
    if world.user:
        client.force_login(world.user)
    url = reverse("registry:reports:recommend", args=[own.pk])
    caps = CAPABILITIES.get(role, frozenset())
    allowed = EDIT in caps or (EDIT_DPO in caps and issuer == Issuer.DPO_ANNUAL_REPORT)
    data = {"report": own.pk, "number": 1, "text": "Ny rekommendation", "status": "open"}

    responses = [client.get(url), client.post(url, data), client.post(url, data | {"report": city.pk})]

    if role in (ANONYMOUS, NO_MEMBERSHIP):
        assert all(r.status_code == 302 for r in responses)
        assert not Recommendation.objects.exists()
        return
    got, created, moved = responses
    assert got.status_code == (200 if allowed else 403)
    assert created.status_code == (302 if allowed else 403)
    if EDIT not in caps:  # from the report's page, but naming a city audit report: refused
        assert moved.status_code == 403
        assert not Recommendation.objects.filter(report=city).exists()
    assert Recommendation.objects.filter(report=own).count() == (1 if allowed else 0)
    page = client.get(reverse("registry:reports:detail", args=[own.pk])).content.decode()
    assert (f'href="{url}"' in page) == allowed


# --- Pages outside the registers. ---------------------------------------------------------------------------------


@pytest.fixture
def user_in_role(django_user_model):
    def make(role):
        own_org, other_org = organisation(), organisation()
        if role == ANONYMOUS:
            return None, own_org, other_org
        user = django_user_model.objects.create_user(f"user-{role}")
        if role != NO_MEMBERSHIP:
            Membership.objects.create(user=user, organisation=own_org, role=role)
        return user, own_org, other_org

    return make


PAGES = {
    # path: (status for a member of any role, status without membership)
    "/": (200, 302),
    "/organisation/": (200, 200),
    "/overview/": (200, 200),
}


@pytest.mark.django_db
@pytest.mark.parametrize("path", list(PAGES))
@pytest.mark.parametrize("role", ROLES)
def test_pages(client, user_in_role, path, role):
    user, *_ = user_in_role(role)
    if user:
        client.force_login(user)

    response = client.get(path)

    if role == ANONYMOUS:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    else:
        member, none = PAGES[path]
        assert response.status_code == (none if role == NO_MEMBERSHIP else member)
        if response.status_code == 302:
            assert response.url.startswith(reverse("choose_organisation"))


@pytest.mark.django_db
@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("role", ROLES)
def test_choosing_an_organisation(client, user_in_role, role, scope):
    user, own_org, other_org = user_in_role(role)
    if user:
        client.force_login(user)

    response = client.post("/organisation/", {"organisation": (own_org if scope == "own" else other_org).pk})

    if role == ANONYMOUS:
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    elif role == NO_MEMBERSHIP or scope == "other":
        assert response.status_code == 400
    else:
        assert response.status_code == 302 and response.url == "/"


# --- HTML in user data is escaped. --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("register", REGISTERS, ids=lambda r: r.slug)
def test_html_in_user_data_is_escaped_on_list_and_detail(client, register, django_user_model):
    label = register.model._meta.label
    if label not in FACTORIES:
        pytest.skip(f"No factory for {label}: add one to FACTORIES")
    org = organisation()
    user = django_user_model.objects.create_user("samordnare")
    Membership.objects.create(user=user, organisation=org, role=Role.COORDINATOR)
    obj = FACTORIES[label][0][1](org, XSS)
    client.force_login(user)

    for url in (reverse(f"registry:{register.slug}:list"), reverse(f"registry:{register.slug}:detail", args=[obj.pk])):
        page = client.get(url).content.decode()
        assert XSS not in page, url
    assert escape(XSS) in page  # the detail page shows it, escaped


@pytest.mark.django_db
def test_an_asset_named_like_a_script_shows_escaped(client, django_user_model):
    org = organisation()
    user = django_user_model.objects.create_user("samordnare")
    Membership.objects.create(user=user, organisation=org, role=Role.COORDINATOR)
    asset = InformationAsset.objects.create(organisation=org, name=XSS, kind="system", status="planned")
    client.force_login(user)

    listing = client.get("/registry/assets/").content.decode()
    detail = client.get(f"/registry/assets/{asset.pk}/").content.decode()

    for page in (listing, detail):
        assert XSS not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
