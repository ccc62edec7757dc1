"""Choosing the organisation to work in: remembered in the session, shown in the header, switchable."""

import pytest

from isms.models import Membership, Role
from isms.permissions import SESSION_KEY
from tests.factories import organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs():
    return organisation("eav", name="Enskede-Årsta-Vantör"), organisation("hsv", name="Hässelby-Vällingby")


def member(django_user_model, name, *pairs):
    user = django_user_model.objects.create_user(name)
    for org, role in pairs:
        Membership.objects.create(user=user, organisation=org, role=role)
    return user


def test_a_user_with_one_membership_works_in_it_without_choosing(client, django_user_model, orgs):
    client.force_login(member(django_user_model, "samordnare", (orgs[0], Role.COORDINATOR)))

    page = client.get("/")

    assert page.status_code == 200
    assert "Enskede-Årsta-Vantör" in page.content.decode()


def test_a_user_with_several_memberships_chooses_and_the_choice_is_remembered(client, django_user_model, orgs):
    eav, hsv = orgs
    client.force_login(member(django_user_model, "lasare", (eav, Role.READER), (hsv, Role.READER)))

    first = client.get("/")
    assert first.status_code == 302
    assert first.url == "/organisation/"
    page = client.get("/organisation/").content.decode()
    assert "Enskede-Årsta-Vantör" in page and "Hässelby-Vällingby" in page
    # The hint names the menu link as the menu shows it.
    assert "via ”Byt organisation” i menyn" in page
    assert ">Byt organisation</a>" in client.get("/overview/").content.decode()

    chosen = client.post("/organisation/", {"organisation": hsv.pk})
    assert chosen.status_code == 302
    assert chosen.url == "/"
    assert client.session[SESSION_KEY] == hsv.pk
    header = client.get("/").content.decode().split("<main", 1)[0]
    assert "Hässelby-Vällingby" in header
    assert "Läsare" in header
    assert "Enskede-Årsta-Vantör" not in header


def test_switching_organisation_changes_what_the_pages_show(client, django_user_model, orgs):
    eav, hsv = orgs
    client.force_login(member(django_user_model, "lasare", (eav, Role.READER), (hsv, Role.COORDINATOR)))
    client.post("/organisation/", {"organisation": eav.pk})
    assert "Enskede-Årsta-Vantör" in client.get("/").content.decode().split("<main", 1)[0]

    switched = client.post("/organisation/", {"organisation": hsv.pk}, follow=True)

    header = switched.content.decode().split("<main", 1)[0]
    assert "Hässelby-Vällingby" in header
    assert "Informationssäkerhetssamordnare" in header
    assert "Du arbetar nu i Hässelby-Vällingby." in switched.content.decode()


def test_an_organisation_without_membership_cannot_be_chosen(client, django_user_model, orgs):
    eav, hsv = orgs
    other = organisation("sod")
    client.force_login(member(django_user_model, "lasare", (eav, Role.READER), (hsv, Role.READER)))

    response = client.post("/organisation/", {"organisation": other.pk})

    assert response.status_code == 400
    assert "Välj en av organisationerna i listan." in response.content.decode()
    assert SESSION_KEY not in client.session


def test_a_user_without_membership_gets_a_clear_message(client, django_user_model, orgs):
    client.force_login(member(django_user_model, "ny"))

    assert client.get("/").url == "/organisation/"
    page = client.get("/organisation/").content.decode()

    assert "Du har ännu ingen behörighet i någon organisation." in page


def test_after_choosing_the_user_lands_on_the_page_they_asked_for(client, django_user_model, orgs):
    eav, hsv = orgs
    client.force_login(member(django_user_model, "lasare", (eav, Role.READER), (hsv, Role.READER)))

    asked = client.get("/registry/assets/?kind=system")
    assert asked.url == "/organisation/?next=%2Fregistry%2Fassets%2F%3Fkind%3Dsystem"
    chosen = client.post("/organisation/", {"organisation": hsv.pk, "next": "/registry/assets/?kind=system"})

    assert chosen.url == "/registry/assets/?kind=system"


def test_next_never_leads_off_the_site(client, django_user_model, orgs):
    eav, hsv = orgs
    client.force_login(member(django_user_model, "lasare", (eav, Role.READER), (hsv, Role.READER)))

    chosen = client.post("/organisation/", {"organisation": hsv.pk, "next": "https://evil.example/"})

    assert chosen.url == "/"


def test_a_membership_of_an_inactive_organisation_does_not_count(client, django_user_model, orgs):
    eav, hsv = orgs
    hsv.is_active = False
    hsv.save()
    client.force_login(member(django_user_model, "lasare", (eav, Role.READER), (hsv, Role.READER)))

    assert client.get("/").status_code == 200
    assert client.post("/organisation/", {"organisation": hsv.pk}).status_code == 400
