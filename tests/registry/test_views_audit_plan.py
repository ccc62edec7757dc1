"""The screens of audit reports, recommendations, control checks, actions, steering documents and external factors:
the same checks for each register (list, detail, create, edit with history, roles, scoping, query counts)."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from isms.models import Role
from registry.views import REGISTERS
from tests.factories import organisation

from .plan_builders import action, control, document, factor, member, recommendation, report

pytestmark = pytest.mark.django_db


@dataclass
class Spec:
    make: Callable  # (org) → a row of the organisation
    data: Callable  # (org) → valid POST data of a new row
    field: str  # a field the edit changes
    value: object  # its new value


SPECS = {
    "reports": Spec(
        make=lambda org: report(org),
        data=lambda org: {"issuer": "city_audit", "title": "Informationssäkerhet", "date": "2024-03-01"},
        field="title",
        value="Ny titel",
    ),
    "recommendations": Spec(
        make=lambda org: recommendation(org),
        data=lambda org: {"report": report(org).pk, "number": 1, "text": "Inventera systemen", "status": "open"},
        field="owner",
        value="Administrativ chef",
    ),
    "controls": Spec(
        make=lambda org: control(org),
        data=lambda org: {
            "plan_year": 2024,
            "process": "Behörighetshantering",
            "control": "Stickprov av behörigheter",
            "method": "Stickprov",
            "deviations_found": 2,
            "deviations_remedied": 1,
        },
        field="control",
        value="Stickprov av avslutade anställningar",
    ),
    "actions": Spec(
        make=lambda org: action(org),
        data=lambda org: {
            "plan_year": 2024,
            "position": 1,
            "title": "Ta fram en incidentrutin",
            "theme": "incidents",
            "priority": 2,
            "status": "planned",
        },
        field="title",
        value="Se över incidentrutinen",
    ),
    "documents": Spec(
        make=lambda org: document(org),
        data=lambda org: {"title": "Rutin för incidenthantering", "kind": "routine", "status": "draft"},
        field="owner",
        value="Informationssäkerhetssamordnare",
    ),
    "factors": Spec(
        make=lambda org: factor(org),
        data=lambda org: {
            "title": "NIS2",
            "category": "law",
            "text": "Cybersäkerhetslagen träder i kraft.",
            "position": 1,
        },
        field="title",
        value="Cybersäkerhetslagen",
    ),
}
SLUGS = list(SPECS)


@pytest.fixture
def eav():
    return organisation("eav")


@pytest.fixture
def hsv():
    return organisation("hsv")


def signed_in(client, org, role):
    user = member(org, role)
    client.force_login(user)
    return user


def url(slug, action, *args):
    return reverse(f"registry:{slug}:{action}", args=args)


def edit_data(spec, org, obj):
    return {**spec.data(org), **_current(obj), spec.field: spec.value, "version": obj.version}


def _current(obj):
    """The row's own values for the fields the create data also names (so an edit keeps the row's relations)."""
    values = {}
    if hasattr(obj, "report_id"):
        values["report"] = obj.report_id
        values["number"] = obj.number
    return values


@pytest.mark.parametrize("slug", SLUGS)
def test_coordinator_lists_and_reads_a_row(client, eav, slug):
    spec = SPECS[slug]
    obj = spec.make(eav)
    signed_in(client, eav, Role.COORDINATOR)
    listing = client.get(url(slug, "list"))
    assert listing.status_code == 200
    assert url(slug, "detail", obj.pk) in listing.content.decode()
    detail = client.get(url(slug, "detail", obj.pk))
    assert detail.status_code == 200
    assert url(slug, "update", obj.pk) in detail.content.decode()


@pytest.mark.parametrize("slug", SLUGS)
def test_coordinator_creates_a_row_of_the_organisation(client, eav, slug):
    spec = SPECS[slug]
    user = signed_in(client, eav, Role.COORDINATOR)
    assert client.get(url(slug, "create")).status_code == 200
    response = client.post(url(slug, "create"), spec.data(eav))
    assert response.status_code == 302, response.context["form"].errors
    register = next(r for r in REGISTERS if r.slug == slug)
    obj = register.model.objects.latest("pk")
    assert response["Location"] == url(slug, "detail", obj.pk)
    if slug == "reports":
        assert list(obj.organisations.all()) == [eav]
    else:
        assert obj.organisation == eav
    assert obj.history.earliest().history_user == user
    assert obj.created_by == user


@pytest.mark.parametrize("slug", SLUGS)
def test_coordinator_edits_and_history_names_the_actor(client, eav, slug):
    spec = SPECS[slug]
    obj = spec.make(eav)
    user = signed_in(client, eav, Role.COORDINATOR)
    assert client.get(url(slug, "update", obj.pk)).status_code == 200
    response = client.post(url(slug, "update", obj.pk), edit_data(spec, eav, obj))
    assert response.status_code == 302, response.context["form"].errors
    obj.refresh_from_db()
    assert getattr(obj, spec.field) == spec.value
    latest = obj.history.latest()
    assert (latest.history_type, latest.history_user) == ("~", user)
    page = client.get(url(slug, "detail", obj.pk)).content.decode()
    assert f"Ändrad av {user.username}" in page
    assert str(spec.value) in page


@pytest.mark.parametrize("role", [Role.READER, Role.HEAD, Role.CONTRIBUTOR])
@pytest.mark.parametrize("slug", SLUGS)
def test_reader_head_and_contributor_read_but_may_not_create_or_edit(client, eav, slug, role):
    spec = SPECS[slug]
    obj = spec.make(eav)
    signed_in(client, eav, role)
    assert client.get(url(slug, "detail", obj.pk)).status_code == 200
    assert url(slug, "update", obj.pk) not in client.get(url(slug, "detail", obj.pk)).content.decode()
    assert url(slug, "create") not in client.get(url(slug, "list")).content.decode()
    assert client.get(url(slug, "create")).status_code == 403
    assert client.post(url(slug, "create"), spec.data(eav)).status_code == 403
    assert client.post(url(slug, "update", obj.pk), edit_data(spec, eav, obj)).status_code == 403
    assert client.post(url(slug, "delete", obj.pk)).status_code == 403
    obj.refresh_from_db()
    assert getattr(obj, spec.field) != spec.value


@pytest.mark.parametrize("slug", SLUGS)
def test_another_organisations_row_is_not_found(client, eav, hsv, slug):
    spec = SPECS[slug]
    theirs = spec.make(hsv)
    signed_in(client, eav, Role.COORDINATOR)
    for action_name in ("detail", "update", "delete", "comment"):
        method = client.post if action_name == "comment" else client.get
        assert method(url(slug, action_name, theirs.pk)).status_code == 404
    assert client.post(url(slug, "update", theirs.pk), edit_data(spec, hsv, theirs)).status_code == 404
    assert url(slug, "detail", theirs.pk) not in client.get(url(slug, "list")).content.decode()


@pytest.mark.parametrize("slug", [s for s in SLUGS if s != "recommendations"])
def test_dpo_may_not_edit_these_registers(client, eav, slug):
    spec = SPECS[slug]
    obj = spec.make(eav)
    signed_in(client, eav, Role.DPO)
    assert client.get(url(slug, "detail", obj.pk)).status_code == 200
    assert client.post(url(slug, "update", obj.pk), edit_data(spec, eav, obj)).status_code == 403
    assert client.post(url(slug, "create"), spec.data(eav)).status_code == 403


@pytest.mark.parametrize("slug", SLUGS)
def test_list_query_count_does_not_grow_with_rows(client, eav, slug):
    spec = SPECS[slug]
    signed_in(client, eav, Role.COORDINATOR)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(slug, "list")).status_code == 200
        return len(queries)

    for _ in range(5):
        spec.make(eav)
    few = count()
    for _ in range(45):
        spec.make(eav)
    assert count() == few


def test_more_registers_sit_in_one_dropdown_of_the_menu(client, eav):
    signed_in(client, eav, Role.READER)
    page = client.get(url("reports", "list")).content.decode()
    assert 'data-bs-toggle="dropdown"' in page and "Fler register" in page
    for slug in ("reports", "controls", "documents", "factors"):
        assert f'href="{url(slug, "list")}"' in page
    assert 'aria-current="page" href="/registry/reports/"' in page
