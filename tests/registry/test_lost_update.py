"""The lost update: two coordinators open the same row's edit form; the first saves, the second's save is refused
with the Swedish conflict message and their input kept, and the first change stays."""

import datetime
import html

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from isms.models import Membership, Role
from registry.forms.base import CONFLICT_MESSAGE
from registry.services import incident_create
from registry.views import REGISTERS
from tests.factories import organisation, system
from tests.formdata import form_data

pytestmark = pytest.mark.django_db


def _incident(org):
    return incident_create(
        organisation=org,
        user=None,
        title="Felskickat e-brev",
        is_personal_data_breach=True,
        became_aware_at=timezone.make_aware(datetime.datetime(2024, 3, 1, 9, 30)),
    )


# register slug: (build a row, the text field both users change)
CASES = {
    "assets": (lambda org: system(org, name="Lifecare"), "name"),
    "incidents": (_incident, "title"),
}


@pytest.fixture
def two_coordinators(client, django_user_model):
    org = organisation("eav")
    clients = []
    for name in ("samordnare", "samordnare2"):
        user = django_user_model.objects.create_user(name, first_name=name.capitalize())
        Membership.objects.create(user=user, organisation=org, role=Role.COORDINATOR)
        c = client if not clients else Client()
        c.force_login(user)
        clients.append((c, user))
    return org, clients


@pytest.mark.parametrize("slug", list(CASES))
def test_the_second_save_is_refused_and_nothing_is_lost(two_coordinators, slug):
    registers = {r.slug: r for r in REGISTERS}
    if slug not in registers:
        pytest.skip(f"The {slug} register is not in REGISTERS yet")
    build, field = CASES[slug]
    org, [(first, first_user), (second, _second_user)] = two_coordinators
    row = build(org)
    url = reverse(f"registry:{slug}:update", args=[row.pk])

    # Both open the edit form of the same version.
    first_form, second_form = (c.get(url).context["form"] for c in (first, second))
    first_data, second_data = form_data(first_form), form_data(second_form)
    assert first_data["version"] == second_data["version"] == str(row.version)

    first_data[field] = "Ändrat av den första"
    saved = first.post(url, first_data)
    assert saved.status_code == 302, saved.context["form"].errors if saved.context else saved

    second_data[field] = "Ändrat av den andra"
    refused = second.post(url, second_data)

    assert refused.status_code == 200
    page = refused.content.decode()
    assert html.escape(str(CONFLICT_MESSAGE)) in page
    assert 'value="Ändrat av den andra"' in page  # the second user's input is kept in the form
    row.refresh_from_db()
    assert getattr(row, field) == "Ändrat av den första"
    assert row.version == int(first_data["version"]) + 1
    latest = row.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user == first_user

    # Sending the same stale form again is refused again: only a reload of the newest version can be saved.
    again = second.post(url, second_data)
    assert again.status_code == 200
    row.refresh_from_db()
    assert getattr(row, field) == "Ändrat av den första"

    # After opening the form anew, the second user's change saves over the first's, knowingly.
    fresh = form_data(second.get(url).context["form"])
    assert fresh[field] == "Ändrat av den första"
    fresh[field] = "Ändrat av den andra"
    assert second.post(url, fresh).status_code == 302
    row.refresh_from_db()
    assert getattr(row, field) == "Ändrat av den andra"


def test_the_conflict_page_shows_the_other_change_and_a_deliberate_second_save_wins(two_coordinators):
    org, [(first, first_user), (second, second_user)] = two_coordinators
    row = system(org, name="Lifecare")
    url = reverse("registry:assets:update", args=[row.pk])
    first_data, second_data = (form_data(c.get(url).context["form"]) for c in (first, second))
    first_data["name"] = "Lifecare SP"
    assert first.post(url, first_data).status_code == 302

    second_data["name"] = "Procapita"
    refused = second.post(url, second_data)

    assert refused.status_code == 200
    page = refused.content.decode()
    conflict = page[page.index('data-testid="conflict"') :]
    conflict = conflict[: conflict.index("</table>")]
    assert "Någon annan har sparat ändringar" in conflict
    assert "Lifecare SP" in conflict and "Samordnare" in conflict  # the new value and who saved it
    assert "Namn" in conflict and "Beskrivning" not in conflict  # only the fields the other person changed
    assert "Rätta det som är markerat nedan" not in page  # no field is marked, so no such box
    shown = form_data(refused.context["form"])
    assert shown["name"] == "Procapita"  # the user's input stays
    assert shown["version"] == str(row.version + 1)  # the hidden version is the saved one now

    assert second.post(url, shown).status_code == 302  # saving again knowingly replaces the newer version
    row.refresh_from_db()
    assert (row.name, row.version) == ("Procapita", 3)
    names = [(r.name, r.history_user) for r in row.history.order_by("history_date", "history_id")]
    assert names[1:] == [("Lifecare SP", first_user), ("Procapita", second_user)]


def test_after_a_conflict_the_fields_only_the_other_person_changed_show_their_saved_values(two_coordinators):
    """Two people edit one incident: the first sets severity, immediate measures and the time it ended; the second
    only the cause. Saving the second's form again must not undo the first's changes to fields the second left."""
    org, [(first, _u1), (second, second_user)] = two_coordinators
    row = _incident(org)
    url = reverse("registry:incidents:update", args=[row.pk])
    first_data, second_data = (form_data(c.get(url).context["form"]) for c in (first, second))
    first_data |= {"severity": "high", "immediate_measures": "Kontot spärrat.", "ended_at": "2024-03-01T15:00"}
    del first_data["is_information_security"]  # the first unticks a box the second leaves ticked
    assert first.post(url, first_data).status_code == 302
    row.refresh_from_db()

    second_data["cause"] = "Nätfiske"
    refused = second.post(url, second_data)

    assert refused.status_code == 200
    shown = form_data(refused.context["form"])
    assert (shown["severity"], shown["immediate_measures"], shown["cause"]) == (["high"], "Kontot spärrat.", "Nätfiske")
    assert "is_information_security" not in shown and shown["ended_at"] == "2024-03-01T15:00"
    page = refused.content.decode()
    assert "det sparade värdet (du hade inte ändrat det)" in page

    assert second.post(url, shown).status_code == 302
    row.refresh_from_db()
    assert (row.severity, row.immediate_measures, row.cause) == ("high", "Kontot spärrat.", "Nätfiske")
    assert not row.is_information_security and timezone.localtime(row.ended_at).hour == 15
    assert row.history.first().history_user == second_user
